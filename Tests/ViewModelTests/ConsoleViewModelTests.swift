import Foundation
import OrgdeckCore
import Testing
@testable import OrgdeckViewModels

@Suite struct ConsoleViewModelTests {
    @Test func profileMenuSwitchesContextAndTheAppListFollows() throws {
        let fixture = try Fixture()
        let console = fixture.console()
        #expect(try #require(console.myApps).state.ids == ["notes"])
        console.send(.profileMenu)
        guard case .profileMenu(let menu) = console.state.overlay else { Issue.record("menu not open"); return }
        #expect(menu.items.first == .context(.personal, title: "ada", detail: "personal"))
        #expect(menu.items[1] == .context(.organization("acme"), title: "Acme Robotics", detail: "Admin"))
        #expect(menu.items[2] == .addOrganization)
        #expect(menu.items.last == .signOut)
        #expect(menu.cursor == 0)
        console.send(.move(.down))
        console.send(.open)
        #expect(console.state.overlay == .none)
        #expect(console.state.context == .organization("acme"))
        #expect(console.state.contextTitle == "Acme Robotics")
        #expect(console.state.role == .admin)
        #expect(try #require(console.myApps).state.ids == ["gamma-ray", "beta", "alpha"])
        #expect(console.state.flash == .info("switched to Acme Robotics"))
    }

    @Test func profileMenuOpensPanesAndSignsOut() throws {
        let fixture = try Fixture()
        let console = fixture.console()
        console.send(.profileMenu)
        guard case .profileMenu(let menu) = console.state.overlay else { Issue.record("menu not open"); return }
        let security = try #require(menu.items.firstIndex(of: .pane(.security)))
        console.send(.selectIndex(security))
        #expect(console.state.screen == .pane(.security))
        console.send(.profileMenu)
        console.send(.bottom)
        console.send(.open)
        #expect(console.state.session == nil)
        #expect(console.state.signIn != nil)
    }

    @Test func addingAnOrganizationAtTheOneOrganizationLimitIsRefusedOnTheKey() throws {
        let fixture = try Fixture()
        let console = fixture.console()
        console.send(.profileMenu)
        console.send(.selectIndex(2))
        #expect(console.state.overlay == .none, "no form opens")
        #expect(console.state.flash == .warn("leave your current organization first"))
        console.send(.palette)
        console.type("new-org")
        console.send(.submit)
        #expect(console.state.overlay == .none)
        #expect(console.state.flash == .warn("leave your current organization first"))
    }

    @Test func aUserWithoutAnOrganizationCreatesOneAndLandsInIt() throws {
        let fixture = try Fixture()
        _ = try fixture.service.signUp(username: "cy", displayName: "Cy", email: "cy@example.com", password: Fixture.password, source: .tui)
        let cy = try fixture.service.signIn(login: "cy", password: Fixture.password, source: .tui)
        let console = fixture.console(cy)
        console.send(.palette)
        console.type("new-org")
        console.send(.submit)
        console.type("Cy Labs")
        console.send(.nextFocus)
        console.type("cylabs")
        console.send(.nextFocus)
        console.type("billing@cy.test")
        console.send(.submit)
        #expect(console.state.overlay == .none)
        #expect(console.state.context == .organization("cylabs"))
        #expect(console.state.role == .admin)
        #expect(console.state.memberships.map(\.organization.id) == ["cylabs"])
    }

    /// A console in acme whose places are remembered in memory, with the fixture and the memory.
    func remembering() throws -> (Fixture, MemoryPlaces, ConsoleViewModel) {
        let fixture = try Fixture()
        let places = MemoryPlaces()
        let console = fixture.console(memory: places)
        console.switchContext(.organization("acme"))
        return (fixture, places, console)
    }

    @Test func theConsoleOpensWhereTheUserLeftAndSaysSoWhenThatOrganizationIsGone() throws {
        let (fixture, places, first) = try remembering()
        first.send(.selectPane(.billing))
        #expect(places.places["ada"]?.context == "acme" && places.places["ada"]?.pane == Pane.billing.rawValue)
        first.send(.selectSection(2))
        let section = try #require((first.front as? SectionedPage)?.section.title)
        #expect(places.places["ada"] == Place(context: "acme", pane: Pane.billing.rawValue, section: section, layout: "grid"))
        let again = fixture.console(memory: places)
        #expect(again.state.context == .organization("acme"))
        #expect(again.state.pane == .billing)
        #expect((again.front as? SectionedPage)?.section.title == section, "the section comes back too")
        // My Apps as a list is the user's choice too.
        again.send(.selectPane(.myApps))
        again.send(.toggleView)
        #expect(places.places["ada"]?.layout == "list")
        #expect(fixture.console(memory: places).myApps?.state.layout == .list)

        places.places["bob"] = Place(context: "gone-org", pane: Pane.account.rawValue)
        let bob = fixture.console(fixture.bob, memory: places)
        #expect(bob.state.context == .personal)
        #expect(bob.state.pane == .account)
        #expect(bob.state.flash == .info("you are no longer in gone-org; this is your personal account"))
    }

