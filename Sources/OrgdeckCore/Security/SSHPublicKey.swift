import Crypto
import Foundation

/// An SSH public key as an OpenSSH `authorized_keys` line names it (`ssh-ed25519 AAAA… comment`):
/// Ed25519 or ECDSA on NIST P-256, P-384 or P-521, read strictly (the key inside the base64
/// must be the type the line says, and a valid point), with the SHA-256 fingerprint
/// `ssh-keygen -l` prints.
public struct SSHPublicKey: Equatable, Sendable {
    public enum KeyType: String, CaseIterable, Sendable {
        case ed25519 = "ssh-ed25519"
        case ecdsaP256 = "ecdsa-sha2-nistp256"
        case ecdsaP384 = "ecdsa-sha2-nistp384"
        case ecdsaP521 = "ecdsa-sha2-nistp521"

        /// The curve's name inside an ECDSA key.
        var curve: String? {
            switch self {
            case .ed25519: return nil
            case .ecdsaP256: return "nistp256"
            case .ecdsaP384: return "nistp384"
            case .ecdsaP521: return "nistp521"
            }
        }
    }

    public var type: KeyType
    /// The key in SSH wire format (what the base64 holds).
    public var blob: Data
    public var comment: String

    /// `SHA256:` and the unpadded base64 of the blob's SHA-256, as `ssh-keygen -lf` prints it.
    public var fingerprint: String {
        "SHA256:" + Data(SHA256.hash(data: blob)).base64EncodedString().replacingOccurrences(of: "=", with: "")
    }

    /// `ssh-ed25519 AAAA…`: the line without its comment.
    public var openSSH: String { type.rawValue + " " + blob.base64EncodedString() }

    static let supported = KeyType.allCases.map(\.rawValue).joined(separator: ", ")

    /// Reads one `authorized_keys` line. RSA, DSA and security-key types are refused by name
    /// with the types that are supported; options before the key type (`from=`, `no-pty`) are
    /// refused too, since the server would not honour them and the user would believe the key
    /// restricted; anything else that is not a key is refused saying what is wrong.
    public static func parse(_ line: String) throws -> SSHPublicKey {
        let text = line.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty, !text.contains("\n") else {
            throw CoreError.invalid("key", "give one public key line: ssh-ed25519 AAAA… you@host")
        }
        let words = text.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        guard let index = words.firstIndex(where: { word in
            KeyType(rawValue: word) != nil || word.hasPrefix("ssh-") || word.hasPrefix("ecdsa-") || word.hasPrefix("sk-")
                || word.hasPrefix("rsa-")
        }) else {
            throw CoreError.invalid("key", "this is not an OpenSSH public key line (it should start with a key type such as ssh-ed25519)")
        }
        guard index == 0 else {
            throw CoreError.invalid("key", "options before the key (\(Validation.quoted(words[..<index].joined(separator: " ")))) "
                                    + "are not supported: orgdeck serve would not honour them; add the key without them")
        }
        guard let type = KeyType(rawValue: words[index]) else {
            let named = words[index].contains("rsa") ? "RSA keys (\(Validation.visible(words[index])))" : "\(Validation.visible(words[index])) keys"
            throw CoreError.invalid("key", "\(named) are not accepted: use one of \(supported) "
                                    + "(ssh-keygen -t ed25519 makes one)")
        }
        guard index + 1 < words.count, let blob = Data(base64Encoded: words[index + 1]) else {
            throw CoreError.invalid("key", "the key's base64 after \(type.rawValue) is missing or broken")
        }
        try check(blob, as: type)
        let comment = try Validation.sshKeyComment(words.dropFirst(index + 2).joined(separator: " "))
        return SSHPublicKey(type: type, blob: blob, comment: comment)
    }

    /// Checks the wire format: the type inside, then the key itself, nothing after it.
    static func check(_ blob: Data, as type: KeyType) throws {
        var reader = WireReader(data: blob)
        func broken(_ what: String) -> CoreError { CoreError.invalid("key", "the \(type.rawValue) key is damaged: \(what)") }
        guard let inside = reader.string(), String(decoding: inside, as: UTF8.self) == type.rawValue else {
            throw broken("it holds another key type than the line says")
        }
        switch type {
        case .ed25519:
            guard let key = reader.string(), key.count == 32, (try? Curve25519.Signing.PublicKey(rawRepresentation: key)) != nil else {
                throw broken("an Ed25519 key is 32 bytes")
            }
        case .ecdsaP256, .ecdsaP384, .ecdsaP521:
            guard let curve = reader.string(), String(decoding: curve, as: UTF8.self) == type.curve, let point = reader.string() else {
                throw broken("its curve is not \(type.curve ?? "")")
            }
            let valid: Bool
            switch type {
            case .ecdsaP256: valid = (try? P256.Signing.PublicKey(x963Representation: point)) != nil
            case .ecdsaP384: valid = (try? P384.Signing.PublicKey(x963Representation: point)) != nil
            default: valid = (try? P521.Signing.PublicKey(x963Representation: point)) != nil
            }
            guard valid else { throw broken("its point is not on the curve") }
        }
        guard reader.isAtEnd else { throw broken("there are bytes after the key") }
    }
}

/// Reads SSH wire-format strings: a big-endian 32-bit length, then that many bytes.
struct WireReader {
    let data: Data
    var offset = 0

    init(data: Data) { self.data = data }

    var isAtEnd: Bool { offset == data.count }

    mutating func string() -> Data? {
        guard data.count - offset >= 4 else { return nil }
        let start = data.startIndex + offset
        let length = data[start..<(start + 4)].reduce(0) { $0 << 8 | Int($1) }
        guard length <= data.count - offset - 4 else { return nil }
        offset += 4 + length
        return data[(start + 4)..<(start + 4 + length)]
    }
}
