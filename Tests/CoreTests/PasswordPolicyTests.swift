import Foundation
import Testing
@testable import OrgdeckCore

@Suite("Password policy")
struct PasswordPolicyTests {
    func rule(_ policy: PasswordPolicy, _ password: String) -> String? {
        policy.violation(of: Validation.normalizedPassword(password), username: "grace", email: "g.hopper@navy.example")?.setting
    }

    @Test("each rule accepts what meets it and refuses what breaks it, naming itself")
    func rules() {
        var policy = PasswordPolicy()
        #expect(rule(policy, "quiet river stone") == nil)
        #expect(rule(policy, "short") == "min_length")
        #expect(rule(policy, "Password") == "reject_common", "the common list matches in any case")
        #expect(rule(policy, "my name is grace!") == "no_personal_info")
        #expect(rule(policy, "hello G.HOPPER friend") == "no_personal_info", "the email's local part, any case")
        policy.rejectCommon = false
        #expect(rule(policy, "password") == nil)
        policy.minLength = 12
        #expect(rule(policy, "eleven char") == "min_length")
        policy.requireUpper = true
        #expect(rule(policy, "all lower case here") == "require_upper")
        #expect(rule(policy, "Élan vital forever") == nil, "upper case in any script")
        policy.requireLower = true
        #expect(rule(policy, "ALL UPPER CASE HERE") == "require_lower")
        policy.requireDigit = true
        #expect(rule(policy, "No Digits In Here") == "require_digit")
        #expect(rule(policy, "Digits In Here 4 u") == nil)
        policy.requireSymbol = true
        #expect(rule(policy, "No Symbols Here 42") == "require_symbol", "a space is not a symbol")
        #expect(rule(policy, "Symbols Here 42 ✓") == nil)
        #expect(rule(policy, String(repeating: "Aa1!", count: 33)) == "max_length")
    }

    @Test("settings out of their bounds are refused by name")
    func bounds() {
        var policy = PasswordPolicy()
        policy.minLength = 7
        #expect(coreError { _ = try policy.validated() }?.field == "min_length")
        policy.minLength = 129
        #expect(coreError { _ = try policy.validated() }?.message == "min_length must be 8 to 128")
        policy = PasswordPolicy()
        policy.history = 25
        #expect(coreError { _ = try policy.validated() }?.field == "history")
        policy = PasswordPolicy()
        policy.maxTokenDays = 0
        #expect(coreError { _ = try policy.validated() }?.field == "max_token_days")
    }

    @Test("only Admins set the policy; members read it; the change is audited with what changed")
    func adminOnly() throws {
        let f = try Fixture()
        let (admin, members) = try f.organization()
        let member = try #require(members[.orgContributor])
        var policy = try f.service.passwordPolicy(member, organizationID: "acme")
        #expect(policy == PasswordPolicy())
        policy.minLength = 16
        #expect(coreError { _ = try f.service.setPasswordPolicy(member, organizationID: "acme", policy) }?.kind == .forbidden)
        try f.service.setPasswordPolicy(admin, organizationID: "acme", policy)
        #expect(try f.service.passwordPolicy(member, organizationID: "acme").minLength == 16)
        let audit = try #require(try f.lastAudit())
        #expect(audit.action == "policy.update" && audit.outcome == "ok")
        let details = try f.raw { db in try String.fetchOne(db, sql: "SELECT details FROM audit_log ORDER BY id DESC LIMIT 1") }
        #expect(details == "min_length 8 → 16")
    }

