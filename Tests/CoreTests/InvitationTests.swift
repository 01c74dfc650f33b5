import Foundation
import Testing
@testable import OrgdeckCore

@Suite("Invitations")
struct InvitationTests {
    static let day: TimeInterval = 86_400

    @Test("send → pending → accepted: the invitee joins with the role and the teams")
    func accept() throws {
        let f = try Fixture()
        let (admin, _) = try f.organization()
        let s = f.service
        _ = try s.createTeam(admin, organizationID: "acme", id: "support", name: "Support")
        try s.addTeamApp(admin, organizationID: "acme", teamID: "support", appID: try {
            try s.createApp(admin, in: .organization("acme"), id: "triage", name: "", description: "").id
        }(), role: .contributor)
        let sent = try s.invite(admin, organizationID: "acme", email: "New.Hire@Example.com", role: .teamContributor,
                                teams: ["SUPPORT"])
        #expect(sent.id.hasPrefix("inv_"))
        #expect(sent.state == .pending)
        #expect(sent.teams == ["support"])
        #expect(sent.invitedBy == "admin")
        #expect(sent.organizationName == "Acme")
        #expect(sent.expiresAt == f.clock.now.addingTimeInterval(7 * Self.day))
        #expect(try f.lastAudit()?.action == "invitation.send")

        // Someone without an account signs up with that email (any case) and then sees it.
        _ = try s.signUp(username: "newhire", displayName: "New Hire", email: "new.hire@EXAMPLE.com",
                         password: Fixture.password, source: .tui)
        let newhire = try s.signIn(login: "newhire", password: Fixture.password, source: .tui)
        #expect(try s.receivedInvitations(newhire).map(\.id) == [sent.id])
        #expect(try s.receivedInvitations(admin).isEmpty)

        let membership = try s.acceptInvitation(newhire, id: sent.id.uppercased())
        #expect(membership.organization.id == "acme")
        #expect(membership.role == .teamContributor)
        #expect(try s.role(newhire, in: "acme") == .teamContributor)
        let member = try #require(try s.members(admin, organizationID: "acme").first { $0.user.username == "newhire" })
        #expect(member.teams == ["support"])
        #expect(member.lastActiveAt == f.clock.now)
        #expect(try s.apps(newhire, in: .organization("acme"), query: AppQuery()).items.map(\.id) == ["triage"])
        #expect(try s.receivedInvitations(newhire).isEmpty)
        let listed = try #require(try s.invitations(admin, organizationID: "acme").first)
        #expect(listed.state == .accepted)
        #expect(listed.respondedAt == f.clock.now)
        let last = try #require(try f.lastAudit())
        #expect(last.action == "invitation.accept" && last.actor == "newhire" && last.org == "acme" && last.outcome == "ok")
        // Answered once: no second answer.
        #expect(coreError { try s.declineInvitation(newhire, id: sent.id) } == CoreError.conflict("this invitation was already accepted"))
    }

    @Test("pending → declined; pending → rescinded; rescinded and declined cannot be resent")
    func declineAndRescind() throws {
        let f = try Fixture()
        let (admin, _) = try f.organization()
        let s = f.service
        let bob = try f.user("bob")
        let first = try s.invite(admin, organizationID: "acme", email: "bob@example.com", role: .orgUser, teams: [])
        try s.declineInvitation(bob, id: first.id)
        #expect(try f.lastAudit()?.action == "invitation.decline")
        #expect(try s.invitations(admin, organizationID: "acme").first?.state == .declined)
        #expect(try s.role(bob, in: "acme") == nil)
        #expect(coreError { _ = try s.resendInvitation(admin, id: first.id) }?.kind == .conflict)

        // A declined invitation no longer blocks a new one.
        let second = try s.invite(admin, organizationID: "acme", email: "bob@example.com", role: .orgContributor, teams: [])
        try s.rescindInvitation(admin, id: second.id)
        #expect(try f.lastAudit()?.action == "invitation.rescind")
        #expect(try s.receivedInvitations(bob).isEmpty)
        #expect(coreError { _ = try s.acceptInvitation(bob, id: second.id) } == CoreError.conflict("this invitation was already rescinded"))
        #expect(coreError { try s.rescindInvitation(admin, id: second.id) }?.kind == .conflict)
        #expect(coreError { _ = try s.resendInvitation(admin, id: second.id) }?.kind == .conflict)
        let states = try s.invitations(admin, organizationID: "acme").map(\.state)
        #expect(states == [.rescinded, .declined])  // newest first when none is pending
    }

