import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import NIOSSH
import OrgdeckCore

/// `orgdeck serve`: an SSH server whose only shell is the orgdeck console (PRODUCT.md §12).
/// Public-key sign-in against the keys registered on accounts; each session is its own process
/// on its own pseudo-terminal; an exec request runs one scripting command as the user. Limits
/// on sessions and sign-in attempts, a deadline to sign in, an idle timeout; SIGTERM ends every
/// session's process (which restores its client's terminal) before the server exits.
public final class SSHServer: @unchecked Sendable {
    public struct Configuration: Sendable {
        public var host: String
        public var port: Int
        public var maxSessions: Int
        /// Failed sign-ins one address may make in a minute before it is refused outright.
        public var attemptsPerMinute: Int
        /// Seconds a connection may take to sign in.
        public var loginGrace: TimeInterval
        /// Seconds a connection may stay silent before it is closed.
        public var idleTimeout: TimeInterval
        /// The orgdeck binary each session runs.
        public var executable: String
        public var databasePath: String
        public var readOnly: Bool
        /// The environment every session's process starts from (paths, the audit key).
        public var baseEnvironment: [String: String]

        public init(host: String = "127.0.0.1", port: Int = 2222, maxSessions: Int = 64, attemptsPerMinute: Int = 30,
                    loginGrace: TimeInterval = 30, idleTimeout: TimeInterval = 30 * 60, executable: String, databasePath: String,
                    readOnly: Bool = false, baseEnvironment: [String: String]) {
            self.host = host; self.port = port; self.maxSessions = maxSessions; self.attemptsPerMinute = attemptsPerMinute
            self.loginGrace = loginGrace; self.idleTimeout = idleTimeout; self.executable = executable
            self.databasePath = databasePath; self.readOnly = readOnly; self.baseEnvironment = baseEnvironment
        }
    }

    public let configuration: Configuration
    let service: OrgService
    let hostKey: HostKey
    let sessions: SessionRegistry
    let limiter: AttemptLimiter
    let connections: ConnectionLimiter
    /// Where the core is asked, off the event loops (SQLite may wait for another writer).
    let queue = DispatchQueue(label: "orgdeck.serve.core", attributes: .concurrent)
    private let group = MultiThreadedEventLoopGroup(numberOfThreads: 2)
    private let stopping = NIOLockedValueBox(false)

    /// Set by `stop()`: no session starts any more.
    var isStopping: Bool { stopping.withLockedValue { $0 } }
    private var channel: Channel?

    public init(configuration: Configuration, service: OrgService, hostKey: HostKey) {
        self.configuration = configuration
        self.service = service
        self.hostKey = hostKey
        sessions = SessionRegistry(limit: configuration.maxSessions)
        limiter = AttemptLimiter(perMinute: configuration.attemptsPerMinute)
        // Room for every session on its own connection, and as many again still signing in.
        // An account's connections: its share of the sessions, and a few spare for connections
        // still closing, so the session limit is what a user meets first.
        connections = ConnectionLimiter(maxTotal: configuration.maxSessions * 2 + 16, maxPerSource: configuration.maxSessions + 8,
                                        maxPerAccount: sessions.userLimit + 4)
    }

    /// Sessions open now.
    public var activeSessions: Int { sessions.active }

    /// The console's arguments for a shell session.
    var consoleArguments: [String] {
        ["console"] + (configuration.readOnly ? ["--readonly"] : [])
    }

    /// A session process's environment: the server's paths, the client's look, the ticket's
    /// descriptor. Nothing else of the server's environment is passed on.
    func environment(term: String, client: [String: String]) -> [String: String] {
        var environment = configuration.baseEnvironment
        for (name, value) in client { environment[name] = value }
        environment["TERM"] = term
        environment["LANG"] = client["LANG"].flatMap { $0.uppercased().contains("UTF-8") || $0.uppercased().contains("UTF8") ? $0 : nil }
            ?? "C.UTF-8"
        environment["ORGDECK_DB"] = configuration.databasePath
        environment["ORGDECK_SSH_TICKET_FD"] = "3"
        if configuration.readOnly { environment["ORGDECK_SSH_READ_ONLY"] = "1" }
        return environment
    }

