import Foundation
import GRDB
import Testing
@testable import OrgdeckCore

@Suite("Personal access tokens")
struct TokenTests {
    @Test("format: odk_ + 32 base62 + 6-character checksum")
    func format() throws {
        let f = try Fixture()
        let ada = try f.user("ada")
        let token = try f.service.createToken(ada, description: "CI", scopes: ["apps:read"], expiresInDays: 90)
        let secret = token.secret
        #expect(secret.hasPrefix("odk_"))
        #expect(secret.count == 4 + 32 + 6)
        #expect(secret.dropFirst(4).allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) })
        #expect(TokenCodec.checksum(of: String(secret.dropFirst(4).prefix(32))) == String(secret.suffix(6)))
        #expect(token.info.lastFour == String(secret.suffix(4)))
        #expect(token.info.id.hasPrefix("tok_"))
        #expect(token.info.expiresAt == f.clock.now.addingTimeInterval(90 * 86_400))
    }

    @Test("only the SHA-256 and last four are stored")
    func onlyHashStored() throws {
        let f = try Fixture()
        let ada = try f.user("ada")
        let token = try f.service.createToken(ada, description: "CI", scopes: [], expiresInDays: 30)
        let row = try f.raw { db in try Row.fetchOne(db, sql: "SELECT * FROM tokens") }
        let stored = try #require(row)
        #expect(stored["token_sha256"] as String == TokenCodec.storedHash(of: token.secret))
        #expect((stored["token_sha256"] as String).count == 64)
        #expect(stored["last_four"] as String == String(token.secret.suffix(4)))
        for column in stored.columnNames {
            let value: DatabaseValue = stored[column]
            if let text = String.fromDatabaseValue(value) { #expect(!text.contains(token.secret.dropFirst(4).prefix(32))) }
        }
    }

    @Test("authenticate: good, malformed, bad checksum, unknown")
    func authenticate() throws {
        let f = try Fixture()
        let ada = try f.user("ada")
        let token = try f.service.createToken(ada, description: "", scopes: [], expiresInDays: 90)
        #expect(try f.service.authenticate(token: token.secret, source: .cli).user.username == "ada")
        #expect(try f.service.tokens(ada).first?.lastUsedAt == f.clock.now)

        #expect(coreError { _ = try f.service.authenticate(token: "odk_short", source: .cli) }
            == CoreError.notAuthenticated("malformed token"))
        var flipped = Array(token.secret)
        flipped[10] = flipped[10] == "a" ? "b" : "a"
        #expect(coreError { _ = try f.service.authenticate(token: String(flipped), source: .cli) }?.message == "malformed token")

        let body = String(repeating: "Q", count: 32)
        let wellFormedUnknown = "odk_" + body + TokenCodec.checksum(of: body)
        #expect(coreError { _ = try f.service.authenticate(token: wellFormedUnknown, source: .cli) } == OrgService.unknownToken)
    }

    @Test("expired and revoked tokens are refused")
    func expiryAndRevocation() throws {
        let f = try Fixture()
        let ada = try f.user("ada")
        let short = try f.service.createToken(ada, description: "short", scopes: [], expiresInDays: 1)
        f.clock.advance(86_400)
        #expect(coreError { _ = try f.service.authenticate(token: short.secret, source: .cli) }?.message.contains("expired") == true)

        let other = try f.service.createToken(ada, description: "other", scopes: [], expiresInDays: 7)
        try f.service.revokeToken(ada, id: other.info.id)
        #expect(try f.lastAudit()?.action == "token.revoke")
        #expect(coreError { _ = try f.service.authenticate(token: other.secret, source: .cli) }?.message.contains("revoked") == true)
        #expect(try f.service.tokens(ada).map(\.id) == [other.info.id, short.info.id])
    }

    @Test("expiry must be 1 to 365 days", arguments: [0, -1, 366, 1000])
    func expiryRange(days: Int) throws {
        let f = try Fixture()
        let ada = try f.user("ada")
        let error = coreError { _ = try f.service.createToken(ada, description: "", scopes: [], expiresInDays: days) }
        #expect(error?.kind == .invalid)
        #expect(error?.field == "expires_in_days")
    }

    @Test("only the owner can revoke")
    func revokeOwnOnly() throws {
        let f = try Fixture()
        let ada = try f.user("ada")
        let bob = try f.user("bob")
        let token = try f.service.createToken(ada, description: "", scopes: [], expiresInDays: 365)
        #expect(coreError { try f.service.revokeToken(bob, id: token.info.id) }?.kind == .notFound)
        #expect(try f.service.authenticate(token: token.secret, source: .cli).user.id == ada.user.id)
    }
}
