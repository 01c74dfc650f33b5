import Foundation
import Testing

/// Two consoles on one database: an Admin invites an email, a newcomer signs up with it in the
/// other console, sees the badge and accepts; the Admin sees the new member, makes them a Team
/// Contributor of one team, and the newcomer's My Apps narrows to that team's apps.
@Suite(.serialized) struct OrganizationEndToEndTests {
    @Test func inviteSignUpAcceptAndScopeToATeam() throws {
        let admin = try TmuxSession(name: "admin")
        defer { admin.close() }
        let newcomer = try TmuxSession(name: "newcomer", sharing: admin)
        defer { newcomer.close() }

        try admin.start(["demo", "--reset"], width: 110, height: 32)
        try admin.waitFor(text: "My Apps")
        try admin.send(":"); try admin.type("org acme"); try admin.send("Enter")
        try admin.waitFor(text: "switched to Acme Robotics")
        // Account → Invitations, invite the newcomer's email.
        try admin.send("4")
        try admin.waitFor(text: "Acme Robotics settings")
        try admin.send("l", "l", "l")
        try admin.waitFor(text: "pending)")
        try admin.send("n")
        try admin.waitFor(text: "Invite a member")
        try admin.type("Zoe@Example.com")
        try admin.send("Enter")
        // The role comes from a picker, on Organization User.
        try admin.waitFor(text: "Role for Zoe@Example.com")
        try admin.send("Enter")
        try admin.waitFor(text: "invited Zoe@Example.com as Organization User")

        // The newcomer signs up with that email (in lower case) in another console.
        try newcomer.start([], width: 110, height: 32)
        try newcomer.waitFor(text: "Sign in to orgdeck")
        try newcomer.send("C-n")
        try newcomer.waitFor(text: "Create your account")
        try newcomer.type("zoe"); try newcomer.send("Tab")
        try newcomer.type("Zoe Newcomer"); try newcomer.send("Tab")
        try newcomer.type("zoe@example.com"); try newcomer.send("Tab")
        try newcomer.type("a-long-password"); try newcomer.send("Enter")
        try newcomer.waitFor(text: "Invitations for you")
        try newcomer.waitFor(text: "✉ 1 invitation")
        try newcomer.send("a")
        try newcomer.waitFor(text: "you joined Acme Robotics as Organization User")

        // The Admin's open console shows the new member without a keystroke.
        try admin.send("h", "h")
        try admin.waitFor(text: "Members (13)")
        try admin.waitFor(text: "Zoe Newcomer")
        // Make them a Team Contributor, then add them to the vision team.
        try admin.send("G", "e")
        try admin.waitFor(text: "Role of zoe")
        // Letters filter a picker; the arrows move in it.
        try admin.send("Down", "Enter")
        try admin.waitFor(text: "zoe is now Team Contributor")
        try admin.send("l")
        try admin.waitFor(text: "Teams (")
        try admin.send("/"); try admin.type("vision"); try admin.send("Enter")
        try admin.send("Enter")
        try admin.waitFor(text: "Team Vision")
        try admin.send("n")
        try admin.waitFor(text: "Add a member to vision")
        try admin.type("zoe")
        try admin.waitFor(text: "Zoe Newcomer ·")
        try admin.send("Enter")
        try admin.waitFor(text: "added zoe to vision")

        // The newcomer's My Apps now holds exactly the vision team's apps.
        let token = try admin.cli(["tokens", "create", "--user", "ada", "--password-stdin"], stdin: "orgdeck-demo\n")
        #expect(token.status == 0, "\(token.stderr)")
        let listed = try admin.cli(["teams", "apps", "list", "vision", "--org", "acme", "--json"],
                                   token: token.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
        #expect(listed.status == 0, "\(listed.stderr)")
        let teamApps = (try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]] ?? [])
            .compactMap { $0["id"] as? String }
        #expect(!teamApps.isEmpty)
        try newcomer.send("v")
        let count = teamApps.count == 1 ? "1/1 app" : "1/\(teamApps.count) apps"
        let screen = try newcomer.waitFor(text: count)
        for id in teamApps { #expect(screen.contains(id), "team app \(id) missing:\n\(screen)") }
        #expect(!screen.contains("churn-signals"), "an app outside the team is visible:\n\(screen)")
    }
}
