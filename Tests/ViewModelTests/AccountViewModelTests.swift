import Foundation
import OrgdeckCore
import Testing
@testable import OrgdeckViewModels

/// The Account pane through the pane protocol: sections, members and roles, events in, state out.
@Suite struct AccountViewModelTests {
    // MARK: Sections

    @Test func upAndDownStayInTheSectionAndTabOrTheArrowsAcrossChangeIt() throws {
        let console = try AdminConsoleFixture().account()
        #expect(console.account?.accountSection == .profile)
        console.send(.move(.down))
        #expect(console.account?.accountSection == .profile, "the profile has no list: ↓ does not leave it for a list ↑ cannot leave")
        console.send(.move(.right))
        #expect(console.account?.accountSection == .members)
        console.send(.move(.up))
        #expect(console.account?.accountSection == .members, "a list keeps ↑↓ for its rows")
        console.send(.previousFocus)
        #expect(console.account?.accountSection == .profile)
        console.send(.move(.left))
        #expect(console.account?.accountSection == .profile, "← on the first section stays")
    }

    @Test func thePersonalContextHasProfileAndActivityAndAnOrganizationFiveSections() throws {
        let f = try AdminConsoleFixture()
        let console = ConsoleViewModel(service: f.service, session: f.ada)
        console.send(.selectPane(.account))
        #expect(console.state.screen == .pane(.account))
        #expect(console.account?.accountSections == [.profile, .activity])
        #expect(console.personalProfile?.memberships.rows.map(\.organization.id) == ["acme"])
        console.switchContext(.organization("acme"))
        #expect(console.account?.accountSections == [.profile, .members, .teams, .invitations, .activity])
        console.send(.move(.right))
        #expect(console.account?.accountSection == .members)
        console.send(.nextFocus)
        #expect(console.account?.accountSection == .teams)
        console.send(.nextFocus)
        console.send(.nextFocus)
        #expect(console.account?.accountSection == .activity)
        console.send(.move(.right))
        #expect(console.account?.accountSection == .activity, "→ stops at the last section")
        console.send(.nextFocus)
        #expect(console.account?.accountSection == .profile, "Tab goes round, as through a form's fields")
        console.send(.previousFocus)
        #expect(console.account?.accountSection == .activity)
        console.send(.move(.left))
        #expect(console.account?.accountSection == .invitations)
        console.send(.selectSection(0))
        #expect(console.account?.accountSection == .profile, "a click on the sidebar")
    }

    @Test func enterOnAnOrganizationOfThePersonalProfileSwitchesToIt() throws {
        let f = try AdminConsoleFixture()
        let console = ConsoleViewModel(service: f.service, session: f.ada)
        console.send(.selectPane(.account))
        console.send(.open)
        #expect(console.state.context == .organization("acme"))
        #expect(console.state.screen == .pane(.account), "the pane stays")
    }

    // MARK: Members

    @Test func membersSectionListsEveryMemberWithTheirRole() throws {
        let f = try AdminConsoleFixture()
        let console = f.account(section: .members)
        let members = try #require(console.members?.list.rows)
        #expect(members.map(\.user.username) == ["ada", "bob", "cleo"])
        #expect(members.map(\.role) == [.admin, .orgUser, .orgContributor])
        for _ in 0..<3 { console.send(.move(.down)) }
        #expect(console.members?.list.cursor == 2, "the cursor stops at the last member")
    }

    @Test func searchNarrowsMembersByNameEmailOrRoleAndEscClearsIt() throws {
        let f = try AdminConsoleFixture()
        let console = f.account(section: .members)
        console.send(.filter)
        #expect(console.acceptsText)
        console.type("bui")
        #expect(console.members?.list.rows.map(\.user.username) == ["bob"])
        for _ in 0..<3 { console.send(.backspace) }
        console.type("contributor")
        #expect(console.members?.list.rows.map(\.user.username) == ["cleo"])
        console.send(.submit)
        #expect(!console.acceptsText, "Enter keeps the search and leaves the field")
        #expect(console.members?.list.search.text == "contributor")
        console.send(.back)
        #expect(console.members?.list.search.text == "")
        #expect(console.members?.list.rows.count == 3)
    }

    @Test func enterShowsAMembersDetailsAndChangesNothing() throws {
        let f = try AdminConsoleFixture()
        let console = f.account(section: .members)
        console.selectMember("bob")
        console.send(.open)
        let info = try #require(console.infoState)
        #expect(info.title == "Bob Builder")
        #expect(info.rows.map(\.label) == ["Username", "Email", "Role", "Teams", "Joined", "Last active"])
        console.send(.submit)
        #expect(console.state.overlay == .none)
        #expect(try f.role(of: "bob") == .orgUser)
    }