    @Test("a password change meets the organization's policy and its history")
    func changeAndHistory() throws {
        let f = try Fixture()
        let (admin, members) = try f.organization()
        var policy = PasswordPolicy()
        policy.requireDigit = true
        policy.history = 2
        try f.service.setPasswordPolicy(admin, organizationID: "acme", policy)
        let user = try #require(members[.orgUser])
        #expect(f.service.passwordRequirements(user) == "at least 8 characters, with a digit; not a common one; not one of your last 2",
                "the form's hint says what the change is checked against")
        policy.minLength = 12; policy.requireUpper = true; policy.requireSymbol = true; policy.rejectCommon = false; policy.history = 0
        #expect(policy.requirements == "at least 12 characters, with an upper-case letter, a digit and a symbol")
        let short = coreError { try f.service.changePassword(user, current: Fixture.password, new: "abc") }
        #expect(short?.message == "a password needs at least 8 characters (min_length)", "the policy's words, as the hint says")
        let refusal = coreError { try f.service.changePassword(user, current: Fixture.password, new: "no digits at all here") }
        #expect(refusal?.kind == .invalid && refusal?.message == "a password needs a digit (require_digit)")
        try f.service.changePassword(user, current: Fixture.password, new: "first new one 1")
        try f.service.changePassword(user, current: "first new one 1", new: "second new one 2")
        // History 2: the current password and the one before it.
        let reused = coreError { try f.service.changePassword(user, current: "second new one 2", new: "first new one 1") }
        #expect(reused?.message == "a password may not be one of your last 2 (history)" && reused?.field == "new")
        try f.service.changePassword(user, current: "second new one 2", new: "third new one 3")
        try f.service.changePassword(user, current: "third new one 3", new: "first new one 1")
        #expect(try f.service.signIn(login: user.user.username, password: "first new one 1", source: .cli).passwordChangeReason == nil)
    }

    @Test("a tightened policy or an expired password forces a change at the next sign-in; changing clears it")
    func forcedChange() throws {
        let f = try Fixture()
        let (admin, members) = try f.organization()
        let name = try #require(members[.orgUser]).user.username
        var policy = PasswordPolicy()
        policy.minLength = 24
        try f.service.setPasswordPolicy(admin, organizationID: "acme", policy)
        let session = try f.service.signIn(login: name, password: Fixture.password, source: .cli)
        #expect(session.passwordChangeReason == "a password needs at least 24 characters (min_length)")
        #expect(coreError { _ = try f.service.createToken(session, description: "", scopes: [], expiresInDays: 30) }?.kind == .forbidden)
        try f.service.changePassword(session, current: Fixture.password, new: "a much longer passphrase now")
        #expect(try f.service.signIn(login: name, password: "a much longer passphrase now", source: .cli).passwordChangeReason == nil)

        policy.maxAgeDays = 30
        try f.service.setPasswordPolicy(admin, organizationID: "acme", policy)
        f.clock.advance(29 * 86_400)
        #expect(try f.service.signIn(login: name, password: "a much longer passphrase now", source: .cli).passwordChangeReason == nil)
        f.clock.advance(2 * 86_400)
        let expired = try f.service.signIn(login: name, password: "a much longer passphrase now", source: .tui)
        #expect(expired.passwordChangeReason == "your password is older than 30 days (max_age_days)")
    }

    @Test("an account in no organization is not stopped at sign-in by the platform default")
    func noOrganization() throws {
        let f = try Fixture()
        // A password from before the default refused common ones, set directly.
        _ = try f.user("solo")
        let hash = try PasswordHasher(rounds: Fixture.rounds).hash("password1")
        try f.raw { db in try db.execute(sql: "UPDATE users SET password_hash = ? WHERE username = 'solo'", arguments: [hash]) }
        #expect(try f.service.signIn(login: "solo", password: "password1", source: .cli).passwordChangeReason == nil)
        let (admin, _) = try f.organization()
        try f.service.addMember(admin, organizationID: "acme", userID: try f.service.user(username: "solo").id, role: .orgUser)
        #expect(try f.service.signIn(login: "solo", password: "password1", source: .cli).passwordChangeReason
                == "this password is one of the 10,000 most common (reject_common)", "an organization's default policy bites")
    }

    @Test("lockout follows the policy's count and minutes, and unlocks by time")
    func lockout() throws {
        let f = try Fixture()
        let (admin, members) = try f.organization()
        let name = try #require(members[.orgUser]).user.username
        var policy = PasswordPolicy()
        policy.lockoutAfter = 3
        policy.lockoutMinutes = 30
        try f.service.setPasswordPolicy(admin, organizationID: "acme", policy)
        for _ in 0..<2 {
            #expect(coreError { _ = try f.service.signIn(login: name, password: "wrong guess", source: .cli) }?.message
                    == "wrong username or password")
        }
        #expect(coreError { _ = try f.service.signIn(login: name, password: "wrong guess", source: .cli) }?.message
                == "too many failed sign-ins: account locked for 30 more minutes; try again later")
        #expect(coreError { _ = try f.service.signIn(login: name, password: Fixture.password, source: .cli) }?.kind == .notAuthenticated)
        f.clock.advance(29 * 60)
        #expect(coreError { _ = try f.service.signIn(login: name, password: Fixture.password, source: .cli) }?.message
                == "account locked for 1 more minute; try again later")
        f.clock.advance(61)
        #expect(try f.service.signIn(login: name, password: Fixture.password, source: .cli).user.username == name)

        // Failures count within the policy's window, however long: a pause of 11 minutes does
        // not reset them; one longer than the window does.
        func fail() -> String? { coreError { _ = try f.service.signIn(login: name, password: "wrong guess", source: .cli) }?.message }
        _ = fail(); _ = fail()
        f.clock.advance(11 * 60)
        #expect(fail()?.hasPrefix("too many failed sign-ins") == true)
        f.clock.advance(31 * 60)
        _ = try f.service.signIn(login: name, password: Fixture.password, source: .cli)
        _ = fail(); _ = fail()
        f.clock.advance(31 * 60)
        #expect(fail() == "wrong username or password", "failures older than the window no longer count")
        // A name that matches no account locks like the strictest policy's accounts do.
        for _ in 0..<2 { #expect(coreError { _ = try f.service.signIn(login: "nobody", password: "x", source: .cli) }?.message
                                 == "wrong username or password") }
        #expect(coreError { _ = try f.service.signIn(login: "nobody", password: "x", source: .cli) }?.message.hasPrefix("too many") == true)
    }

    @Test("passwords are any Unicode, compared in NFC, never truncated, at most 128 characters")
    func unicode() throws {
        let f = try Fixture()
        let composed = "caf\u{E9} au lait 🐈‍⬛ ночь"
        let decomposed = "cafe\u{301} au lait 🐈‍⬛ ночь"
        _ = try f.service.signUp(username: "zoe", displayName: "Zoe", email: "zoe@example.com", password: composed, source: .cli)
        #expect(try f.service.signIn(login: "zoe", password: decomposed, source: .cli).user.username == "zoe")
        let long = String(repeating: "é", count: 128)
        let zoe = try f.service.signIn(login: "zoe", password: composed, source: .cli)
        try f.service.changePassword(zoe, current: decomposed, new: long)
        #expect(coreError { _ = try f.service.signIn(login: "zoe", password: String(long.dropLast()), source: .cli) } != nil,
                "no truncation: one character less is another password")
        #expect(coreError { try f.service.changePassword(zoe, current: long, new: long + "é") }?.message
                == "password must be at most 128 characters long")
        #expect(coreError {
            _ = try f.service.signUp(username: "yan", displayName: "Yan", email: "yan@example.com", password: "qwerty123", source: .cli)
        }?.message == "this password is one of the 10,000 most common (reject_common)", "the platform default applies at sign-up")
    }

    @Test("the shipped common-password list holds all 10,000 entries")
    func commonList() {
        #expect(CommonPasswords.all.count == 10_000)
        #expect(CommonPasswords.contains("EYPHED") && CommonPasswords.contains("password") && !CommonPasswords.contains(""))
    }
}
