import ArgumentParser
import Dispatch
import Foundation
import OrgdeckCore
import OrgdeckServer

/// `orgdeck serve`: the console and the scripting interface over SSH (PRODUCT.md §12).
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the console over SSH: users sign in with the keys on their accounts (orgdeck keys add).",
        discussion: """
            ssh -p PORT USER@HOST opens USER's console; ssh -p PORT USER@HOST apps list --json runs one command.
            Public keys only (Ed25519, ECDSA); the SSH user name is the orgdeck username. Every sign-in,
            refusal and session end is in the audit log. SIGTERM or Ctrl-C ends every session, restoring
            each client's terminal, then stops.
            """)

    @Option(name: .long, help: ArgumentHelp("Address and port to listen on (port 0 picks a free one).", valueName: "host:port"))
    var listen = "127.0.0.1:2222"

    @Option(name: .long, help: ArgumentHelp("The Ed25519 host key, made on first start (default: $XDG_DATA_HOME/orgdeck/ssh_host_ed25519_key).",
                                            valueName: "path"))
    var hostKey: String?

    @Option(name: .long, help: "The most sessions open at once.")
    var maxSessions = 64

    @Option(name: .long, help: ArgumentHelp("Close a connection silent this many minutes (0: never).", valueName: "minutes"))
    var idleTimeout = 30

    @Option(name: .long, help: ArgumentHelp("Database file (default: $ORGDECK_DB, else $XDG_DATA_HOME/orgdeck/orgdeck.sqlite).",
                                            valueName: "path"))
    var db: String?

    @Flag(name: .long, help: "Every session is read-only, as a console started --readonly.")
    var readonly = false

    func validate() throws {
        guard Listen(listen) != nil else { throw ValidationError("--listen takes HOST:PORT, like 127.0.0.1:2222 or [::1]:2222") }
        guard (1...4096).contains(maxSessions) else { throw ValidationError("--max-sessions takes 1 to 4096") }
        guard (0...10_080).contains(idleTimeout) else { throw ValidationError("--idle-timeout takes 0 to 10080 minutes") }
        if Remote.isActive { throw ValidationError("orgdeck serve is not run over SSH") }
    }

    func run() throws {
        let environment = ProcessInfo.processInfo.environment
        let paths = Paths(environment: environment, databaseOverride: db, currentDirectory: FileManager.default.currentDirectoryPath)
        try? Log.shared.start(path: paths.logFile)
        // The server writes sign-ins and tickets even when its sessions are read-only.
        let service = try OrgService.open(path: paths.database, options: .init(auditKey: paths.auditKey))
        for notice in service.notices { Output.error("orgdeck: \(Format.sanitize(notice))\n") }
        let key = try HostKey.loadOrCreate(at: hostKey.map { Self.absolute($0) } ?? paths.hostKey)
        let address = Listen(listen)!
        let configuration = SSHServer.Configuration(
            host: address.host, port: address.port, maxSessions: maxSessions,
            idleTimeout: TimeInterval(idleTimeout * 60), executable: try Self.executable(), databasePath: paths.database,
            readOnly: readonly, baseEnvironment: Self.passedOn(environment))
        let server = SSHServer(configuration: configuration, service: service, hostKey: key)
        let bound: String
        do {
            let socket = try server.start()
            bound = (socket.ipAddress.map { $0.contains(":") ? "[\($0)]" : $0 } ?? address.host) + ":" + String(socket.port ?? address.port)
        } catch {
            throw CoreError(.failure, "cannot listen on \(listen): \(error)")
        }
        Output.out("""
            orgdeck serve: listening on \(bound)\(readonly ? " (read-only)" : "")
            host key \(key.fingerprint) (ED25519)\(key.created ? ", made now" : "")
            database \(paths.database)
            connect with: ssh -p \(bound.split(separator: ":").last ?? "2222") USERNAME@\(address.host == "0.0.0.0" || address.host == "::" ? "THIS-HOST" : address.host)

            """)
        Log.info("serving SSH on \(bound), host key \(key.fingerprint)")
        Self.waitForStop()
        Output.out("orgdeck serve: stopping; ending \(server.activeSessions) session(s)\n")
        server.stop()
        Log.info("stopped serving SSH on \(bound)")
    }

    /// Blocks until SIGTERM, SIGINT or SIGHUP arrives.
    static func waitForStop() {
        let stop = DispatchSemaphore(value: 0)
        let sources = [SIGTERM, SIGINT, SIGHUP].map { number -> DispatchSourceSignal in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { stop.signal() }
            source.resume()
            return source
        }
        stop.wait()
        sources.forEach { $0.cancel() }
    }

    /// This binary, which every session runs: /proc/self/exe, which stays this very file even
    /// when an upgrade replaces the one at its path while the server runs.
    static func executable() throws -> String {
        FileManager.default.fileExists(atPath: "/proc/self/exe") ? "/proc/self/exe" : absolute(CommandLine.arguments[0])
    }

    static func absolute(_ path: String) -> String {
        path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
    }

    /// What a session's process keeps of the server's environment: where orgdeck's files are
    /// and the audit key (and whether the server adopts a new one: its sessions seal as it
    /// does); never the rest (tokens, credentials the server was started with).
    static func passedOn(_ environment: [String: String]) -> [String: String] {
        let kept = ["PATH", "HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_DATA_DIRS", "ORGDECK_AUDIT_KEY",
                    "ORGDECK_AUDIT_NEW_KEY", "TZ"]
        return environment.filter { kept.contains($0.key) }
    }
}

/// `--listen HOST:PORT`, with `[v6]:PORT` for IPv6 addresses.
struct Listen: Equatable {
    let host: String
    let port: Int

    init?(_ text: String) {
        let host: Substring, port: Substring
        if text.hasPrefix("["), let close = text.firstIndex(of: "]") {
            host = text[text.index(after: text.startIndex)..<close]
            let rest = text[text.index(after: close)...]
            guard rest.hasPrefix(":") else { return nil }
            port = rest.dropFirst()
        } else {
            guard let colon = text.lastIndex(of: ":") else { return nil }
            host = text[..<colon]
            port = text[text.index(after: colon)...]
            if host.contains(":") { return nil }
        }
        guard !host.isEmpty, let number = Int(port), (0...65_535).contains(number) else { return nil }
        self.host = String(host)
        self.port = number
    }
}
