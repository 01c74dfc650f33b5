import Foundation
import OrgdeckCore
import Testing

/// `orgs update|leave|delete` and `apps label|unlabel`.
@Suite struct OrgsAdminCommandTests {
    @Test func updateChangesNameAndBillingEmail() throws {
        let org = try AdminDatabase.get().organization()
        let name = try org.run(["orgs", "update", org.id, "--name", "Renamed \(org.id)", "--json"])
        #expect(name.status == 0, "\(name)")
        #expect(name.object?["name"] as? String == "Renamed \(org.id)")
        #expect(name.object?["billing_email"] as? String == "billing@example.com", "unchanged")
        #expect(name.object?["role"] as? String == "admin")

        let email = try org.run(["orgs", "update", org.id, "--billing-email", "ap@example.com"])
        #expect(email.status == 0, "\(email)")
        #expect(email.stdout == "updated organization \(org.id)\n")
        let shown = try #require(try org.run(["orgs", "show", "--json"]).object)
        #expect(shown["name"] as? String == "Renamed \(org.id)")
        #expect(shown["billing_email"] as? String == "ap@example.com")
    }

    @Test func updateNeedsSomethingToChange() throws {
        let org = try AdminDatabase.get().organization()
        let result = try org.run(["orgs", "update", org.id])
        #expect(result.status == 2, "\(result)")
    }

    @Test func updateRefusals() throws {
        let org = try AdminDatabase.get().organization(members: [.orgContributor])
        let forbidden = try org.run(["orgs", "update", org.id, "--name", "Mine", "--json"], as: org.members[0])
        #expect(forbidden.status == 4, "\(forbidden)")
        let invalid = try org.run(["orgs", "update", org.id, "--billing-email", "nope", "--json"])
        #expect(invalid.status == 7, "\(invalid)")
        let taken = try AdminDatabase.get().organization()
        let conflict = try org.run(["orgs", "update", org.id, "--name", "Org \(taken.id)", "--json"])
        #expect(conflict.status == 6, "\(conflict)")
        let unknown = try org.run(["orgs", "update", "no-such-org", "--name", "X", "--json"])
        #expect(unknown.status == 5, "\(unknown)")
    }

    @Test func aMemberLeaves() throws {
        let db = try AdminDatabase.get()
        let org = try db.organization(members: [.orgUser])
        let member = org.members[0]
        let refused = try db.run(["orgs", "leave"], as: member)
        #expect(refused.status == 2, "\(refused)")
        #expect(refused.stderr.contains("--yes"))

        // Without --org: the member's only organization.
        let left = try db.run(["orgs", "leave", "--yes", "--json"], as: member)
        #expect(left.status == 0, "\(left)")
        #expect(left.object?["id"] as? String == org.id)
        #expect(left.object?["left"] as? Bool == true)
        #expect(try db.run(["orgs", "show", "--json"], as: member).stdout
            .trimmingCharacters(in: .whitespacesAndNewlines) == "[]")

        let nothing = try db.run(["orgs", "leave", "--yes"], as: member)
        #expect(nothing.status == 2, "no organization left to leave: \(nothing)")
    }

    @Test func theLastAdminCannotLeave() throws {
        let org = try AdminDatabase.get().organization(members: [.orgUser])
        let result = try org.run(["orgs", "leave", "--yes", "--json"])
        #expect(result.status == 6, "\(result)")
        #expect((result.errorObject?["message"] as? String)?.contains("last Admin") == true, "\(result)")
        #expect(try org.database.service.role(org.admin.session, in: org.id) == .admin)
    }

    @Test func deleteNeedsYesAndAnAdmin() throws {
        let org = try AdminDatabase.get().organization(members: [.orgContributor])
        let refused = try org.run(["orgs", "delete", org.id])
        #expect(refused.status == 2, "\(refused)")
        #expect(refused.stderr.contains("--yes"))
        let forbidden = try org.run(["orgs", "delete", org.id, "--yes", "--json"], as: org.members[0])
        #expect(forbidden.status == 4, "\(forbidden)")
        #expect(forbidden.errorKind == "forbidden")
        #expect(try org.run(["orgs", "show", org.id]).status == 0, "still there")
    }

    @Test func deleteRemovesTheOrganizationAndFreesItsMembers() throws {
        let org = try AdminDatabase.get().organization(members: [.orgUser])
        let app = try org.app()
        let deleted = try org.run(["orgs", "delete", org.id, "--yes", "--json"])
        #expect(deleted.status == 0, "\(deleted)")
        #expect(deleted.object?["deleted"] as? Bool == true)

        #expect(try org.run(["orgs", "show", org.id]).status == 5)
        #expect(try org.run(["apps", "show", app]).status == 5)
        let mine = try org.database.run(["orgs", "show", "--json"], as: org.members[0])
        #expect(mine.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "[]", "\(mine)")
        // The former member is a personal user again and may create an organization.
        let fresh = try org.database.run(["orgs", "create", uniqueID("new"), "--name", uniqueID("New"),
                                          "--billing-email", "b@example.com"], as: org.members[0])
        #expect(fresh.status == 0, "\(fresh)")
        let audit = try org.database.service.verifyAudit()
        if case .broken(let entry, let reason) = audit { Issue.record("audit broken at \(entry): \(reason)") }
    }

    @Test func deleteUnknownIsNotFound() throws {
        let org = try AdminDatabase.get().organization()
        let result = try org.database.run(["orgs", "delete", "no-such-org", "--yes", "--json"], as: org.admin)
        #expect(result.status == 5, "\(result)")
    }

    @Test func labelAndUnlabelAnApp() throws {
        let org = try AdminDatabase.get().organization(members: [.orgUser])
        let app = try org.app()
        let labelled = try org.run(["apps", "label", app, "HIPAA", "gdpr", "--json"])
        #expect(labelled.status == 0, "\(labelled)")
        #expect(Set(labelled.object?["labels"] as? [String] ?? []) == ["gdpr", "hipaa"])

        let list = try #require(try org.run(["apps", "list", "--filter", app, "--json"]).array)
        #expect(Set(list.first?["labels"] as? [String] ?? []) == ["gdpr", "hipaa"])
        let shown = try org.run(["apps", "show", app])
        #expect(shown.stdout.contains("labels:"), "\(shown)")
        #expect(shown.stdout.contains("hipaa"))

        let unlabelled = try org.run(["apps", "unlabel", app, "gdpr"])
        #expect(unlabelled.status == 0, "\(unlabelled)")
        #expect(unlabelled.stdout == "app \(app) labels: hipaa\n")

        let forbidden = try org.run(["apps", "label", app, "pci", "--json"], as: org.members[0])
        #expect(forbidden.status == 4, "\(forbidden)")
        let invalid = try org.run(["apps", "label", app, "bad label!", "--json"])
        #expect(invalid.status == 7, "\(invalid)")
        let missing = try org.run(["apps", "label", "no-such-app", "pci", "--json"])
        #expect(missing.status == 5, "\(missing)")
        let none = try org.run(["apps", "label", app])
        #expect(none.status == 2, "\(none)")
    }
}
