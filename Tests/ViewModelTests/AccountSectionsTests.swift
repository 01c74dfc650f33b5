import Foundation
import OrgdeckCore
import Testing
@testable import OrgdeckViewModels

/// Invitations, teams, the organization's profile and leaving, through the Account pane.
@Suite struct AccountSectionsTests {
    // MARK: Invitations

    @Test func anOrgUserIsRefusedTheInvitationsSearchWithTheReasonTheListIsEmpty() throws {
        let f = try AdminConsoleFixture()
        let console = f.account(f.bob, section: .invitations)
        #expect(console.account?.accountSection == .invitations)
        let reason = try #require(console.refusals["invite"])
        #expect(console.refusals["search"] == reason, "the role's reason, not an empty list's")
        console.send(.filter)
        #expect(console.state.flash == .warn(reason) && console.screenHasFocus)
    }

    @Test func inviteIsAnEmailThenARolePickedFromAList() throws {
        let f = try AdminConsoleFixture()
        let console = f.account(section: .invitations)
        #expect(console.invitations?.list.rows == [])
        console.send(.new)
        #expect(console.formState?.title == "Invite a member")
        #expect(console.formState?.fields.map(\.key) == ["email"])
        console.type("Erin@Example.com")
        console.send(.submit)
        let picker = try #require(console.pickerState, "the role comes from a picker, not free text")
        #expect(picker.title == "Role for Erin@Example.com")
        #expect(picker.highlighted?.value == "org-user")
        console.pick("org-contributor")
        #expect(console.state.overlay == .none)
        #expect(console.state.flash == .info("invited Erin@Example.com as Organization Contributor"))
        let invitation = try #require(console.invitations?.list.selected, "the cursor is on the new invitation")
        #expect(invitation.email == "Erin@Example.com")
        #expect(invitation.role == .orgContributor)
        #expect(invitation.state == .pending)
        #expect(invitation.expiresAt == AdminConsoleFixture.start.addingTimeInterval(7 * 86_400))
    }

    @Test func aTeamContributorsTeamsAreMarkedInAPicker() throws {
        let f = try AdminConsoleFixture()
        _ = try f.service.createTeam(f.ada, organizationID: "acme", id: "field", name: "Field Team")
        _ = try f.service.createTeam(f.ada, organizationID: "acme", id: "lab", name: "Research Lab")
        let console = f.account(section: .invitations)
        console.send(.new)
        console.type("tc@example.com")
        console.send(.submit)
        console.pick("team-contributor")
        let teams = try #require(console.pickerState)
        #expect(teams.multiple)
        #expect(teams.options.map(\.label) == ["no team", "Field Team", "Research Lab"], "no team is an answer, and a row")
        console.send(.move(.down)); console.send(.move(.down))
        console.send(.text(" "))
        #expect(console.pickerState?.marked == ["lab"])
        // "No team" and a team contradict each other: marking one unmarks the other.
        console.send(.top); console.send(.text(" "))
        #expect(console.pickerState?.marked == [InvitationsSection.noTeam])
        console.send(.bottom); console.send(.text(" "))
        #expect(console.pickerState?.marked == ["lab"])
        // Back to the role and on again: the team marked is still marked.
        console.send(.cancel)
        #expect(console.pickerState?.title == "Role for tc@example.com")
        console.send(.submit)
        #expect(console.pickerState?.marked == ["lab"] && console.pickerState?.highlighted?.value == "lab")
        console.send(.submit)
        #expect(console.invitations?.list.selected?.teams == ["lab"])
        // Enter with nothing marked takes the highlighted row, as in every picker.
        console.send(.new)
        console.type("tc2@example.com")
        console.send(.submit)
        console.pick("team-contributor")
        console.send(.submit)
        #expect(console.invitations?.list.rows.first { $0.email == "tc2@example.com" }?.teams == [], "the first row: no team")
    }

    @Test func invitingAnExistingMemberIsRefusedAtTheEmailBeforeTheRoleIsAsked() throws {
        let f = try AdminConsoleFixture()
        let console = f.account(section: .invitations)
        console.send(.new)
        #expect(console.focusCommands.map(\.label) == ["next", "cancel"], "one field: no next field")
        console.type("bob@example.com")
        console.send(.submit)
        #expect(console.pickerState == nil, "no role to pick in vain")
        let form = try #require(console.formState)
        #expect(form.error == "bob@example.com is already a member")
        #expect(form.value("email") == "bob@example.com", "what was typed is kept")
    }

