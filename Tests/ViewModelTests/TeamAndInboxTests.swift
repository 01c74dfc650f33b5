import Foundation
import OrgdeckCore
import Testing
@testable import OrgdeckViewModels

/// A team's page (members, apps, label policy), compliance labels on the app form, and the
/// invitations a user receives (the inbox overlay and the header badge).
@Suite struct TeamAndInboxTests {
    /// Ada's console on the page of team `field` (created empty unless `setUp` fills it).
    func teamPage(_ f: AdminConsoleFixture, as session: Session? = nil) throws -> ConsoleViewModel {
        let console = f.account(session, section: .teams)
        let index = try #require(console.accountState?.teams.firstIndex { $0.id == "field" })
        console.send(.selectIndex(index))
        console.send(.open)
        return console
    }

    func fieldTeam(_ f: AdminConsoleFixture) throws {
        _ = try f.service.createTeam(f.ada, organizationID: "acme", id: "field", name: "Field Team")
    }

    // MARK: Team page

    @Test func openPushesTheTeamPageAndEscGoesBackToTeams() throws {
        let f = try AdminConsoleFixture()
        try fieldTeam(f)
        try f.service.addTeamMember(f.ada, organizationID: "acme", teamID: "field", username: "bob")
        try f.service.addTeamApp(f.ada, organizationID: "acme", teamID: "field", appID: "beta", role: .viewer)
        let console = try teamPage(f)
        #expect(console.state.screen == .team("field"))
        #expect(console.state.stack == [.pane(.account), .team("field")])
        #expect(console.state.pane == .account, "the Account tab stays lit")
        let team = try #require(console.team)
        #expect(team.state.team?.name == "Field Team")
        #expect(team.state.tab == .members)
        #expect(team.state.members.map(\.user.username) == ["bob"])
        #expect(team.state.apps.map(\.app.id) == ["beta"])
        #expect(team.state.apps.map(\.role) == [.viewer])
        console.send(.nextFocus)
        #expect(console.team?.state.tab == .apps)
        #expect(console.team?.state.rowCount == 1)
        console.send(.move(.left))
        #expect(console.team?.state.tab == .members)
        console.send(.back)
        #expect(console.state.stack == [.pane(.account)])
        #expect(console.team == nil)
        #expect(console.accountState?.section == .teams)
        #expect(console.accountState?.teams.first?.memberCount == 1)
        #expect(console.accountState?.teams.first?.appCount == 1)
    }

    @Test func addingAMemberTakesOrganizationMembersOnlyAndSaysWhy() throws {
        let f = try AdminConsoleFixture()
        try fieldTeam(f)
        let console = try teamPage(f)
        console.send(.new)
        let form = try #require(console.formState)
        #expect(form.purpose == .addTeamMember(teamID: "field"))
        console.fill(["dan"])
        console.send(.submit)
        #expect(console.formState?.error == "no member dan in acme", "dan has an account but is not in acme")
        #expect(console.team?.state.members == [])
        console.fill(["cleo"])
        console.send(.submit)
        #expect(console.state.overlay == .none)
        #expect(console.state.flash == .info("added cleo to field"))
        #expect(console.team?.state.members.map(\.user.username) == ["cleo"])
        #expect(try f.service.teamMembers(f.ada, organizationID: "acme", teamID: "field").map(\.user.username) == ["cleo"])
    }

    @Test func removingATeamMemberAsksFirst() throws {
        let f = try AdminConsoleFixture()
        try fieldTeam(f)
        try f.service.addTeamMember(f.ada, organizationID: "acme", teamID: "field", username: "bob")
        let console = try teamPage(f)
        console.send(.delete)
        let confirm = try #require(console.confirmState)
        #expect(confirm.purpose == .removeTeamMember(teamID: "field", username: "bob"))
        #expect(confirm.message == "Remove bob from team field?")
        console.send(.submit)
        #expect(console.state.flash == .info("removed bob from field"))
        #expect(console.team?.state.members == [])
        #expect(try f.role(of: "bob") == .orgUser, "bob stays in the organization")
    }

    @Test func addingAnAppTakesATeamAppRole() throws {
        let f = try AdminConsoleFixture()
        try fieldTeam(f)
        let console = try teamPage(f)
        console.send(.nextFocus)
        console.send(.new)
        let form = try #require(console.formState)
        #expect(form.purpose == .addTeamApp(teamID: "field"))
        #expect(form.value("role") == "viewer")
        console.fill(["alpha", "owner"])
        console.send(.submit)
        #expect(console.formState?.error == "team–app role must be viewer or contributor")
        console.fill(["alpha", "Contributor"])
        console.send(.submit)
        #expect(console.state.flash == .info("added app alpha to field as contributor"))
        #expect(console.team?.state.apps.map(\.app.id) == ["alpha"])
        #expect(console.team?.state.apps.map(\.role) == [.contributor])
        console.send(.delete)
        #expect(console.confirmState?.purpose == .removeTeamApp(teamID: "field", appID: "alpha"))
        console.send(.submit)
        #expect(console.team?.state.apps == [])
    }

