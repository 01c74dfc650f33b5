import Foundation
import GRDB
import Testing
@testable import OrgdeckCore

@Suite("Members, guards, organization profile, leave and delete")
struct AdministrationTests {
    static let org = Context.organization("acme")

    @Test("nobody changes their own role; the last Admin cannot be demoted, removed or leave")
    func guards() throws {
        let f = try Fixture()
        let (admin, members) = try f.organization()
        let s = f.service
        let denied = { (action: String) throws in
            let last = try #require(try f.lastAudit())
            #expect(last.action == action && last.outcome == "denied" && last.org == "acme")
        }
        #expect(coreError { _ = try s.changeRole(admin, organizationID: "acme", username: "admin", to: .orgUser) }
            == CoreError.forbidden("you cannot change your own role"))
        try denied("member.role_change")
        #expect(coreError { try s.removeMember(admin, organizationID: "acme", username: "admin") }?.kind == .forbidden)
        try denied("member.remove")
        #expect(coreError { try s.leaveOrganization(admin, organizationID: "acme") }
            == CoreError.conflict("you are the last Admin of acme: make someone else Admin or delete the organization"))
        try denied("member.leave")
        #expect(try s.role(admin, in: "acme") == .admin)

        // A second Admin: now the first may leave, but the second cannot demote themselves.
        let second = members[.orgContributor]!
        let promoted = try s.changeRole(admin, organizationID: "acme", username: second.user.username, to: .admin)
        #expect(promoted.role == .admin)
        #expect(try f.lastAudit()?.action == "member.role_change")
        #expect(coreError { _ = try s.changeRole(second, organizationID: "acme", username: second.user.username, to: .orgUser) }?
            .kind == .forbidden)
        try s.leaveOrganization(admin, organizationID: "acme")
        #expect(try f.lastAudit()?.action == "member.leave")
        #expect(try s.role(admin, in: "acme") == nil)
        // The remaining Admin is the last one again.
        #expect(coreError { try s.leaveOrganization(second, organizationID: "acme") }?.kind == .conflict)
        #expect(try s.members(second, organizationID: "acme").filter { $0.role == .admin }.count == 1)
    }

    @Test("the last-Admin check holds in the store whatever the caller")
    func lastAdminDemotionByAnother() throws {
        // Two Admins; one demotes the other, then nobody can demote the remaining one.
        let f = try Fixture()
        let (admin, members) = try f.organization()
        let s = f.service
        let other = members[.orgUser]!
        _ = try s.changeRole(admin, organizationID: "acme", username: other.user.username, to: .admin)
        _ = try s.changeRole(other, organizationID: "acme", username: "admin", to: .orgContributor)
        #expect(try s.role(admin, in: "acme") == .orgContributor)
        #expect(coreError { _ = try s.changeRole(admin, organizationID: "acme", username: other.user.username, to: .orgUser) }?
            .kind == .forbidden)  // no longer an Admin
    }

    @Test("removing a member: their team memberships and pins go, their personal apps stay")
    func removeMember() throws {
        let f = try Fixture()
        let (admin, members) = try f.organization()
        let s = f.service
        let tc = members[.teamContributor]!
        _ = try s.createApp(admin, in: Self.org, id: "shared", name: "", description: "")
        _ = try s.createTeam(admin, organizationID: "acme", id: "t", name: "T")
        try s.addTeamMember(admin, organizationID: "acme", teamID: "t", username: tc.user.username)
        try s.addTeamApp(admin, organizationID: "acme", teamID: "t", appID: "shared", role: .viewer)
        try s.setPinned(tc, in: Self.org, id: "shared", pinned: true)
        _ = try s.createApp(tc, in: .personal, id: "mine", name: "", description: "")
        #expect(try s.team(admin, organizationID: "acme", id: "t").memberCount == 1)

        try s.removeMember(admin, organizationID: "acme", username: tc.user.username.uppercased())
        #expect(try f.lastAudit()?.action == "member.remove")
        #expect(try s.role(tc, in: "acme") == nil)
        #expect(try s.team(admin, organizationID: "acme", id: "t").memberCount == 0)
        #expect(try s.apps(tc, in: .personal, query: AppQuery()).items.map(\.id) == ["mine"])
        let pins = try f.raw { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM app_pins") }
        #expect(pins == 0)
        #expect(coreError { try s.removeMember(admin, organizationID: "acme", username: tc.user.username) }?.kind == .notFound)
        #expect(coreError { try s.removeMember(admin, organizationID: "acme", username: "nobody") }?.kind == .notFound)
    }

    @Test("a member who leaves keeps their personal apps and loses their teams")
    func leave() throws {
        let f = try Fixture()
        let (admin, members) = try f.organization()
        let s = f.service
        let oc = members[.orgContributor]!
        _ = try s.createTeam(admin, organizationID: "acme", id: "t", name: "T")
        try s.addTeamMember(admin, organizationID: "acme", teamID: "t", username: oc.user.username)
        _ = try s.createApp(oc, in: .personal, id: "mine", name: "", description: "")
        try s.leaveOrganization(oc, organizationID: "acme")
        #expect(try s.memberships(oc).isEmpty)
        #expect(try s.teamMembers(admin, organizationID: "acme", teamID: "t").isEmpty)
        #expect(try s.apps(oc, in: .personal, query: AppQuery()).total == 1)
        #expect(coreError { try s.leaveOrganization(oc, organizationID: "acme") }?.kind == .notFound)
        // Free to join another organization now.
        _ = try s.createOrganization(oc, id: "next", name: "Next", billingEmail: "n@next.example")
    }

    @Test("members list role, teams, joined and last active; activity updates on sign-in and on writes")
    func memberRows() throws {
        let f = try Fixture()
        let (admin, members) = try f.organization()
        let s = f.service
        let oc = members[.orgContributor]!
        _ = try s.createTeam(admin, organizationID: "acme", id: "b-team", name: "B")
        _ = try s.createTeam(admin, organizationID: "acme", id: "a-team", name: "A")
        try s.addTeamMember(admin, organizationID: "acme", teamID: "b-team", username: oc.user.username)
        try s.addTeamMember(admin, organizationID: "acme", teamID: "a-team", username: oc.user.username)
        var row = try #require(try s.members(admin, organizationID: "acme").first { $0.id == oc.user.id })
        #expect(row.teams == ["a-team", "b-team"])
        #expect(row.role == .orgContributor)
        #expect(row.lastActiveAt == nil)
        f.clock.advance(3_600)
        _ = try s.createApp(oc, in: Self.org, id: "x", name: "", description: "")
        row = try #require(try s.members(admin, organizationID: "acme").first { $0.id == oc.user.id })
        #expect(row.lastActiveAt == f.clock.now)
        f.clock.advance(3_600)
        _ = try s.signIn(login: oc.user.username, password: Fixture.password, source: .cli)
        row = try #require(try s.members(admin, organizationID: "acme").first { $0.id == oc.user.id })
        #expect(row.lastActiveAt == f.clock.now)
        #expect(try s.teamMembers(admin, organizationID: "acme", teamID: "a-team").map(\.id) == [oc.user.id])
    }

    @Test("the organization profile: Admin edits, stale edits refused, name unique")
    func profile() throws {
        let f = try Fixture()
        let (admin, _) = try f.organization()
        let s = f.service
        let bob = try f.user("bob")
        _ = try s.createOrganization(bob, id: "bobco", name: "Bob Co", billingEmail: "b@bob.example")
        let org = try s.organization(admin, id: "acme")
        let updated = try s.updateOrganization(admin, id: "ACME", name: "Acme Robotics", billingEmail: "money@acme.example",
                                               expectedVersion: org.version)
        #expect(updated.name == "Acme Robotics" && updated.billingEmail == "money@acme.example")
        #expect(updated.version == org.version + 1)
        #expect(try s.organization(admin, id: "acme") == updated)
        #expect(try f.lastAudit()?.action == "org.update")
        #expect(coreError { _ = try s.updateOrganization(admin, id: "acme", name: "Other", billingEmail: "m@acme.example",
                                                         expectedVersion: org.version) } == CoreError.stale)
        #expect(coreError { _ = try s.updateOrganization(admin, id: "acme", name: "bob co", billingEmail: "m@acme.example",
                                                         expectedVersion: updated.version) }?.field == "name")
        #expect(coreError { _ = try s.updateOrganization(admin, id: "acme", name: "X", billingEmail: "nope",
                                                         expectedVersion: updated.version) }?.field == "billing_email")
    }

    @Test("deleting an organization: confirmation, cascade, members become personal users, audit intact")
    func deleteOrganization() throws {
        let f = try Fixture()
        let (admin, members) = try f.organization()
        let s = f.service
        let tc = members[.teamContributor]!
        for id in ["a", "b"] { _ = try s.createApp(admin, in: Self.org, id: id, name: "", description: "") }
        _ = try s.labelApp(admin, in: Self.org, id: "a", labels: ["hipaa"])
        try s.setPinned(admin, in: Self.org, id: "a", pinned: true)
        _ = try s.createTeam(admin, organizationID: "acme", id: "t", name: "T")
        _ = try s.setTeamPolicy(admin, organizationID: "acme", teamID: "t", requiredLabels: ["hipaa"])
        try s.addTeamMember(admin, organizationID: "acme", teamID: "t", username: tc.user.username)
        try s.addTeamApp(admin, organizationID: "acme", teamID: "t", appID: "a", role: .contributor)
        _ = try s.invite(admin, organizationID: "acme", email: "new@example.com", role: .orgUser, teams: [])
        _ = try s.createApp(tc, in: .personal, id: "mine", name: "", description: "")
        let entriesBefore = try f.auditActions().count

        #expect(coreError { try s.deleteOrganization(admin, id: "acme", confirmation: "ACME") }?.field == "confirmation")
        #expect(coreError { try s.deleteOrganization(admin, id: "acme", confirmation: "") }?.kind == .invalid)
        #expect(try s.organization(admin, id: "acme").id == "acme")

        try s.deleteOrganization(admin, id: "acme", confirmation: "acme")
        let last = try #require(try f.lastAudit())
        #expect(last.action == "org.delete" && last.outcome == "ok" && last.org == "acme")
        #expect(try f.auditActions().count == entriesBefore + 1)
        #expect(try s.verifyAudit() == .intact(entries: entriesBefore + 1, notes: []))
        for session in [admin] + Array(members.values) {
            #expect(try s.memberships(session).isEmpty)
            #expect(coreError { _ = try s.organization(session, id: "acme") }?.kind == .notFound)
        }
        #expect(try s.apps(tc, in: .personal, query: AppQuery()).items.map(\.id) == ["mine"])
        for table in ["apps WHERE owner_organization_id IS NOT NULL", "app_pins", "app_labels", "teams", "team_members",
                      "team_apps", "team_required_labels", "invitations", "memberships", "organizations"] {
            let count = try f.raw { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table)") }
            #expect(count == 0, "\(table) emptied")
        }
        #expect(try s.receivedInvitations(try f.user("new")).isEmpty)
        // The ID is free again, and the former Admin may create an organization.
        _ = try s.createOrganization(admin, id: "acme", name: "Acme", billingEmail: "b@acme.example")
        #expect(try s.apps(admin, in: Self.org, query: AppQuery()).total == 0)
    }
}
