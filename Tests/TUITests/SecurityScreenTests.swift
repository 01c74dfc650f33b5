import Foundation
import OrgdeckCore
import OrgdeckTerminal
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
        #expect(rows[23].hasPrefix(" e edit policy"))
    }

    @Test func signInsShowWhenFromWhereAndHowItWent() throws {
        let fixture = try ScreenFixture()
        _ = try? fixture.service.signIn(login: "ada", password: "a wrong guess", source: .cli)
        let console = fixture.console()
        console.send(.selectPane(.security))
        console.send(.selectSection(1))
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
}
