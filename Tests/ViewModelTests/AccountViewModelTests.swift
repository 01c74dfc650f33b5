import Foundation
import OrgdeckCore
import Testing
@testable import OrgdeckViewModels

/// The Account pane in an organization: members, roles, invitations and teams, driven by events.
@Suite struct AccountViewModelTests {
    // MARK: Sections

    @Test func thePersonalContextOnlyHasTheProfileAndAnOrganizationHasFourSections() throws {
        let f = try AdminConsoleFixture()
        let console = ConsoleViewModel(service: f.service, session: f.ada)
        console.send(.selectPane(.account))
        #expect(console.state.screen == .pane(.account))
        #expect(console.accountState?.organization == nil)
        #expect(console.accountState?.sections == [.profile])
        #expect(console.accountState?.memberships.map(\.organization.id) == ["acme"])
        console.switchContext(.organization("acme"))
        #expect(console.accountState?.sections == [.profile, .members, .teams, .invitations])
        console.send(.move(.right))
        #expect(console.accountState?.section == .members)
        console.send(.nextFocus)
        #expect(console.accountState?.section == .teams)
        console.send(.nextFocus)
        console.send(.nextFocus)
        #expect(console.accountState?.section == .invitations, "the last section stays put")
        console.send(.move(.left))
        #expect(console.accountState?.section == .teams)
    }

    // MARK: Members

    @Test func membersSectionListsEveryMemberWithTheirRole() throws {
        let f = try AdminConsoleFixture()
        let console = f.account(section: .members)
        let members = try #require(console.accountState?.visibleMembers)
        #expect(members.map(\.user.username) == ["ada", "bob", "cleo"])
        #expect(members.map(\.role) == [.admin, .orgUser, .orgContributor])
        #expect(console.accountState?.rowCount == 3)
        console.send(.move(.down))
        console.send(.move(.down))
        console.send(.move(.down))
        #expect(console.accountState?.cursor == 2, "the cursor stops at the last member")
    }

    @Test func searchNarrowsMembersByNameEmailOrRoleAndEscClearsIt() throws {
        let f = try AdminConsoleFixture()
        let console = f.account(section: .members)
        console.send(.filter)
        #expect(console.acceptsText)
        console.type("bui")
        #expect(console.accountState?.visibleMembers.map(\.user.username) == ["bob"])
        console.send(.backspace)
        console.send(.backspace)
        console.send(.backspace)
        console.type("contributor")
        #expect(console.accountState?.visibleMembers.map(\.user.username) == ["cleo"])
        console.send(.submit)
        #expect(!console.acceptsText, "Enter keeps the search and leaves the field")
        #expect(console.accountState?.search.text == "contributor")
        #expect(console.accountState?.visibleMembers.map(\.user.username) == ["cleo"])
        console.send(.back)
        #expect(console.accountState?.search.text == "")
        #expect(console.accountState?.visibleMembers.count == 3)
    }

