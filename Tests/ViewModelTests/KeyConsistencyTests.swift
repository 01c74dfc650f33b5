import Foundation
import OrgdeckCore
import OrgdeckTestSupport
import Testing
@testable import OrgdeckViewModels

/// Keys that mean the same wherever they are pressed: row keys act on rows, Enter shows,
/// Esc backs out one level, refused keys are greyed with why, and help scrolls like a list.
@Suite struct KeyConsistencyTests {
    /// Ada on acme's app alpha, in the section titled `title`.
    func alpha(_ fixture: Fixture, _ title: String) throws -> (ConsoleViewModel, AppPageViewModel) {
        let console = fixture.console()
        console.switchContext(.organization("acme"))
        console.pushPage(.app("alpha")); console.syncState()
        let page = try #require(console.appDetail)
        console.send(.selectSection(try #require(page.sections.firstIndex { $0.title == title })))
        return (console, page)
    }

    @Test(arguments: [(ConsoleEvent.edit, "edit"), (.duplicate, "duplicate")])
    func aRowSectionsKeyNeverActsOnTheAppBehindIt(event: ConsoleEvent, verb: String) throws {
        let fixture = try Fixture(orgApps: ["alpha"])
        let (console, page) = try alpha(fixture, "Inputs")
        console.send(event)
        #expect(page.dialog == nil && console.state.overlay == .none, "no app form from a section of rows")
        #expect(console.state.flash == .warn("Inputs has no \(verb) here: the app itself is edited, duplicated and deleted "
                                             + "from Overview or Settings"))
        #expect(!console.focusCommands.contains { $0.event == event }, "not offered in the footer or help")
        #expect(console.focusCommands.contains { $0.event == .copyID && $0.label == "copy ID" }, "Inputs copies its own IDs")
        // In Overview the same key is the app's.
        console.send(.selectSection(0))
        console.send(event)
        #expect(page.dialog != nil)
    }

    @Test func theWayBackIsListedBeforeTheSectionsKeys() throws {
        let fixture = try Fixture(orgApps: ["alpha"])
        let (console, _) = try alpha(fixture, "Concepts")
        #expect(console.focusCommands.prefix(2).map(\.event) == [.nextFocus, .back])
    }

    @Test func enterOnACollaboratorShowsThemAndChangesNothing() throws {
        let (console, _) = try ConsoleViewModel.demo(try DemoDatabase.make(), app: "support-triage", section: "Collaborators")
        console.send(.open)
        guard case .info(let info) = console.state.overlay else { Issue.record("no details: \(console.state.overlay)"); return }
        #expect(info.rows.first?.value == "olivia")
        #expect(info.rows.contains { $0.label == "Scopes" && $0.value.contains("predict — ") })
        console.send(.cancel)
        #expect(console.focusCommands.contains { $0.event == .open && $0.label == "details" })
        console.send(.edit)
        guard case .picker = console.state.overlay else { Issue.record("e no longer edits the scopes"); return }
    }

