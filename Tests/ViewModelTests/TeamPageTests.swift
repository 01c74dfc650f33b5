import Foundation
import OrgdeckCore
import Testing
@testable import OrgdeckViewModels

/// A team's page through the pane protocol: tabs, members and apps from pickers, the label
/// policy, and compliance labels on the app form.
@Suite struct TeamPageTests {
    /// Ada's console (or `session`'s) on the page of team `field`.
    func teamPage(_ f: AdminConsoleFixture, as session: Session? = nil) throws -> ConsoleViewModel {
        let console = f.account(session, section: .teams)
        let index = try #require(console.teams?.list.rows.firstIndex { $0.id == "field" })
        console.send(.selectIndex(index))
        console.send(.open)
        return console
    }

    /// Team `field` of acme, holding `app` as a viewer when one is named.
    func fieldTeam(_ f: AdminConsoleFixture, holding app: String? = nil) throws {
        _ = try f.service.createTeam(f.ada, organizationID: "acme", id: "field", name: "Field Team")
        if let app { try f.service.addTeamApp(f.ada, organizationID: "acme", teamID: "field", appID: app, role: .viewer) }
    }

    var members: (ConsoleViewModel) -> ListSectionState<Member>? { { ($0.team?.section as? TeamMembersSection)?.state } }
    var apps: (ConsoleViewModel) -> ListSectionState<TeamApp>? { { ($0.team?.section as? TeamAppsSection)?.state } }

    @Test func openPushesTheTeamPageAndEscGoesBackToTeams() throws {
        let f = try AdminConsoleFixture()
        try fieldTeam(f)
        try f.service.addTeamMember(f.ada, organizationID: "acme", teamID: "field", username: "bob")
        try f.service.addTeamApp(f.ada, organizationID: "acme", teamID: "field", appID: "beta", role: .viewer)
        let console = try teamPage(f)
        #expect(console.state.stack == [.pane(.account), .team("field")])
        #expect(console.state.pane == .account, "the Account tab stays lit")
        #expect(console.team?.state.team?.name == "Field Team")
        #expect(console.team?.tab == .members)
        #expect(members(console)?.list.rows.map(\.user.username) == ["bob"])
        console.send(.nextFocus)
        #expect(console.team?.tab == .apps)
        #expect(apps(console)?.list.rows.map(\.role) == [.viewer])
        console.send(.move(.left))
        #expect(console.team?.tab == .members)
        console.send(.back)
        #expect(console.state.stack == [.pane(.account)])
        #expect(console.team == nil)
        #expect(console.teams?.list.rows.first?.memberCount == 1, "the list returned to is read again")
    }

    @Test func membersToAddComeFromAPickerOfTheOrganizationsMembers() throws {
        let f = try AdminConsoleFixture()
        try fieldTeam(f)
        try f.service.addTeamMember(f.ada, organizationID: "acme", teamID: "field", username: "bob")
        let console = try teamPage(f)
        console.send(.new)
        let picker = try #require(console.pickerState)
        #expect(picker.options.map(\.value) == ["ada", "bob", "cleo"], "members of acme only: dan is not one")
        #expect(picker.options.first { $0.value == "bob" }?.refusal == "bob is already in field")
        console.pick("bob")
        #expect(console.pickerState?.error == "bob is already in field", "a refused option says why and stays open")
        console.pick("cleo")
        #expect(console.state.overlay == .none)
        #expect(console.state.flash == .info("added cleo to field"))
        #expect(members(console)?.list.selected?.user.username == "cleo")
    }

    @Test func removingATeamMemberAsksFirst() throws {
        let f = try AdminConsoleFixture()
        try fieldTeam(f)
        try f.service.addTeamMember(f.ada, organizationID: "acme", teamID: "field", username: "bob")
        let console = try teamPage(f)
        console.send(.delete)
        #expect(console.confirmState?.message == "Remove bob from team field? They stay in the organization.")
        console.send(.submit)
        #expect(console.state.flash == .info("removed bob from field"))
        #expect(try f.role(of: "bob") == .orgUser)
    }