    @Test func enterOpensTheRolePickerOnTheMembersCurrentRoleAndPickingChangesItInTheCore() throws {
        let f = try AdminConsoleFixture()
        let console = f.account(section: .members)
        console.selectMember("bob")
        console.send(.open)
        let picker = try #require(console.pickerState)
        #expect(picker.purpose == .memberRole(username: "bob"))
        #expect(picker.title == "Role of bob")
        #expect(picker.options.map(\.label) == ["Admin", "Organization Contributor", "Organization User", "Team Contributor"])
        #expect(picker.selected.value == Role.orgUser.rawValue, "the current role is selected")
        #expect(picker.cursor == 2)
        console.send(.move(.down))
        #expect(console.pickerState?.selected.label == "Team Contributor")
        console.send(.open)
        #expect(console.state.overlay == .none)
        #expect(console.state.flash == .info("bob is now Team Contributor"))
        #expect(try f.role(of: "bob") == .teamContributor)
        #expect(console.accountState?.visibleMembers.first { $0.user.username == "bob" }?.role == .teamContributor,
                "the table is re-read")
    }

    @Test func escClosesTheRolePickerWithoutChangingAnything() throws {
        let f = try AdminConsoleFixture()
        let console = f.account(section: .members)
        console.selectMember("cleo")
        console.send(.edit)
        #expect(console.pickerState?.selected.value == Role.orgContributor.rawValue)
        console.send(.move(.up))
        console.send(.back)
        #expect(console.state.overlay == .none)
        #expect(try f.role(of: "cleo") == .orgContributor)
    }

    @Test func nobodyChangesTheirOwnRole() throws {
        let f = try AdminConsoleFixture()
        let console = f.account(section: .members)
        console.selectMember("ada")
        console.send(.open)
        #expect(console.state.overlay == .none, "no picker for your own row")
        #expect(console.state.flash == .warn("you cannot change your own role"))
        #expect(try f.role(of: "ada") == .admin)
    }

    @Test func removingAMemberNeedsTheUsernameTyped() throws {
        let f = try AdminConsoleFixture()
        let console = f.account(section: .members)
        console.selectMember("bob")
        console.send(.delete)
        let confirm = try #require(console.confirmState)
        #expect(confirm.purpose == .removeMember(username: "bob"))
        #expect(confirm.title == "Remove member")
        #expect(confirm.requiredText == "bob")
        #expect(confirm.message.contains("Bob Builder (bob) from Acme Robotics"))
        console.send(.submit)
        #expect(console.confirmState?.error == "type bob exactly to confirm")
        #expect(try f.role(of: "bob") == .orgUser, "nothing happens before the username is typed")
        console.type("bo")
        console.send(.submit)
        #expect(console.confirmState != nil)
        #expect(try f.role(of: "bob") == .orgUser)
        console.type("b")
        console.send(.submit)
        #expect(console.state.overlay == .none)
        #expect(console.state.flash == .info("removed bob"))
        #expect(try f.role(of: "bob") == nil)
        #expect(console.accountState?.visibleMembers.map(\.user.username) == ["ada", "cleo"])
    }

    @Test func cancellingTheRemoveDialogKeepsTheMember() throws {
        let f = try AdminConsoleFixture()
        let console = f.account(section: .members)
        console.selectMember("cleo")
        console.send(.delete)
        console.type("cleo")
        console.send(.cancel)
        #expect(console.state.overlay == .none)
        #expect(console.state.flash == .info("cancelled"))
        #expect(try f.role(of: "cleo") == .orgContributor)
    }

    @Test func anOrganizationUserSeesTheCoresRefusalWhenChangingARole() throws {
        let f = try AdminConsoleFixture()
        let console = f.account(f.bob, section: .members)
        #expect(!console.state.allowed.contains(.manageMembers), "the hint is greyed")
        console.selectMember("cleo")
        console.send(.open)
        #expect(console.pickerState != nil)
        console.send(.move(.down))
        console.send(.open)
        #expect(console.state.flash == .error("managing members requires role Admin"))
        #expect(try f.role(of: "cleo") == .orgContributor)
    }

    @Test func anOrganizationUserSeesTheCoresRefusalWhenInviting() throws {
        let f = try AdminConsoleFixture()
        let console = f.account(f.bob, section: .invitations)
        #expect(console.accountState?.section == .invitations)
        #expect(console.accountState?.invitations == [], "an Organization User does not see the list")
        console.send(.new)
        #expect(console.formState?.purpose == .invite)
        console.fill(["new@example.com"])
        console.send(.submit)
        let form = try #require(console.formState, "the form stays open with the reason")
        #expect(form.error == "managing invitations requires role Admin")
        #expect(form.value("email") == "new@example.com", "the typed values are kept")
        #expect(try f.service.invitations(f.ada, organizationID: "acme").isEmpty)
    }

    // MARK: Invitations

    @Test func theInviteFormSendsAnInvitationThatShowsAsPending() throws {
        let f = try AdminConsoleFixture()
        let console = f.account(section: .invitations)
        #expect(console.accountState?.invitations == [])
        console.send(.new)
        let form = try #require(console.formState)
        #expect(form.title == "Invite a member")
        #expect(form.fields.map(\.key) == ["email", "role", "teams"])
        #expect(form.value("role") == "org-user")
        console.fill(["Erin@Example.com", "org-contributor"])
        console.send(.submit)
        #expect(console.state.overlay == .none)
        #expect(console.state.flash == .info("invited Erin@Example.com as Organization Contributor"))
        #expect(console.accountState?.section == .invitations)
        let invitation = try #require(console.accountState?.invitations.first)
        #expect(console.accountState?.invitations.count == 1)
        #expect(invitation.email == "Erin@Example.com")
        #expect(invitation.role == .orgContributor)
        #expect(invitation.invitedBy == "ada")
        #expect(invitation.state == .pending)
        #expect(invitation.expiresAt == AdminConsoleFixture.start.addingTimeInterval(7 * 86_400))
    }

    @Test func theInviteFormRefusesAnUnknownRoleOrTeam() throws {
        let f = try AdminConsoleFixture()
        let console = f.account(section: .invitations)
        console.send(.new)
        console.fill(["zed@example.com", "boss"])
        console.send(.submit)
        #expect(console.formState?.error?.hasPrefix("role must be one of admin, org-contributor") == true)
        console.fill(["zed@example.com", "team-contributor", "nope"])
        console.send(.submit)
        #expect(console.formState?.error?.contains("no team") == true)
        #expect(console.formState?.error?.contains("nope") == true)
        #expect(console.accountState?.invitations == [])
    }

    @Test func invitingAnExistingMemberIsAConflictShownOnTheEmailField() throws {
        let f = try AdminConsoleFixture()
        let console = f.account(section: .invitations)
        console.send(.new)
        console.fill(["bob@example.com", "org-user"])
        console.send(.submit)
        let form = try #require(console.formState)
        #expect(form.error == "bob@example.com is already a member")
        #expect(form.focus == 0, "the email field is focused")
    }

    @Test func resendGivesANewExpiryAndRescindNeedsAConfirm() throws {
        let f = try AdminConsoleFixture()
        _ = try f.service.invite(f.ada, organizationID: "acme", email: "erin@example.com", role: .orgUser, teams: [])
        f.clock.now = AdminConsoleFixture.start.addingTimeInterval(3 * 86_400)
        let console = f.account(section: .invitations)
        let id = try #require(console.accountState?.invitations.first?.id)
        #expect(console.accountState?.invitations.first?.expiresAt == AdminConsoleFixture.start.addingTimeInterval(7 * 86_400))
        console.send(.edit)
        let renewed = f.clock.now.addingTimeInterval(7 * 86_400)
        #expect(console.state.flash == .info("resent \(id) to erin@example.com; it expires 2026-11-28"))
        #expect(console.accountState?.invitations.first?.expiresAt == renewed)
        #expect(console.accountState?.invitations.first?.sentAt == f.clock.now)

        console.send(.delete)
        let confirm = try #require(console.confirmState)
        #expect(confirm.purpose == .rescindInvitation(id: id))
        #expect(confirm.requiredText == nil)
        #expect(confirm.message == "Rescind the invitation of erin@example.com (Organization User)?")
        console.send(.submit)
        #expect(console.state.flash == .info("rescinded \(id)"))
        #expect(console.accountState?.invitations.first?.state == .rescinded)
    }

    @Test func resendingARescindedInvitationShowsTheRefusal() throws {
        let f = try AdminConsoleFixture()
        let invitation = try f.service.invite(f.ada, organizationID: "acme", email: "erin@example.com", role: .orgUser, teams: [])
        try f.service.rescindInvitation(f.ada, id: invitation.id)
        let console = f.account(section: .invitations)
        console.send(.edit)
        #expect(console.state.flash?.level == .error)
        #expect(console.accountState?.invitations.first?.state == .rescinded)
    }

    // MARK: Teams

    @Test func teamsAreCreatedRenamedAndDeletedAfterTypingTheID() throws {
        let f = try AdminConsoleFixture()
        let console = f.account(section: .teams)
        #expect(console.accountState?.teams == [])
        console.send(.new)
        #expect(console.formState?.purpose == .createTeam)
        console.fill(["field", "Field Team"])
        console.send(.submit)
        #expect(console.state.flash == .info("created team field"))
        #expect(console.accountState?.teams.map(\.id) == ["field"])
        #expect(console.accountState?.teams.first?.name == "Field Team")

        console.send(.edit)
        let rename = try #require(console.formState)
        #expect(rename.purpose == .renameTeam(id: "field"))
        #expect(rename.value("name") == "Field Team")
        console.fill(["Field Ops"])
        console.send(.submit)
        #expect(console.state.flash == .info("renamed team field"))
        #expect(try f.service.team(f.ada, organizationID: "acme", id: "field").name == "Field Ops")

        console.send(.delete)
        let confirm = try #require(console.confirmState)
        #expect(confirm.purpose == .deleteTeam(id: "field"))
        #expect(confirm.requiredText == "field")
        console.type("Field")
        console.send(.submit)
        #expect(console.confirmState?.error == "type field exactly to confirm", "the ID is matched exactly")
        console.send(.backspace); console.send(.backspace); console.send(.backspace); console.send(.backspace); console.send(.backspace)
        console.type("field")
        console.send(.submit)
        #expect(console.state.flash == .info("deleted team field"))
        #expect(console.accountState?.teams == [])
        #expect(try f.service.teams(f.ada, organizationID: "acme", filter: "").isEmpty)
    }

    @Test func aDuplicateTeamIDKeepsTheFormOpenWithTheConflict() throws {
        let f = try AdminConsoleFixture()
        _ = try f.service.createTeam(f.ada, organizationID: "acme", id: "field", name: "Field Team")
        let console = f.account(section: .teams)
        console.send(.new)
        console.fill(["field", "Another"])
        console.send(.submit)
        let form = try #require(console.formState)
        #expect(form.error?.contains("field") == true)
        #expect(try f.service.teams(f.ada, organizationID: "acme", filter: "").map(\.name) == ["Field Team"])
    }

    @Test func teamSearchAsksTheCore() throws {
        let f = try AdminConsoleFixture()
        _ = try f.service.createTeam(f.ada, organizationID: "acme", id: "field", name: "Field Team")
        _ = try f.service.createTeam(f.ada, organizationID: "acme", id: "lab", name: "Research Lab")
        let console = f.account(section: .teams)
        #expect(console.accountState?.teams.map(\.id) == ["field", "lab"])
        console.send(.filter)
        console.type("resea")
        #expect(console.accountState?.teams.map(\.id) == ["lab"])
        console.send(.cancel)
        #expect(console.accountState?.teams.map(\.id) == ["field", "lab"])
    }

    @Test func anOrganizationUserCannotCreateATeam() throws {
        let f = try AdminConsoleFixture()
        let console = f.account(f.bob, section: .teams)
        console.send(.new)
        console.fill(["field", "Field Team"])
        console.send(.submit)
        #expect(console.formState?.error == "managing teams requires role Admin or Organization Contributor")
        #expect(try f.service.teams(f.ada, organizationID: "acme", filter: "").isEmpty)
    }

    // MARK: Profile, leaving

    @Test func leavingTheOrganizationNeedsItsIDAndEndsInThePersonalContext() throws {
        let f = try AdminConsoleFixture()
        let console = f.account(f.bob)
        console.send(.leave)
        let confirm = try #require(console.confirmState)
        #expect(confirm.purpose == .leaveOrganization(id: "acme"))
        #expect(confirm.requiredText == "acme")
        console.type("acm")
        console.send(.submit)
        #expect(console.confirmState != nil)
        #expect(try f.service.memberships(f.bob).count == 1)
        console.type("e")
        console.send(.submit)
        #expect(console.state.overlay == .none)
        #expect(console.state.flash == .info("you left acme"))
        #expect(console.state.context == .personal)
        #expect(console.state.memberships == [])
        #expect(console.state.stack == [.pane(.myApps)])
        #expect(try f.service.memberships(f.bob).isEmpty)
        #expect(try f.role(of: "bob") == nil)
    }

    @Test func leavingFromMyAppsAsksTheSameQuestion() throws {
        let f = try AdminConsoleFixture()
        let console = ConsoleViewModel(service: f.service, session: f.cleo)
        console.send(.leave)
        #expect(console.confirmState?.purpose == .leaveOrganization(id: "acme"))
        console.type("acme")
        console.send(.submit)
        #expect(console.state.memberships == [])
    }

    @Test func theLastAdminCannotLeave() throws {
        let f = try AdminConsoleFixture()
        let console = f.account()
        console.send(.leave)
        console.type("acme")
        console.send(.submit)
        #expect(console.state.flash == .error("you are the last Admin of acme: make someone else Admin or delete the organization"))
        #expect(console.state.context == .organization("acme"), "still in the organization")
        #expect(console.state.memberships.map(\.organization.id) == ["acme"])
        #expect(try f.role(of: "ada") == .admin)
    }

    @Test func aUserOfNoOrganizationIsToldThereIsNothingToLeave() throws {
        let f = try AdminConsoleFixture()
        let console = ConsoleViewModel(service: f.service, session: f.dan)
        console.send(.selectPane(.account))
        console.send(.leave)
        #expect(console.state.overlay == .none)
        #expect(console.state.flash == .warn("you belong to no organization"))
    }

    @Test func theOrganizationProfileIsEditedThroughAForm() throws {
        let f = try AdminConsoleFixture()
        let console = f.account()
        console.send(.edit)
        let form = try #require(console.formState)
        #expect(form.value("name") == "Acme Robotics")
        #expect(form.value("billing") == "billing@acme.test")
        console.fill(["Acme Labs", "money@acme.test"])
        console.send(.submit)
        #expect(console.state.flash == .info("saved Acme Labs"))
        #expect(console.accountState?.organization?.name == "Acme Labs")
        #expect(console.state.contextTitle == "Acme Labs", "the header follows")
    }
}
