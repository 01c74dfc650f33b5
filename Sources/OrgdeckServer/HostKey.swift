import Crypto
import Foundation
import NIOSSH
import OrgdeckCore

/// The server's Ed25519 host key: read from its file, or made and written there (0600, in a
/// 0700 folder) on first start. The file holds a header line and the key's 32 secret bytes in
/// base64; a file others may read is refused rather than used.
public struct HostKey: Sendable {
    public let privateKey: NIOSSHPrivateKey
    /// `SHA256:…` of the public key, as `ssh-keygen -l` and a client's prompt show it.
    public let fingerprint: String
    /// Whether this start made the key.
    public let created: Bool

    static let header = "orgdeck ssh host key ed25519"

    public static func loadOrCreate(at path: String) throws -> HostKey {
        let url = URL(fileURLWithPath: path)
        if FileManager.default.fileExists(atPath: path) {
            let attributes = try FileManager.default.attributesOfItem(atPath: path)
            if let mode = attributes[.posixPermissions] as? Int, mode & 0o077 != 0 {
                throw CoreError.invalid("host-key", "\(path) can be read by others (mode \(String(mode, radix: 8))): chmod 600 it, or remove it to make a new key")
            }
            let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map(String.init)
            guard lines.count >= 2, lines[0] == header, let seed = Data(base64Encoded: lines[1]), seed.count == 32,
                  let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: seed) else {
                throw CoreError.invalid("host-key", "\(path) is not an orgdeck host key: remove it to make a new one")
            }
            return HostKey(key, created: false)
        }
        let key = Curve25519.Signing.PrivateKey()
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        // Made 0600 from the start (O_EXCL: never through a link, never over a file that appeared meanwhile).
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            throw CoreError.invalid("host-key", "cannot write the host key to \(path): \(String(cString: strerror(errno)))")
        }
        let text = Array((header + "\n" + key.rawRepresentation.base64EncodedString() + "\n").utf8)
        let written = text.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        let synced = fsync(fd) == 0
        close(fd)
        guard written == text.count, synced else {
            unlink(path)
            throw CoreError.invalid("host-key", "cannot write the host key to \(path)")
        }
        return HostKey(key, created: true)
    }

    init(_ key: Curve25519.Signing.PrivateKey, created: Bool) {
        privateKey = NIOSSHPrivateKey(ed25519Key: key)
        fingerprint = Self.fingerprint(privateKey.publicKey)
        self.created = created
    }

    /// The SHA-256 fingerprint of an SSH public key, as `ssh-keygen -l` prints it.
    public static func fingerprint(_ key: NIOSSHPublicKey) -> String {
        let line = String(openSSHPublicKey: key)
        let parts = line.split(separator: " ")
        guard parts.count >= 2, let blob = Data(base64Encoded: String(parts[1])) else { return "SHA256:?" }
        return "SHA256:" + Data(SHA256.hash(data: blob)).base64EncodedString().replacingOccurrences(of: "=", with: "")
    }
}