    @Test func anAppIsPickedFromTheOrganizationsAppsThenItsRole() throws {
        let f = try AdminConsoleFixture()
        try fieldTeam(f)
        let console = try teamPage(f)
        console.send(.nextFocus)
        console.send(.new)
        #expect(console.pickerState?.options.map(\.value) == ["alpha", "beta", "gamma"])
        console.type("alp")
        #expect(console.pickerState?.visible.map(\.value) == ["alpha"], "typing searches the organization's apps")
        console.send(.submit)
        let roles = try #require(console.pickerState)
        #expect(roles.options.map(\.value) == ["viewer", "contributor"])
        console.pick("contributor")
        #expect(console.state.flash == .info("added app alpha to field as contributor"))
        #expect(apps(console)?.list.rows.map(\.role) == [.contributor])
        console.send(.delete)
        console.send(.submit)
        #expect(apps(console)?.list.rows == [])
    }

    @Test func eOnTheAppsTabChangesTheRoleOfTheAppUnderTheCursor() throws {
        let f = try AdminConsoleFixture()
        try fieldTeam(f, holding: "beta")
        let console = try teamPage(f)
        console.send(.nextFocus)
        #expect(console.focusCommands.first { $0.event == .edit }?.label == "change role", "the page's label policy is not offered here")
        console.send(.edit)
        let roles = try #require(console.pickerState)
        #expect(roles.title == "Role of beta in field")
        #expect(roles.highlighted?.value == "viewer", "opens on the current role")
        console.pick("contributor")
        #expect(console.state.flash == .info("beta is now contributor in field"))
        #expect(apps(console)?.list.rows.map(\.role) == [.contributor])
        console.send(.edit)
        console.send(.cancel)
        #expect(console.state.flash?.text == "role of beta in field unchanged")
        let bob = try teamPage(f, as: f.bob)
        bob.send(.nextFocus)
        bob.send(.edit)
        #expect(bob.state.overlay == .none)
        #expect(bob.state.flash == .warn("managing teams requires role Admin or Organization Contributor"))
    }

    @Test func aLabelPolicyRefusesANonCompliantAppAndThePickerStaysOpen() throws {
        let f = try AdminConsoleFixture()
        try fieldTeam(f)
        _ = try f.service.labelApp(f.ada, in: .organization("acme"), id: "beta", labels: ["hipaa"])
        let console = try teamPage(f)
        console.send(.edit)
        console.fill(["hipaa"])
        console.send(.submit)
        #expect(console.state.flash == .info("team field now only takes apps labelled hipaa"))
        console.send(.nextFocus)
        console.send(.new)
        let refusal = "not labelled hipaa, which this team requires"
        #expect(console.pickerState?.visible.first { $0.value == "alpha" }?.refusal == refusal, "greyed with the reason")
        #expect(console.pickerState?.visible.first { $0.value == "beta" }?.refusal == nil)
        #expect(console.pickerState?.visible.first?.value == "beta", "the apps that can be added come first")
        console.pick("alpha")
        #expect(console.pickerState?.error == refusal, "refused before the role is asked")
        #expect(console.pickerState?.title.hasPrefix("Add an app") == true)
        console.pick("beta")
        console.pick("viewer")
        #expect(apps(console)?.list.rows.map(\.app.id) == ["beta"])
    }

    @Test func aPolicyIsRefusedWhileTheTeamHoldsAnAppWithoutTheLabel() throws {
        let f = try AdminConsoleFixture()
        try fieldTeam(f, holding: "gamma")
        let console = try teamPage(f)
        console.send(.edit)
        console.fill(["gdpr"])
        console.send(.submit)
        #expect(console.formState?.error == "apps of team field are not labelled as required: gamma (lacks gdpr); label them or remove them from the team first")
    }

    @Test func anOrganizationUserIsRefusedEveryTeamChangeOnTheKey() throws {
        let f = try AdminConsoleFixture()
        try fieldTeam(f)
        let console = try teamPage(f, as: f.bob)
        for event in [ConsoleEvent.new, .edit] {
            console.send(event)
            #expect(console.state.overlay == .none)
            #expect(console.state.flash == .warn("managing teams requires role Admin or Organization Contributor"))
        }
    }

