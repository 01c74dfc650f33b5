import Foundation
import OrgdeckCore
import Testing

/// `invitations send|list|accept|decline|rescind|resend`.
@Suite struct InvitationsCommandTests {
    static let invitationKeys: Set<String> = ["id", "organization_id", "organization_name", "email", "role", "teams",
                                              "invited_by", "sent_at", "expires_at", "state", "responded_at"]

    /// Sends an invitation through the CLI and returns its JSON.
    private func send(_ org: OrgSetup, to email: String, role: String = "org-user",
                      extra: [String] = []) throws -> [String: Any] {
        let result = try org.run(["invitations", "send", email, "--role", role, "--json"] + extra)
        #expect(result.status == 0, "\(result)")
        return try #require(result.object, "\(result)")
    }

    @Test func sendPrintsThePendingInvitation() throws {
        let org = try AdminDatabase.get().organization()
        let team = try org.team()
        let email = uniqueID("new") + "@example.com"
        let invitation = try send(org, to: email, role: "team-contributor", extra: ["--team", team])
        #expect(Set(invitation.keys) == Self.invitationKeys)
        #expect((invitation["id"] as? String)?.hasPrefix("inv_") == true)
        #expect(invitation["organization_id"] as? String == org.id)
        #expect(invitation["email"] as? String == email)
        #expect(invitation["role"] as? String == "team-contributor")
        #expect(invitation["teams"] as? [String] == [team])
        #expect(invitation["invited_by"] as? String == org.admin.username)
        #expect(invitation["state"] as? String == "pending")
        #expect(invitation["responded_at"] is NSNull)
        #expect((invitation["expires_at"] as? String)?.hasSuffix("Z") == true)

        let human = try org.run(["invitations", "send", uniqueID("h") + "@example.com", "--role", "org-user"])
        #expect(human.status == 0, "\(human)")
        #expect(human.stdout.hasPrefix("invited "), "\(human)")
    }