    @Test func aReadOnlyAdminSeesTheIdentityProvidersAndMayNotChangeThem() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("orgdeck-ro-idp-\(UUID().uuidString)/db.sqlite").path
        let writer = try OrgService.open(path: path, options: .init(passwordRounds: 1_000))
        let ada = try writer.signUp(username: "ada", displayName: "Ada", email: "ada@example.com", password: Fixture.password, source: .tui)
        let session = Session(user: ada, source: .tui)
        _ = try writer.createOrganization(session, id: "acme", name: "Acme", billingEmail: "billing@acme.test")
        let cert = TestCertificates.base64(try TestCertificates.make("idp.plain.example"))
        _ = try writer.importIdentityProvider(session, organizationID: "acme",
                                              metadata: Data(VendorMetadata.plain(certificates: [cert]).utf8), name: "Plain")
        let service = try OrgService.open(path: path, options: .init(readOnly: true, passwordRounds: 1_000))
        let console = ConsoleViewModel(service: service, session: session)
        console.send(.firstFramePainted)
        console.switchContext(.organization("acme"))
        console.send(.selectPane(.security))
        console.send(.selectSection(1))
        let section = try #require(console.security?.section as? IdentityProvidersSection)
        #expect(section.visible && section.state.list.rows.map(\.name) == ["Plain"])
        console.send(.edit)
        #expect(console.front?.dialog == nil && console.state.flash == .warn("read-only mode: changes are disabled"))
        console.send(.open)
        guard case .info = console.state.overlay else { Issue.record("details refused"); return }
    }

    @Test func invitationsAreSearchedLikeEveryOtherList() throws {
        let f = try AdminConsoleFixture()
        for email in ["erin@example.com", "frank@example.org"] {
            _ = try f.service.invite(f.ada, organizationID: "acme", email: email, role: .orgUser, teams: [])
        }
        let console = f.account(section: .invitations)
        #expect(console.focusCommands.contains { $0.event == .filter && $0.label == "search" })
        console.send(.filter)
        console.type("frank")
        #expect(console.invitations?.list.rows.map(\.email) == ["frank@example.org"])
        console.send(.cancel)
        #expect(console.invitations?.list.rows.count == 2)
        // A search kept: Esc clears it, and says so first, before the list's keys.
        console.send(.filter); console.type("frank"); console.send(.submit)
        #expect(console.focusCommands.prefix(2) == [PaneCommand(.nextFocus, "sections"), PaneCommand(.back, "clear search")])
        console.send(.back)
        #expect(console.invitations?.list.rows.count == 2 && !console.focusCommands.contains { $0.event == .back })
    }

    @Test func aKeptFilterOrSearchOnAPageSaysEscClearsItInsteadOfGoingBack() throws {
        let fixture = try Fixture(orgApps: ["alpha", "beta"])
        let console = fixture.console()
        console.switchContext(.organization("acme"))
        console.send(.filter); console.type("alp"); console.send(.submit)
        #expect(console.focusCommands.first == PaneCommand(.back, "clear filter"))
        _ = try fixture.service.createConcept(fixture.ada, in: .organization("acme"), appID: "alpha", id: "billing", name: "")
        let (page, _) = try alpha(fixture, "Concepts")
        page.send(.filter); page.type("x"); page.send(.submit)
        #expect(page.focusCommands.prefix(2) == [PaneCommand(.nextFocus, "sections"), PaneCommand(.back, "clear search")],
                "one Esc hint, the one Esc does now: \(page.focusCommands)")
        #expect(page.focusCommands.filter { $0.event == .back }.count == 1)
    }

    @Test func helpScrollsLikeAListAndStopsAtItsEnds() throws {
        let fixture = try Fixture()
        let console = fixture.console()
        console.send(.viewport(rows: 12, columns: 80))
        console.send(.help)
        let limit = console.helpScrollLimit
        #expect(limit > 0)
        console.send(.bottom)
        #expect(console.state.overlay == .help(scroll: limit))
        console.send(.move(.down))
        #expect(console.state.overlay == .help(scroll: limit), "no rows past the last")
        console.send(.move(.up))
        #expect(console.state.overlay == .help(scroll: limit - 1), "one key up is one row up, even after the end")
        console.send(.top)
        #expect(console.state.overlay == .help(scroll: 0))
        console.send(.text("x"))
        #expect(console.state.overlay == .none)
    }

    @Test func escapeOnSignUpGoesBackToSignIn() throws {
        let fixture = try Fixture()
        let console = ConsoleViewModel(service: fixture.service, session: nil)
        console.send(.firstFramePainted)
        console.type("grace")
        console.send(.toggleSignUp)
        #expect(console.state.signIn?.mode == .signUp)
        #expect(console.state.signIn?.form.value("username") == "grace", "what was typed goes along")
        #expect(console.focusCommands.last?.label == "back to sign in")
        let effects = console.send(.cancel)
        #expect(!effects.contains(.quit) && console.state.signIn?.mode == .signIn)
        #expect(console.state.signIn?.form.value("login") == "grace")
        console.send(.previousFocus)  // the login, from the password the cursor went on to
        console.type("@example.com")
        console.send(.toggleSignUp)
        #expect(console.state.signIn?.form.value("email") == "grace@example.com" && console.state.signIn?.form.value("username") == "")
        console.send(.toggleSignUp)
        #expect(console.send(.cancel).contains(.quit), "on sign-in Esc still quits")
    }

    @Test func aSignUpRefusalPutsTheCursorInTheFieldAtFault() throws {
        let fixture = try Fixture()
        let console = ConsoleViewModel(service: fixture.service, session: nil)
        console.send(.firstFramePainted)
        console.send(.toggleSignUp)
        console.type("newbie")
        console.send(.nextFocus); console.send(.nextFocus)
        console.type("newbie@example.com")
        console.send(.nextFocus)
        console.type("a long enough password 1")
        console.send(.submit)
        let form = try #require(console.state.signIn?.form)
        #expect(form.error == "name is required")
        #expect(form.fields[form.focus].key == "display_name", "the cursor goes to the display name, left empty")
    }

    @Test func emptyListsGreyTheirRowKeysAndSayWhy() throws {
        let fixture = try Fixture(orgApps: ["alpha"], personalApps: [])
        let console = fixture.console()
        #expect(console.refusals["transfer"] == "no app selected", "nothing to transfer in an empty personal list")
        // Bob's own account has no app: nothing to filter.
        let bob = fixture.console(fixture.bob)
        #expect(bob.refusals["filter"] == "nothing to filter: there are no apps here")
        bob.send(.filter)
        #expect(bob.state.flash == .warn("nothing to filter: there are no apps here") && bob.screenHasFocus)
        console.send(.selectPane(.starred))
        #expect(console.refusals["search"] == "nothing to search: the list is empty")
        console.send(.filter)
        #expect(console.state.flash == .warn("nothing to search: the list is empty") && console.screenHasFocus, "no search line opens")
        console.send(.selectPane(.myApps))
        console.switchContext(.organization("acme"))
        console.send(.filter)
        console.type("zzz")
        console.send(.submit)
        console.send(.delete)
        #expect(console.state.flash == .warn("no app matches \"zzz\""), "a filter, not an empty context")
        console.pushPage(.app("alpha")); console.syncState()
        console.send(.selectSection(1))
        #expect(console.refusals["cancel upload"] == "no upload is running")
        #expect(console.helpSections.first?.commands.first { $0.event == .cancelJob }?.refusal == "no upload is running",
                "help greys it as the footer does")
        console.send(.cancelJob)
        #expect(console.state.flash == .warn("no upload is running"))
        console.send(.nextFocus)
        #expect(console.state.flash == nil, "a refusal about the section left goes with it")
    }

    @Test func aRoleChangedElsewhereKeepsTheUserWhereTheyWere() throws {
        let fixture = try Fixture()
        for id in ["a-one", "b-two", "c-three"] {
            _ = try fixture.service.createConcept(fixture.ada, in: .organization("acme"), appID: "gamma-ray", id: id, name: id)
        }
        let console = fixture.console(fixture.bob)
        console.switchContext(.organization("acme"))
        console.send(.filter)
        console.type("gam")
        console.send(.submit)
        console.send(.open)
        console.send(.selectSection(2))
        console.send(.move(.down))
        #expect(console.appDetail?.state.appID == "gamma-ray" && console.appDetail?.section.title == "Concepts")
        _ = try fixture.service.changeRole(fixture.ada, organizationID: "acme", username: "bob", to: .orgContributor)
        console.send(.externalChange)
        #expect(console.state.flash == .warn("your role in Acme Robotics is now Organization Contributor"))
        #expect(console.appDetail?.state.appID == "gamma-ray" && console.appDetail?.section.title == "Concepts")
        let concepts = try #require(console.appDetail?.section as? ConceptsSection)
        #expect(concepts.state.list.selected?.id == "b-two", "the cursor stays on its concept: the next key acts on it")
        console.send(.back)
        #expect(console.myApps?.state.filter.text == "gam" && console.myApps?.state.selectedID == "gamma-ray")
    }
}

