import Foundation
import Testing
@testable import OrgdeckCore

/// What the core must answer to one subject attempting one operation.
enum Verdict: Equatable, Sendable {
    case ok
    case forbidden
    case notFound
    case conflict
}

/// One row of the table: an operation, the audit action it records (nil for reads that
/// change nothing), and the verdict per subject.
struct MatrixRow: Sendable {
    let name: String
    let audit: String?
    /// Admin, Organization Contributor, Organization User, Team Contributor, outsider.
    let verdicts: [Verdict]
    let run: @Sendable (AdminWorld, Session) throws -> Void
}

@Suite("Role × action matrix, enforced in the core")
struct RoleMatrixTests {
    static let subjects = ["admin", "org-contributor", "org-user", "team-contributor", "outsider"]
    static let org = AdminWorld.org

    static let rows: [MatrixRow] = [
        // Apps: seeing, predicting (reading), and the app-level operations.
        MatrixRow(name: "list apps", audit: nil, verdicts: [.ok, .ok, .ok, .ok, .notFound]) { w, s in
            let total = try w.f.service.apps(s, in: org, query: AppQuery()).total
            let expected = s == w.members[.teamContributor] ? 2 : 3
            #expect(total == expected, "a Team Contributor sees exactly the apps of their teams")
        },
        MatrixRow(name: "see a viewer team app", audit: nil, verdicts: [.ok, .ok, .ok, .ok, .notFound]) { w, s in
            _ = try w.f.service.app(s, in: org, id: "view-app")
        },
        MatrixRow(name: "see a contributor team app", audit: nil, verdicts: [.ok, .ok, .ok, .ok, .notFound]) { w, s in
            _ = try w.f.service.app(s, in: org, id: "edit-app")
        },
        MatrixRow(name: "see an app of no team", audit: nil, verdicts: [.ok, .ok, .ok, .notFound, .notFound]) { w, s in
            _ = try w.f.service.app(s, in: org, id: "other-app")
        },
        MatrixRow(name: "create an app", audit: "app.create", verdicts: [.ok, .ok, .forbidden, .forbidden, .notFound]) { w, s in
            _ = try w.f.service.createApp(s, in: org, id: "brand-new", name: "", description: "")
        },
        MatrixRow(name: "rename a contributor app", audit: "app.update", verdicts: [.ok, .ok, .forbidden, .forbidden, .notFound]) { w, s in
            let app = try w.f.service.app(w.admin, in: org, id: "edit-app")
            _ = try w.f.service.updateApp(s, in: org, id: "edit-app", name: "Renamed", description: app.description,
                                          expectedVersion: app.version)
        },
        MatrixRow(name: "edit content of a contributor app", audit: "app.update", verdicts: [.ok, .ok, .forbidden, .ok, .notFound]) { w, s in
            let app = try w.f.service.app(w.admin, in: org, id: "edit-app")
            _ = try w.f.service.updateApp(s, in: org, id: "edit-app", name: app.name, description: "new words",
                                          expectedVersion: app.version)
        },
        MatrixRow(name: "edit content of a viewer app", audit: "app.update", verdicts: [.ok, .ok, .forbidden, .forbidden, .notFound]) { w, s in
            let app = try w.f.service.app(w.admin, in: org, id: "view-app")
            _ = try w.f.service.updateApp(s, in: org, id: "view-app", name: app.name, description: "new words",
                                          expectedVersion: app.version)
        },
        MatrixRow(name: "edit content of an app of no team", audit: "app.update", verdicts: [.ok, .ok, .forbidden, .notFound, .notFound]) { w, s in
            let app = try w.f.service.app(w.admin, in: org, id: "other-app")
            _ = try w.f.service.updateApp(s, in: org, id: "other-app", name: app.name, description: "new words",
                                          expectedVersion: app.version)
        },
        MatrixRow(name: "delete an app", audit: "app.delete", verdicts: [.ok, .ok, .forbidden, .forbidden, .notFound]) { w, s in
            try w.f.service.deleteApp(s, in: org, id: "edit-app")
        },
        MatrixRow(name: "duplicate an app", audit: "app.duplicate", verdicts: [.ok, .ok, .forbidden, .forbidden, .notFound]) { w, s in
            _ = try w.f.service.duplicateApp(s, in: org, id: "edit-app", newID: "edit-copy", newName: nil)
        },
        MatrixRow(name: "transfer an app in", audit: "app.transfer_in", verdicts: [.ok, .ok, .forbidden, .forbidden, .notFound]) { w, s in
            _ = try w.f.service.createApp(s, in: .personal, id: "mine", name: "", description: "")
            _ = try w.f.service.transferApp(s, id: "mine", toOrganization: "acme", newID: nil, newName: nil)
        },
        MatrixRow(name: "pin a viewer team app", audit: "app.pin", verdicts: [.ok, .ok, .ok, .ok, .notFound]) { w, s in
            try w.f.service.setPinned(s, in: org, id: "view-app", pinned: true)
        },
        MatrixRow(name: "label an app", audit: "app.label", verdicts: [.ok, .ok, .forbidden, .forbidden, .notFound]) { w, s in
            _ = try w.f.service.labelApp(s, in: org, id: "edit-app", labels: ["pci"])
        },
        MatrixRow(name: "unlabel an app", audit: "app.unlabel", verdicts: [.ok, .ok, .forbidden, .forbidden, .notFound]) { w, s in
            _ = try w.f.service.unlabelApp(s, in: org, id: "edit-app", labels: ["gdpr"])
        },
        // Teams.
        MatrixRow(name: "list teams", audit: nil, verdicts: [.ok, .ok, .ok, .ok, .notFound]) { w, s in
            let teams = try w.f.service.teams(s, organizationID: "acme", filter: "").map(\.id)
            #expect(teams == ["field", "spare-team"])
        },
        MatrixRow(name: "list a team's members", audit: nil, verdicts: [.ok, .ok, .ok, .ok, .notFound]) { w, s in
            _ = try w.f.service.teamMembers(s, organizationID: "acme", teamID: "field")
        },
        MatrixRow(name: "list a team's apps", audit: nil, verdicts: [.ok, .ok, .ok, .ok, .notFound]) { w, s in
            let apps = try w.f.service.teamApps(s, organizationID: "acme", teamID: "field").map(\.id)
            #expect(apps == ["edit-app", "view-app"])
        },
        MatrixRow(name: "create a team", audit: "team.create", verdicts: [.ok, .ok, .forbidden, .forbidden, .notFound]) { w, s in
            _ = try w.f.service.createTeam(s, organizationID: "acme", id: "new-team", name: "New")
        },
        MatrixRow(name: "rename a team", audit: "team.rename", verdicts: [.ok, .ok, .forbidden, .forbidden, .notFound]) { w, s in
            _ = try w.f.service.renameTeam(s, organizationID: "acme", id: "spare-team", name: "Renamed")
        },
        MatrixRow(name: "delete a team", audit: "team.delete", verdicts: [.ok, .ok, .forbidden, .forbidden, .notFound]) { w, s in
            try w.f.service.deleteTeam(s, organizationID: "acme", id: "spare-team")
        },
        MatrixRow(name: "add a team member", audit: "team.member_add", verdicts: [.ok, .ok, .forbidden, .forbidden, .notFound]) { w, s in
            try w.f.service.addTeamMember(s, organizationID: "acme", teamID: "spare-team", username: "spare")
        },
        MatrixRow(name: "remove a team member", audit: "team.member_remove", verdicts: [.ok, .ok, .forbidden, .forbidden, .notFound]) { w, s in
            try w.f.service.removeTeamMember(s, organizationID: "acme", teamID: "field",
                                             username: w.members[.teamContributor]!.user.username)
        },
        MatrixRow(name: "add a team app", audit: "team.app_add", verdicts: [.ok, .ok, .forbidden, .forbidden, .notFound]) { w, s in
            try w.f.service.addTeamApp(s, organizationID: "acme", teamID: "spare-team", appID: "other-app", role: .viewer)
        },
        MatrixRow(name: "remove a team app", audit: "team.app_remove", verdicts: [.ok, .ok, .forbidden, .forbidden, .notFound]) { w, s in
            try w.f.service.removeTeamApp(s, organizationID: "acme", teamID: "field", appID: "view-app")
        },
        MatrixRow(name: "set a team policy", audit: "team.policy", verdicts: [.ok, .ok, .forbidden, .forbidden, .notFound]) { w, s in
            _ = try w.f.service.setTeamPolicy(s, organizationID: "acme", teamID: "spare-team", requiredLabels: ["hipaa"])
        },
        // Members.
        MatrixRow(name: "list members", audit: nil, verdicts: [.ok, .ok, .ok, .ok, .notFound]) { w, s in
            _ = try w.f.service.members(s, organizationID: "acme")
        },
        MatrixRow(name: "change a role", audit: "member.role_change", verdicts: [.ok, .forbidden, .forbidden, .forbidden, .notFound]) { w, s in
            _ = try w.f.service.changeRole(s, organizationID: "acme", username: "spare", to: .orgContributor)
        },
        MatrixRow(name: "remove a member", audit: "member.remove", verdicts: [.ok, .forbidden, .forbidden, .forbidden, .notFound]) { w, s in
            try w.f.service.removeMember(s, organizationID: "acme", username: "spare")
        },
        // Invitations.
        MatrixRow(name: "invite", audit: "invitation.send", verdicts: [.ok, .forbidden, .forbidden, .forbidden, .notFound]) { w, s in
            _ = try w.f.service.invite(s, organizationID: "acme", email: "new@example.com", role: .orgUser, teams: [])
        },
        MatrixRow(name: "list invitations", audit: "invitation.list", verdicts: [.ok, .forbidden, .forbidden, .forbidden, .notFound]) { w, s in
            _ = try w.f.service.invitations(s, organizationID: "acme")
        },
        MatrixRow(name: "rescind an invitation", audit: "invitation.rescind", verdicts: [.ok, .forbidden, .forbidden, .forbidden, .notFound]) { w, s in
            try w.f.service.rescindInvitation(s, id: w.invitation.id)
        },
        MatrixRow(name: "resend an invitation", audit: "invitation.resend", verdicts: [.ok, .forbidden, .forbidden, .forbidden, .notFound]) { w, s in
            _ = try w.f.service.resendInvitation(s, id: w.invitation.id)
        },
        // Organization settings.
        MatrixRow(name: "update the organization profile", audit: "org.update", verdicts: [.ok, .forbidden, .forbidden, .forbidden, .notFound]) { w, s in
            let org = try w.f.service.organization(w.admin, id: "acme")
            _ = try w.f.service.updateOrganization(s, id: "acme", name: "Acme Two", billingEmail: org.billingEmail,
                                                   expectedVersion: org.version)
        },
        MatrixRow(name: "delete the organization", audit: "org.delete", verdicts: [.ok, .forbidden, .forbidden, .forbidden, .notFound]) { w, s in
            try w.f.service.deleteOrganization(s, id: "acme", confirmation: "acme")
        },
        MatrixRow(name: "leave the organization", audit: "member.leave", verdicts: [.conflict, .ok, .ok, .ok, .notFound]) { w, s in
            try w.f.service.leaveOrganization(s, organizationID: "acme")
        },
        MatrixRow(name: "see own activity", audit: nil, verdicts: [.ok, .ok, .ok, .ok, .notFound]) { w, s in
            _ = try w.f.service.auditEntries(s, in: org, offset: 0, limit: 10)
        },
    ]