    @Test func anInvalidRoleIsAUsageErrorListingTheRoles() throws {
        let org = try AdminDatabase.get().organization()
        let result = try org.run(["invitations", "send", "x@example.com", "--role", "boss", "--json"])
        #expect(result.status == 2, "\(result)")
        #expect(result.errorKind == "usage")
        let message = try #require(result.errorObject?["message"] as? String)
        for role in Role.allCases { #expect(message.contains(role.rawValue), "\(message)") }
    }

    @Test func anOrganizationUserMayNotInvite() throws {
        let org = try AdminDatabase.get().organization(members: [.orgUser])
        let result = try org.run(["invitations", "send", uniqueID("x") + "@example.com", "--role", "org-user",
                                  "--json"], as: org.members[0])
        #expect(result.status == 4, "\(result)")
        #expect(result.errorKind == "forbidden")
    }

    @Test func invitingAnExistingMemberOrAPendingEmailIsAConflict() throws {
        let org = try AdminDatabase.get().organization(members: [.orgUser])
        let member = try org.run(["invitations", "send", org.members[0].email.uppercased(), "--role", "admin",
                                  "--json"])
        #expect(member.status == 6, "\(member)")
        #expect(member.errorKind == "conflict")

        let email = uniqueID("twice") + "@example.com"
        _ = try send(org, to: email)
        let again = try org.run(["invitations", "send", email, "--role", "org-user", "--json"])
        #expect(again.status == 6, "\(again)")
    }

    @Test func anUnknownTeamIsNotFoundLikeAnUnknownMember() throws {
        let org = try AdminDatabase.get().organization()
        let result = try org.run(["invitations", "send", uniqueID("tc") + "@example.com", "--role", "team-contributor",
                                  "--team", "no-such-team", "--json"])
        #expect(result.status == 5, "\(result)")
        #expect(result.errorKind == "not_found")
        #expect(try #require(try org.run(["invitations", "list", "--json"]).array).isEmpty, "nothing was sent")
    }

    @Test func aMalformedEmailIsInvalidInput() throws {
        let org = try AdminDatabase.get().organization()
        let result = try org.run(["invitations", "send", "not-an-email", "--role", "org-user", "--json"])
        #expect(result.status == 7, "\(result)")
        #expect(result.errorKind == "invalid")
    }

    @Test func anAdminListsTheOrganizationsInvitations() throws {
        let org = try AdminDatabase.get().organization()
        let email = uniqueID("lst") + "@example.com"
        let sent = try send(org, to: email)

        for arguments in [["invitations", "list", "--json"], ["invitations", "list", "--json", "--org", org.id]] {
            // Without --org the Admin's only organization is meant.
            let result = try org.database.run(arguments, as: org.admin)
            #expect(result.status == 0, "\(result)")
            let list = try #require(result.array, "\(result)")
            #expect(list.map { $0["id"] as? String } == [sent["id"] as? String])
            for invitation in list { #expect(Set(invitation.keys) == Self.invitationKeys) }
        }
        let human = try org.run(["invitations", "list"])
        #expect(human.stdout.hasPrefix("ID"), "\(human)")
        #expect(human.stdout.contains(email))
        #expect(human.stdout.contains("pending"))
    }

    @Test func aMemberWhoIsNoAdminMayNotListTheOrganizationsInvitations() throws {
        let org = try AdminDatabase.get().organization(members: [.orgUser])
        let result = try org.run(["invitations", "list", "--json"], as: org.members[0])
        #expect(result.status == 4, "\(result)")
    }

    @Test func anInviteeListsAndAcceptsTheirInvitation() throws {
        let db = try AdminDatabase.get()
        let org = try db.organization()
        let invitee = try db.user("inv")
        // The email matches case-insensitively.
        let sent = try send(org, to: invitee.email.uppercased(), role: "org-contributor")
        let id = try #require(sent["id"] as? String)

        let received = try db.run(["invitations", "list", "--json"], as: invitee)
        #expect(received.status == 0, "\(received)")
        let list = try #require(received.array, "\(received)")
        #expect(list.map { $0["id"] as? String } == [id])
        #expect(list.first?["organization_name"] as? String == "Org \(org.id)")
        let human = try db.run(["invitations", "list"], as: invitee)
        #expect(human.stdout.contains(org.id), "\(human)")

        let accepted = try db.run(["invitations", "accept", id, "--json"], as: invitee)
        #expect(accepted.status == 0, "\(accepted)")
        #expect(accepted.object?["id"] as? String == org.id)
        #expect(accepted.object?["role"] as? String == "org-contributor")
        #expect(accepted.object?["joined_at"] is String)
        #expect(try db.service.role(invitee.session, in: org.id) == .orgContributor)

        let after = try db.run(["invitations", "list", "--json", "--received"], as: invitee)
        #expect(after.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "[]", "\(after)")
        let states = try #require(try org.run(["invitations", "list", "--json"]).array)
        #expect(states.first?["state"] as? String == "accepted")
        #expect(states.first?["responded_at"] is String)
    }

    @Test func aTeamContributorJoinsTheTeamsOfTheInvitation() throws {
        let db = try AdminDatabase.get()
        let org = try db.organization()
        let team = try org.team()
        let app = try org.app()
        try db.service.addTeamApp(org.admin.session, organizationID: org.id, teamID: team, appID: app, role: .viewer)
        _ = try org.app("other")
        let invitee = try db.user("tc")
        let id = try #require(try send(org, to: invitee.email, role: "team-contributor",
                                       extra: ["--team", team])["id"] as? String)
        let accepted = try db.run(["invitations", "accept", id], as: invitee)
        #expect(accepted.stdout == "joined \(org.id) as Team Contributor\n", "\(accepted)")

        let members = try #require(try org.run(["teams", "members", "list", team, "--json"]).array)
        #expect(members.map { $0["id"] as? String } == [invitee.username])
        let apps = try #require(try db.run(["apps", "list", "--org", org.id, "--json"], as: invitee).array)
        #expect(apps.map { $0["id"] as? String } == [app], "only the team's app")
    }

    @Test func anAdminListsTheirOwnInvitationsWithReceived() throws {
        let db = try AdminDatabase.get()
        let org = try db.organization()
        let other = try db.organization()
        let id = try #require(try send(other, to: org.admin.email)["id"] as? String)
        let own = try db.run(["invitations", "list", "--received", "--json"], as: org.admin)
        #expect(own.status == 0, "\(own)")
        #expect(try #require(own.array).map { $0["id"] as? String } == [id])
        let organization = try #require(try db.run(["invitations", "list", "--json"], as: org.admin).array)
        #expect(organization.isEmpty, "without --received an Admin sees the organization's")
    }

