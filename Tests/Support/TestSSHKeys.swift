import Crypto
import Foundation

/// Ed25519 public keys in OpenSSH's `authorized_keys` form, made from a fixed seed so a
/// screen's golden shows the same fingerprint every run.
public enum TestSSHKeys {
    /// The key line for seed `seed` (any byte), with `comment`.
    public static func ed25519(seed: UInt8, comment: String = "ada@laptop") throws -> String {
        let key = try Curve25519.Signing.PrivateKey(rawRepresentation: Data(repeating: seed, count: 32))
        var blob = Data()
        for field in [Data("ssh-ed25519".utf8), key.publicKey.rawRepresentation] {
            withUnsafeBytes(of: UInt32(field.count).bigEndian) { blob.append(contentsOf: $0) }
            blob.append(field)
        }
        return "ssh-ed25519 " + blob.base64EncodedString() + (comment.isEmpty ? "" : " " + comment)
    }
}
