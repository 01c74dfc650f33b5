import Crypto
import CryptoExtras
import Foundation

/// PBKDF2-HMAC-SHA256 password hashes in one self-describing string:
/// `pbkdf2-sha256$<rounds>$<salt, base64>$<hash, base64>`, so the parameters can change
/// later and old hashes still verify (and get re-hashed at the next sign-in).
struct PasswordHasher: Sendable {
    static let scheme = "pbkdf2-sha256"
    static let saltBytes = 16
    static let hashBytes = 32

    let rounds: Int

    /// A new hash with a fresh random salt.
    func hash(_ password: String) throws -> String {
        var salt = [UInt8](repeating: 0, count: Self.saltBytes)
        var generator = SystemRandomNumberGenerator()
        for i in salt.indices { salt[i] = generator.next() }
        let derived = try Self.derive(password, salt: salt, rounds: rounds)
        return "\(Self.scheme)$\(rounds)$\(Data(salt).base64EncodedString())$\(Data(derived).base64EncodedString())"
    }

    /// The outcome of checking a password against a stored hash.
    enum Check: Equatable {
        case wrong
        case right(needsRehash: Bool)
    }

    /// Compares in constant time; a malformed stored string never matches.
    func verify(_ password: String, against stored: String) -> Check {
        let parts = stored.split(separator: "$", omittingEmptySubsequences: false)
        guard parts.count == 4, parts[0] == Self.scheme,
              let storedRounds = Int(parts[1]), storedRounds > 0,
              let salt = Data(base64Encoded: String(parts[2])),
              let expected = Data(base64Encoded: String(parts[3])), !expected.isEmpty,
              let derived = try? Self.derive(password, salt: Array(salt), rounds: storedRounds, length: expected.count)
        else { return .wrong }
        guard Self.constantTimeEqual(derived, Array(expected)) else { return .wrong }
        return .right(needsRehash: storedRounds != rounds || salt.count != Self.saltBytes)
    }

    /// Burns the same time as a real check, so an unknown login cannot be told from a wrong password.
    func verifyDummy(_ password: String) {
        _ = try? Self.derive(password, salt: [UInt8](repeating: 0, count: Self.saltBytes), rounds: rounds)
    }

    private static func derive(_ password: String, salt: [UInt8], rounds: Int, length: Int = hashBytes) throws -> [UInt8] {
        // The checked API refuses fewer than 210,000 rounds; the count is our configuration
        // (600,000 in production), and tests deliberately go lower to stay fast.
        let key = try KDF.Insecure.PBKDF2.deriveKey(from: Array(password.utf8), salt: salt, using: .sha256,
                                                    outputByteCount: length, unsafeUncheckedRounds: rounds)
        return key.withUnsafeBytes { Array($0) }
    }

    /// Looks at every byte whatever the first difference, so timing reveals nothing.
    static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for i in a.indices { difference |= a[i] ^ b[i] }
        return difference == 0
    }
}
