import Foundation
import GRDB

/// A token row: the listing plus its stored hash.
struct StoredToken: Sendable {
    var info: TokenInfo
    var sha256: String
}

extension StoreTransaction {
    private static let tokenColumns = """
        id, user_id, description, scopes, token_sha256, last_four, created_at, expires_at, last_used_at, revoked_at
        """

    /// Public IDs are `tok_<row id>`: short to type in `orgdeck tokens revoke`.
    static func publicTokenID(_ rowID: Int64) -> String { "tok_\(rowID)" }

    static func tokenRowID(_ publicID: String) -> Int64? {
        guard publicID.hasPrefix("tok_") else { return nil }
        return Int64(publicID.dropFirst(4))
    }

    private func storedToken(_ row: Row) throws -> StoredToken {
        let read = RowReader(row, table: "tokens")
        let scopes: String = try read("scopes")
        return StoredToken(info: TokenInfo(
            id: Self.publicTokenID(try read("id")), userID: try read("user_id"), description: try read("description"),
            scopes: scopes.split(separator: " ").map(String.init), lastFour: try read("last_four"),
            createdAt: try read.date("created_at"), expiresAt: try read.date("expires_at"),
            lastUsedAt: try read.optionalDate("last_used_at"), revokedAt: try read.optionalDate("revoked_at")),
            sha256: try read("token_sha256"))
    }

    func insertToken(userID: Int64, description: String, scopes: [String], sha256: String, lastFour: String,
                     createdAt: Date, expiresAt: Date) throws -> TokenInfo {
        try db.execute(sql: """
            INSERT INTO tokens (user_id, description, scopes, token_sha256, last_four, created_at, expires_at)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """, arguments: [userID, description, scopes.joined(separator: " "), sha256, lastFour,
                             createdAt.storedValue, expiresAt.storedValue])
        return TokenInfo(id: Self.publicTokenID(db.lastInsertedRowID), userID: userID, description: description,
                         scopes: scopes, lastFour: lastFour, createdAt: createdAt, expiresAt: expiresAt,
                         lastUsedAt: nil, revokedAt: nil)
    }

    /// The user's tokens, newest first.
    func tokens(userID: Int64) throws -> [TokenInfo] {
        try Row.fetchAll(db, sql: "SELECT \(Self.tokenColumns) FROM tokens WHERE user_id = ? ORDER BY id DESC",
                         arguments: [userID]).map { try storedToken($0).info }
    }

    func token(publicID: String) throws -> StoredToken? {
        guard let rowID = Self.tokenRowID(publicID) else { return nil }
        return try Row.fetchOne(db, sql: "SELECT \(Self.tokenColumns) FROM tokens WHERE id = ?", arguments: [rowID])
            .map(storedToken)
    }

    func token(sha256: String) throws -> StoredToken? {
        try Row.fetchOne(db, sql: "SELECT \(Self.tokenColumns) FROM tokens WHERE token_sha256 = ?", arguments: [sha256])
            .map(storedToken)
    }

    func revokeToken(publicID: String, at: Date) throws {
        guard let rowID = Self.tokenRowID(publicID) else { return }
        try db.execute(sql: "UPDATE tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL",
                       arguments: [at.storedValue, rowID])
    }

    func touchToken(publicID: String, at: Date) throws {
        guard let rowID = Self.tokenRowID(publicID) else { return }
        try db.execute(sql: "UPDATE tokens SET last_used_at = ? WHERE id = ?", arguments: [at.storedValue, rowID])
    }
}
