import Testing
@testable import OrgdeckCore

/// What an operation should do for a role.
enum Expect: Equatable {
    case ok
    case forbidden
    case notFound
}

@Suite("Permissions")
struct PermissionTests {
    @Test("the matrix of PRODUCT.md §5")
    func matrix() {
        let rows: [(Action, [Reach])] = [  // Admin, OC, OU, TC
            (.seeApps, [.all, .all, .all, .teamApps]),
            (.createApp, [.all, .all, .none, .none]),
            (.renameApp, [.all, .all, .none, .none]),
            (.duplicateApp, [.all, .all, .none, .none]),
            (.deleteApp, [.all, .all, .none, .none]),
            (.transferAppIn, [.all, .all, .none, .none]),
            (.editAppContent, [.all, .all, .none, .contributorApps]),
            (.predict, [.all, .all, .all, .teamApps]),
            (.manageTeams, [.all, .all, .none, .none]),
            (.manageMembers, [.all, .none, .none, .none]),
            (.manageOrganization, [.all, .none, .none, .none]),
            (.seeBilling, [.all, .none, .none, .none]),
            (.seeOwnUsage, [.all, .all, .all, .all]),
            (.manageInvitations, [.all, .none, .none, .none]),
            (.labelApps, [.all, .all, .none, .none]),
            (.trainModels, [.all, .all, .none, .contributorApps]),
            (.setModelVisibility, [.all, .all, .none, .contributorApps]),
            (.manageSecurity, [.all, .none, .none, .none]),
            (.manageBilling, [.all, .none, .none, .none]),
            (.manageCollaborators, [.all, .all, .none, .none]),
        ]
        #expect(rows.count == Action.allCases.count)
        for (action, reaches) in rows {
            for (role, reach) in zip([Role.admin, .orgContributor, .orgUser, .teamContributor], reaches) {
                #expect(Permissions.reach(action, for: role) == reach, "\(action) for \(role)")
            }
        }
        #expect(Permissions.denialMessage(for: .createApp) == "creating apps requires role Admin or Organization Contributor")
    }

    static let operations: [(String, [Role: Expect])] = [
        ("list", [.admin: .ok, .orgContributor: .ok, .orgUser: .ok, .teamContributor: .ok]),
        ("read", [.admin: .ok, .orgContributor: .ok, .orgUser: .ok, .teamContributor: .notFound]),
        ("create", [.admin: .ok, .orgContributor: .ok, .orgUser: .forbidden, .teamContributor: .forbidden]),
        ("rename", [.admin: .ok, .orgContributor: .ok, .orgUser: .forbidden, .teamContributor: .notFound]),
        ("describe", [.admin: .ok, .orgContributor: .ok, .orgUser: .forbidden, .teamContributor: .notFound]),
        ("delete", [.admin: .ok, .orgContributor: .ok, .orgUser: .forbidden, .teamContributor: .forbidden]),
        ("duplicate", [.admin: .ok, .orgContributor: .ok, .orgUser: .forbidden, .teamContributor: .forbidden]),
        ("transfer", [.admin: .ok, .orgContributor: .ok, .orgUser: .forbidden, .teamContributor: .forbidden]),
        ("pin", [.admin: .ok, .orgContributor: .ok, .orgUser: .ok, .teamContributor: .notFound]),
    ]

    static let cases: [(String, Role)] = operations.flatMap { op in Role.allCases.map { (op.0, $0) } }

    @Test("every app operation, per role", arguments: cases)
    func appOperation(operation: String, role: Role) throws {
        let f = try Fixture()
        let (admin, members) = try f.organization()
        let org = Context.organization("acme")
        let app = try f.service.createApp(admin, in: org, id: "shared", name: "Shared", description: "d")
        let session = members[role]!
        let personal = try f.service.createApp(session, in: .personal, id: "mine", name: "Mine", description: "")
        let before = try f.auditActions().count

        let expected = Self.operations.first { $0.0 == operation }!.1[role]!
        let error = coreError {
            switch operation {
            case "list":
                let page = try f.service.apps(session, in: org, query: AppQuery())
                // A Team Contributor reaches only team apps: none yet.
                #expect(page.total == (role == .teamContributor ? 0 : 1))
            case "read": _ = try f.service.app(session, in: org, id: "shared")
            case "create": _ = try f.service.createApp(session, in: org, id: "new-app", name: "New", description: "")
            case "rename":
                _ = try f.service.updateApp(session, in: org, id: "shared", name: "Renamed", description: "d",
                                            expectedVersion: app.version)
            case "describe":
                _ = try f.service.updateApp(session, in: org, id: "shared", name: "Shared", description: "new",
                                            expectedVersion: app.version)
            case "delete": try f.service.deleteApp(session, in: org, id: "shared")
            case "duplicate": _ = try f.service.duplicateApp(session, in: org, id: "shared", newID: "copy", newName: nil)
            case "transfer": _ = try f.service.transferApp(session, id: personal.id, toOrganization: "acme", newID: nil, newName: nil)
            case "pin": try f.service.setPinned(session, in: org, id: "shared", pinned: true)
            default: Issue.record("unknown operation \(operation)")
            }
        }
        let audit = try f.auditActions()
        switch expected {
        case .ok:
            #expect(error == nil)
            if !["list", "read"].contains(operation) {
                #expect(audit.count > before, "a change is audited")
                #expect(audit.last?.outcome == "ok")
                #expect(audit.last?.actor == session.user.username)
            }
        case .forbidden:
            #expect(error?.kind == .forbidden)
            #expect(error?.message.contains("requires role") == true)
            #expect(audit.count == before + 1, "the denial is audited")
            #expect(audit.last?.outcome == "denied")
            #expect(audit.last?.org == "acme")
            #expect(audit.last?.actor == session.user.username)
        case .notFound:
            #expect(error?.kind == .notFound)
        }
        // Nothing changed on refusal.
        if expected != .ok {
            #expect(try f.service.app(admin, in: org, id: "shared") == app)
            #expect(try f.service.apps(admin, in: org, query: AppQuery()).total == 1)
        }
    }

    @Test("isAllowed mirrors the matrix; personal context allows everything")
    func isAllowed() throws {
        let f = try Fixture()
        let (_, members) = try f.organization()
        let org = Context.organization("acme")
        #expect(f.service.isAllowed(members[.admin]!, .manageMembers, in: org))
        #expect(!f.service.isAllowed(members[.orgContributor]!, .manageMembers, in: org))
        #expect(f.service.isAllowed(members[.orgContributor]!, .createApp, in: org))
        #expect(!f.service.isAllowed(members[.orgUser]!, .createApp, in: org))
        #expect(f.service.isAllowed(members[.teamContributor]!, .seeApps, in: org))
        #expect(f.service.isAllowed(members[.orgUser]!, .createApp, in: .personal))
    }
}
