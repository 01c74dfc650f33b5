import Foundation

/// An organization's password policy (PRODUCT.md §8). The platform default (`PasswordPolicy()`)
/// applies at sign-up and to accounts in no organization with a policy of its own.
public struct PasswordPolicy: Equatable, Sendable {
    public var minLength = 8
    public var requireUpper = false
    public var requireLower = false
    public var requireDigit = false
    public var requireSymbol = false
    public var rejectCommon = true
    /// How many earlier passwords may not be used again (0: any).
    public var history = 0
    /// Days a password stays valid (0: forever).
    public var maxAgeDays = 0
    /// Failed sign-ins in a row that lock an account, and for how long.
    public var lockoutAfter = 10
    public var lockoutMinutes = 10
    /// The longest life a member's new token may have.
    public var maxTokenDays = 365

    public init() {}

    /// One setting, named as `policy set`, `policy show --json` and the database name it.
    public enum Setting {
        case number(String, WritableKeyPath<PasswordPolicy, Int>, ClosedRange<Int>)
        case flag(String, WritableKeyPath<PasswordPolicy, Bool>)

        public var name: String {
            switch self {
            case .number(let name, _, _), .flag(let name, _): return name
            }
        }
    }

    /// A setting's value in a policy.
    public enum Value: Equatable, Sendable {
        case number(Int), flag(Bool)
    }

    /// Every setting, in the order `policy set` lists them: the one list that reading, storing,
    /// checking, showing and auditing a policy go through.
    public static var settings: [Setting] { [
        .number("min_length", \.minLength, 8...128), .flag("require_upper", \.requireUpper),
        .flag("require_lower", \.requireLower), .flag("require_digit", \.requireDigit), .flag("require_symbol", \.requireSymbol),
        .flag("reject_common", \.rejectCommon), .number("history", \.history, 0...24),
        .number("max_age_days", \.maxAgeDays, 0...3_650), .number("lockout_after", \.lockoutAfter, 1...100),
        .number("lockout_minutes", \.lockoutMinutes, 1...1_440), .number("max_token_days", \.maxTokenDays, 1...365),
    ] }

    public func value(_ setting: Setting) -> Value {
        switch setting {
        case .number(_, let path, _): return .number(self[keyPath: path])
        case .flag(_, let path): return .flag(self[keyPath: path])
        }
    }

    /// A policy read setting by setting, by name: from a row, a form or a file alike.
    public init(number: (String) throws -> Int, flag: (String) throws -> Bool) throws {
        self.init()
        for setting in Self.settings {
            switch setting {
            case .number(let name, let path, _): self[keyPath: path] = try number(name)
            case .flag(let name, let path): self[keyPath: path] = try flag(name)
            }
        }
    }

    /// The policy itself, or `.invalid` naming the first setting out of its bounds.
    public func validated() throws -> PasswordPolicy {
        for case .number(let name, let path, let range) in Self.settings where !range.contains(self[keyPath: path]) {
            throw CoreError.invalid(name, "\(name) must be \(range.lowerBound) to \(range.upperBound)")
        }
        return self
    }

    /// The first rule `password` (already NFC) breaks, for an account with this username and
    /// email; nil when it complies. History and age are checked where the hashes and dates are.
    public func violation(of password: String, username: String, email: String) -> PasswordRule? {
        let length = password.count
        if length < minLength { return .minLength(minLength) }
        if length > Validation.maxPasswordLength { return .maxLength(Validation.maxPasswordLength) }
        if requireUpper, !password.contains(where: \.isUppercase) { return .upper }
        if requireLower, !password.contains(where: \.isLowercase) { return .lower }
        if requireDigit, !password.contains(where: \.isNumber) { return .digit }
        if requireSymbol, !password.contains(where: { !$0.isLetter && !$0.isNumber && !$0.isWhitespace }) { return .symbol }
        let folded = password.lowercased()
        // Names shorter than three letters would forbid half the dictionary.
        if username.count >= 3, folded.contains(username.lowercased()) { return .containsUsername }
        let local = email.split(separator: "@").first.map { $0.lowercased() } ?? ""
        if local.count >= 3, folded.contains(local) { return .containsEmail }
        if rejectCommon, CommonPasswords.contains(password) { return .common }
        return nil
    }