    @Test func quittingRemembersTheItemUnderTheCursorAndTheNextSignInReturnsToIt() throws {
        let (fixture, places, first) = try remembering()
        first.send(.move(.down)); first.send(.move(.down))
        let app = try #require(first.myApps?.state.selectedID)
        #expect(app != first.myApps?.state.ids.first)
        #expect(places.places["ada"]?.item == nil, "moving the cursor writes nothing")
        #expect(first.send(.quit) == [.quit])
        #expect(places.places["ada"]?.item == app)
        // Signed in before the first frame (as `orgdeck demo` is): the cursor goes back once it is painted.
        let again = ConsoleViewModel(service: fixture.service, session: fixture.ada, memory: places)
        #expect(again.state.context == .organization("acme"))
        again.send(.firstFramePainted)
        #expect(again.myApps?.state.selectedID == app)
        // A section's list too, signing in through the sign-in screen.
        again.send(.selectPane(.account))
        again.send(.selectSection(1))
        let members = try #require((again.front as? SectionedPage)?.section as? MembersSection)
        members.state.list.select(id: "bob")
        again.send(.profileMenu); again.send(.text("x"))
        #expect(again.state.signIn != nil && places.places["ada"]?.item == "bob")
        again.type("ada"); again.send(.nextFocus); again.type(Fixture.password); again.send(.submit)
        let back = try #require((again.front as? SectionedPage)?.section as? MembersSection)
        #expect(back.state.list.selected?.user.username == "bob")
    }

