import Crypto
import Foundation

/// The personal access token format: `odk_` + 32 random base62 characters + a 6-character
/// base62 checksum of those 32. The checksum lets a typo or a truncated paste be refused
/// ("malformed token") without a database lookup, and lets secret scanners recognise tokens.
enum TokenCodec {
    static let prefix = "odk_"
    static let bodyLength = 32
    static let checksumLength = 6
    static let alphabet = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")

    /// A new random token.
    static func generate() -> String {
        var generator = SystemRandomNumberGenerator()
        // `random(in:using:)` draws without modulo bias.
        let body = String((0..<bodyLength).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] })
        return prefix + body + checksum(of: body)
    }

    /// Six base62 digits of the first eight bytes of SHA-256 of the body.
    static func checksum(of body: String) -> String {
        let digest = Array(SHA256.hash(data: Data(body.utf8)))
        var value = digest.prefix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        var out: [Character] = []
        for _ in 0..<checksumLength {
            out.append(alphabet[Int(value % 62)])
            value /= 62
        }
        return String(out)
    }

    /// Whether the text has the token's shape and its checksum matches.
    static func isWellFormed(_ token: String) -> Bool {
        guard token.hasPrefix(prefix) else { return false }
        let rest = token.dropFirst(prefix.count)
        guard rest.count == bodyLength + checksumLength,
              rest.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else { return false }
        let body = String(rest.prefix(bodyLength))
        return String(rest.suffix(checksumLength)) == checksum(of: body)
    }

    /// The stored form: SHA-256, hex. The token itself is never stored.
    static func storedHash(of token: String) -> String {
        Hex.encode(SHA256.hash(data: Data(token.utf8)))
    }
}
