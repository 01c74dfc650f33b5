import OrgdeckCore

/// What the Password policy section shows.
public struct PasswordPolicyState: Equatable, Sendable {
    public var policy: PasswordPolicy?
    public var error: String?
}

/// The Security pane's Password policy section (organization context): every member sees the
/// rules they must meet; `e` edits them (Admins; refused on the key for the others).
public final class PasswordPolicySection: SectionModel, DialogOwner {
    enum Purpose: Equatable, Sendable { case edit }

    public internal(set) var state = PasswordPolicyState()
    let env: PaneEnvironment
    var open: DialogSlot<Purpose>?

    init(env: PaneEnvironment) { self.env = env }

    public var title: String { "Password policy" }
    public var screen: Screen { .pane(.security) }
    public var dialog: Dialog? { openDialog }
    public var acceptsText: Bool { dialog?.acceptsText ?? false }
    var organizationID: String { env.context.organizationID ?? "" }

    public func reload() -> [Reaction] {
        do {
            state.policy = try env.service.passwordPolicy(env.session, organizationID: organizationID)
            state.error = nil
        } catch { state.error = error.userMessage }
        return []
    }

    /// The settings as the screen lists them: name as `policy set` spells it, and value.
    public static func rows(_ policy: PasswordPolicy) -> [(setting: String, value: String)] {
        func flag(_ on: Bool) -> String { on ? "yes" : "no" }
        return [
            ("min_length", "\(policy.minLength) characters"), ("require_upper", flag(policy.requireUpper)),
            ("require_lower", flag(policy.requireLower)), ("require_digit", flag(policy.requireDigit)),
            ("require_symbol", flag(policy.requireSymbol)), ("reject_common", flag(policy.rejectCommon)),
            ("no_personal_info", "always: no username or email name inside"),
            ("history", policy.history == 0 ? "off" : "the last \(policy.history) may not be reused"),
            ("max_age_days", policy.maxAgeDays == 0 ? "never expires" : "\(policy.maxAgeDays) days"),
            ("lockout", "after \(policy.lockoutAfter) failures, for \(policy.lockoutMinutes) minutes"),
            ("max_token_days", "\(policy.maxTokenDays) days"),
        ]
    }

    public func send(_ event: ConsoleEvent) -> [Reaction]? {
        if let reactions = routeDialog(event) { return reactions }
        guard event == .edit, let policy = state.policy else { return nil }
        if let reason = env.refusal(.manageSecurity) { return refused(reason) }
        return present(.form(FormState(title: "Password policy of \(organizationID)", fields: [
            FormField(key: "min_length", label: "Minimum length", value: "\(policy.minLength)", hint: "8 to 128", maxLength: 3),
            .flag(key: "require_upper", label: "Require upper case", on: policy.requireUpper),
            .flag(key: "require_lower", label: "Require lower case", on: policy.requireLower),
            .flag(key: "require_digit", label: "Require a digit", on: policy.requireDigit),
            .flag(key: "require_symbol", label: "Require a symbol", on: policy.requireSymbol),
            .flag(key: "reject_common", label: "Reject common passwords", on: policy.rejectCommon),
            FormField(key: "history", label: "Remembered passwords", value: "\(policy.history)", hint: "0 to 24", maxLength: 2),
            FormField(key: "max_age_days", label: "Maximum age in days", value: "\(policy.maxAgeDays)", hint: "0: never", maxLength: 4),
            FormField(key: "lockout_after", label: "Lock after failures", value: "\(policy.lockoutAfter)", hint: "1 to 100", maxLength: 3),
            FormField(key: "lockout_minutes", label: "Lock for minutes", value: "\(policy.lockoutMinutes)", hint: "1 to 1440", maxLength: 4),
            FormField(key: "max_token_days", label: "Longest token life", value: "\(policy.maxTokenDays)", hint: "1 to 365 days", maxLength: 3),
        ], submitLabel: "Save")), for: .edit)
    }

    func carryOut(_ purpose: Purpose, _ dialog: Dialog) throws -> [Reaction] {
        guard case .form(let form) = dialog else { return [] }
        func number(_ key: String) throws -> Int {
            guard let value = Int(form.value(key)) else { throw CoreError.invalid(key, "\(key) must be a whole number") }
            return value
        }
        func flag(_ key: String) throws -> Bool {
            switch form.value(key).lowercased() {
            case "yes", "y", "on", "true": return true
            case "no", "n", "off", "false": return false
            default: throw CoreError.invalid(key, "\(key) is yes or no")
            }
        }
        let policy = try PasswordPolicy(number: number, flag: flag)
        try env.service.setPasswordPolicy(env.session, organizationID: organizationID, policy)
        _ = reload()
        return [.flash(.info("password policy saved; it applies at each member's next sign-in"))]
    }

    public var commands: [PaneCommand] {
        if let dialog { return dialog.commands }
        return [PaneCommand(.edit, "edit policy", refusal: env.refusal(.manageSecurity))]
    }
}