    @Test func quittingOnActivityComesBackToTheSameEntry() throws {
        let (fixture, places, first) = try remembering()
        first.send(.selectPane(.account))
        let page = try #require(first.front as? SectionedPage)
        first.send(.selectSection(try #require(page.sections.firstIndex { $0.title == "Activity" })))
        first.send(.move(.down)); first.send(.move(.down))
        let entry = try #require((page.section as? ActivitySection)?.state.list.selected?.listID)
        first.send(.quit)
        let again = fixture.console(memory: places)
        let activity = try #require((again.front as? SectionedPage)?.section as? ActivitySection)
        #expect(activity.state.list.selected?.listID == entry)
    }

    @Test func signInWithWrongPasswordKeepsTheLoginAndClearsThePassword() throws {
        let fixture = try Fixture()
        let console = ConsoleViewModel(service: fixture.service)
        #expect(console.state.signIn?.mode == .signIn)
        console.type("ada")
        console.send(.nextFocus)
        console.type("wrong-password")
        console.send(.submit)
        let form = try #require(console.state.signIn).form
        #expect(form.error == "wrong username or password")
        #expect(form.fields[0].value.text == "ada")
        #expect(form.fields[1].value.text == "")
        #expect(form.focus == 1)
        console.type(Fixture.password)
        console.send(.submit)
        #expect(console.state.signIn == nil)
        #expect(console.state.session?.user.username == "ada")
        #expect(console.state.screen == .pane(.myApps))
    }

    @Test func aPasswordThatBreaksTheNewPolicyIsChangedBeforeAnythingElse() throws {
        let fixture = try Fixture()
        var policy = PasswordPolicy()
        policy.minLength = 20
        try fixture.service.setPasswordPolicy(fixture.ada, organizationID: "acme", policy)
        let console = ConsoleViewModel(service: fixture.service)
        console.type("bob")
        console.send(.nextFocus)
        console.type(Fixture.password)
        console.send(.submit)
        let change = try #require(console.state.signIn)
        #expect(change.mode == .changePassword && console.state.session == nil, "nothing else before the change")
        #expect(change.form.error == "Change your password first: a password needs at least 20 characters (min_length)")
        #expect(console.send(.toggleSignUp).isEmpty && console.state.signIn?.mode == .changePassword)
        console.type(Fixture.password)
        console.send(.nextFocus); console.type("still short")
        console.send(.nextFocus); console.type("still short")
        console.send(.submit)
        let refused = try #require(console.state.signIn)
        #expect(refused.form.error == "a password needs at least 20 characters (min_length)")
        #expect(refused.form.fields.map(\.value.text) == [Fixture.password, "", ""] && refused.form.focus == 1,
                "the current password was right: it stays, and the cursor is where the fault was")
        console.type("twenty characters at least")
        console.send(.nextFocus); console.type("twenty characters at least")
        console.send(.submit)
        #expect(console.state.signIn == nil)
        #expect(console.state.session?.user.username == "bob" && console.state.session?.passwordChangeReason == nil)
        #expect(try fixture.service.signIn(login: "bob", password: "twenty characters at least", source: .tui).passwordChangeReason == nil)
    }

    @Test func tenFailuresLockTheAccountAndSayForHowLong() throws {
        let fixture = try Fixture()
        let console = ConsoleViewModel(service: fixture.service)
        console.type("bob")
        console.send(.nextFocus)
        for _ in 0..<10 {
            // A failure clears the password and keeps the focus on it.
            console.type("nope-nope")
            console.send(.submit)
        }
        console.type(Fixture.password)
        console.send(.submit)
        let form = try #require(console.state.signIn).form
        #expect(console.state.session == nil)
        #expect(form.error?.contains("locked") == true)
        #expect(form.error?.contains("minute") == true)
    }

    @Test func signUpCreatesTheAccountAndSignsIn() throws {
        let fixture = try Fixture()
        let console = ConsoleViewModel(service: fixture.service)
        console.send(.toggleSignUp)
        #expect(console.state.signIn?.mode == .signUp)
        for (index, value) in ["dora", "Dora Explorer", "Dora@Example.com", "long-enough-pw"].enumerated() {
            if index > 0 { console.send(.nextFocus) }
            console.type(value)
        }
        console.send(.submit)
        #expect(console.state.session?.user.username == "dora")
        #expect(console.state.context == .personal)
    }

    @Test func signUpWithTakenEmailSaysSoAndFocusesTheField() throws {
        let fixture = try Fixture()
        let console = ConsoleViewModel(service: fixture.service)
        console.send(.toggleSignUp)
        for (index, value) in ["ada2", "Ada Two", "ADA@example.com", "long-enough-pw"].enumerated() {
            if index > 0 { console.send(.nextFocus) }
            console.type(value)
        }
        console.send(.submit)
        let form = try #require(console.state.signIn).form
        #expect(console.state.session == nil)
        #expect(form.error?.isEmpty == false)
        #expect(form.fields[form.focus].key == "email")
    }

    @Test func paletteCompletesAndRunsCommands() throws {
        let fixture = try Fixture()
        let console = fixture.console()
        console.themeNames = ["default", "nord"]
        console.send(.palette)
        console.type("or")
        guard case .palette(let palette) = console.state.overlay else { Issue.record("no palette"); return }
        #expect(palette.completions.first == "org acme")
        console.send(.nextFocus)
        console.send(.submit)
        #expect(console.state.context == .organization("acme"))
        console.send(.palette)
        console.type("theme ")
        console.send(.nextFocus)
        guard case .palette(let first) = console.state.overlay else { Issue.record("no palette"); return }
        #expect(first.input.text == "theme default")
        console.send(.nextFocus)
        guard case .palette(let second) = console.state.overlay else { Issue.record("no palette"); return }
        #expect(second.input.text == "theme nord", "Tab again goes on to the next completion")
        #expect(console.send(.submit) == [.applyTheme("nord")])
        console.send(.palette)
        console.type("frobnicate")
        console.send(.submit)
        guard case .palette(let failed) = console.state.overlay else { Issue.record("palette closed on error"); return }
        #expect(failed.error == "unknown command \"frobnicate\"; Tab completes")
    }

    @Test func helpNamesTheSectionInFrontAndListsAKeyOnce() throws {
        let fixture = try Fixture()
        let console = fixture.console()
        console.switchContext(.organization("acme"))
        console.send(.selectPane(.security))
        let section = try #require(console.security?.section.title)
        #expect(console.helpSections.first?.title == "Here: Security · \(section)")
        console.send(.selectPane(.myApps))
        console.send(.open)
        let everywhere = try #require(console.helpSections.first { $0.title == "Everywhere" })
        let here = try #require(console.helpSections.first)
        #expect(here.title.hasPrefix("Here: app "))
        #expect(here.commands.contains { $0.event == .back } && !everywhere.commands.contains { $0.event == .back },
                "Esc back is the page's, listed once")
    }

