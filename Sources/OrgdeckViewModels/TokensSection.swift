import Foundation
import OrgdeckCore

/// The Security pane's Tokens section (personal context): personal access tokens — create with
/// scopes and an expiry (shown once), details, revoke after typing the token's ID.
public final class TokensSection: ListSection<TokenInfo, TokensSection.Purpose> {
    public enum Purpose: Equatable, Sendable {
        case details
        case create
        case scopes(description: String, days: Int)
        case revoke(id: String)
    }

    public init(env: PaneEnvironment) {
        super.init(env: env, title: "Tokens", screen: .pane(.security), searchable: false, chrome: 2)
    }

    override func load() throws -> [TokenInfo] { try env.service.tokens(env.session) }

    override func handle(_ event: ConsoleEvent, selected: TokenInfo?) -> [Reaction]? {
        if event == .new {
            if let reason = env.refusalToChange { return refused(reason) }
            let limit = (try? env.service.maxTokenDays(env.session)) ?? 365
            return present(.form(FormState(title: "New personal access token", fields: [
                FormField(key: "description", label: "Description", hint: "what the token is for", maxLength: 100),
                FormField(key: "days", label: "Expires in days", value: String(min(90, limit)),
                          hint: "1 to \(limit)" + (limit < 365 ? " (your organization's limit)" : ""), maxLength: 3),
            ], submitLabel: "Next: scopes")), for: .create)
        }
        guard let token = selected else { return [.open, .delete, .copyID].contains(event) ? [] : nil }
        switch event {
        case .open:
            return present(.info(InfoState(title: "Token \(token.id)", rows: [
                InfoRow("Description", token.description), InfoRow("Token", "odk_…" + token.lastFour),
                InfoRow("Scopes", token.scopeSummary),
                InfoRow("Created", token.createdAt.utcDay), InfoRow("Expires", token.expiresAt.utcDay),
                InfoRow("Last used", token.lastUsedAt?.utcDay ?? "never"), InfoRow("Revoked", token.revokedAt?.utcDay ?? "no"),
            ])), for: .details)
        case .delete:
            if let reason = env.refusalToChange { return refused(reason) }
            if token.revokedAt != nil { return refused("\(token.id) is already revoked") }
            return present(.confirm(ConfirmState(title: "Revoke token",
                message: "Revoke \(token.id) (…\(token.lastFour), \(token.description))? Scripts using it stop working. "
                    + "Type the token ID to confirm.", requiredText: token.id, verb: "revoke")), for: .revoke(id: token.id))
        case .copyID: return [.effect(.copy(token.id))]
        default: return nil
        }
    }

    override func carryOut(_ purpose: Purpose, _ dialog: Dialog) throws -> [Reaction] {
        switch (purpose, dialog) {
        case (.create, .form(let form)):
            guard let days = Int(form.value("days")) else {
                throw CoreError.invalid("days", "expiry must be a whole number of days")
            }
            if let reason = try env.service.refusalToTokenExpiry(env.session, days: days) { throw CoreError.invalid("days", reason) }
            let description = try Validation.description(form.value("description"))
            // Every scope is a row of its own, last: a quick Enter takes the first, narrowest
            // scope, never security:write by default.
            return present(.picker(PickerState(title: "Scopes of the token (Space marks several)",
                                               options: TokenScope.allCases.map {
                                                   PickerOption(value: $0.rawValue, label: $0.rawValue, detail: $0.meaning)
                                               } + [PickerOption(value: Self.everyScope, label: "every scope",
                                                                 detail: "all of the above, as tokens create without --scopes")],
                                               multiple: true)),
                           for: .scopes(description: description, days: days))
        case (.scopes(let description, let days), .picker(let picker)):
            let chosen = picker.chosen
            guard !chosen.isEmpty else { throw CoreError.invalid("scopes", "choose a scope") }
            let token = try env.service.createToken(env.session, description: description,
                                                    scopes: chosen.contains(Self.everyScope) ? [] : chosen, expiresInDays: days)
            reload(selecting: token.info.id)
            // What it may do is said with it: a quick Enter took the highlighted scope.
            let scopes = chosen.contains(Self.everyScope) ? "every scope" : chosen.joined(separator: ", ")
            return [.secret(title: "New token (\(scopes)) — shown once, copy it now", value: token.secret)]
        case (.revoke(let id), .confirm):
            try env.service.revokeToken(env.session, id: id)
            _ = reload()
            return [.flash(.info("revoked \(id)"))]
        case (.details, _), (.create, _), (.scopes, _), (.revoke, _):
            return []
        }
    }

    override func abandoned(_ purpose: Purpose) -> String? {
        if case .scopes(let description, _) = purpose { return "token \"\(description)\" not created" }
        return nil
    }

    /// The picker row for every scope (an empty list of scopes, for the core).
    static let everyScope = "*"

    override var listCommands: [PaneCommand] {
        let none = state.list.selected == nil ? "no token yet" : nil
        let revoked = state.list.selected?.revokedAt != nil ? "already revoked" : nil
        return [PaneCommand(.new, "new token", refusal: env.refusalToChange), PaneCommand(.open, "details", refusal: none),
                PaneCommand(.delete, "revoke", refusal: none ?? env.refusalToChange ?? revoked),
                PaneCommand(.copyID, "copy ID", refusal: none)]
    }
}