    @Test func escapeOnTheRolePickerGoesBackToTheEmailAsTyped() throws {
        let f = try AdminConsoleFixture()
        let console = f.account(section: .invitations)
        console.send(.new)
        console.type("erin@example.com")
        console.send(.submit)
        #expect(console.pickerState?.title == "Role for erin@example.com")
        #expect(console.focusCommands.last == PaneCommand(.cancel, "back"), "the footer says where Esc goes")
        console.send(.cancel)
        #expect(console.formState?.value("email") == "erin@example.com", "one step back, the answer kept")
        console.send(.submit)
        #expect(console.pickerState != nil, "and on again")
        console.send(.cancel)
        console.send(.cancel)
        #expect(console.state.overlay == .none)
        #expect(try f.service.invitations(f.ada, organizationID: "acme").isEmpty)
    }

    @Test func aMalformedEmailStaysInItsForm() throws {
        let f = try AdminConsoleFixture()
        let console = f.account(section: .invitations)
        console.send(.new)
        console.type("not an email")
        console.send(.submit)
        #expect(console.formState?.error == "not a valid email address: \"not an email\"")
        #expect(console.pickerState == nil)
    }

    @Test func anOrganizationUserIsRefusedInviteOnTheKey() throws {
        let f = try AdminConsoleFixture()
        let console = f.account(f.bob, section: .invitations)
        #expect(console.invitationsVisible == false, "an Organization User does not see the list")
        #expect(console.refusals["invite"] == "managing invitations requires role Admin")
        console.send(.new)
        #expect(console.state.overlay == .none, "no form to fill in vain")
        #expect(console.state.flash == .warn("managing invitations requires role Admin"))
        console.flash(nil)
        console.send(.delete)
        #expect(console.state.flash == .warn("managing invitations requires role Admin"), "not silence")
    }