    @Test func aLabelPolicyRefusesANonCompliantApp() throws {
        let f = try AdminConsoleFixture()
        try fieldTeam(f)
        _ = try f.service.labelApp(f.ada, in: .organization("acme"), id: "beta", labels: ["hipaa"])
        let console = try teamPage(f)
        console.send(.edit)
        let policy = try #require(console.formState)
        #expect(policy.purpose == .teamPolicy(teamID: "field"))
        #expect(policy.value("labels") == "")
        console.fill(["hipaa"])
        console.send(.submit)
        #expect(console.state.flash == .info("team field now only takes apps labelled hipaa"))
        #expect(console.team?.state.team?.requiredLabels == ["hipaa"])

        console.send(.nextFocus)
        console.send(.new)
        console.fill(["alpha", "viewer"])
        console.send(.submit)
        let refused = try #require(console.formState, "the form stays open with the reason")
        #expect(refused.error == "app alpha is not labelled hipaa, which team field requires")
        #expect(console.team?.state.apps == [])
        console.fill(["beta", "viewer"])
        console.send(.submit)
        #expect(console.state.overlay == .none)
        #expect(console.team?.state.apps.map(\.app.id) == ["beta"])
    }

    @Test func aPolicyIsRefusedWhileTheTeamHoldsAnAppWithoutTheLabel() throws {
        let f = try AdminConsoleFixture()
        try fieldTeam(f)
        try f.service.addTeamApp(f.ada, organizationID: "acme", teamID: "field", appID: "gamma", role: .viewer)
        let console = try teamPage(f)
        console.send(.edit)
        console.fill(["gdpr"])
        console.send(.submit)
        let form = try #require(console.formState)
        #expect(form.error == "apps of team field are not labelled as required: gamma (lacks gdpr); label them or remove them from the team first")
        #expect(try f.service.team(f.ada, organizationID: "acme", id: "field").requiredLabels == [])
    }

