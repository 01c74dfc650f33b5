import Foundation
import OrgdeckCore
import Testing
@testable import OrgdeckViewModels

/// The invitations a user receives: the inbox after sign-in, `a` to accept, `d` to decline
/// after a confirm, Enter for the details, and the header badge.
@Suite struct InboxTests {
    @Test func anInviteeSeesTheInboxRightAfterSignInAndAcceptingSwitchesToTheOrganization() throws {
        let f = try AdminConsoleFixture()
        let invitation = try f.service.invite(f.ada, organizationID: "acme", email: "DAN@example.com", role: .orgContributor, teams: [])
        let console = f.signInThroughTheScreen("dan")
        #expect(console.state.session?.user.username == "dan")
        #expect(console.state.invitationCount == 1)
        let inbox = try #require(console.inboxState, "the inbox opens by itself")
        #expect(inbox.invitations.map(\.id) == [invitation.id])
        #expect(console.focusCommands.map(\.label) == ["accept", "decline", "details", "later"])
        console.send(.accept)
        #expect(console.state.overlay == .none)
        #expect(console.state.context == .organization("acme"))
        #expect(console.state.role == .orgContributor)
        #expect(console.state.invitationCount == 0, "the badge goes")
        #expect(console.state.flash == .info("you joined Acme Robotics as Organization Contributor"))
        #expect(try #require(console.myApps).state.ids.sorted() == ["alpha", "beta", "gamma"])
    }

    @Test func anEmptyInboxSaysWhyItsKeysDoNothing() throws {
        let console = try Fixture().console()
        console.send(.inbox)
        #expect(console.inboxState?.invitations.isEmpty == true)
        for key in [ConsoleEvent.accept, .delete, .submit] {
            console.send(key)
            #expect(console.inboxState?.error == "no invitation to act on", "\(key)")
        }
    }

    @Test func enterShowsTheDetailsAndReturnsToTheInbox() throws {
        let f = try AdminConsoleFixture()
        _ = try f.service.invite(f.ada, organizationID: "acme", email: "dan@example.com", role: .orgUser, teams: [])
        let console = f.signInThroughTheScreen("dan")
        console.send(.open)
        #expect(console.infoState?.title == "Invitation to Acme Robotics")
        #expect(try f.service.memberships(f.dan).isEmpty, "Enter accepts nothing")
        console.send(.cancel)
        #expect(console.inboxState?.invitations.count == 1)
    }

    @Test func decliningAsksFirstThenRemovesTheInvitationAndTheBadge() throws {
        let f = try AdminConsoleFixture()
        let invitation = try f.service.invite(f.ada, organizationID: "acme", email: "dan@example.com", role: .orgUser, teams: [])
        let console = f.signInThroughTheScreen("dan")
        console.send(.delete)
        #expect(console.confirmState?.title == "Decline invitation")
        #expect(try f.service.invitations(f.ada, organizationID: "acme").first?.state == .pending, "not before it is confirmed")
        console.send(.submit)
        #expect(console.state.invitationCount == 0)
        #expect(console.state.flash == .info("declined the invitation to Acme Robotics"))
        #expect(console.state.overlay == .none, "an empty inbox closes")
        #expect(try f.service.invitations(f.ada, organizationID: "acme").first { $0.id == invitation.id }?.state == .declined)
    }

    @Test func cancellingTheDeclineReturnsToTheInbox() throws {
        let f = try AdminConsoleFixture()
        _ = try f.service.invite(f.ada, organizationID: "acme", email: "dan@example.com", role: .orgUser, teams: [])
        let console = f.signInThroughTheScreen("dan")
        console.send(.delete)
        console.send(.cancel)
        #expect(console.inboxState?.invitations.count == 1)
    }

    @Test func aTeamContributorInvitedWithATeamReachesOnlyThatTeamsApps() throws {
        let f = try AdminConsoleFixture()
        _ = try f.service.createTeam(f.ada, organizationID: "acme", id: "field", name: "Field Team")
        try f.service.addTeamApp(f.ada, organizationID: "acme", teamID: "field", appID: "gamma", role: .viewer)
        _ = try f.service.invite(f.ada, organizationID: "acme", email: "dan@example.com", role: .teamContributor, teams: ["field"])
        let console = f.signInThroughTheScreen("dan")
        console.send(.accept)
        #expect(console.state.role == .teamContributor)
        #expect(try #require(console.myApps).state.ids == ["gamma"])
    }

    @Test func escLeavesTheInvitationForLaterAndIReopensIt() throws {
        let f = try AdminConsoleFixture()
        _ = try f.service.invite(f.ada, organizationID: "acme", email: "dan@example.com", role: .orgUser, teams: [])
        let console = f.signInThroughTheScreen("dan")
        console.send(.back)
        #expect(console.state.overlay == .none)
        #expect(console.state.invitationCount == 1, "the badge stays")
        console.send(.inbox)
        #expect(console.inboxState?.invitations.count == 1)
        console.send(.inbox)
        #expect(console.state.overlay == .none)
    }

    @Test func noInboxOpensWithoutInvitations() throws {
        let f = try AdminConsoleFixture()
        let console = f.signInThroughTheScreen("dan")
        #expect(console.state.session?.user.username == "dan")
        #expect(console.state.overlay == .none)
    }

    @Test func aMemberAtTheOrganizationLimitIsToldToLeaveFirst() throws {
        let f = try AdminConsoleFixture()
        _ = try f.service.createOrganization(f.dan, id: "globex", name: "Globex", billingEmail: "billing@globex.test")
        _ = try f.service.invite(f.dan, organizationID: "globex", email: "bob@example.com", role: .orgUser, teams: [])
        let console = f.signInThroughTheScreen("bob")
        console.send(.accept)
        #expect(console.inboxState?.error == "leave your current organization first")
        #expect(console.state.memberships.map(\.organization.id) == ["acme"])
    }

    @Test func anInvitationArrivingWhileSignedInLightsTheBadgeWithoutJumpingOpen() throws {
        let f = try AdminConsoleFixture()
        let console = ConsoleViewModel(service: f.service, session: f.dan)
        console.send(.firstFramePainted)
        _ = try f.service.invite(f.ada, organizationID: "acme", email: "dan@example.com", role: .orgUser, teams: [])
        console.send(.externalChange)
        #expect(console.state.invitationCount == 1)
        #expect(console.state.overlay == .none)
    }
}