/// A list whose item under the cursor is deleted elsewhere says so as the cursor moves on.
@Suite struct GoneItemTests {
    @Test func theCursorsItemDeletedElsewhereIsNamed() throws {
        let f = try AdminConsoleFixture()
        for id in ["alpha", "bravo", "charlie"] {
            _ = try f.service.createTeam(f.ada, organizationID: "acme", id: id, name: id.capitalized)
        }
        let console = f.account(section: .teams)
        console.send(.move(.down))
        #expect(console.teams?.list.selected?.id == "bravo")
        try f.service.deleteTeam(f.ada, organizationID: "acme", id: "bravo")
        console.send(.externalChange)
        #expect(console.state.flash == .note("bravo is no longer in Teams: changed elsewhere"))
        #expect(console.teams?.list.selected?.id == "charlie")
        // A team renamed elsewhere is still there: the cursor stays on it, nothing is said of it.
        _ = try f.service.renameTeam(f.ada, organizationID: "acme", id: "charlie", name: "Aardvark")
        console.send(.externalChange)
        #expect(console.teams?.list.selected?.id == "charlie")
        #expect(console.state.flash?.text.contains("charlie") != true)
    }

    @Test func theAppUnderTheCursorDeletedElsewhereIsNamed() throws {
        let fixture = try Fixture()
        let console = fixture.console()
        console.switchContext(.organization("acme"))
        console.send(.selectIndex(1))
        let gone = try #require(console.myApps?.state.selected?.id)
        try fixture.service.deleteApp(fixture.ada, in: .organization("acme"), id: gone)
        console.send(.externalChange)
        #expect(console.state.flash == .note("\(gone) is no longer in My Apps: changed elsewhere"))
        #expect(console.myApps?.state.selected != nil && console.myApps?.state.selected?.id != gone)
    }

    @Test func anAppTheUserMovedAwayOrAFilterHidesIsNotSaidToBeChangedElsewhere() throws {
        let fixture = try Fixture()
        let console = fixture.console()
        console.send(.transfer)
        console.send(.submit); console.send(.submit); console.send(.submit)
        #expect(console.state.flash == .info("transferred notes to acme as notes"))
        // The change is noticed by the next poll, as any write is: the user's own, said once.
        console.send(.externalChange)
        #expect(console.state.flash == .info("transferred notes to acme as notes"))
        console.switchContext(.organization("acme"))
        console.send(.filter); console.type("zzz"); console.send(.submit)
        console.send(.externalChange)
        #expect(console.state.flash?.text.contains("no longer") != true, "hidden by the filter is not gone")
        console.send(.cancel)
        #expect(console.myApps?.state.total == 4)
    }
}
