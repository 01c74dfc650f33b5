import Testing
@testable import OrgdeckCore

@Suite("Organizations")
struct OrganizationTests {
    @Test("the creator becomes Admin")
    func creatorIsAdmin() throws {
        let f = try Fixture()
        let ada = try f.user("ada")
        let org = try f.service.createOrganization(ada, id: "acme", name: "Acme Robotics", billingEmail: "billing@acme.example")
        #expect(org.id == "acme")
        #expect(try f.service.role(ada, in: "acme") == .admin)
        #expect(try f.service.role(ada, in: "ACME") == .admin)
        #expect(try f.service.memberships(ada).map(\.organization.id) == ["acme"])
        #expect(try f.service.members(ada, organizationID: "acme").map(\.user.username) == ["ada"])
        #expect(try f.lastAudit()?.action == "org.create")
    }

    @Test("one organization per user by default")
    func oneOrganization() throws {
        let f = try Fixture()
        let ada = try f.user("ada")
        _ = try f.service.createOrganization(ada, id: "acme", name: "Acme", billingEmail: "b@acme.example")
        let error = coreError { _ = try f.service.createOrganization(ada, id: "beta", name: "Beta", billingEmail: "b@beta.example") }
        #expect(error == CoreError.conflict("leave your current organization first"))
    }

    @Test("the limit is a setting")
    func limitSetting() throws {
        let f = try Fixture(organizationsPerUser: 2)
        let ada = try f.user("ada")
        _ = try f.service.createOrganization(ada, id: "acme", name: "Acme", billingEmail: "b@acme.example")
        _ = try f.service.createOrganization(ada, id: "beta", name: "Beta", billingEmail: "b@beta.example")
        #expect(try f.service.memberships(ada).map(\.organization.id) == ["acme", "beta"])
        #expect(coreError { _ = try f.service.createOrganization(ada, id: "gamma", name: "Gamma", billingEmail: "g@g.example") }?
            .kind == .conflict)
    }

    @Test("ID and name are unique (case-insensitively); inputs validated")
    func uniqueness() throws {
        let f = try Fixture()
        let ada = try f.user("ada")
        let bob = try f.user("bob")
        _ = try f.service.createOrganization(ada, id: "acme", name: "Acme", billingEmail: "b@acme.example")
        #expect(coreError { _ = try f.service.createOrganization(bob, id: "ACME", name: "Other", billingEmail: "b@o.example") }?
            .message == "an organization with ID acme already exists")
        #expect(coreError { _ = try f.service.createOrganization(bob, id: "other", name: "acme", billingEmail: "b@o.example") }?
            .kind == .conflict)
        #expect(coreError { _ = try f.service.createOrganization(bob, id: "bad id", name: "X", billingEmail: "b@o.example") }?
            .field == "id")
        #expect(coreError { _ = try f.service.createOrganization(bob, id: "x", name: "X", billingEmail: "nope") }?
            .field == "billing_email")
    }

    @Test("only Admins add members; the limit applies to the new member", arguments: [Role.orgContributor, .orgUser, .teamContributor])
    func addMember(role: Role) throws {
        let f = try Fixture()
        let (admin, members) = try f.organization()
        let newcomer = try f.user("newcomer")
        let denied = coreError {
            try f.service.addMember(members[role]!, organizationID: "acme", userID: newcomer.user.id, role: .orgUser)
        }
        #expect(denied == CoreError.forbidden("managing members requires role Admin"))
        #expect(try f.lastAudit()?.action == "member.add")
        #expect(try f.lastAudit()?.outcome == "denied")

        let added = try f.service.addMember(admin, organizationID: "acme", userID: newcomer.user.id, role: .orgUser)
        #expect(added.role == .orgUser)
        #expect(coreError { try f.service.addMember(admin, organizationID: "acme", userID: newcomer.user.id, role: .orgUser) }?
            .kind == .conflict)
    }

    @Test("non-members see nothing of an organization")
    func nonMembers() throws {
        let f = try Fixture()
        _ = try f.organization()
        let outsider = try f.user("outsider")
        #expect(coreError { _ = try f.service.organization(outsider, id: "acme") } == CoreError.notFound("no organization acme"))
        #expect(coreError { _ = try f.service.members(outsider, organizationID: "acme") }?.kind == .notFound)
        #expect(coreError { _ = try f.service.apps(outsider, in: .organization("acme"), query: AppQuery()) }?.kind == .notFound)
        #expect(coreError { _ = try f.service.createApp(outsider, in: .organization("acme"), id: "x", name: "", description: "") }?
            .kind == .notFound)
        #expect(try f.service.role(outsider, in: "acme") == nil)
        #expect(!f.service.isAllowed(outsider, .seeApps, in: .organization("acme")))
    }
}