    /// The strictest combination of several policies (an account in more than one organization
    /// meets all of them at once).
    public static func strictest(_ policies: [PasswordPolicy]) -> PasswordPolicy {
        guard var result = policies.first else { return PasswordPolicy() }
        for policy in policies.dropFirst() {
            result.minLength = max(result.minLength, policy.minLength)
            result.requireUpper = result.requireUpper || policy.requireUpper
            result.requireLower = result.requireLower || policy.requireLower
            result.requireDigit = result.requireDigit || policy.requireDigit
            result.requireSymbol = result.requireSymbol || policy.requireSymbol
            result.rejectCommon = result.rejectCommon || policy.rejectCommon
            result.history = max(result.history, policy.history)
            result.maxAgeDays = [result.maxAgeDays, policy.maxAgeDays].filter { $0 > 0 }.min() ?? 0
            result.lockoutAfter = min(result.lockoutAfter, policy.lockoutAfter)
            result.lockoutMinutes = max(result.lockoutMinutes, policy.lockoutMinutes)
            result.maxTokenDays = min(result.maxTokenDays, policy.maxTokenDays)
        }
        return result
    }
}

extension PasswordPolicy {
    /// What a new password must meet, in words: "at least 12 characters, with an upper-case
    /// letter and a digit; not a common one".
    public var requirements: String {
        let kinds = [(requireUpper, "an upper-case letter"), (requireLower, "a lower-case letter"), (requireDigit, "a digit"),
                     (requireSymbol, "a symbol")].filter(\.0).map(\.1)
        var text = "at least \(minLength) characters"
        if !kinds.isEmpty {
            text += ", with " + (kinds.count == 1 ? kinds[0] : kinds.dropLast().joined(separator: ", ") + " and " + kinds.last!)
        }
        if rejectCommon { text += "; not a common one" }
        if history > 0 { text += "; not one of your last \(history)" }
        return text
    }
}

/// A password rule that was broken; its message names the rule by its setting.
public enum PasswordRule: Equatable, Sendable {
    case minLength(Int), maxLength(Int), upper, lower, digit, symbol, containsUsername, containsEmail, common
    case reused(Int), expired(days: Int)

    /// The setting that holds the rule, as `policy set` names it.
    public var setting: String {
        switch self {
        case .minLength: return "min_length"
        case .maxLength: return "max_length"
        case .upper: return "require_upper"
        case .lower: return "require_lower"
        case .digit: return "require_digit"
        case .symbol: return "require_symbol"
        case .containsUsername, .containsEmail: return "no_personal_info"
        case .common: return "reject_common"
        case .reused: return "history"
        case .expired: return "max_age_days"
        }
    }

    public var message: String {
        switch self {
        case .minLength(let n): return "a password needs at least \(n) characters (\(setting))"
        case .maxLength(let n): return "a password has at most \(n) characters (\(setting))"
        case .upper: return "a password needs an upper-case letter (\(setting))"
        case .lower: return "a password needs a lower-case letter (\(setting))"
        case .digit: return "a password needs a digit (\(setting))"
        case .symbol: return "a password needs a symbol: a character that is not a letter, digit or space (\(setting))"
        case .containsUsername: return "a password may not contain your username (\(setting))"
        case .containsEmail: return "a password may not contain your email's name (\(setting))"
        case .common: return "this password is one of the 10,000 most common (\(setting))"
        case .reused(let n): return "a password may not be one of your last \(n) (\(setting))"
        case .expired(let days): return "your password is older than \(days) days (\(setting))"
        }
    }
}
