import Foundation
import OrgdeckCore
import OrgdeckTerminal
import Testing
import OrgdeckViewModels
@testable import OrgdeckTUI

/// The Account pane, the team page and the invitation overlays rendered at 80×24.
@Suite struct AccountScreenTests {
    @Test func organizationProfileHasTheSidebarAndTheFacts() throws {
        let rows = ScreenFixture.render(try AdminScreenFixture().account(.profile))
        #expect(rows[2] == " Acme Robotics settings                                                         ")
        #expect(rows[4] == " ▸ Profile       Name            Acme Robotics                                  ")
        #expect(rows[5] == "   Members       ID              acme                                           ")
        #expect(rows[7] == "   Invitations   Your role       Admin                                          ")
        #expect(rows[8] == "                 Members         3                                              ")
        #expect(rows[9] == "                 Teams           2                                              ")
        #expect(rows[23] == " Tab sections  e edit profile  d delete organization  L leave            ? help ")
    }

    @Test func membersTableShowsHeaderAndOneRowPerMember() throws {
        let console = try AdminScreenFixture().account(.members)
        let rows = ScreenFixture.render(console)
        #expect(rows[1] == "  1 My Apps   2 Collaborations   3 Starred   4 Account   5 Billing   6 Security ")
        #expect(rows[3] == "                 Members (3)                                                    ")
        #expect(rows[4] == "   Profile       Username   Name          Role             Tms Joined Active    ")
        #expect(rows[5] == " ▸ Members       ada        Ada Lovelace  Admin            0   Nov 15 2d ago    ")
        #expect(rows[6] == "   Teams         bob        Bob Builder   Org User         1   Nov 16 never     ")
        #expect(rows[7] == "   Invitations   cleo       Cleo Patra    Org Contributor  0   Nov 16 never     ")
        #expect(rows[8].trimmingCharacters(in: .whitespaces).isEmpty)
        #expect(rows[23] == " Tab sections  Enter change role  d remove  / search  y copy username    ? help ")
    }

    @Test func membersSearchShowsTheTypedTextAndNarrowsTheTable() throws {
        let console = try AdminScreenFixture().account(.members)
        console.send(.filter)
        console.send(.text("cle"))
        let rows = ScreenFixture.render(console)
        #expect(rows[3] == "                 Members (1)  /cle▏                                             ")
        #expect(rows[5] == " ▸ Members       cleo       Cleo Patra    Org Contributor  0   Nov 16 never     ")
        #expect(rows[6] == "   Teams                                                                        ")
        #expect(rows[23].hasPrefix(" Enter keep search  Esc clear"))
    }

    @Test func theCursorRowOfTheMembersTableIsStyledAsTheCursor() throws {
        let console = try AdminScreenFixture().account(.members)
        console.send(.move(.down))
        let painter = ConsoleRenderer(keyMap: KeyMap(), now: ScreenFixture.now).render(console, theme: .builtin, width: 80, height: 24)
        let cursor = Theme.builtin.style(.tableCursor)
        #expect(painter.grid[20, 6].style == cursor, "bob's row")
        #expect(painter.grid[20, 5].style != cursor)
    }

    @Test func invitationsTableListsThePendingInvitation() throws {
        let rows = ScreenFixture.render(try AdminScreenFixture().account(.invitations))
        #expect(rows[3] == "                 Invitations (1 pending)                                        ")
        #expect(rows[4] == "   Profile       Email          Role             By      Sent   Expires State   ")
        #expect(rows[5] == "   Members       dan@example.c… Org Contributor  ada     Nov 16 Nov 23  pending ")
        #expect(rows[7] == " ▸ Invitations                                                                  ")
        #expect(rows[23] == " Tab sections  n invite  e resend  d rescind  y copy ID                  ? help ")
    }

    @Test func anOrganizationUserIsToldOnlyAdminsSeeInvitations() throws {
        let f = try AdminScreenFixture()
        let console = ConsoleViewModel(service: f.service, session: f.bob)
        console.switchContext(.organization("acme"))
        console.send(.selectPane(.account))
        for _ in 0..<3 { console.send(.move(.right)) }
        let rows = ScreenFixture.render(console)
        #expect(rows[0] == " orgdeck ▸ Acme Robotics · Organization User                              bob ▾ ")
        #expect(rows[3] == "                 Invitations (0 pending)                                        ")
        #expect(rows[5] == "   Members        Only Admins see and send the organization's invitations.      ")
    }