    @Test("pending → expired by the clock; an expired one is refused, then resent with a new expiry")
    func expiry() throws {
        let f = try Fixture()
        let (admin, _) = try f.organization()
        let s = f.service
        let bob = try f.user("bob")
        let sent = try s.invite(admin, organizationID: "acme", email: "bob@example.com", role: .orgUser, teams: [])
        f.clock.advance(7 * Self.day - 1)
        #expect(try s.receivedInvitations(bob).count == 1)
        f.clock.advance(1)
        #expect(try s.receivedInvitations(bob).isEmpty)
        #expect(try s.invitations(admin, organizationID: "acme").first?.state == .expired)
        let before = try f.auditActions().count
        let refused = coreError { _ = try s.acceptInvitation(bob, id: sent.id) }
        #expect(refused?.kind == .conflict)
        #expect(refused?.message.hasPrefix("this invitation expired on \(sent.expiresAt.utcDay)") == true)
        #expect(try f.auditActions().count == before + 1)
        #expect(try f.lastAudit()?.outcome == "denied")
        #expect(coreError { try s.declineInvitation(bob, id: sent.id) }?.kind == .conflict)
        #expect(coreError { try s.rescindInvitation(admin, id: sent.id) }?.kind == .conflict)
        // An expired invitation does not block a fresh one either; here it is resent instead.
        f.clock.advance(Self.day)
        let resent = try s.resendInvitation(admin, id: sent.id)
        #expect(resent.state == .pending)
        #expect(resent.sentAt == f.clock.now)
        #expect(resent.expiresAt == f.clock.now.addingTimeInterval(7 * Self.day))
        #expect(try f.lastAudit()?.action == "invitation.resend")
        _ = try s.acceptInvitation(bob, id: sent.id)
        #expect(try s.role(bob, in: "acme") == .orgUser)
    }

    @Test("the expiry is a setting")
    func expirySetting() throws {
        let clock = TestClock()
        let s = try OrgService.inMemory(options: .init(clock: { clock.now }, passwordRounds: Fixture.rounds,
                                                        invitationExpiryDays: 2))
        _ = try s.signUp(username: "ada", displayName: "Ada", email: "ada@example.com", password: Fixture.password, source: .cli)
        let ada = try s.signIn(login: "ada", password: Fixture.password, source: .cli)
        _ = try s.createOrganization(ada, id: "acme", name: "Acme", billingEmail: "b@acme.example")
        let sent = try s.invite(ada, organizationID: "acme", email: "x@example.com", role: .orgUser, teams: [])
        #expect(sent.expiresAt == clock.now.addingTimeInterval(2 * Self.day))
    }

    @Test("only the addressee may answer; others get not-found, and the attempt is audited")
    func onlyAddressee() throws {
        let f = try Fixture()
        let (admin, members) = try f.organization()
        let s = f.service
        let mallory = try f.user("mallory")
        let sent = try s.invite(admin, organizationID: "acme", email: "bob@example.com", role: .admin, teams: [])
        #expect(coreError { _ = try s.acceptInvitation(mallory, id: sent.id) } == CoreError.notFound("no invitation \(sent.id)"))
        #expect(try f.lastAudit()?.outcome == "denied")
        #expect(try f.lastAudit()?.actor == "mallory")
        #expect(coreError { try s.declineInvitation(mallory, id: sent.id) }?.kind == .notFound)
        #expect(coreError { _ = try s.acceptInvitation(mallory, id: "inv_999") }?.kind == .notFound)
        #expect(coreError { _ = try s.acceptInvitation(mallory, id: "nonsense") }?.kind == .notFound)
        // Admin actions on it: outsiders do not learn it exists; members who are not Admins are refused.
        #expect(coreError { try s.rescindInvitation(mallory, id: sent.id) }?.kind == .notFound)
        #expect(coreError { try s.rescindInvitation(members[.orgContributor]!, id: sent.id) }?.kind == .forbidden)
        #expect(try s.invitations(admin, organizationID: "acme").first?.state == .pending)
    }

