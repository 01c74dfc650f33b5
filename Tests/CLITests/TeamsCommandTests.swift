import Foundation
import OrgdeckCore
import Testing

/// `teams list|create|rename|delete|policy` and `teams members …`, `teams apps …`.
@Suite struct TeamsCommandTests {
    static let teamKeys: Set<String> = ["id", "organization_id", "name", "required_labels", "member_count",
                                        "app_count", "created_at", "version"]

    @Test func createListAndFilter() throws {
        let org = try AdminDatabase.get().organization(members: [.orgContributor])
        let created = try org.run(["teams", "create", "ml-ops", "--name", "ML Ops", "--json"])
        #expect(created.status == 0, "\(created)")
        let team = try #require(created.object, "\(created)")
        #expect(Set(team.keys) == Self.teamKeys)
        #expect(team["id"] as? String == "ml-ops")
        #expect(team["organization_id"] as? String == org.id)
        #expect(team["required_labels"] as? [String] == [])
        #expect(team["member_count"] as? Int == 0)

        // An Organization Contributor manages teams too, and --org may be left out.
        let second = try org.database.run(["teams", "create", "vision", "--name", "Vision"], as: org.members[0])
        #expect(second.status == 0, "\(second)")
        #expect(second.stdout == "created team vision\n")

        let all = try #require(try org.run(["teams", "list", "--json"]).array)
        #expect(Set(all.compactMap { $0["id"] as? String }) == ["ml-ops", "vision"])
        for team in all { #expect(Set(team.keys) == Self.teamKeys) }
        let filtered = try #require(try org.run(["teams", "list", "--filter", "visi", "--json"]).array)
        #expect(filtered.map { $0["id"] as? String } == ["vision"])
        let human = try org.run(["teams", "list"])
        #expect(human.stdout.hasPrefix("ID"), "\(human)")
        #expect(human.stdout.contains("ML Ops"))
    }

    @Test func aDuplicateTeamIsAConflict() throws {
        let org = try AdminDatabase.get().organization()
        let id = try org.team()
        let result = try org.run(["teams", "create", id, "--name", "Again", "--json"])
        #expect(result.status == 6, "\(result)")
        #expect(result.errorKind == "conflict")
    }

    @Test func aBadTeamIDIsInvalidInput() throws {
        let org = try AdminDatabase.get().organization()
        let result = try org.run(["teams", "create", "bad team", "--name", "Bad", "--json"])
        #expect(result.status == 7, "\(result)")
        #expect(result.errorKind == "invalid")
    }

    @Test func organizationUsersMayNotManageTeams() throws {
        let org = try AdminDatabase.get().organization(members: [.orgUser])
        let result = try org.run(["teams", "create", uniqueID("t"), "--name", "No", "--json"], as: org.members[0])
        #expect(result.status == 4, "\(result)")
        #expect(result.errorKind == "forbidden")
    }

    @Test func renameAndDelete() throws {
        let org = try AdminDatabase.get().organization()
        let id = try org.team()
        let renamed = try org.run(["teams", "rename", id, "Renamed", "--json"])
        #expect(renamed.status == 0, "\(renamed)")
        #expect(renamed.object?["name"] as? String == "Renamed")

        let refused = try org.run(["teams", "delete", id])
        #expect(refused.status == 2, "\(refused)")
        #expect(refused.stderr.contains("--yes"))

        let deleted = try org.run(["teams", "delete", id, "--yes", "--json"])
        #expect(deleted.status == 0, "\(deleted)")
        #expect(deleted.object?["deleted"] as? Bool == true)
        let again = try org.run(["teams", "rename", id, "Gone", "--json"])
        #expect(again.status == 5, "\(again)")
        #expect(again.errorKind == "not_found")
    }

    @Test func membersAddListRemove() throws {
        let org = try AdminDatabase.get().organization(members: [.teamContributor])
        let team = try org.team()
        let user = org.members[0].username
        let added = try org.run(["teams", "members", "add", team, user, "--json"])
        #expect(added.status == 0, "\(added)")
        #expect(added.object?["member"] as? Bool == true)

        let list = try org.run(["teams", "members", "list", team, "--json"])
        #expect(list.status == 0, "\(list)")
        let members = try #require(list.array, "\(list)")
        #expect(members.map { $0["id"] as? String } == [user])
        #expect(Set(members[0].keys) == MembersCommandTests.memberKeys)

        let twice = try org.run(["teams", "members", "add", team, user, "--json"])
        #expect(twice.status == 6, "\(twice)")

        let removed = try org.run(["teams", "members", "remove", team, user])
        #expect(removed.status == 0, "\(removed)")
        let empty = try org.run(["teams", "members", "list", team])
        #expect(empty.stdout.hasPrefix("no members"), "\(empty)")
    }

    @Test func onlyOrganizationMembersJoinTeams() throws {
        let db = try AdminDatabase.get()
        let org = try db.organization()
        let outsider = try db.user("out")
        let result = try org.run(["teams", "members", "add", try org.team(), outsider.username, "--json"])
        #expect(result.status == 5, "\(result)")
        #expect(result.errorKind == "not_found")
    }

    @Test func appsAddListRemoveWithARole() throws {
        let org = try AdminDatabase.get().organization(members: [.teamContributor])
        let team = try org.team()
        let app = try org.app()
        let added = try org.run(["teams", "apps", "add", team, app, "--role", "contributor", "--json"])
        #expect(added.status == 0, "\(added)")
        #expect(added.object?["role"] as? String == "contributor")

        let list = try #require(try org.run(["teams", "apps", "list", team, "--json"]).array)
        #expect(list.map { $0["id"] as? String } == [app])
        #expect(list.first?["role"] as? String == "contributor")
        #expect(Set(list[0].keys) == ["id", "name", "role", "labels", "updated_at"])

        // The Team Contributor in the team sees exactly that app.
        _ = try org.run(["teams", "members", "add", team, org.members[0].username])
        _ = try org.app("hidden")
        let seen = try #require(try org.run(["apps", "list", "--json"], as: org.members[0]).array)
        #expect(seen.map { $0["id"] as? String } == [app])

        let removed = try org.run(["teams", "apps", "remove", team, app])
        #expect(removed.status == 0, "\(removed)")
        #expect(try org.run(["teams", "apps", "list", team]).stdout.hasPrefix("no apps"))
    }

    @Test func anInvalidTeamAppRoleIsAUsageError() throws {
        let org = try AdminDatabase.get().organization()
        let result = try org.run(["teams", "apps", "add", "t", "a", "--role", "owner"])
        #expect(result.status == 2, "\(result)")
        #expect(result.stderr.contains("viewer") && result.stderr.contains("contributor"))
        let missing = try org.run(["teams", "apps", "add", "t", "a"])
        #expect(missing.status == 2, "\(missing)")
    }

    @Test func unknownTeamsAndAppsAreNotFound() throws {
        let org = try AdminDatabase.get().organization()
        let team = try org.team()
        let noApp = try org.run(["teams", "apps", "add", team, "no-such-app", "--role", "viewer", "--json"])
        #expect(noApp.status == 5, "\(noApp)")
        let noTeam = try org.run(["teams", "members", "list", "no-such-team", "--json"])
        #expect(noTeam.status == 5, "\(noTeam)")
    }

    @Test func aPolicyRefusesUnlabelledAppsAndLabelRemoval() throws {
        let org = try AdminDatabase.get().organization()
        let team = try org.team()
        let app = try org.app()
        let policy = try org.run(["teams", "policy", team, "--require-label", "hipaa", "--require-label", "gdpr",
                                  "--json"])
        #expect(policy.status == 0, "\(policy)")
        #expect(Set(policy.object?["required_labels"] as? [String] ?? []) == ["gdpr", "hipaa"])

        let refused = try org.run(["teams", "apps", "add", team, app, "--role", "viewer", "--json"])
        #expect(refused.status == 6, "\(refused)")
        #expect((refused.errorObject?["message"] as? String)?.contains("hipaa") == true, "says why: \(refused)")

        #expect(try org.run(["apps", "label", app, "hipaa", "gdpr"]).status == 0)
        let added = try org.run(["teams", "apps", "add", team, app, "--role", "viewer"])
        #expect(added.status == 0, "\(added)")

        let unlabel = try org.run(["apps", "unlabel", app, "gdpr", "--json"])
        #expect(unlabel.status == 6, "\(unlabel)")
        #expect((unlabel.errorObject?["message"] as? String)?.contains(team) == true, "says which team: \(unlabel)")
        let show = try #require(try org.run(["apps", "show", app, "--json"]).object)
        #expect(Set(show["labels"] as? [String] ?? []) == ["gdpr", "hipaa"])

        let cleared = try org.run(["teams", "policy", team, "--clear", "--json"])
        #expect(cleared.status == 0, "\(cleared)")
        #expect(cleared.object?["required_labels"] as? [String] == [])
        #expect(try org.run(["apps", "unlabel", app, "gdpr"]).status == 0)
    }

    @Test(arguments: [["--clear", "--require-label", "x"], []])
    func policyNeedsExactlyOneOfRequireLabelOrClear(extra: [String]) throws {
        let org = try AdminDatabase.get().organization()
        let result = try org.run(["teams", "policy", "t"] + extra)
        #expect(result.status == 2, "\(result)")
    }
}