    @Test func enterInThePaletteRunsTheHighlightedCommand() throws {
        let fixture = try Fixture()
        let console = fixture.console()
        console.themeNames = ["default", "light", "nord"]
        console.send(.palette)
        console.type("th")
        console.send(.move(.down)); console.send(.move(.down))
        #expect(console.send(.submit) == [.applyTheme("nord")], "what ↑↓ chose, not the text typed")
        console.send(.palette)
        console.type("security")
        console.send(.submit)
        #expect(console.state.screen == .pane(.security), "a command typed whole is the first completion")
        console.send(.palette)
        console.type("app notes")
        console.send(.submit)
        #expect(console.state.screen == .app("notes"), "straight to an app by its ID")
        console.send(.palette)
        console.type("app ")
        guard case .palette(let typed) = console.state.overlay else { Issue.record("no palette"); return }
        #expect(typed.chosen == "app ", "a trailing space does not pick apps")
        console.send(.cancel)
        console.send(.palette)
        console.type("app ot")
        guard case .palette(let partial) = console.state.overlay else { Issue.record("no palette"); return }
        #expect(partial.completions == ["app notes"], "the context's app IDs complete; beta is Acme's")
        console.send(.cancel)
        console.send(.palette)
        console.type("app beta")
        console.send(.submit)
        guard case .palette(let failed) = console.state.overlay else { Issue.record("palette closed on error"); return }
        #expect(failed.error == "no app \"beta\" in \(console.state.contextTitle)", "beta is Acme's, not the personal account's")
    }

    @Test func openingAnAppPushesItsPageAndEscGoesBack() throws {
        let fixture = try Fixture()
        let console = fixture.console()
        console.send(.open)
        #expect(console.state.stack == [.pane(.myApps), .app("notes")])
        let detail = try #require(console.appDetail)
        #expect(detail.state.app?.name == "Notes")
        #expect(detail.appSection == .overview)
        console.send(.move(.right))
        #expect(detail.appSection == nil && detail.section.title == "Inputs")
        #expect(console.frontTitle == "app notes · Inputs")
        console.send(.move(.right))
        #expect(detail.section.title == "Concepts")
        console.send(.selectSection(6))
        #expect(detail.appSection == .settings)
        #expect(detail.sections.map(\.title) == ["Overview", "Inputs", "Concepts", "Models", "Workflows", "Collaborators", "Settings"])
        console.send(.selectSection(0))
        #expect(detail.appSection == .overview)
        console.send(.back)
        #expect(console.state.stack == [.pane(.myApps)])
        #expect(console.appDetail == nil)
    }

    @Test func deletingFromTheAppPageReturnsToTheList() throws {
        let fixture = try Fixture()
        let console = fixture.console()
        console.send(.open)
        console.send(.delete)
        console.type("notes")
        console.send(.submit)
        #expect(console.state.stack == [.pane(.myApps)])
        #expect(try #require(console.myApps).state.total == 0)
    }

    @Test func anAppDeletedElsewhereClosesItsPage() throws {
        let fixture = try Fixture()
        let console = fixture.console()
        console.send(.open)
        try fixture.service.deleteApp(fixture.ada, in: .personal, id: "notes")
        console.send(.externalChange)
        #expect(console.state.stack == [.pane(.myApps)])
        #expect(console.state.flash == .warn("app notes was deleted or transferred elsewhere"))
    }

    @Test func aDialogThatOpensClearsAnOlderMessage() throws {
        let console = try Fixture().console()
        console.flash(.warn("creating apps requires role Admin"))
        console.send(.move(.down))
        #expect(console.state.flash == .warn("creating apps requires role Admin"), "a key that opens nothing keeps it")
        console.send(.new)
        #expect(console.formState?.title == "New app")
        #expect(console.state.flash == nil, "the form is what the screen is about now")
    }

    @Test func aRefusalStaysWithThePaneItWasAbout() throws {
        let console = try Fixture().console()
        console.flash(.warn("creating apps requires role Admin"))
        console.send(.selectPane(.account))
        #expect(console.state.flash == nil)
        console.flash(.info("saved notes"))
        console.send(.selectPane(.myApps))
        #expect(console.state.flash == .info("saved notes"), "what was done is still worth reading")
    }

