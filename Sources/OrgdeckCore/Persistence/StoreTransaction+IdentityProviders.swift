import Foundation
import GRDB

/// An identity provider row as stored: its certificates still as PEM.
struct StoredIdentityProvider: Sendable {
    var rowID: Int64
    var organizationID: String
    var name: String
    var entityID: String
    var ssoURL: String
    var ssoBinding: String
    var certificatesPEM: String
    var createdAt: Date
}

extension StoreTransaction {
    private static let idpColumns = "id, organization_id, name, entity_id, sso_url, sso_binding, certificates, created_at"

    static func identityProviderRowID(_ publicID: String) -> Int64? {
        publicID.hasPrefix("idp_") ? Int64(publicID.dropFirst(4)) : nil
    }

    private func storedIdentityProvider(_ row: Row) throws -> StoredIdentityProvider {
        let read = RowReader(row, table: "identity_providers")
        return StoredIdentityProvider(rowID: try read("id"), organizationID: try read("organization_id"), name: try read("name"),
                                      entityID: try read("entity_id"), ssoURL: try read("sso_url"), ssoBinding: try read("sso_binding"),
                                      certificatesPEM: try read("certificates"), createdAt: try read.date("created_at"))
    }

    func identityProviders(organizationID: String) throws -> [StoredIdentityProvider] {
        try Row.fetchAll(db, sql: "SELECT \(Self.idpColumns) FROM identity_providers WHERE organization_id = ? ORDER BY name",
                         arguments: [organizationID]).map(storedIdentityProvider)
    }

    func identityProvider(organizationID: String, publicID: String) throws -> StoredIdentityProvider? {
        guard let rowID = Self.identityProviderRowID(publicID) else { return nil }
        return try Row.fetchOne(db, sql: "SELECT \(Self.idpColumns) FROM identity_providers WHERE organization_id = ? AND id = ?",
                                arguments: [organizationID, rowID]).map(storedIdentityProvider)
    }

    /// Which of name and entity ID (when given) the organization already uses, if either.
    func identityProviderClash(organizationID: String, name: String, entityID: String? = nil) throws -> String? {
        if let entityID,
           try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM identity_providers WHERE organization_id = ? AND entity_id = ?)",
                             arguments: [organizationID, entityID]) == true { return "entity_id" }
        if try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM identity_providers WHERE organization_id = ? AND name = ?)",
                             arguments: [organizationID, name]) == true { return "name" }
        return nil
    }

    func insertIdentityProvider(organizationID: String, name: String, entityID: String, ssoURL: String, ssoBinding: String,
                                certificatesPEM: String, at: Date) throws -> Int64 {
        try db.execute(sql: """
            INSERT INTO identity_providers (organization_id, name, entity_id, sso_url, sso_binding, certificates, created_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [organizationID, name, entityID, ssoURL, ssoBinding, certificatesPEM, at.storedValue, at.storedValue])
        return db.lastInsertedRowID
    }

    func updateIdentityProvider(rowID: Int64, name: String, ssoURL: String, ssoBinding: String, certificatesPEM: String,
                                at: Date) throws {
        try db.execute(sql: """
            UPDATE identity_providers SET name = ?, sso_url = ?, sso_binding = ?, certificates = ?, updated_at = ? WHERE id = ?
            """, arguments: [name, ssoURL, ssoBinding, certificatesPEM, at.storedValue, rowID])
    }

    func deleteIdentityProvider(rowID: Int64) throws {
        try db.execute(sql: "DELETE FROM identity_providers WHERE id = ?", arguments: [rowID])
    }
}
