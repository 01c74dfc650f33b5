import Crypto
import Foundation
import OrgdeckCore

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

    /// Makes a key pair with the real `ssh-keygen` at `path` (`arguments` choose the type), no
    /// passphrase: the public key's line and the fingerprint `ssh-keygen -l -E sha256` prints for it.
    public static func keygen(at path: String, _ arguments: [String] = ["-t", "ed25519"], comment: String) throws
        -> (line: String, fingerprint: String) {
        try command(["ssh-keygen", "-q", "-N", "", "-C", comment, "-f", path] + arguments)
        let line = try String(contentsOfFile: path + ".pub", encoding: .utf8)
        let printed = try command(["ssh-keygen", "-l", "-E", "sha256", "-f", path + ".pub"])
        return (line, String(printed.split(separator: " ")[1]))
    }

    /// Runs `argv` (looked up on PATH) to completion; its standard output, or an error naming it.
    @discardableResult
    public static func command(_ argv: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = argv
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw CoreError(.failure, "\(argv.joined(separator: " ")) failed") }
        return String(decoding: data, as: UTF8.self)
    }
}