    @Test("conflicts: an existing member, a pending invitation to the same email (any case)")
    func conflicts() throws {
        let f = try Fixture()
        let (admin, _) = try f.organization()
        let s = f.service
        #expect(coreError { _ = try s.invite(admin, organizationID: "acme", email: "ORGUSER@example.com", role: .orgUser, teams: []) }
            == CoreError.conflict("ORGUSER@example.com is already a member", field: "email"))
        _ = try s.invite(admin, organizationID: "acme", email: "bob@example.com", role: .orgUser, teams: [])
        #expect(coreError { _ = try s.invite(admin, organizationID: "acme", email: "Bob@Example.com", role: .admin, teams: []) }
            == CoreError.conflict("an invitation to Bob@Example.com is already pending", field: "email"))
    }

    @Test("inputs: email validated, teams must exist and only for Team Contributors")
    func inputs() throws {
        let f = try Fixture()
        let (admin, _) = try f.organization()
        let s = f.service
        _ = try s.createTeam(admin, organizationID: "acme", id: "support", name: "Support")
        #expect(coreError { _ = try s.invite(admin, organizationID: "acme", email: "nope", role: .orgUser, teams: []) }?.field == "email")
        #expect(coreError { _ = try s.invite(admin, organizationID: "acme", email: "a@b.example", role: .orgUser, teams: ["support"]) }?
            .field == "teams")
        #expect(coreError { _ = try s.invite(admin, organizationID: "acme", email: "a@b.example", role: .teamContributor, teams: ["ghost"]) }
            == CoreError(.notFound, "no team ghost in acme", field: "teams"))
        #expect(try s.invitations(admin, organizationID: "acme").isEmpty)
    }

    @Test("at the organization limit: leave your current organization first")
    func organizationLimit() throws {
        let f = try Fixture()
        let (admin, _) = try f.organization()
        let s = f.service
        let bob = try f.user("bob")
        _ = try s.createOrganization(bob, id: "bobco", name: "Bob Co", billingEmail: "b@bob.example")
        let sent = try s.invite(admin, organizationID: "acme", email: "bob@example.com", role: .orgUser, teams: [])
        #expect(coreError { _ = try s.acceptInvitation(bob, id: sent.id) } == CoreError.conflict("leave your current organization first"))
        #expect(try f.lastAudit()?.outcome == "denied")
        #expect(try s.invitations(admin, organizationID: "acme").first?.state == .pending)
        // With a higher limit the same invitation goes through.
        let g = try Fixture(organizationsPerUser: 2)
        let (admin2, _) = try g.organization()
        let carol = try g.user("carol")
        _ = try g.service.createOrganization(carol, id: "carolco", name: "Carol Co", billingEmail: "c@c.example")
        let invite = try g.service.invite(admin2, organizationID: "acme", email: "carol@example.com", role: .orgUser, teams: [])
        _ = try g.service.acceptInvitation(carol, id: invite.id)
        #expect(try g.service.memberships(carol).count == 2)
    }

    @Test("the Admin's list: pending first, then newest")
    func ordering() throws {
        let f = try Fixture()
        let (admin, _) = try f.organization()
        let s = f.service
        let bob = try f.user("bob")
        let a = try s.invite(admin, organizationID: "acme", email: "a@example.com", role: .orgUser, teams: [])
        f.clock.advance(60)
        let b = try s.invite(admin, organizationID: "acme", email: "bob@example.com", role: .orgUser, teams: [])
        f.clock.advance(60)
        let c = try s.invite(admin, organizationID: "acme", email: "c@example.com", role: .orgUser, teams: [])
        try s.declineInvitation(bob, id: b.id)
        #expect(try s.invitations(admin, organizationID: "acme").map(\.id) == [c.id, a.id, b.id])
    }

    @Test("a team deleted before acceptance is skipped")
    func deletedTeam() throws {
        let f = try Fixture()
        let (admin, _) = try f.organization()
        let s = f.service
        _ = try s.createTeam(admin, organizationID: "acme", id: "gone", name: "Gone")
        _ = try s.createTeam(admin, organizationID: "acme", id: "kept", name: "Kept")
        let bob = try f.user("bob")
        let sent = try s.invite(admin, organizationID: "acme", email: "bob@example.com", role: .teamContributor, teams: ["gone", "kept"])
        try s.deleteTeam(admin, organizationID: "acme", id: "gone")
        _ = try s.acceptInvitation(bob, id: sent.id)
        #expect(try s.members(admin, organizationID: "acme").first { $0.user.username == "bob" }?.teams == ["kept"])
    }
}
