import ArgumentParser
import Foundation
import OrgdeckCore

/// A process `orgdeck serve` started for an SSH session: it signs in with the single-use ticket
/// the server wrote to an inherited pipe (its number in `ORGDECK_SSH_TICKET_FD`), never on the
/// command line or in the environment; it works on the server's database only; and it neither
/// reads nor writes files on the server, where the remote user has no account (`-` stands for
/// their standard input or output instead).
enum Remote {
    static let ticketVariable = "ORGDECK_SSH_TICKET_FD"
    /// Set to 1 by a server started `--readonly`: its sessions refuse writes as the console would.
    static let readOnlyVariable = "ORGDECK_SSH_READ_ONLY"

    /// The inherited descriptor holding the ticket, when this is an SSH session's process.
    static var ticketDescriptor: Int32? {
        // getenv, not ProcessInfo's dictionary of the whole environment: this is asked at every start.
        getenv(ticketVariable).flatMap { Int32(String(cString: $0)) }.flatMap { $0 > 2 ? $0 : nil }
    }

    static var isActive: Bool { ticketDescriptor != nil }

    /// Reads the ticket from its pipe and closes it: it can be read once.
    static func ticket() throws -> String {
        guard let fd = ticketDescriptor else { throw CoreError.notAuthenticated("no SSH session ticket") }
        defer { close(fd) }
        var bytes = [UInt8](repeating: 0, count: 256)
        var count = 0
        while count < bytes.count {
            let read = bytes.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress! + count, $0.count - count) }
            if read <= 0 { break }
            count += read
        }
        return String(decoding: bytes[0..<count], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The most standard input a command keeps for reading (a file of inputs or texts).
    static let maxStandardInput = 1 << 30

    /// A file to read: the path itself, or for `-` the standard input copied into a temporary
    /// file named `stdin.<suffix>` (readers tell formats by the name), removed by `cleanup`.
    static func readable(_ path: String, suffix: String, _ what: String) throws -> (path: String, cleanup: () -> Void) {
        try serverFile(path, what)
        guard path == "-" else { return (path, {}) }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("orgdeck-stdin-\(getpid())-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let file = folder.appendingPathComponent("stdin." + suffix)
        let cleanup: () -> Void = { try? FileManager.default.removeItem(at: folder) }
        // Copied a chunk at a time, never whole in memory, up to a limit.
        guard FileManager.default.createFile(atPath: file.path, contents: nil, attributes: [.posixPermissions: 0o600]),
              let out = FileHandle(forWritingAtPath: file.path) else { cleanup(); throw CoreError(.failure, "cannot keep standard input") }
        defer { try? out.close() }
        var total = 0
        while let chunk = try FileHandle.standardInput.read(upToCount: 1 << 20), !chunk.isEmpty {
            total += chunk.count
            guard total <= maxStandardInput else {
                cleanup()
                throw CoreError.invalid("file", "standard input is over \(maxStandardInput >> 20) MiB: split it")
            }
            try out.write(contentsOf: chunk)
        }
        return (file.path, cleanup)
    }

    /// Refuses a path on the server in an SSH session's command; `-` (standard input or output) is fine.
    static func serverFile(_ path: String, _ what: String) throws {
        guard isActive, path != "-" else { return }
        throw CLIError.usage("over SSH, orgdeck reads and writes no file on its server: give - for \(what) "
                             + "(your standard \(what.contains("write") ? "output" : "input"))")
    }
}
