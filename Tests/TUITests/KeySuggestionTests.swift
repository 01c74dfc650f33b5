import Foundation
import OrgdeckCore
import OrgdeckTUI
import OrgdeckViewModels
import Testing

/// What empty lists and titles suggest pressing: the key the user's key map binds, and only
/// where that key works.
@Suite struct KeySuggestionTests {
    func render(_ console: ConsoleViewModel, keys: KeyMap = KeyMap()) -> [String] {
        let body = ConsoleRenderer.body(width: 100, height: 24)
        console.send(.viewport(rows: body.rows, columns: body.columns))
        return ConsoleRenderer(keyMap: keys, now: ScreenFixture.now).render(console, theme: .builtin, width: 100, height: 24).grid.rows
    }

    @Test func anEmptyListAndItsTitleNameTheKeyAsTheKeyMapBindsIt() throws {
        let console = try ScreenFixture().console()
        console.send(.selectPane(.security))
        let plain = render(console).joined(separator: "\n")
        #expect(plain.contains("for ORGDECK_TOKEN; n creates one (shown once)"))
        #expect(plain.contains("No tokens yet. Press n to create one."))
        let moved = render(console, keys: try KeyMap(overrides: ["new": "a"])).joined(separator: "\n")
        #expect(moved.contains("for ORGDECK_TOKEN; a creates one (shown once)"))
        #expect(moved.contains("No tokens yet. Press a to create one."))
        #expect(!moved.contains("Press n"))
    }

    @Test func aKeyThatIsRefusedHereIsNotSuggested() throws {
        let fixture = try ScreenFixture()
        let bob = try fixture.service.signUp(username: "bob", displayName: "Bob", email: "bob@example.com", password: "correct-horse-1",
                                             source: .tui)
        try fixture.service.addMember(fixture.ada, organizationID: "acme", userID: bob.id, role: .orgUser)
        let console = fixture.console(session: Session(user: bob, source: .tui))
        console.switchContext(.organization("acme"))
        console.send(.selectPane(.account))
        let page = try #require(console.account)
        console.send(.selectSection(try #require(page.sections.firstIndex { $0.title == "Teams" })))
        let teams = render(console).joined(separator: "\n")
        #expect(teams.contains("No teams yet."))
        #expect(!teams.contains("Press n"), "an Organization User cannot create a team")

        let remote = ConsoleViewModel(service: fixture.service, session: fixture.ada, remote: true)
        remote.send(.firstFramePainted)
        remote.switchContext(.organization("acme"))
        remote.send(.selectPane(.security))
        remote.send(.selectSection(1))
        let providers = render(remote).joined(separator: "\n")
        #expect(providers.contains("No identity providers."))
        #expect(!providers.contains("Press n"), "over SSH, every way to add one needs a file")
    }

    @Test func aTeamContributorIsNotOfferedLabelsTheirEditCannotChange() throws {
        let fixture = try ScreenFixture()
        let tc = try fixture.service.signUp(username: "tess", displayName: "Tess", email: "tess@example.com", password: "correct-horse-1",
                                            source: .tui)
        try fixture.service.addMember(fixture.ada, organizationID: "acme", userID: tc.id, role: .teamContributor)
        _ = try fixture.service.createTeam(fixture.ada, organizationID: "acme", id: "mods", name: "Mods")
        try fixture.service.addTeamMember(fixture.ada, organizationID: "acme", teamID: "mods", username: "tess")
        try fixture.service.addTeamApp(fixture.ada, organizationID: "acme", teamID: "mods", appID: "moderation", role: .contributor)
        for (session, offered) in [(Session(user: tc, source: .tui), false), (fixture.ada, true)] {
            let console = fixture.console(session: session)
            console.switchContext(.organization("acme"))
            console.send(.palette)
            for character in "app moderation" { console.send(.text(String(character))) }
            console.send(.submit)
            #expect(console.state.screen == .app("moderation"))
            let text = render(console).joined(separator: "\n")
            #expect(text.contains("Labels"))
            #expect(text.contains("e adds compliance labels") == offered, "\(session.user.username)")
        }
    }

    @Test func theViewModelsDefaultKeyNamesAreTheKeyMapsDefaults() {
        let keys = KeyMap()
        for event in KeyNames.suggested {
            #expect(KeyNames.defaults(event) == keys.hint(for: event), "\(event)")
        }
    }

    @Test func aMessageFromAViewModelNamesTheMovedKey() throws {
        let fixture = try ScreenFixture()
        let keys = try KeyMap(overrides: ["new": "a"])
        let console = ConsoleViewModel(service: fixture.service, session: fixture.ada, keys: keys.names)
        console.send(.firstFramePainted)
        try fixture.service.deleteApp(fixture.ada, in: .personal, id: "sandbox")
        console.send(.refresh)
        console.send(.edit)
        #expect(console.state.flash == .warn("no app here yet: a creates one"))
    }
}
