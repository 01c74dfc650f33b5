import Foundation
import Testing

/// `orgs create` and `orgs show`.
@Suite struct OrgsCommandTests {
    @Test func createPrintsTheOrganizationAsJSON() throws {
        let db = try SharedDatabase.get()
        let org = try #require(db.orgCreate.object, "\(db.orgCreate)")
        #expect(org["id"] as? String == SharedDatabase.orgID)
        #expect(org["name"] as? String == "Acme Test")
        #expect(org["billing_email"] as? String == "billing@example.com")
        #expect(org["role"] as? String == "admin")
        #expect(org["created_at"] is String)
    }

    @Test func showWithoutIDListsMyOrganizations() throws {
        let db = try SharedDatabase.get()
        let result = try db.run(["orgs", "show", "--json"])
        #expect(result.status == 0, "\(result)")
        let orgs = try #require(result.array, "\(result)")
        #expect(orgs.map { $0["id"] as? String } == [SharedDatabase.orgID])
        #expect(orgs.first?["role"] as? String == "admin")
        #expect(orgs.first?["joined_at"] is String)

        let human = try db.run(["orgs", "show"], token: db.bobToken)
        #expect(human.status == 0, "\(human)")
        #expect(human.stdout.contains("Organization User"))
    }

    @Test func showOneOrganization() throws {
        let db = try SharedDatabase.get()
        let result = try db.run(["orgs", "show", SharedDatabase.orgID])
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.contains("Acme Test"))
        #expect(result.stdout.contains("Admin"))

        let viaOption = try db.run(["orgs", "show", "--org", SharedDatabase.orgID, "--json"], token: db.bobToken)
        #expect(viaOption.object?["id"] as? String == SharedDatabase.orgID, "\(viaOption)")
        #expect(viaOption.object?["role"] as? String == "org-user")
    }

    @Test func showUnknownOrganizationIsNotFound() throws {
        let db = try SharedDatabase.get()
        let result = try db.run(["orgs", "show", "no-such-org"])
        #expect(result.status == 5, "\(result)")
    }

    @Test func aSecondOrganizationIsAConflict() throws {
        let db = try SharedDatabase.get()
        // One organization per user: alice already administers acme-t.
        let result = try db.run(["orgs", "create", "second-org", "--name", "Second", "--billing-email", "b@example.com",
                                 "--json"])
        #expect(result.status == 6, "\(result)")
        #expect(result.errorObject?["kind"] as? String == "conflict")
    }

    @Test func anInvalidOrganizationIDIsInvalidInput() throws {
        let db = try SharedDatabase.get()
        let result = try db.run(["orgs", "create", "bad id", "--name", "Bad", "--billing-email", "b@example.com"])
        #expect(result.status == 7, "\(result)")
    }
}