    @Test func transferMovesAPersonalAppIntoTheOrganization() throws {
        let fixture = try Fixture()
        let console = fixture.console()
        console.send(.transfer)
        guard case .picker(let picker) = console.state.overlay else { Issue.record("no organization picker"); return }
        #expect(picker.options.map(\.value) == ["acme"])
        console.send(.submit)
        // One way: confirmed first, like a delete; cancelling moves nothing.
        guard case .confirm(let confirm) = console.state.overlay else { Issue.record("no confirmation"); return }
        #expect(confirm.title == "Transfer app" && confirm.message.contains("it will not come back"))
        #expect(confirm.requiredText == nil)
        console.send(.cancel)
        guard case .picker = console.state.overlay else { Issue.record("Esc did not go back to the organizations"); return }
        console.send(.cancel)
        #expect(console.state.overlay == .none)
        #expect(try #require(console.myApps).state.ids == ["notes"])
        console.send(.transfer)
        console.send(.submit)
        console.send(.submit)
        guard case .form(let form) = console.state.overlay else { Issue.record("no transfer form"); return }
        #expect(form.value("id") == "notes")
        // Back to the confirmation and forward again: the ID typed in the form is still there.
        console.send(.cursorEnd)
        console.type("-x")
        console.send(.cancel)
        guard case .confirm = console.state.overlay else { Issue.record("Esc did not go back to the confirmation"); return }
        console.send(.submit)
        #expect(console.formState?.value("id") == "notes-x", "what was typed is kept")
        console.send(.submit)
        #expect(console.state.overlay == .none)
        #expect(try #require(console.myApps).state.total == 0)
        #expect(console.state.flash == .info("transferred notes to acme as notes-x"))
        console.switchContext(.organization("acme"))
        #expect(try #require(console.myApps).state.ids.contains("notes-x"))
    }

    @Test func tokensAreCreatedShownOnceAndRevoked() throws {
        let fixture = try Fixture()
        let console = fixture.console()
        console.send(.selectPane(.security))
        console.send(.new)
        console.type("ci")
        console.send(.submit)
        let scopes = try #require(console.pickerState)
        #expect(scopes.highlighted?.value == TokenScope.allCases.first?.rawValue && scopes.options.last?.label == "every scope",
                "a quick Enter takes the first, narrowest scope; every scope is a row of its own, last")
        console.send(.submit)
        guard case .secret(_, let secret) = console.state.overlay else { Issue.record("secret not shown"); return }
        #expect(secret.hasPrefix("odk_"))
        #expect(try fixture.service.tokens(fixture.ada).first?.scopes == [TokenScope.allCases[0].rawValue])
        #expect(console.send(.copyID) == [.copySecret(secret, what: "the secret")])
        console.send(.submit)
        let security = try #require(console.security?.section as? TokensSection)
        #expect(security.state.list.rows.count == 1)
        #expect(security.state.list.rows[0].lastFour == String(secret.suffix(4)))
        console.send(.delete)
        console.type(security.state.list.rows[0].id)
        console.send(.submit)
        #expect(security.state.list.rows[0].revokedAt != nil)
    }
}

@Suite struct PasswordChangeTests {
    @Test func thePersonalProfileChangesThePasswordAfterCheckingTheCurrentOne() throws {
        let fixture = try Fixture()
        let console = fixture.console()
        console.send(.selectPane(.account))
        console.send(.edit)
        guard case .form(let form) = console.state.overlay else { Issue.record("no password form"); return }
        #expect(form.title == "Change your password")
        console.type("not-the-password"); console.send(.nextFocus)
        console.type("brand-new-secret"); console.send(.nextFocus)
        console.type("brand-new-secret"); console.send(.submit)
        guard case .form(let refused) = console.state.overlay else { Issue.record("form closed on a wrong password"); return }
        #expect(refused.error == "the current password is wrong")
        #expect(refused.fields[refused.focus].key == "current")
        console.send(.cursorEnd)
        for _ in 0..<16 { console.send(.backspace) }
        console.type(Fixture.password)
        console.send(.submit)
        #expect(console.state.overlay == .none)
        #expect(console.state.flash == .info("password changed"))
        #expect(throws: CoreError.self) { try fixture.service.signIn(login: "ada", password: Fixture.password, source: .tui) }
        #expect(try fixture.service.signIn(login: "ada", password: "brand-new-secret", source: .tui).user.username == "ada")
    }

    @Test func mismatchedNewPasswordsAreRefusedBeforeTheCore() throws {
        let fixture = try Fixture()
        let console = fixture.console()
        console.send(.selectPane(.account))
        console.send(.edit)
        console.type(Fixture.password); console.send(.nextFocus)
        console.type("brand-new-secret"); console.send(.nextFocus)
        console.type("brand-new-secreT"); console.send(.submit)
        guard case .form(let refused) = console.state.overlay else { Issue.record("form closed"); return }
        #expect(refused.error == "the two new passwords differ")
        #expect(try fixture.service.signIn(login: "ada", password: Fixture.password, source: .tui).user.username == "ada")
    }
}