    @Test func labelsAreEditedOnTheAppFormAndARequiredOneCannotBeRemoved() throws {
        let f = try AdminConsoleFixture()
        try fieldTeam(f)
        let console = ConsoleViewModel(service: f.service, session: f.ada)
        console.switchContext(.organization("acme"))
        let apps = try #require(console.myApps)
        console.send(.selectIndex(try #require(apps.state.ids.firstIndex(of: "beta"))))
        console.send(.edit)
        #expect(console.formState?.value("labels") == "")
        console.fill(["Beta", "about beta", "HIPAA, gdpr"])
        console.send(.submit)
        #expect(console.state.overlay == .none)
        #expect(try f.service.app(f.ada, in: .organization("acme"), id: "beta").labels == ["gdpr", "hipaa"])
        _ = try f.service.setTeamPolicy(f.ada, organizationID: "acme", teamID: "field", requiredLabels: ["hipaa"])
        try f.service.addTeamApp(f.ada, organizationID: "acme", teamID: "field", appID: "beta", role: .viewer)
        console.send(.edit)
        console.fill(["Beta renamed", "about beta", "gdpr"])
        console.send(.submit)
        #expect(console.formState?.error == "team field requires hipaa: remove the app from the team first")
        let beta = try f.service.app(f.ada, in: .organization("acme"), id: "beta")
        #expect(beta.labels.contains("hipaa") && beta.name == "Beta", "all or nothing: the rename did not happen either")
    }

    @Test func aLabelAddedInAnotherSessionMakesTheOpenFormStale() throws {
        let f = try AdminConsoleFixture()
        let console = ConsoleViewModel(service: f.service, session: f.ada)
        console.switchContext(.organization("acme"))
        console.send(.selectIndex(try #require(console.myApps?.state.ids.firstIndex(of: "alpha"))))
        console.send(.edit)
        _ = try f.service.labelApp(f.cleo, in: .organization("acme"), id: "alpha", labels: ["gdpr"])
        console.fill(["Alpha 2", "about alpha", "pci"])
        console.send(.submit)
        #expect(console.formState?.error == "Saved elsewhere meanwhile: Enter saves yours over it, Esc keeps theirs. "
                + "Now: compliance labels \"gdpr\"", "what the other save changed, not the name typed here")
        #expect(console.formState?.value("name") == "Alpha 2" && console.formState?.value("labels") == "pci", "nothing typed is lost")
        #expect(try f.service.app(f.ada, in: .organization("acme"), id: "alpha").labels == ["gdpr"], "the other session's label is kept")
        console.send(.submit)
        #expect(console.state.overlay == .none)
        let alpha = try f.service.app(f.ada, in: .organization("acme"), id: "alpha")
        #expect(alpha.name == "Alpha 2" && alpha.labels == ["pci"], "a second Enter saves the typed values over the other session's")
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

    @Test func aTeamContributorsMyAppsShowsOnlyTheirTeamsAppsAndTheirRolesOnEach() throws {
        let f = try AdminConsoleFixture()
        try fieldTeam(f)
        try f.service.addTeamApp(f.ada, organizationID: "acme", teamID: "field", appID: "beta", role: .contributor)
        try f.service.addTeamApp(f.ada, organizationID: "acme", teamID: "field", appID: "gamma", role: .viewer)
        try f.service.addTeamMember(f.ada, organizationID: "acme", teamID: "field", username: "bob")
        _ = try f.service.changeRole(f.ada, organizationID: "acme", username: "bob", to: .teamContributor)
        let console = ConsoleViewModel(service: f.service, session: f.bob)
        console.switchContext(.organization("acme"))
        let apps = try #require(console.myApps)
        #expect(apps.state.ids.sorted() == ["beta", "gamma"])
        console.send(.selectIndex(try #require(apps.state.ids.firstIndex(of: "gamma"))))
        console.send(.edit)
        #expect(console.state.overlay == .none, "a viewer app opens no edit form")
        #expect(console.state.flash == .warn("editing app content requires role Admin or Organization Contributor (or a team that grants it on this app)"))
        console.send(.selectIndex(try #require(apps.state.ids.firstIndex(of: "beta"))))
        console.send(.edit)
        #expect(console.formState?.fields.map(\.key) == ["description"], "a contributor edits the content, not the name or labels")
        console.send(.cancel)
        console.send(.delete)
        #expect(console.state.overlay == .none)
        #expect(console.state.flash == .warn("deleting apps requires role Admin or Organization Contributor"))
    }
}