    @Test func teamsTableShowsCountsAndPolicy() throws {
        let rows = ScreenFixture.render(try AdminScreenFixture().account(.teams))
        #expect(rows[3] == "                 Teams (2)                                                      ")
        #expect(rows[4] == "   Profile       ID             Name                 Members Apps Policy        ")
        #expect(rows[5] == "   Members       field          Field Team           1       1    only gdpr     ")
        #expect(rows[6] == " ▸ Teams         lab            Research Lab         0       0    —             ")
        #expect(rows[23] == " Tab sections  Enter open  n new team  e rename  d delete  / search      ? help ")
    }

    @Test func teamPageShowsThePolicyAndBothTabs() throws {
        let console = try AdminScreenFixture().account(.teams)
        console.send(.open)
        var rows = ScreenFixture.render(console)
        #expect(rows[1] == "  1 My Apps   2 Collaborations   3 Starred   4 Account   5 Billing   6 Security ")
        #expect(rows[2] == " Team Field Team  field                                                         ")
        #expect(rows[3] == " siloed: only apps labelled gdpr                                                ")
        #expect(rows[4] == "  Members (1)   Apps (1)                                                        ")
        #expect(rows[5] == " Username       Name                   Organization role                        ")
        #expect(rows[6] == " bob            Bob Builder            Organization User                        ")
        #expect(rows[7].trimmingCharacters(in: .whitespaces).isEmpty)
        #expect(rows[23] == " Esc back  Tab members/apps  n add member  d remove member               ? help ")

        console.send(.nextFocus)
        rows = ScreenFixture.render(console)
        #expect(rows[4] == "  Members (1)   Apps (1)                                                        ")
        #expect(rows[5] == " App ID               Name                   Role        Labels                 ")
        #expect(rows[6] == " invoice-ocr          Invoice OCR            contributor gdpr                   ")
        #expect(rows[23] == " Esc back  Tab members/apps  n add app  d remove app  e label policy     ? help ")

        let painter = ConsoleRenderer(keyMap: KeyMap(), now: ScreenFixture.now).render(console, theme: .builtin, width: 80, height: 24)
        #expect(painter.grid[3, 4].style == Theme.builtin.style(.tab), "Members is not the active tab")
        #expect(painter.grid[17, 4].style == Theme.builtin.style(.tabActive), "Apps is the active tab")
    }

    @Test func aTeamWithoutMembersSaysHowToAddOne() throws {
        let console = try AdminScreenFixture().account(.teams)
        console.send(.move(.down))
        console.send(.open)
        let rows = ScreenFixture.render(console)
        #expect(rows[2] == " Team Research Lab  lab                                                         ")
        #expect(rows[3] == " no label policy                                                                ")
        #expect(rows[4] == "  Members (0)   Apps (0)                                                        ")
        #expect(rows[7] == "  No members. Press n to add one.                                               ")
    }

    @Test func rolePickerMarksTheCurrentRole() throws {
        let console = try AdminScreenFixture().account(.members)
        console.send(.move(.down))
        console.send(.open)
        let rows = ScreenFixture.render(console)
        #expect(rows[7] == "   Invit┌ Role of bob ─────────────────────────────────────────────────┐ver     ")
        #expect(rows[9] == "        │   Admin                      everything, including members,… │        ")
        #expect(rows[10] == "        │   Organization Contributor   works on every app and manages… │        ")
        #expect(rows[11] == "        │ ▸ Organization User          sees every app and predicts; c… │        ")
        #expect(rows[12] == "        │   Team Contributor           only the apps of their teams    │        ")
        #expect(rows[14] == "        │ Enter choose · Esc cancel                                    │        ")
        #expect(rows[15] == "        └──────────────────────────────────────────────────────────────┘        ")
        console.send(.move(.down))
        let moved = ScreenFixture.render(console)
        #expect(moved[11] == "        │   Organization User          sees every app and predicts; c… │        ")
        #expect(moved[12] == "        │ ▸ Team Contributor           only the apps of their teams    │        ")
    }

