import Foundation
import OrgdeckCore
import Testing

/// `members list|role|remove`.
@Suite struct MembersCommandTests {
    static let memberKeys: Set<String> = ["id", "username", "name", "email", "role", "teams", "joined_at",
                                          "last_active_at"]

    @Test func listShowsEveryMemberWithRoleAndTeams() throws {
        let org = try AdminDatabase.get().organization(members: [.orgUser, .teamContributor])
        let team = try org.team()
        try org.database.service.addTeamMember(org.admin.session, organizationID: org.id, teamID: team,
                                               username: org.members[1].username)

        let result = try org.run(["members", "list", "--json"])
        #expect(result.status == 0, "\(result)")
        let members = try #require(result.array, "\(result)")
        for member in members { #expect(Set(member.keys) == Self.memberKeys) }
        let byID = Dictionary(uniqueKeysWithValues: members.map { ($0["id"] as? String ?? "", $0) })
        #expect(byID.count == 3)
        #expect(byID[org.admin.username]?["role"] as? String == "admin")
        #expect(byID[org.members[0].username]?["role"] as? String == "org-user")
        #expect(byID[org.members[1].username]?["role"] as? String == "team-contributor")
        #expect(byID[org.members[1].username]?["teams"] as? [String] == [team])
        #expect(byID[org.members[0].username]?["teams"] as? [String] == [])
        #expect((byID[org.admin.username]?["joined_at"] as? String)?.hasSuffix("Z") == true)

        let human = try org.run(["members", "list"], as: org.members[0])
        #expect(human.status == 0, "\(human)")
        let lines = human.stdout.split(separator: "\n")
        #expect(lines.first?.hasPrefix("USERNAME") == true, "\(human)")
        #expect(lines.count == 4)
        #expect(human.stdout.contains("Team Contributor"))
    }

    @Test func withoutOrgTheOnlyOrganizationIsUsed() throws {
        let db = try AdminDatabase.get()
        let org = try db.organization(members: [.orgUser])
        let result = try db.run(["members", "list", "--json"], as: org.members[0])
        #expect(result.status == 0, "\(result)")
        #expect(try #require(result.array).count == 2)
    }

    @Test func withoutOrgAndWithoutAnOrganizationIsAUsageError() throws {
        let db = try AdminDatabase.get()
        let loner = try db.user("solo")
        let result = try db.run(["members", "list", "--json"], as: loner)
        #expect(result.status == 2, "\(result)")
        #expect(result.errorKind == "usage")
        #expect((result.errorObject?["message"] as? String)?.contains("--org") == true)
    }

    @Test func roleChangesAMembersRole() throws {
        let org = try AdminDatabase.get().organization(members: [.orgUser])
        let user = org.members[0].username
        let result = try org.run(["members", "role", user, "org-contributor", "--json"])
        #expect(result.status == 0, "\(result)")
        let member = try #require(result.object, "\(result)")
        #expect(Set(member.keys) == Self.memberKeys)
        #expect(member["id"] as? String == user)
        #expect(member["role"] as? String == "org-contributor")

        let human = try org.run(["members", "role", user, "team-contributor"])
        #expect(human.status == 0, "\(human)")
        #expect(human.stdout.contains("Team Contributor"))
        #expect(try org.database.service.role(org.members[0].session, in: org.id) == .teamContributor)
    }

    @Test func anInvalidRoleIsAUsageErrorListingTheRoles() throws {
        let org = try AdminDatabase.get().organization(members: [.orgUser])
        let result = try org.run(["members", "role", org.members[0].username, "owner"])
        #expect(result.status == 2, "\(result)")
        for role in ["admin", "org-contributor", "org-user", "team-contributor"] {
            #expect(result.stderr.contains(role), "lists \(role): \(result.stderr)")
        }
        #expect(result.stderr.filter { $0 == "\n" }.count == 1)
    }

    @Test func onlyAdminsChangeRoles() throws {
        let org = try AdminDatabase.get().organization(members: [.orgContributor, .orgUser])
        let result = try org.run(["members", "role", org.members[1].username, "admin", "--json"], as: org.members[0])
        #expect(result.status == 4, "\(result)")
        #expect(result.errorKind == "forbidden")
        #expect(result.stdout.isEmpty)
        #expect(try org.database.service.role(org.members[1].session, in: org.id) == .orgUser)
    }

    @Test func nobodyChangesTheirOwnRole() throws {
        let org = try AdminDatabase.get().organization(members: [.admin])
        let result = try org.run(["members", "role", org.admin.username, "org-user", "--json"])
        #expect(result.status == 4, "\(result)")
        #expect(result.errorKind == "forbidden")
        #expect(try org.database.service.role(org.admin.session, in: org.id) == .admin)
    }

    @Test func roleOfAnUnknownUserIsNotFound() throws {
        let org = try AdminDatabase.get().organization()
        let result = try org.run(["members", "role", "nobody-here", "org-user", "--json"])
        #expect(result.status == 5, "\(result)")
        #expect(result.errorKind == "not_found")
    }

    @Test func removeNeedsYes() throws {
        let org = try AdminDatabase.get().organization(members: [.orgUser])
        let user = org.members[0].username
        let refused = try org.run(["members", "remove", user])
        #expect(refused.status == 2, "\(refused)")
        #expect(refused.stderr.contains("--yes"))
        #expect(try org.database.service.role(org.members[0].session, in: org.id) == .orgUser, "still a member")

        let removed = try org.run(["members", "remove", user, "--yes", "--json"])
        #expect(removed.status == 0, "\(removed)")
        #expect(removed.object?["id"] as? String == user)
        #expect(removed.object?["removed"] as? Bool == true)
        #expect(try org.database.service.role(org.members[0].session, in: org.id) == nil)

        let gone = try org.run(["members", "list", "--json"], as: org.members[0])
        #expect(gone.status == 5, "a former member no longer sees the organization: \(gone)")
    }

    @Test func onlyAdminsRemoveMembers() throws {
        let org = try AdminDatabase.get().organization(members: [.orgUser, .orgUser])
        let result = try org.run(["members", "remove", org.members[1].username, "--yes"], as: org.members[0])
        #expect(result.status == 4, "\(result)")
    }

    @Test func outsidersSeeNoOrganization() throws {
        let db = try AdminDatabase.get()
        let org = try db.organization()
        let outsider = try db.user("out")
        let result = try org.run(["members", "list", "--json"], as: outsider)
        #expect(result.status == 5, "\(result)")
        #expect(result.errorKind == "not_found")
    }
}