    @Test func resendKeepsTheCursorOnTheSameInvitationThoughTheListReorders() throws {
        let f = try AdminConsoleFixture()
        _ = try f.service.invite(f.ada, organizationID: "acme", email: "erin@example.com", role: .orgUser, teams: [])
        f.clock.now = AdminConsoleFixture.start.addingTimeInterval(60)
        let zed = try f.service.invite(f.ada, organizationID: "acme", email: "zed@example.com", role: .orgUser, teams: [])
        f.clock.now = AdminConsoleFixture.start.addingTimeInterval(3 * 86_400)
        let console = f.account(section: .invitations)
        #expect(console.invitations?.list.rows.map(\.email) == ["zed@example.com", "erin@example.com"], "newest first")
        console.send(.move(.down))
        let erin = try #require(console.invitations?.list.selected)
        console.send(.edit)
        // An email cannot be taken back: asked first.
        let resend = try #require(console.confirmState)
        #expect(resend.verb == "resend" && resend.message.hasPrefix("Email the invitation to erin@example.com (Organization User) again?"),
                "\(resend.message)")
        console.send(.submit)
        #expect(console.state.flash == .info("resent \(erin.id) to erin@example.com; it expires 2026-11-28"))
        #expect(console.invitations?.list.rows.map(\.email) == ["erin@example.com", "zed@example.com"], "resent is now newest")
        #expect(console.invitations?.list.selected?.id == erin.id, "the cursor followed erin, not the row")
        console.send(.delete)
        #expect(console.confirmState?.message.contains("erin@example.com") == true, "so d rescinds the right one")
        console.send(.submit)
        #expect(console.state.flash == .info("rescinded \(erin.id)"))
        #expect(try f.service.invitations(f.ada, organizationID: "acme").first { $0.id == zed.id }?.state == .pending)
    }

    @Test func aRescindedInvitationIsRefusedRescindAndResendOnTheKey() throws {
        let f = try AdminConsoleFixture()
        let erin = try f.service.invite(f.ada, organizationID: "acme", email: "erin@example.com", role: .orgUser, teams: [])
        try f.service.rescindInvitation(f.ada, id: erin.id)
        let console = f.account(section: .invitations)
        #expect(console.invitations?.list.selected?.id == erin.id)
        let rescind = "only a pending invitation can be rescinded; \(erin.id) is rescinded"
        let resend = "only a pending or expired invitation can be resent; \(erin.id) is rescinded"
        #expect(console.refusals["rescind"] == rescind, "the hint is greyed with the reason")
        #expect(console.refusals["resend"] == resend)
        console.send(.delete)
        #expect(console.state.overlay == .none, "no confirm to answer in vain")
        #expect(console.state.flash == .warn(rescind))
        console.send(.edit)
        #expect(console.state.flash == .warn(resend))
    }

    @Test func enterOnAnInvitationShowsItsDetailsAndSendsNothing() throws {
        let f = try AdminConsoleFixture()
        let invitation = try f.service.invite(f.ada, organizationID: "acme", email: "erin@example.com", role: .orgUser, teams: [])
        let console = f.account(section: .invitations)
        console.send(.open)
        #expect(console.infoState?.title == "Invitation \(invitation.id)")
        console.send(.cancel)
        #expect(try f.service.invitations(f.ada, organizationID: "acme").first?.sentAt == invitation.sentAt, "not resent")
    }

    // MARK: Teams

    @Test func teamsAreCreatedRenamedAndDeletedAfterTypingTheID() throws {
        let f = try AdminConsoleFixture()
        let console = f.account(section: .teams)
        #expect(console.teams?.list.rows == [])
        console.send(.new)
        console.fill(["field", "Field Team"])
        console.send(.submit)
        #expect(console.state.flash == .info("created team field"))
        #expect(console.teams?.list.rows.map(\.id) == ["field"])
        console.send(.edit)
        #expect(console.formState?.value("name") == "Field Team")
        console.fill(["Field Ops"])
        console.send(.submit)
        #expect(console.state.flash == .info("renamed team field"))
        console.send(.delete)
        #expect(console.confirmState?.requiredText == "field")
        console.type("Field")
        console.send(.submit)
        #expect(console.confirmState?.error == "type field exactly to confirm", "the ID is matched exactly")
        for _ in 0..<5 { console.send(.backspace) }
        console.type("field")
        console.send(.submit)
        #expect(console.state.flash == .info("deleted team field"))
        #expect(try f.service.teams(f.ada, organizationID: "acme", filter: "").isEmpty)
    }

    @Test func aDuplicateTeamIDKeepsTheFormOpenWithTheConflict() throws {
        let f = try AdminConsoleFixture()
        _ = try f.service.createTeam(f.ada, organizationID: "acme", id: "field", name: "Field Team")
        let console = f.account(section: .teams)
        console.send(.new)
        console.fill(["field", "Another"])
        console.send(.submit)
        #expect(console.formState?.error?.contains("field") == true)
        #expect(console.focusCommands.first?.event == .submit, "the form's keys stay in the footer beside its error")
    }

    @Test func teamSearchAsksTheCore() throws {
        let f = try AdminConsoleFixture()
        _ = try f.service.createTeam(f.ada, organizationID: "acme", id: "field", name: "Field Team")
        _ = try f.service.createTeam(f.ada, organizationID: "acme", id: "lab", name: "Research Lab")
        let console = f.account(section: .teams)
        console.send(.filter)
        console.type("resea")
        #expect(console.teams?.list.rows.map(\.id) == ["lab"])
        console.send(.cancel)
        #expect(console.teams?.list.rows.map(\.id) == ["field", "lab"])
    }

    @Test func anOrganizationUserIsRefusedTeamChangesOnTheKey() throws {
        let f = try AdminConsoleFixture()
        let console = f.account(f.bob, section: .teams)
        console.send(.new)
        #expect(console.state.overlay == .none)
        #expect(console.state.flash == .warn("managing teams requires role Admin or Organization Contributor"))
    }

    @Test func nOnMembersInvitesFromTheInvitationsSection() throws {
        let f = try AdminConsoleFixture()
        let console = f.account(section: .members)
        #expect(console.focusCommands.first { $0.event == .new }?.label == "invite")
        console.send(.new)
        #expect(console.account?.accountSection == .invitations)
        #expect(console.formState?.has("email") == true, "the invite form is open")
        let bob = f.account(f.bob, section: .members)
        bob.send(.new)
        #expect(bob.state.overlay == .none && bob.account?.accountSection == .members)
        #expect(bob.state.flash == .warn(try #require(bob.focusCommands.first { $0.event == .new }?.refusal)))
    }

    // MARK: Profile, leaving

    @Test func leavingNeedsTheIDAndEndsOnMyAppsInThePersonalContext() throws {
        let f = try AdminConsoleFixture()
        let console = f.account(f.bob)
        console.send(.leave)
        #expect(console.confirmState?.requiredText == "acme")
        console.type("acm")
        console.send(.submit)
        #expect(console.confirmState != nil)
        console.type("e")
        console.send(.submit)
        #expect(console.state.overlay == .none)
        #expect(console.state.flash == .info("you left acme"))
        #expect(console.state.context == .personal)
        #expect(console.state.memberships == [])
        #expect(console.state.stack == [.pane(.myApps)])
        #expect(try f.role(of: "bob") == nil)
    }

    @Test func theLastAdminCannotLeave() throws {
        let f = try AdminConsoleFixture()
        let console = f.account()
        console.send(.leave)
        console.type("acme")
        console.send(.submit)
        #expect(console.state.flash == .error("you are the last Admin of acme: make someone else Admin or delete the organization"))
        #expect(console.state.context == .organization("acme"))
    }

    @Test func aUserOfNoOrganizationIsToldThereIsNothingToLeave() throws {
        let f = try AdminConsoleFixture()
        let console = ConsoleViewModel(service: f.service, session: f.dan)
        console.send(.leave)
        #expect(console.state.overlay == .none)
        #expect(console.state.flash == .warn("you belong to no organization"))
        let bob = ConsoleViewModel(service: f.service, session: f.bob)
        bob.switchContext(.personal)
        bob.send(.leave)
        #expect(bob.state.overlay == .none, "not the first organization of the list: the one in front, and there is none")
        #expect(bob.state.flash == .warn("this is your personal account: switch to the organization you want to leave first, "
                                         + "or leave it from the list in Account"))
        // The personal Account pane lists the organizations: L there leaves the one highlighted.
        bob.send(.selectPane(.account))
        #expect(bob.refusals["leave"] == nil)
        bob.send(.leave)
        guard case .confirm(let confirm) = bob.state.overlay else { Issue.record("no confirmation: \(bob.state.overlay)"); return }
        #expect(confirm.requiredText == "acme" && confirm.message.hasPrefix("Leave Acme Robotics (acme)?"))
        bob.type("acme")
        bob.send(.submit)
        #expect(bob.state.overlay == .none && bob.state.flash == .info("you left acme"))
        #expect(bob.state.memberships.isEmpty && bob.personalProfile?.memberships.rows.isEmpty == true)
        #expect(bob.state.context == .personal)
    }

    @Test func theOrganizationProfileIsEditedThroughAFormAndTheHeaderFollows() throws {
        let f = try AdminConsoleFixture()
        let console = f.account()
        console.send(.edit)
        #expect(console.formState?.value("name") == "Acme Robotics")
        console.fill(["Acme Labs", "not-an-email"])
        console.send(.submit)
        #expect(console.formState?.errorField == "billing_email", "the refusal marks the field it is about")
        console.fill(["Acme Labs", "money@acme.test"])
        console.send(.submit)
        #expect(console.state.flash == .info("saved Acme Labs"))
        #expect(console.organizationProfile?.organization?.name == "Acme Labs")
        #expect(console.state.contextTitle == "Acme Labs")
    }

    @Test func aProfileSavedElsewhereKeepsWhatWasTypedAndTheNextEnterSavesIt() throws {
        let f = try AdminConsoleFixture()
        let console = f.account()
        console.send(.edit)
        _ = try f.service.updateOrganization(f.ada, id: "acme", name: "Acme Elsewhere", billingEmail: nil, expectedVersion: nil)
        console.fill(["Acme Labs", "billing@acme.test"])
        console.send(.submit)
        #expect(console.formState?.error == "Saved elsewhere meanwhile: Enter saves yours over it, Esc keeps theirs. "
                + "Now: organization name \"Acme Elsewhere\"")
        #expect(console.formState?.value("name") == "Acme Labs")
        console.send(.submit)
        #expect(console.state.flash == .info("saved Acme Labs"))
    }

    @Test func onlyAnAdminMayEditTheProfileOrDeleteTheOrganization() throws {
        let f = try AdminConsoleFixture()
        let console = f.account(f.cleo)
        #expect(console.refusals["edit profile"] == "managing the organization requires role Admin")
        #expect(console.refusals["delete organization"] == "managing the organization requires role Admin")
        console.send(.delete)
        #expect(console.state.overlay == .none)
    }
}
