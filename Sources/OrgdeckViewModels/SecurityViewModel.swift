import Foundation
import OrgdeckCore

/// What the Security pane shows: the user's personal access tokens.
public struct SecurityState: Equatable, Sendable {
    public var tokens: [TokenInfo]
    public var cursor: Int
    public var error: String?
}

/// The Security pane: personal access tokens — create (shown once), list with last use, revoke.
public final class SecurityViewModel {
    public internal(set) var state = SecurityState(tokens: [], cursor: 0, error: nil)
    let service: OrgService
    let session: Session

    public init(service: OrgService, session: Session) {
        self.service = service; self.session = session
        reload()
    }

    public func reload() {
        do {
            state.tokens = try service.tokens(session)
            state.cursor = min(state.cursor, max(0, state.tokens.count - 1))
            state.error = nil
        } catch { state.error = error.userMessage }
    }

    var selected: TokenInfo? { state.tokens.indices.contains(state.cursor) ? state.tokens[state.cursor] : nil }

    func handle(_ event: ConsoleEvent) -> [Reaction] {
        switch event {
        case .move(.down): state.cursor = min(state.cursor + 1, max(0, state.tokens.count - 1))
        case .move(.up): state.cursor = max(0, state.cursor - 1)
        case .top: state.cursor = 0
        case .bottom: state.cursor = max(0, state.tokens.count - 1)
        case .selectIndex(let index): state.cursor = min(max(0, index), max(0, state.tokens.count - 1))
        case .new:
            return [.form(FormState(purpose: .createToken, title: "New personal access token", fields: [
                FormField(key: "description", label: "Description", hint: "what the token is for", maxLength: 100),
                FormField(key: "days", label: "Expires in days", value: "90", hint: "1 to 365", maxLength: 3),
            ], submitLabel: "Create"))]
        case .delete:
            guard let token = selected else { return [] }
            if token.revokedAt != nil { return [.flash(.warn("\(token.id) is already revoked"))] }
            return [.confirm(ConfirmState(purpose: .revokeToken(id: token.id), title: "Revoke token",
                                          message: "Revoke \(token.id) (…\(token.lastFour), \(token.description))? Scripts using it stop working. Type the token ID to confirm.",
                                          requiredText: token.id))]
        case .copyID:
            guard let token = selected else { return [] }
            return [.effect(.copy(token.id)), .flash(.info("copied \(token.id)"))]
        default: break
        }
        return []
    }

    /// Creates a token from the form; returns the secret to show once.
    func create(_ form: FormState) throws -> String {
        guard let days = Int(form.value("days")) else {
            throw CoreError.invalid("days", "expiry must be a whole number of days from 1 to 365")
        }
        let token = try service.createToken(session, description: form.value("description"), scopes: ["all"], expiresInDays: days)
        reload()
        return token.secret
    }

    func revoke(id: String) throws -> Flash {
        try service.revokeToken(session, id: id)
        reload()
        return .info("revoked \(id)")
    }
}
