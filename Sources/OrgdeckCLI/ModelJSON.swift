import Foundation
import OrgdeckCore

/// The machine shape of each model type: snake_case keys, `id` first, ISO-8601 UTC dates.
enum ModelJSON {
    static func user(_ user: User) -> JSONValue {
        .object([
            ("id", .string(user.username)),
            ("username", .string(user.username)),
            ("name", .string(user.displayName)),
            ("email", .string(user.email)),
            ("created_at", .date(user.createdAt)),
        ])
    }

    static func organization(_ org: Organization, role: Role? = nil, joinedAt: Date? = nil) -> JSONValue {
        var fields: [(String, JSONValue)] = [
            ("id", .string(org.id)),
            ("name", .string(org.name)),
            ("billing_email", .string(org.billingEmail)),
            ("created_at", .date(org.createdAt)),
            ("version", .int(Int64(org.version))),
        ]
        if let role { fields.append(("role", .string(role.rawValue))) }
        if let joinedAt { fields.append(("joined_at", .date(joinedAt))) }
        return .object(fields)
    }

    static func app(_ app: App, names: UserNames) -> JSONValue {
        .object([
            ("id", .string(app.id)),
            ("name", .string(app.name)),
            ("description", .string(app.description)),
            ("owner", owner(app.owner, names: names)),
            ("created_by", .string(names.username(app.createdBy))),
            ("created_at", .date(app.createdAt)),
            ("updated_at", .date(app.updatedAt)),
            ("version", .int(Int64(app.version))),
            ("pinned", .bool(app.pinned)),
            ("labels", strings(app.labels)),
            ("shared_with_you", app.collaboration.map { scopes in .array(scopes.sorted().map { .string($0.rawValue) }) } ?? .null),
        ])
    }

    static func owner(_ owner: Owner, names: UserNames) -> JSONValue {
        switch owner {
        case .user(let id): return .object([("kind", .string("user")), ("id", .string(names.username(id)))])
        case .organization(let id): return .object([("kind", .string("organization")), ("id", .string(id))])
        }
    }

    /// A token as listed; `secret` only when it was just created.
    static func token(_ token: TokenInfo, secret: String? = nil) -> JSONValue {
        .object([
            ("id", .string(token.id)),
            ("description", .string(token.description)),
            ("scopes", .array(token.scopes.map { .string($0) })),
            ("last_four", .string(token.lastFour)),
            ("created_at", .date(token.createdAt)),
            ("expires_at", .date(token.expiresAt)),
            ("last_used_at", .date(token.lastUsedAt)),
            ("revoked_at", .date(token.revokedAt)),
        ] + (secret.map { [("token", JSONValue.string($0))] } ?? []))
    }

    /// `tokens list` passes the function itself to `map`.
    static func token(_ token: TokenInfo) -> JSONValue { self.token(token, secret: nil) }

    static func audit(_ entry: AuditEntry) -> JSONValue {
        .object([
            ("id", .int(entry.id)),
            ("at", .date(entry.at)),
            ("actor", .optional(entry.actor)),
            ("organization_id", .optional(entry.organizationID)),
            ("action", .string(entry.action)),
            ("target", .string(entry.target)),
            ("details", .string(entry.details)),
            ("source", .string(entry.source.rawValue)),
            ("outcome", .string(entry.outcome)),
            ("previous_hash", .string(entry.previousHash)),
            ("hash", .string(entry.hash)),
        ])
    }
}

/// Usernames for internal user ids, looked up once each: apps name their owner and creator
/// by row id, which is never shown.
final class UserNames {
    private let service: OrgService
    private var cache: [Int64: String] = [:]

    init(service: OrgService) { self.service = service }

    func username(_ id: Int64) -> String {
        if let known = cache[id] { return known }
        let name = (try? service.user(id: id).username) ?? "user-\(id)"
        cache[id] = name
        return name
    }
}