    @Test func removingAMemberAsksForTheUsername() throws {
        let console = try AdminScreenFixture().account(.members)
        console.send(.move(.down))
        console.send(.delete)
        var rows = ScreenFixture.render(console)
        #expect(rows[7] == "   Invitati┌ Remove member ─────────────────────────────────────────┐ never     ")
        #expect(rows[9] == "           │ Remove Bob Builder (bob) from Acme Robotics? Their     │           ")
        #expect(rows[10] == "           │ team memberships go; their personal apps stay          │           ")
        #expect(rows[11] == "           │ theirs. Type the username to confirm.                  │           ")
        #expect(rows[14] == "           │ type bob · Esc cancel                                  │           ")
        #expect(rows[16] == "           └────────────────────────────────────────────────────────┘           ")
        console.send(.text("bob"))
        rows = ScreenFixture.render(console)
        #expect(rows[13].contains("│ bob"))
        #expect(rows[14] == "           │ Enter confirm · Esc cancel                             │           ")
    }

    @Test func inboxOpensAfterSignInWithTheInvitationAndTheBadge() throws {
        let f = try AdminScreenFixture()
        let console = ConsoleViewModel(service: f.service, session: f.dan)
        let rows = ScreenFixture.render(console)
        #expect(rows[0] == " orgdeck ▸ dan · personal                                  ✉ 1 invitation dan ▾ ")
        #expect(rows[8] == "       ┌ Invitations for you ───────────────────────────────────────────┐       ")
        #expect(rows[10] == "       │  Acme Robotics (acme) as Organization Contributor              │       ")
        #expect(rows[11] == "       │    from ada, expires 2026-11-23                                │       ")
        #expect(rows[13] == "       │ Enter accept · d decline · Esc later                           │       ")
        #expect(rows[15] == "       └────────────────────────────────────────────────────────────────┘       ")
    }

    @Test func theHeaderBadgeStaysUntilTheInvitationIsAnsweredAndIsClickable() throws {
        let f = try AdminScreenFixture()
        let console = ConsoleViewModel(service: f.service, session: f.dan)
        console.send(.back)
        let painter = ConsoleRenderer(keyMap: KeyMap(), now: ScreenFixture.now).render(console, theme: .builtin, width: 80, height: 24)
        #expect(painter.grid.rows[0] == " orgdeck ▸ dan · personal                                  ✉ 1 invitation dan ▾ ")
        #expect(painter.grid.rows[8].trimmingCharacters(in: .whitespaces).isEmpty, "the inbox is closed")
        #expect(painter.event(atX: 60, y: 0) == .inbox)
        console.send(.inbox)
        console.send(.open)
        let joined = ScreenFixture.render(console)
        #expect(joined[0] == " orgdeck ▸ Acme Robotics · Organization Contributor                       dan ▾ ")
        #expect(!joined[0].contains("✉"))
    }

    @Test func twoInvitationsArePlural() throws {
        let f = try AdminScreenFixture()
        _ = try f.service.signUp(username: "eve", displayName: "Eve", email: "eve@example.com", password: "correct-horse-1", source: .tui)
        let eve = try f.service.signIn(login: "eve", password: "correct-horse-1", source: .tui)
        _ = try f.service.createOrganization(eve, id: "globex", name: "Globex", billingEmail: "b@globex.test")
        _ = try f.service.invite(eve, organizationID: "globex", email: "dan@example.com", role: .orgUser, teams: [])
        let console = ConsoleViewModel(service: f.service, session: f.dan)
        let rows = ScreenFixture.render(console)
        #expect(rows[0] == " orgdeck ▸ dan · personal                                 ✉ 2 invitations dan ▾ ")
        #expect(rows[9].contains("Globex (globex) as Organization User"), "newest first")
        #expect(rows[11].contains("Acme Robotics (acme) as Organization Contributor"))
    }

    @Test func personalProfileShowsTheUserAndNoOrganizations() throws {
        let f = try AdminScreenFixture()
        let console = ConsoleViewModel(service: f.service, session: f.dan)
        console.send(.back)
        console.send(.selectPane(.account))
        let rows = ScreenFixture.render(console)
        #expect(rows[2] == " Your profile                                                                   ")
        #expect(rows[3] == "   Username        dan                                                          ")
        #expect(rows[5] == "   Email           dan@example.com                                              ")
        #expect(rows[9] == " Name                       ID               Role                               ")
        #expect(rows[11] == "  None. Add one from the profile menu (p), or accept an invitation (i).         ")
        #expect(rows[23] == " e change password  L leave organization  i invitations  p profile menu  ? help ")
    }
}
