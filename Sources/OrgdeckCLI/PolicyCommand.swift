import ArgumentParser
import Foundation
import OrgdeckCore

/// `orgdeck policy …`: the organization's password policy (PRODUCT.md §8).
struct PolicyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "policy",
        abstract: "Show or set the organization's password policy.",
        subcommands: [Show.self, Set.self])

    /// The policy as `--json` prints it: the option names in snake_case.
    static func json(_ policy: PasswordPolicy, organizationID: String) -> JSONValue {
        .object([("organization_id", .string(organizationID))] + PasswordPolicy.settings.map { setting in
            switch policy.value(setting) {
            case .number(let number): return (setting.name, .int(Int64(number)))
            case .flag(let on): return (setting.name, .bool(on))
            }
        })
    }

    static func text(_ policy: PasswordPolicy, organizationID: String) -> String {
        func flag(_ on: Bool) -> String { on ? "yes" : "no" }
        return Format.table(["SETTING", "VALUE"], [
            ["organization", organizationID],
            ["min_length", "\(policy.minLength)"],
            ["require_upper", flag(policy.requireUpper)], ["require_lower", flag(policy.requireLower)],
            ["require_digit", flag(policy.requireDigit)], ["require_symbol", flag(policy.requireSymbol)],
            ["reject_common", flag(policy.rejectCommon)],
            ["history", policy.history == 0 ? "0 (any earlier password)" : "\(policy.history)"],
            ["max_age_days", policy.maxAgeDays == 0 ? "0 (never expires)" : "\(policy.maxAgeDays)"],
            ["lockout_after", "\(policy.lockoutAfter) failures"], ["lockout_minutes", "\(policy.lockoutMinutes)"],
            ["max_token_days", "\(policy.maxTokenDays)"],
        ])
    }
}

/// `true`/`false` (also yes/no, on/off, 1/0) for the policy's switches.
struct PolicyFlag: ExpressibleByArgument {
    var value: Bool
    init?(argument: String) {
        switch argument.lowercased() {
        case "true", "yes", "on", "1": value = true
        case "false", "no", "off", "0": value = false
        default: return nil
        }
    }
}

extension PolicyCommand {
    struct Show: ParsableCommand, GlobalOptionsCarrying {
        static let configuration = CommandConfiguration(commandName: "show",
            abstract: "Show the password policy (any member).")

        @OptionGroup var global: GlobalOptions

        func run() throws {
            let (service, session) = try global.authenticated(.membersRead)
            let orgID = try global.organizationID(service, session)
            let policy = try service.passwordPolicy(session, organizationID: orgID)
            Output.emit(json: global.json, PolicyCommand.json(policy, organizationID: orgID)) {
                PolicyCommand.text(policy, organizationID: orgID)
            }
        }
    }

    struct Set: ParsableCommand, GlobalOptionsCarrying {
        static let configuration = CommandConfiguration(
            commandName: "set",
            abstract: "Change the password policy (Admins); what is not given stays as it is.")

        @OptionGroup var global: GlobalOptions
        @Option(name: .long, help: "Minimum length, 8-128.") var minLength: Int?
        @Option(name: .long, help: "Require an upper-case letter (true/false).") var requireUpper: PolicyFlag?
        @Option(name: .long, help: "Require a lower-case letter.") var requireLower: PolicyFlag?
        @Option(name: .long, help: "Require a digit.") var requireDigit: PolicyFlag?
        @Option(name: .long, help: "Require a symbol.") var requireSymbol: PolicyFlag?
        @Option(name: .long, help: "Refuse the 10,000 most common passwords.") var rejectCommon: PolicyFlag?
        @Option(name: .long, help: "Earlier passwords that may not be used again, 0-24.") var history: Int?
        @Option(name: .long, help: "Days a password stays valid, 0 for ever.") var maxAgeDays: Int?
        @Option(name: .long, help: "Failed sign-ins in a row that lock the account, 1-100.") var lockoutAfter: Int?
        @Option(name: .long, help: "Minutes the lock lasts, 1-1440.") var lockoutMinutes: Int?
        @Option(name: .long, help: "The longest life of a member's new token, 1-365 days.") var maxTokenDays: Int?

        func run() throws {
            let (service, session) = try global.authenticated(.securityWrite)
            let orgID = try global.organizationID(service, session)
            var policy = try service.passwordPolicy(session, organizationID: orgID)
            if let minLength { policy.minLength = minLength }
            if let requireUpper { policy.requireUpper = requireUpper.value }
            if let requireLower { policy.requireLower = requireLower.value }
            if let requireDigit { policy.requireDigit = requireDigit.value }
            if let requireSymbol { policy.requireSymbol = requireSymbol.value }
            if let rejectCommon { policy.rejectCommon = rejectCommon.value }
            if let history { policy.history = history }
            if let maxAgeDays { policy.maxAgeDays = maxAgeDays }
            if let lockoutAfter { policy.lockoutAfter = lockoutAfter }
            if let lockoutMinutes { policy.lockoutMinutes = lockoutMinutes }
            if let maxTokenDays { policy.maxTokenDays = maxTokenDays }
            let saved = try service.setPasswordPolicy(session, organizationID: orgID, policy)
            Output.emit(json: global.json, PolicyCommand.json(saved, organizationID: orgID)) {
                PolicyCommand.text(saved, organizationID: orgID)
            }
        }
    }
}