    @Test func anInvitationForSomeoneElseCannotBeAccepted() throws {
        let db = try AdminDatabase.get()
        let org = try db.organization()
        let stranger = try db.user("str")
        let id = try #require(try send(org, to: uniqueID("other") + "@example.com")["id"] as? String)
        // Another user's invitation is not revealed to exist.
        let result = try db.run(["invitations", "accept", id, "--json"], as: stranger)
        #expect(result.status == 5, "\(result)")
        #expect(try db.service.role(stranger.session, in: org.id) == nil)
    }

    @Test func acceptingAtTheOrganizationLimitIsAConflict() throws {
        let db = try AdminDatabase.get()
        let org = try db.organization()
        let other = try db.organization(members: [.orgUser])
        let busy = other.members[0]
        let id = try #require(try send(org, to: busy.email)["id"] as? String)
        let result = try db.run(["invitations", "accept", id, "--json"], as: busy)
        #expect(result.status == 6, "\(result)")
        #expect((result.errorObject?["message"] as? String)?.contains("leave your current organization first") == true)
    }

    @Test func declineRescindAndResend() throws {
        let db = try AdminDatabase.get()
        let org = try db.organization()
        let invitee = try db.user("dec")
        let declinedID = try #require(try send(org, to: invitee.email)["id"] as? String)
        let declined = try db.run(["invitations", "decline", declinedID, "--json"], as: invitee)
        #expect(declined.status == 0, "\(declined)")
        #expect(declined.object?["state"] as? String == "declined")

        let pending = try send(org, to: uniqueID("res") + "@example.com")
        let pendingID = try #require(pending["id"] as? String)
        let resent = try org.run(["invitations", "resend", pendingID, "--json"])
        #expect(resent.status == 0, "\(resent)")
        #expect(Set(try #require(resent.object).keys) == Self.invitationKeys)
        #expect(resent.object?["state"] as? String == "pending")
        #expect((resent.object?["expires_at"] as? String ?? "") >= (pending["expires_at"] as? String ?? "~"))

        let rescinded = try org.run(["invitations", "rescind", pendingID])
        #expect(rescinded.status == 0, "\(rescinded)")
        #expect(rescinded.stdout.hasPrefix("rescinded "))

        let list = try #require(try org.run(["invitations", "list", "--json"]).array)
        let states = Dictionary(uniqueKeysWithValues: list.map { ($0["id"] as? String ?? "", $0["state"] as? String) })
        #expect(states[declinedID] == "declined")
        #expect(states[pendingID] == "rescinded")

        let again = try org.run(["invitations", "rescind", pendingID, "--json"])
        #expect(again.status == 6, "a rescinded invitation cannot be rescinded again: \(again)")
    }

    @Test func onlyAdminsRescindAndResend() throws {
        let org = try AdminDatabase.get().organization(members: [.orgContributor])
        let id = try #require(try send(org, to: uniqueID("adm") + "@example.com")["id"] as? String)
        for command in ["rescind", "resend"] {
            let result = try org.run(["invitations", command, id, "--json"], as: org.members[0])
            #expect(result.status == 4, "\(command): \(result)")
        }
    }

    @Test func anExpiredInvitationCannotBeAccepted() throws {
        let db = try AdminDatabase.get()
        let org = try db.organization()
        let invitee = try db.user("exp")
        // Sent eight days ago by a core whose clock says so; the CLI's clock sees it expired.
        let past = try OrgService.open(path: db.path, options: OrgService.Options(
            clock: { Date().addingTimeInterval(-8 * 86_400) }, passwordRounds: 1_000, auditKey: Workspace.auditKey))
        let invitation = try past.invite(org.admin.session, organizationID: org.id, email: invitee.email,
                                         role: .orgUser, teams: [])
        let list = try #require(try org.run(["invitations", "list", "--json"]).array)
        #expect(list.first { $0["id"] as? String == invitation.id }?["state"] as? String == "expired")
        let result = try db.run(["invitations", "accept", invitation.id, "--json"], as: invitee)
        #expect(result.status == 6, "\(result)")
    }

    @Test func unknownInvitationsAreNotFound() throws {
        let db = try AdminDatabase.get()
        let org = try db.organization()
        for command in ["accept", "decline"] {
            let result = try db.run(["invitations", command, "inv_999999999", "--json"], as: org.admin)
            #expect(result.status == 5, "\(command): \(result)")
            #expect(result.errorKind == "not_found")
        }
        let rescind = try org.run(["invitations", "rescind", "inv_999999999"])
        #expect(rescind.status == 5, "\(rescind)")
    }
}