    /// Binds and starts accepting connections; returns the address bound (port 0 picks one).
    @discardableResult
    public func start() throws -> SocketAddress {
        signal(SIGPIPE, SIG_IGN)
        SessionProcess.removeLeftovers()
        let bootstrap = ServerBootstrap(group: group)
            .serverChannelOption(ChannelOptions.backlog, value: 256)
            .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(ChannelOptions.socketOption(.so_keepalive), value: 1)
            .childChannelInitializer { [self] channel in
                channel.eventLoop.makeCompletedFuture { try self.setUp(channel) }
            }
        let bound = try bootstrap.bind(host: configuration.host, port: configuration.port).wait()
        channel = bound
        guard let address = bound.localAddress else { throw CoreError(.failure, "the server has no address") }
        return address
    }

    private func setUp(_ channel: Channel) throws {
        let address = channel.remoteAddress.map { "\($0.ipAddress ?? "?") port \($0.port ?? 0)" } ?? "unknown"
        let state = ConnectionState(address: address)
        let ticket = connections.admit(state.host) {
            Log.info("closed a connection from \(address) still signing in: newer ones needed its place")
            channel.close(promise: nil)
        }
        guard let ticket else {
            // Signed-in connections hold every place: closed before a byte of SSH is spent on it.
            Log.info("refused a connection from \(address): too many open connections")
            channel.close(promise: nil)
            return
        }
        state.whenSignedIn = { [connections] account in connections.signedIn(ticket, account: account) }
        channel.closeFuture.whenComplete { [connections] _ in connections.release(ticket) }
        let authenticator = ConnectionAuthenticator(service: service, state: state, limiter: limiter, queue: queue)
        var serverConfiguration = SSHServerConfiguration(hostKeys: [hostKey.privateKey], userAuthDelegate: authenticator)
        serverConfiguration.maxAuthAttempts = 10
        let handler = NIOSSHHandler(role: .server(serverConfiguration), allocator: channel.allocator,
                                    inboundChildChannelInitializer: { [self] child, type in
            guard case .session = type, state.account != nil else {
                return child.eventLoop.makeFailedFuture(CoreError(.forbidden, "only session channels, after sign-in"))
            }
            guard state.openChannel() else {
                return child.eventLoop.makeFailedFuture(CoreError(.forbidden, "at most \(ConnectionState.channelLimit) sessions per connection"))
            }
            child.closeFuture.whenComplete { _ in state.closeChannel() }
            return child.eventLoop.makeCompletedFuture {
                try child.pipeline.syncOperations.addHandler(SessionChannelHandler(server: self, connection: state))
            }
        })
        try channel.pipeline.syncOperations.addHandlers([
            IdleStateHandler(readTimeout: configuration.idleTimeout > 0 ? .seconds(Int64(configuration.idleTimeout)) : nil),
            handler,
            ConnectionGuard(),
        ])
        // Sign in within the grace period, or be closed.
        channel.eventLoop.scheduleTask(in: .seconds(Int64(configuration.loginGrace))) {
            if state.account == nil { channel.close(promise: nil) }
        }
    }

    /// Stops accepting, ends every session's process with SIGTERM (a console restores its
    /// client's terminal on it), waits up to `grace` seconds for them, then closes everything.
    public func stop(grace: TimeInterval = 5) {
        stopping.withLockedValue { $0 = true }
        try? channel?.close().wait()
        let live = sessions.live
        for process in live { process.terminate(with: SIGTERM, grace: grace) }
        let deadline = Date().addingTimeInterval(grace + 1)
        while sessions.active > 0 && Date() < deadline { usleep(50_000) }
        // Let the last exit statuses and closes reach the clients, and the last audit entries be written.
        usleep(200_000)
        queue.sync(flags: .barrier) {}
        try? group.syncShutdownGracefully()
    }
}

/// Closes a connection NIOSSH reports a protocol error on, or that stayed silent too long.
final class ConnectionGuard: ChannelInboundHandler, @unchecked Sendable {
    typealias InboundIn = Any

    func errorCaught(context: ChannelHandlerContext, error: Error) { context.close(promise: nil) }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if event is IdleStateHandler.IdleStateEvent { context.close(promise: nil) } else { context.fireUserInboundEventTriggered(event) }
    }
}