    @Test func eOpensTheRolePickerOnTheCurrentRoleAndPickingChangesItInTheCore() throws {
        let f = try AdminConsoleFixture()
        let console = f.account(section: .members)
        console.selectMember("bob")
        console.send(.edit)
        let picker = try #require(console.pickerState)
        #expect(picker.title == "Role of bob")
        #expect(picker.options.map(\.label) == ["Admin", "Organization Contributor", "Organization User", "Team Contributor"])
        #expect(picker.options.map(\.detail).allSatisfy { !$0.isEmpty }, "each role says what it means")
        #expect(picker.highlighted?.value == Role.orgUser.rawValue, "the current role is highlighted")
        console.send(.move(.down))
        #expect(console.pickerState?.highlighted?.label == "Team Contributor")
        console.send(.submit)
        #expect(console.state.overlay == .none)
        #expect(console.state.flash == .info("bob is now Team Contributor in no team: no app is theirs until a team adds them"))
        #expect(try f.role(of: "bob") == .teamContributor)
        #expect(console.members?.list.rows.first { $0.user.username == "bob" }?.role == .teamContributor, "the table is re-read")
        #expect(console.members?.list.selected?.user.username == "bob", "the cursor stays on bob")
    }

    @Test func typingInTheRolePickerFiltersItsOptions() throws {
        let f = try AdminConsoleFixture()
        let console = f.account(section: .members)
        console.selectMember("cleo")
        console.send(.edit)
        console.type("team")
        #expect(console.pickerState?.visible.map(\.value) == ["team-contributor"])
        console.send(.submit)
        #expect(try f.role(of: "cleo") == .teamContributor)
    }

    @Test func escClosesTheRolePickerWithoutChangingAnything() throws {
        let f = try AdminConsoleFixture()
        let console = f.account(section: .members)
        console.selectMember("cleo")
        console.send(.edit)
        console.send(.move(.up))
        console.send(.cancel)
        #expect(console.state.overlay == .none)
        #expect(try f.role(of: "cleo") == .orgContributor)
    }

    @Test func yourOwnRowIsRefusedOnTheKeyForRoleAndRemove() throws {
        let f = try AdminConsoleFixture()
        let console = f.account(section: .members)
        console.selectMember("ada")
        #expect(console.refusals["change role"] == "you cannot change your own role")
        console.send(.edit)
        #expect(console.state.overlay == .none, "no picker for your own row")
        #expect(console.state.flash == .warn("you cannot change your own role"))
        console.send(.delete)
        #expect(console.state.overlay == .none)
        #expect(console.state.flash == .warn("you cannot remove yourself: leave the organization instead (L)"))
    }

    @Test func removingAMemberNeedsTheUsernameTyped() throws {
        let f = try AdminConsoleFixture()
        let console = f.account(section: .members)
        console.selectMember("bob")
        console.send(.delete)
        let confirm = try #require(console.confirmState)
        #expect(confirm.title == "Remove member")
        #expect(confirm.requiredText == "bob")
        #expect(confirm.message.contains("Bob Builder (bob) from acme"))
        #expect(console.focusCommands.first { $0.event == .submit }?.refusal == "type bob exactly to confirm")
        console.send(.submit)
        #expect(console.confirmState?.error == "type bob exactly to confirm")
        #expect(try f.role(of: "bob") == .orgUser, "nothing happens before the username is typed")
        console.type("bob")
        #expect(console.focusCommands.first { $0.event == .submit }?.refusal == nil)
        console.send(.submit)
        #expect(console.state.overlay == .none)
        #expect(console.state.flash == .info("removed bob"))
        #expect(try f.role(of: "bob") == nil)
        #expect(console.members?.list.rows.map(\.user.username) == ["ada", "cleo"])
    }

    @Test func cancellingTheRemoveDialogKeepsTheMember() throws {
        let f = try AdminConsoleFixture()
        let console = f.account(section: .members)
        console.selectMember("cleo")
        console.send(.delete)
        console.type("cleo")
        console.send(.cancel)
        #expect(console.state.overlay == .none)
        #expect(console.state.flash == .note("cancelled"), "said as a note, not a success")
        #expect(try f.role(of: "cleo") == .orgContributor)
    }

    @Test func anOrganizationUserIsRefusedOnTheKeyAndNoPickerOpens() throws {
        let f = try AdminConsoleFixture()
        let console = f.account(f.bob, section: .members)
        console.selectMember("cleo")
        #expect(console.refusals["change role"] == "managing members requires role Admin", "the hint is greyed, with why")
        #expect(console.refusals["remove"] == "managing members requires role Admin")
        console.send(.edit)
        #expect(console.state.overlay == .none)
        #expect(console.state.flash == .warn("managing members requires role Admin"))
        console.send(.delete)
        #expect(console.state.overlay == .none)
        #expect(try f.role(of: "cleo") == .orgContributor)
    }

    @Test func theCursorFollowsItsMemberWhenTheListChangesElsewhere() throws {
        let f = try AdminConsoleFixture()
        let console = f.account(section: .members)
        console.selectMember("cleo")
        // Another session adds a member whose name sorts before cleo's.
        _ = try f.service.signUp(username: "abe", displayName: "Abe", email: "abe@example.com", password: AdminConsoleFixture.password, source: .cli)
        try f.service.addMember(f.ada, organizationID: "acme", userID: try f.service.user(username: "abe").id, role: .orgUser)
        console.send(.externalChange)
        #expect(console.members?.list.rows.map(\.user.username) == ["abe", "ada", "bob", "cleo"])
        #expect(console.members?.list.selected?.user.username == "cleo")
        #expect(console.members?.list.cursor == 3)
    }
}