    static let cases: [(String, String)] = rows.flatMap { row in subjects.map { (row.name, $0) } }

    @Test("every operation for every role, a Team Contributor through viewer and contributor apps, and a non-member",
          arguments: cases)
    func operation(name: String, subject: String) throws {
        let world = try AdminWorld()
        let row = Self.rows.first { $0.name == name }!
        let expected = row.verdicts[Self.subjects.firstIndex(of: subject)!]
        let session = world.session(subject)
        let before = try world.f.auditActions()
        let isRead = name.hasPrefix("list") || name.hasPrefix("see")

        let error = coreError { try row.run(world, session) }
        let audit = try world.f.auditActions()
        switch expected {
        case .ok:
            #expect(error == nil, "\(subject) may \(name): \(error?.message ?? "")")
            if let action = row.audit, !isRead {
                #expect(audit.last?.action == action)
                #expect(audit.last?.outcome == "ok")
                #expect(audit.last?.actor == session.user.username)
            } else {
                #expect(audit.count == before.count, "a read records nothing")
            }
        case .forbidden, .conflict:
            #expect(error?.kind == (expected == .forbidden ? .forbidden : .conflict), "\(subject) may not \(name)")
            #expect(audit.filter { $0.outcome == "denied" }.count == before.filter { $0.outcome == "denied" }.count + 1,
                    "the refusal is audited")
            #expect(audit.last?.action == row.audit)
            #expect(audit.last?.outcome == "denied")
            #expect(audit.last?.actor == session.user.username)
            #expect(audit.last?.org == "acme")
        case .notFound:
            #expect(error?.kind == .notFound, "\(subject) must not even see what \(name) acts on")
        }
        #expect(try world.f.service.verifyAudit() == .intact(entries: audit.count, notes: []))
    }

    @Test("isAllowed answers per app for a Team Contributor")
    func isAllowedPerApp() throws {
        let w = try AdminWorld()
        let tc = w.members[.teamContributor]!
        let s = w.f.service
        #expect(s.isAllowed(tc, .editAppContent, in: Self.org, appID: "edit-app"))
        #expect(!s.isAllowed(tc, .editAppContent, in: Self.org, appID: "view-app"))
        #expect(s.isAllowed(tc, .predict, in: Self.org, appID: "view-app"))
        #expect(!s.isAllowed(tc, .predict, in: Self.org, appID: "other-app"))
        #expect(!s.isAllowed(tc, .renameApp, in: Self.org, appID: "edit-app"))
        #expect(s.isAllowed(w.members[.orgUser]!, .predict, in: Self.org, appID: "other-app"))
        #expect(!s.isAllowed(w.members[.orgUser]!, .editAppContent, in: Self.org, appID: "other-app"))
        #expect(!s.isAllowed(w.outsider, .seeApps, in: Self.org, appID: "view-app"))
        #expect(try s.teamRole(tc, in: Self.org, appID: "edit-app") == .contributor)
        #expect(try s.teamRole(tc, in: Self.org, appID: "view-app") == .viewer)
        #expect(try s.teamRole(w.admin, in: Self.org, appID: "view-app") == nil)
        #expect(!s.isAllowed(tc, .manageInvitations, in: Self.org))
        #expect(s.isAllowed(w.members[.orgContributor]!, .manageTeams, in: Self.org))
    }

    @Test("the highest role across a Team Contributor's teams wins")
    func highestRoleWins() throws {
        let w = try AdminWorld()
        let s = w.f.service
        let tc = w.members[.teamContributor]!
        _ = try s.createTeam(w.admin, organizationID: "acme", id: "editors", name: "Editors")
        try s.addTeamMember(w.admin, organizationID: "acme", teamID: "editors", username: tc.user.username)
        #expect(!s.isAllowed(tc, .editAppContent, in: Self.org, appID: "view-app"))
        try s.addTeamApp(w.admin, organizationID: "acme", teamID: "editors", appID: "view-app", role: .contributor)
        #expect(s.isAllowed(tc, .editAppContent, in: Self.org, appID: "view-app"))
        // Leaving the granting team takes the grant away.
        try s.removeTeamMember(w.admin, organizationID: "acme", teamID: "editors", username: tc.user.username)
        #expect(!s.isAllowed(tc, .editAppContent, in: Self.org, appID: "view-app"))
        // Deleting the team takes its apps away.
        try s.deleteTeam(w.admin, organizationID: "acme", id: "field")
        #expect(try s.apps(tc, in: Self.org, query: AppQuery()).total == 0)
    }
}
