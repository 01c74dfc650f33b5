import Foundation
import OrgdeckCore
import Testing

/// What one run of the `orgdeck` binary produced.
struct RunResult: Sendable, CustomStringConvertible {
    let status: Int32
    let stdout: String
    let stderr: String

    /// stdout parsed as JSON (object or array), or nil when it is not JSON.
    var json: Any? { try? JSONSerialization.jsonObject(with: Data(stdout.utf8)) }
    var object: [String: Any]? { json as? [String: Any] }
    var array: [[String: Any]]? { json as? [[String: Any]] }

    /// stderr parsed as the `{"error": {...}}` object `--json` promises.
    var errorObject: [String: Any]? {
        let root = try? JSONSerialization.jsonObject(with: Data(stderr.utf8)) as? [String: Any]
        return root?["error"] as? [String: Any]
    }

    var description: String { "status \(status)\nstdout: \(stdout)\nstderr: \(stderr)" }
}

/// Runs the built `orgdeck` executable, the way a script would.
enum CLI {
    /// The binary beside the test bundle: `swift test` builds it into the same folder.
    static let binary: URL? = {
        var folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<6 {
            let candidate = folder.appendingPathComponent("orgdeck")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            folder.deleteLastPathComponent()
        }
        return nil
    }()

    /// Runs `orgdeck arguments…` with a private HOME/XDG environment (never the developer's),
    /// `stdin` piped in, and `ORGDECK_TOKEN` set when given.
    static func run(_ arguments: [String], stdin: String? = nil, token: String? = nil,
                    environment extra: [String: String] = [:], home: URL = Workspace.home) throws -> RunResult {
        try run(arguments, input: stdin.map { Data($0.utf8) }, token: token, environment: extra, home: home)
    }

    /// Runs with raw bytes on stdin (text that is not UTF-8, say).
    static func run(_ arguments: [String], input: Data?, token: String? = nil,
                    environment extra: [String: String] = [:], home: URL = Workspace.home) throws -> RunResult {
        guard let binary else {
            Issue.record("orgdeck binary not found near \(CommandLine.arguments[0])")
            return RunResult(status: -1, stdout: "", stderr: "")
        }
        var environment: [String: String] = [
            "HOME": home.path,
            "XDG_DATA_HOME": home.appendingPathComponent("data").path,
            "XDG_CONFIG_HOME": home.appendingPathComponent("config").path,
            "XDG_STATE_HOME": home.appendingPathComponent("state").path,
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
            "LANG": "C.UTF-8",
            "TERM": "xterm-256color",
        ]
        if let token { environment["ORGDECK_TOKEN"] = token }
        environment.merge(extra) { _, new in new }

        // Files rather than pipes for the output: nothing to drain while waiting, no deadlock.
        let outURL = home.appendingPathComponent("out-\(UUID().uuidString)")
        let errURL = home.appendingPathComponent("err-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        defer {
            try? FileManager.default.removeItem(at: outURL)
            try? FileManager.default.removeItem(at: errURL)
        }
        let outHandle = try FileHandle(forWritingTo: outURL)
        let errHandle = try FileHandle(forWritingTo: errURL)
        let pipe = Pipe()
        let bytes = input

        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.environment = environment
        process.currentDirectoryURL = home
        process.standardOutput = outHandle
        process.standardError = errHandle
        process.standardInput = pipe
        try process.run()
        if let bytes { pipe.fileHandleForWriting.write(bytes) }
        try pipe.fileHandleForWriting.close()
        process.waitUntilExit()
        try outHandle.close()
        try errHandle.close()

        return RunResult(status: process.terminationStatus,
                         stdout: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
                         stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
    }
}

/// A temporary folder for one test run of the suite; removed by the OS's tmp cleaning.
enum Workspace {
    static let home: URL = {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("orgdeck-cli-tests-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString.prefix(8))")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }()

    /// The audit key the CLI uses with this home, so the tests' own service seals entries
    /// with the same key as the commands it runs.
    static let auditKey = auditKey(home)

    /// The audit key the CLI uses with `home` as its home.
    static func auditKey(_ home: URL) -> AuditKeyLocation {
        AuditKeyLocation(keyFile: home.appendingPathComponent("data/orgdeck/audit.key").path,
                         anchorDirectory: home.appendingPathComponent("data/orgdeck/audit-anchors").path)
    }

    /// The database at `path` opened in the test's own process, sealing with the CLI's audit key
    /// (for `home`, the shared one by default) and hashing passwords with few rounds, as every
    /// command under test would find it.
    static func service(at path: String, home: URL = home) throws -> OrgService {
        try OrgService.open(path: path, options: .init(passwordRounds: 1_000, auditKey: auditKey(home)))
    }

    /// A fresh path for a database file nobody else uses.
    static func newDatabasePath(_ name: String = "db") -> String {
        home.appendingPathComponent("\(name)-\(UUID().uuidString.prefix(8)).sqlite").path
    }
}
