import Foundation
import OrgdeckCore
import OrgdeckTerminal
import OrgdeckTestSupport
import Testing
import OrgdeckViewModels

/// The Security pane at 80×24: the policy, the sign-ins, and a new token shown once.
@Suite struct SecurityScreenTests {
    @Test func thePasswordPolicyListsEverySettingByTheNameTheCLIUses() throws {
        let fixture = try ScreenFixture()
        var policy = PasswordPolicy()
        policy.minLength = 12
        policy.history = 5
        policy.maxAgeDays = 90
        try fixture.service.setPasswordPolicy(fixture.ada, organizationID: "acme", policy)
        let console = fixture.console()
        console.switchContext(.organization("acme"))
        console.send(.selectPane(.security))
        let rows = ScreenFixture.render(console)
        Golden.check("security-policy-80x24", rows)
        #expect(rows.contains { $0.contains("min_length        12 characters") })
        #expect(rows[23].hasPrefix(" Tab sections  e edit policy"))
        console.send(.edit)
        let form = ScreenFixture.render(console)
        Golden.check("security-policy-form-80x24", form)
        #expect(form.contains { $0.contains("Minimum length") } && form.contains { $0.contains("↓ 5 more (Tab moves)") },
                "the next field shows its label and box in the rows left")
        for _ in 0..<10 { console.send(.nextFocus) }
        let end = ScreenFixture.render(console)
        #expect(end.contains { $0.contains("Longest token life") } && end.contains { $0.contains("↑ 5 above") }, "the form follows the focus")
    }

    @Test func signInsShowWhenFromWhereAndHowItWent() throws {
        let fixture = try ScreenFixture()
        _ = try? fixture.service.signIn(login: "ada", password: "a wrong guess", source: .cli)
        let console = fixture.console()
        console.send(.selectPane(.security))
        console.send(.selectSection(2))
        let rows = ScreenFixture.render(console)
        Golden.check("security-sign-ins-80x24", rows)
        #expect(rows.contains { $0.contains("cli    failed: wrong password") })
    }

    @Test func aNewTokenIsShownOnceWithItsCopyKey() throws {
        let fixture = try ScreenFixture()
        let console = fixture.console()
        console.send(.selectPane(.security))
        console.send(.new)
        console.send(.text("ci"))
        console.send(.submit)
        let picker = ScreenFixture.render(console)
        Golden.check("security-token-scopes-80x24", picker)
        #expect(picker.contains { $0.contains("apps:read") && $0.contains("list and read apps") })
        // At 60×16 the thirteen rows do not fit: the border says which show.
        let small = ScreenFixture.render(console, width: 60, height: 16)
        #expect(small.contains { $0.contains(" ↓ 1–6 of 13 ") }, "\(small.joined(separator: "\n"))")
        _ = ScreenFixture.render(console)
        console.send(.submit)
        guard case .secret(_, let secret) = console.state.overlay else { Issue.record("no secret shown"); return }
        // The token is random: the golden shows it, and its last four in the table, as #.
        let rows = ScreenFixture.render(console).map {
            $0.replacingOccurrences(of: secret, with: String(repeating: "#", count: secret.count))
                .replacingOccurrences(of: #"odk_…[0-9A-Za-z]{4}"#, with: "odk_…####", options: .regularExpression)
        }
        Golden.check("security-new-token-80x24", rows)
        #expect(rows.joined().contains("shown once"))
        #expect(rows.contains { $0.contains("y copy") })
    }

    @Test func identityProvidersListAndDetailWithSeveralCertificates() throws {
        let fixture = try ScreenFixture()
        let first = try TestCertificates.make("login.acme.example", key: .rsa2048, from: ScreenFixture.now.addingTimeInterval(-400 * 86_400),
                                              until: ScreenFixture.now.addingTimeInterval(20 * 86_400))
        let second = try TestCertificates.make("login-next.acme.example", from: ScreenFixture.now.addingTimeInterval(-30 * 86_400),
                                               until: ScreenFixture.now.addingTimeInterval(700 * 86_400))
        _ = try fixture.service.importIdentityProvider(fixture.ada, organizationID: "acme", metadata:
            VendorMetadata.entra(TestCertificates.base64(first), TestCertificates.base64(second)), name: "Entra ID")
        let console = fixture.console()
        console.switchContext(.organization("acme"))
        console.send(.selectPane(.security))
        console.send(.selectSection(1))
        // Keys are made afresh each run: the goldens show the fingerprints' digits as #.
        func masked(_ rows: [String]) -> [String] {
            rows.map { row in
                guard let range = row.range(of: #"[0-9A-F]{2}(:[0-9A-F]{1,2})+"#, options: .regularExpression) else { return row }
                return row.replacingCharacters(in: range, with: String(row[range].map { $0 == ":" ? ":" : "#" }))
            }
        }
        let list = masked(ScreenFixture.render(console))
        Golden.check("security-idps-80x24", list)
        #expect(list.contains { $0.contains("Entra ID") && $0.contains("2026-12-08     1") })
        console.send(.open)
        let detail = masked(ScreenFixture.render(console))
        Golden.check("security-idp-detail-80x24", detail)
        #expect(detail.joined().contains("Certificate 2") && detail.joined().contains("↓ 1–"))
        for _ in 0..<30 { console.send(.move(.down)) }
        let end = masked(ScreenFixture.render(console))
        #expect(end.contains { $0.contains("Warning        signing certificate 1 expires in 22 days") }, "scrolled to the end")
        #expect(end.joined().contains("↑ "))
    }

    @Test func activityIsTheAuditLogWithItsFilterInWords() throws {
        let fixture = try ScreenFixture()
        let console = fixture.console()
        console.switchContext(.organization("acme"))
        console.send(.selectPane(.account))
        console.send(.selectSection(4))
        let rows = ScreenFixture.render(console)
        Golden.check("activity-80x24", rows)
        #expect(rows.contains { $0.contains("all entries · / filter · X export · C check chain") })
        #expect(rows.contains { $0.contains("app.create") && $0.contains("support-triage") })
    }
}

/// The SSH keys section at 80×24 and 120×30: the fingerprint keeps its room before the comment.
@Suite struct SSHKeysScreenTests {
    @Test func keysListByFingerprintAtTwoSizes() throws {
        let fixture = try ScreenFixture()
        try fixture.service.addSSHKey(fixture.ada, line: try TestSSHKeys.ed25519(seed: 7, comment: "ada@laptop"))
        try fixture.service.addSSHKey(fixture.ada, line: try TestSSHKeys.ed25519(seed: 8, comment: "ada@build-server"))
        let console = fixture.console()
        console.send(.selectPane(.security))
        console.send(.selectSection(1))
        let rows = ScreenFixture.render(console)
        Golden.check("security-ssh-keys-80x24", rows)
        let fingerprint = try fixture.service.sshKeys(fixture.ada)[0].fingerprint
        #expect(rows.contains { $0.contains(fingerprint) }, "the whole fingerprint at 80 columns")
        #expect(rows[23].hasPrefix(" Tab sections  n add key  Enter details  d remove"))
        let wide = ScreenFixture.render(console, width: 120, height: 30)
        Golden.check("security-ssh-keys-120x30", wide)
        #expect(wide.contains { $0.contains(fingerprint) && $0.contains("ada@laptop") })
    }
}