    @Test func labelsAreEditedOnTheAppFormAndARequiredOneCannotBeRemoved() throws {
        let f = try AdminConsoleFixture()
        try fieldTeam(f)
        let console = ConsoleViewModel(service: f.service, session: f.ada)
        console.switchContext(.organization("acme"))
        let apps = try #require(console.myApps)
        console.send(.selectIndex(try #require(apps.state.ids.firstIndex(of: "beta"))))
        console.send(.edit)
        let form = try #require(console.formState)
        #expect(form.purpose == .editApp(id: "beta", version: 1))
        #expect(form.value("labels") == "")
        console.fill(["Beta", "about beta", "HIPAA, gdpr"])
        console.send(.submit)
        #expect(console.state.overlay == .none)
        #expect(try f.service.app(f.ada, in: .organization("acme"), id: "beta").labels.sorted() == ["gdpr", "hipaa"])

        _ = try f.service.setTeamPolicy(f.ada, organizationID: "acme", teamID: "field", requiredLabels: ["hipaa"])
        try f.service.addTeamApp(f.ada, organizationID: "acme", teamID: "field", appID: "beta", role: .viewer)
        console.send(.edit)
        #expect(console.formState?.value("labels").contains("hipaa") == true)
        console.fill(["Beta", "about beta", "gdpr"])
        console.send(.submit)
        #expect(console.formState?.error == "team field requires hipaa: remove the app from the team first")
        #expect(try f.service.app(f.ada, in: .organization("acme"), id: "beta").labels.contains("hipaa"))
    }

    @Test func aTeamDeletedElsewhereClosesItsPage() throws {
        let f = try AdminConsoleFixture()
        try fieldTeam(f)
        let console = try teamPage(f)
        try f.service.deleteTeam(f.ada, organizationID: "acme", id: "field")
        console.send(.externalChange)
        #expect(console.state.screen == .pane(.account))
        #expect(console.state.flash == .warn("team field was deleted elsewhere"))
    }

    // MARK: Team Contributors

    @Test func aTeamContributorsMyAppsShowsOnlyTheirTeamsApps() throws {
        let f = try AdminConsoleFixture()
        try fieldTeam(f)
        try f.service.addTeamApp(f.ada, organizationID: "acme", teamID: "field", appID: "beta", role: .contributor)
        try f.service.addTeamMember(f.ada, organizationID: "acme", teamID: "field", username: "bob")
        let admin = f.account(section: .members)
        admin.selectMember("bob")
        admin.send(.open)
        admin.send(.move(.down))
        admin.send(.open)
        #expect(try f.role(of: "bob") == .teamContributor)

        let console = ConsoleViewModel(service: f.service, session: f.bob)
        console.switchContext(.organization("acme"))
        #expect(console.state.role == .teamContributor)
        #expect(try #require(console.myApps).state.ids == ["beta"])
        #expect(try #require(console.myApps).state.total == 1)
    }

    // MARK: Inbox

    @Test func anInviteeSeesTheInboxRightAfterSignInAndAcceptingSwitchesToTheOrganization() throws {
        let f = try AdminConsoleFixture()
        let invitation = try f.service.invite(f.ada, organizationID: "acme", email: "DAN@example.com", role: .orgContributor, teams: [])
        let console = f.signInThroughTheScreen("dan")
        #expect(console.state.signIn == nil)
        #expect(console.state.session?.user.username == "dan")
        #expect(console.state.invitationCount == 1)
        let inbox = try #require(console.inboxState, "the inbox opens by itself")
        #expect(inbox.invitations.map(\.id) == [invitation.id])
        #expect(inbox.invitations.first?.organizationName == "Acme Robotics")
        #expect(inbox.cursor == 0)
        console.send(.open)
        #expect(console.state.overlay == .none)
        #expect(console.state.context == .organization("acme"))
        #expect(console.state.role == .orgContributor)
        #expect(console.state.memberships.map(\.organization.id) == ["acme"])
        #expect(console.state.invitationCount == 0, "the badge goes")
        #expect(console.state.flash == .info("you joined Acme Robotics as Organization Contributor"))
        #expect(try f.role(of: "dan") == .orgContributor)
        #expect(try #require(console.myApps).state.ids.sorted() == ["alpha", "beta", "gamma"])
    }

    @Test func aTeamContributorInvitedWithATeamReachesOnlyThatTeamsApps() throws {
        let f = try AdminConsoleFixture()
        try fieldTeam(f)
        try f.service.addTeamApp(f.ada, organizationID: "acme", teamID: "field", appID: "gamma", role: .viewer)
        _ = try f.service.invite(f.ada, organizationID: "acme", email: "dan@example.com", role: .teamContributor, teams: ["field"])
        let console = f.signInThroughTheScreen("dan")
        console.send(.open)
        #expect(console.state.role == .teamContributor)
        #expect(try #require(console.myApps).state.ids == ["gamma"])
        #expect(try f.service.teamMembers(f.ada, organizationID: "acme", teamID: "field").map(\.user.username) == ["dan"])
    }

    @Test func decliningRemovesTheInvitationAndTheBadge() throws {
        let f = try AdminConsoleFixture()
        let invitation = try f.service.invite(f.ada, organizationID: "acme", email: "dan@example.com", role: .orgUser, teams: [])
        let console = f.signInThroughTheScreen("dan")
        #expect(console.state.invitationCount == 1)
        console.send(.delete)
        let inbox = try #require(console.inboxState, "the inbox stays open")
        #expect(inbox.invitations == [])
        #expect(console.state.invitationCount == 0)
        #expect(console.state.flash == .info("declined the invitation to Acme Robotics"))
        #expect(console.state.context == .personal)
        #expect(console.state.memberships == [])
        #expect(try f.service.invitations(f.ada, organizationID: "acme").first { $0.id == invitation.id }?.state == .declined)
        console.send(.back)
        #expect(console.state.overlay == .none)
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
        #expect(console.state.invitationCount == 0)
    }

    @Test func aMemberAtTheOrganizationLimitIsToldToLeaveFirst() throws {
        let f = try AdminConsoleFixture()
        _ = try f.service.createOrganization(f.dan, id: "globex", name: "Globex", billingEmail: "billing@globex.test")
        _ = try f.service.invite(f.dan, organizationID: "globex", email: "bob@example.com", role: .orgUser, teams: [])
        let console = f.signInThroughTheScreen("bob")
        #expect(console.state.invitationCount == 1)
        console.send(.open)
        let inbox = try #require(console.inboxState, "the inbox stays open with the reason")
        #expect(inbox.error == "leave your current organization first")
        #expect(console.state.memberships.map(\.organization.id) == ["acme"])
    }

    @Test func anInvitationArrivingWhileSignedInLightsTheBadge() throws {
        let f = try AdminConsoleFixture()
        let console = ConsoleViewModel(service: f.service, session: f.dan)
        #expect(console.state.invitationCount == 0)
        _ = try f.service.invite(f.ada, organizationID: "acme", email: "dan@example.com", role: .orgUser, teams: [])
        console.send(.externalChange)
        #expect(console.state.invitationCount == 1)
        #expect(console.state.overlay == .none, "the inbox does not jump open mid-work")
    }
}
