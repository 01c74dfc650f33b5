import Foundation
import Testing

/// The real binary in tmux: an Admin tightens the password policy with the CLI, a member who
/// signs in next must change their password before anything else, and the Admin imports an
/// identity provider's metadata file from the Security pane.
@Suite(.serialized) struct SecurityEndToEndTests {
    @Test func aTightenedPolicyForcesAChangeAndAnAdminImportsAnIdentityProvider() throws {
        let admin = try TmuxSession(name: "security")
        defer { admin.close() }
        let member = try TmuxSession(name: "member", sharing: admin)
        defer { member.close() }
        try admin.start(["demo", "--reset"], width: 110, height: 32)
        try admin.waitFor(text: "My Apps")

        let token = try admin.cli(["tokens", "create", "--user", "ada", "--password-stdin", "--scopes", "security:write"],
                                  stdin: "orgdeck-demo\n")
        #expect(token.status == 0, "\(token.stderr)")
        let set = try admin.cli(["policy", "set", "--min-length", "16", "--org", "acme"],
                                token: token.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
        #expect(set.status == 0, "\(set.stderr)")

        // Grace signs in: the change form comes first, saying why.
        try member.start(["console"], width: 100, height: 30)
        try member.waitFor(text: "Sign in to orgdeck")
        try member.type("grace"); try member.send("Enter")
        try member.type("orgdeck-demo"); try member.send("Enter")
        try member.waitFor(text: "Change your password")
        try member.waitFor(text: "a password needs at least 16")
        try member.waitFor(text: "at least 16 characters; not a common one")  // the hint names the policy
        try member.type("orgdeck-demo"); try member.send("Enter")
        try member.type("a sixteen plus passphrase"); try member.send("Enter")
        try member.type("a sixteen plus passphrase"); try member.send("Enter")
        try member.waitFor(text: "password changed; signed in as grace")

        // The Admin imports another IdP's metadata from the organization's Security pane.
        let here = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        let shipped = here.appendingPathComponent("../../Sources/OrgdeckCore/Resources/demo-idp-metadata.xml").standardized
        let metadata = try String(contentsOf: shipped, encoding: .utf8)
            .replacingOccurrences(of: "exk9demoAcmeRobotics7", with: "exk9e2eSecondTenant")
            .replacingOccurrences(of: "Acme Robotics Okta", with: "Second Okta")
        let file = URL(fileURLWithPath: "/tmp/od-idp-\(getpid()).xml")
        try Data(metadata.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        try admin.send(":"); try admin.type("org acme"); try admin.send("Enter")
        try admin.waitFor(text: "switched to Acme Robotics")
        try admin.send("6")
        try admin.waitFor(text: "Password policy")
        try admin.waitFor(text: "16 characters")
        try admin.send("Tab")
        try admin.waitFor(text: "Identity providers (1)")
        try admin.send("n")
        try admin.waitFor(text: "Import a metadata file")
        try admin.send("Enter")
        try admin.waitFor(text: "Import identity provider metadata")
        try admin.type(file.path)
        try admin.send("Enter")
        try admin.waitFor(text: "imported Second Okta")
        try admin.waitFor(text: "Identity providers (2)")
    }
}
