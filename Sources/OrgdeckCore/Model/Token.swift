import Foundation

/// What a personal access token may do (PRODUCT.md §8). Every CLI command declares the one it
/// needs, on top of the user's role.
public enum TokenScope: String, CaseIterable, Sendable, Comparable {
    case appsRead = "apps:read"
    case appsWrite = "apps:write"
    case membersRead = "members:read"
    case membersWrite = "members:write"
    case teamsWrite = "teams:write"
    case contentRead = "content:read"
    case contentWrite = "content:write"
    case modelsTrain = "models:train"
    case predict
    case billingRead = "billing:read"
    case auditRead = "audit:read"
    case securityWrite = "security:write"

    public static func < (a: TokenScope, b: TokenScope) -> Bool {
        (allCases.firstIndex(of: a) ?? 0) < (allCases.firstIndex(of: b) ?? 0)
    }

    /// What a token with this scope may do, in a few words (the commands that declare it).
    public var meaning: String {
        switch self {
        case .appsRead: return "list and read apps"
        case .appsWrite: return "create, edit, move and delete apps"
        case .membersRead: return "list members, teams and invitations"
        case .membersWrite: return "invite, change roles, remove members"
        case .teamsWrite: return "create teams, change their members and apps"
        case .contentRead: return "read inputs, concepts, models, workflows"
        case .contentWrite: return "change inputs, concepts, models, workflows"
        case .modelsTrain: return "train model versions"
        case .predict: return "run predictions and workflows"
        case .billingRead: return "read usage, invoices and budgets"
        case .auditRead: return "read and export the audit log"
        case .securityWrite: return "tokens, SSH keys, security policy, IdPs"
        }
    }

    /// The scope named `text`, or `.invalid` listing the valid ones.
    public static func parse(_ text: String) throws -> TokenScope {
        let name = text.trimmingCharacters(in: .whitespaces).lowercased()
        guard let scope = TokenScope(rawValue: name) else {
            throw CoreError.invalid("scopes", "scope \"\(Validation.visible(text))\" is not one of "
                                    + allCases.map(\.rawValue).joined(separator: ", "))
        }
        return scope
    }
}

/// A personal access token as listed: never the secret itself.
public struct TokenInfo: Equatable, Sendable, Identifiable {
    /// Public token ID (e.g. `tok_3`), used to revoke.
    public var id: String
    public var userID: Int64
    public var description: String
    public var scopes: [String]
    /// Last four characters of the token, for recognition.
    public var lastFour: String
    public var createdAt: Date
    public var expiresAt: Date
    public var lastUsedAt: Date?
    public var revokedAt: Date?

    /// "revoked", "expired" (as authentication judges it) or "active" at `now`.
    public func status(at now: Date) -> String {
        if revokedAt != nil { return "revoked" }
        return expiresAt <= now ? "expired" : "active"
    }

    /// "all", "all (made before scopes)" or the scopes by name.
    public var scopeSummary: String {
        if scopes.contains("*") { return "all (made before scopes)" }
        return scopes.count == TokenScope.allCases.count ? "all" : scopes.joined(separator: " ")
    }

    public init(id: String, userID: Int64, description: String, scopes: [String], lastFour: String,
                createdAt: Date, expiresAt: Date, lastUsedAt: Date?, revokedAt: Date?) {
        self.id = id; self.userID = userID; self.description = description; self.scopes = scopes
        self.lastFour = lastFour; self.createdAt = createdAt; self.expiresAt = expiresAt
        self.lastUsedAt = lastUsedAt; self.revokedAt = revokedAt
    }
}

/// A freshly created token: the secret is shown once and never stored.
public struct NewToken: Equatable, Sendable {
    public var secret: String
    public var info: TokenInfo

    public init(secret: String, info: TokenInfo) { self.secret = secret; self.info = info }
}

/// The outcome of revoking a token.
public struct TokenRevocation: Equatable, Sendable {
    public var id: String
    public var revokedAt: Date
    /// It was revoked before this request; nothing changed.
    public var already: Bool
}
