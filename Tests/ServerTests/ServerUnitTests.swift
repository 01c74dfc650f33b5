import Crypto
import Foundation
import NIOCore
import NIOPosix
import NIOSSH
@testable import OrgdeckCore
import Testing
@testable import OrgdeckServer

/// The server's parts that need no network: public-key sign-in against registered keys (and
/// its audit), refusals that look the same whether a name exists or not, the per-address limit,
/// exec command lines, and the host key file.
@Suite("SSH server parts")
struct ServerUnitTests {
    struct Fixture {
        let service: OrgService
        let sam: User
        let key: NIOSSHPrivateKey
        let other: NIOSSHPrivateKey
        static let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)

        init() throws {
            service = try OrgService.inMemory(options: .init(passwordRounds: 1_000))
            sam = try service.signUp(username: "sam", displayName: "Sam", email: "sam@example.com", password: "a long password", source: .cli)
            _ = try service.signUp(username: "kim", displayName: "Kim", email: "kim@example.com", password: "a long password", source: .cli)
            key = NIOSSHPrivateKey(ed25519Key: Curve25519.Signing.PrivateKey())
            other = NIOSSHPrivateKey(ed25519Key: Curve25519.Signing.PrivateKey())
            let session = try service.signIn(login: "sam", password: "a long password", source: .cli)
            try service.addSSHKey(session, line: String(openSSHPublicKey: key.publicKey) + " sam@laptop")
        }

        /// Asks a fresh connection's authenticator once; the outcome and what the connection proved.
        func ask(_ username: String, _ request: NIOSSHUserAuthenticationRequest.Request, limiter: AttemptLimiter = AttemptLimiter(perMinute: 30),
                 address: String = "203.0.113.5 port 50000") throws -> (success: Bool, state: ConnectionState) {
            let loop = Self.group.next()
            let state = ConnectionState(address: address)
            let queue = DispatchQueue(label: "test")
            let authenticator = ConnectionAuthenticator(service: service, state: state, limiter: limiter, queue: queue)
            let promise = loop.makePromise(of: NIOSSHUserAuthenticationOutcome.self)
            authenticator.requestReceived(request: NIOSSHUserAuthenticationRequest(username: username, serviceName: "ssh-connection", request: request),
                                          responsePromise: promise)
            let outcome = try promise.futureResult.wait()
            queue.sync {}  // What is recorded after the answer.
            if case .success = outcome { return (true, state) }
            return (false, state)
        }

    }

    /// The entries with `action` among the sign-in records of `username`.
    static func entries(_ service: OrgService, action: String, about username: String = "sam") throws -> [AuditEntry] {
        try service.store.read { tx in try tx.auditWindow(.signIns(username: username), offset: 0, limit: 100).items }
            .filter { $0.action == action }
    }

    @Test func aRegisteredKeyUnderItsOwnersNameSignsInAndIsAudited() throws {
        let fixture = try Fixture()
        let (success, state) = try fixture.ask("sam", .publicKey(.init(publicKey: fixture.key.publicKey)))
        #expect(success)
        #expect(state.account?.user.username == "sam")
        #expect(state.account?.peer.fingerprint == HostKey.fingerprint(fixture.key.publicKey))
        let signIn = try #require(try Self.entries(fixture.service, action: "user.ssh_signin").first)
        #expect(signIn.details == "key \(HostKey.fingerprint(fixture.key.publicKey)) from 203.0.113.5 port 50000")
        #expect(signIn.source == .ssh && signIn.outcome == "ok" && signIn.actor == "sam")
        // The key's last use is recorded.
        let session = try fixture.service.signIn(login: "sam", password: "a long password", source: .cli)
        #expect(try fixture.service.sshKeys(session).first?.lastUsedAt != nil)
    }

    @Test func anUnknownKeyAnotherUsersNameAndAMissingNameAreRefusedAlikeAndAudited() throws {
        let fixture = try Fixture()
        let unknownKey = try fixture.ask("sam", .publicKey(.init(publicKey: fixture.other.publicKey)))
        let wrongName = try fixture.ask("kim", .publicKey(.init(publicKey: fixture.key.publicKey)))
        let noSuchName = try fixture.ask("nobody", .publicKey(.init(publicKey: fixture.key.publicKey)))
        #expect(!unknownKey.success && !wrongName.success && !noSuchName.success)
        #expect(unknownKey.state.account == nil && wrongName.state.account == nil && noSuchName.state.account == nil)
        // Each refusal names the key and the address; none says whether the name exists.
        let reason = "no account holds this key under this name"
        let other = HostKey.fingerprint(fixture.other.publicKey), own = HostKey.fingerprint(fixture.key.publicKey)
        #expect(try Self.entries(fixture.service, action: "user.ssh_refused").map(\.details) == ["key \(other) from 203.0.113.5 port 50000: \(reason)"])
        #expect(try Self.entries(fixture.service, action: "user.ssh_refused", about: "kim").map(\.details) == ["key \(own) from 203.0.113.5 port 50000: \(reason)"])
        #expect(try Self.entries(fixture.service, action: "user.ssh_refused", about: "nobody").map(\.details) == ["key \(own) from 203.0.113.5 port 50000: \(reason)"])
    }

    @Test func aPasswordIsRefusedAndAudited() throws {
        let fixture = try Fixture()
        #expect(try !fixture.ask("sam", .password(.init(password: "a long password"))).success)
        #expect(try !fixture.ask("sam", .none).success)
        let refusal = try #require(try Self.entries(fixture.service, action: "user.ssh_refused").first)
        #expect(refusal.details == "from 203.0.113.5 port 50000: password sign-in is not accepted: keys only")
        #expect(refusal.outcome == "denied" && refusal.source == .ssh)
    }

    @Test func anAddressOverItsAttemptsIsRefusedEvenWithTheRightKey() throws {
        let fixture = try Fixture()
        let limiter = AttemptLimiter(perMinute: 3)
        for _ in 0..<3 { #expect(try !fixture.ask("sam", .publicKey(.init(publicKey: fixture.other.publicKey)), limiter: limiter).success) }
        #expect(try !fixture.ask("sam", .publicKey(.init(publicKey: fixture.key.publicKey)), limiter: limiter).success)
        // Another address is not held back.
        #expect(try fixture.ask("sam", .publicKey(.init(publicKey: fixture.key.publicKey)), limiter: limiter, address: "198.51.100.7 port 1").success)
        let refusal = try #require(try Self.entries(fixture.service, action: "user.ssh_refused").first)
        #expect(refusal.details.hasSuffix("too many sign-in attempts from this address"))
        // A minute later the address may try again.
        #expect(limiter.allow("203.0.113.5", now: Date().addingTimeInterval(61)))
    }

    @Test("Exec command lines are split as a shell splits words", arguments: [
        ("apps list --json", ["apps", "list", "--json"]),
        ("orgdeck apps list", ["apps", "list"]),
        ("apps create x --name 'Two words'", ["apps", "create", "x", "--name", "Two words"]),
        ("apps create x --name \"say \\\"hi\\\"\"", ["apps", "create", "x", "--name", "say \"hi\""]),
        ("a\\ b  c", ["a b", "c"]),
        ("apps create x --description ''", ["apps", "create", "x", "--description", ""]),
    ])
    func execSplit(line: String, words: [String]) throws {
        #expect(ExecCommand.split(line) == (line.hasPrefix("orgdeck ") ? ["orgdeck"] + words : words))
        #expect(try ExecCommand.arguments(line).get() == words)
    }

    @Test func connectionsStillSigningInGiveWayToNewOnesOldestFirst() {
        let closed = Box<[Int]>([])
        let limiter = ConnectionLimiter(maxTotal: 144, maxPerSource: 72)
        var tickets: [Int: ConnectionLimiter.Ticket] = [:]
        func admit(_ n: Int, _ host: String) -> ConnectionLimiter.Ticket? {
            let ticket = limiter.admit(host) { closed.value.append(n) }
            tickets[n] = ticket
            return ticket
        }
        // Ten waiting from one address; the eleventh pushes out that address's oldest.
        for n in 0..<10 { #expect(admit(n, "192.0.2.1") != nil) }
        #expect(admit(10, "192.0.2.1") != nil)
        #expect(closed.value == [0])
        limiter.release(tickets[0]!)
        #expect(limiter.counts == (waiting: 10, open: 10))
        // One IPv6 host holds its whole /64.
        #expect(ConnectionLimiter.source("2001:db8:0:1::1") == ConnectionLimiter.source("2001:db8:0:1:ffff::9"))
        #expect(ConnectionLimiter.source("2001:db8:0:1::1") != ConnectionLimiter.source("2001:db8:0:2::1"))
        // A signed-in connection keeps its place: the one waiting longest goes instead.
        #expect(limiter.signedIn(tickets[1]!, account: "alice"))
        for n in 11..<20 { _ = admit(n, "192.0.2.1") }
        #expect(closed.value == [0, 2, 3, 4, 5, 6, 7, 8, 9], "never 1, which signed in")

        // Many addresses filling every waiting place: a newcomer still gets in, at the cost of
        // the source holding the most.
        let busy = ConnectionLimiter(maxTotal: 1_000, maxPerSource: 1_000, maxWaiting: 20, maxWaitingPerSource: 10)
        let pushed = Box<[String]>([])
        for i in 0..<10 { _ = busy.admit("198.51.100.1") { pushed.value.append("a\(i)") } }
        for i in 0..<9 { _ = busy.admit("198.51.100.\(i + 2)") { pushed.value.append("b\(i)") } }
        #expect(busy.admit("203.0.113.7") { } != nil)
        #expect(busy.admit("203.0.113.8") { } != nil)
        #expect(pushed.value == ["a0"], "the source holding the most gives way")
        // Signed-in connections that hold every place: then a newcomer is refused.
        let full = ConnectionLimiter(maxTotal: 2, maxPerSource: 2)
        let first = full.admit("192.0.2.9") { }, second = full.admit("192.0.2.10") { }
        #expect(full.signedIn(first!, account: "a") && full.signedIn(second!, account: "b"))
        #expect(full.admit("192.0.2.11") { } == nil)

        // An IPv4 client of a dual-stack listener is its own source, not one /64 for all of IPv4.
        #expect(ConnectionLimiter.source("::ffff:192.0.2.1") == "192.0.2.1")
        #expect(ConnectionLimiter.source("::ffff:192.0.2.1") != ConnectionLimiter.source("::ffff:192.0.2.2"))

        // Many sources with one waiting each: the one that has waited longest goes first.
        let wide = ConnectionLimiter(maxTotal: 1_000, maxPerSource: 1_000, maxWaiting: 3)
        let gone = Box<[String]>([])
        for (i, name) in ["old", "mid", "new"].enumerated() { _ = wide.admit("198.51.100.\(i + 1)") { gone.value.append(name) } }
        _ = wide.admit("203.0.113.50") { }
        #expect(gone.value == ["old"])
    }

    @Test func oneAccountCannotHoldEveryConnection() {
        let limiter = ConnectionLimiter(maxTotal: 144, maxPerSource: 72, maxPerAccount: 16)
        for i in 0..<16 { #expect(limiter.signedIn(limiter.admit("192.0.2.\(i)") { }!, account: "carol")) }
        let seventeenth = limiter.admit("192.0.2.99") { }!
        #expect(!limiter.signedIn(seventeenth, account: "carol"), "the sign-in is refused")
        #expect(limiter.signedIn(limiter.admit("192.0.2.100") { }!, account: "bob"), "others still sign in")
    }

    @Test func oneUserCannotTakeEveryPlace() {
        let sessions = SessionRegistry(limit: 64)
        #expect(sessions.userLimit == 16)
        for _ in 0..<16 { #expect(sessions.reserve(for: "alice") == nil) }
        #expect(sessions.reserve(for: "alice") == .userFull)
        #expect(sessions.reserve(for: "bob") == nil, "the others still get in")
        sessions.release(for: "alice")
        #expect(sessions.reserve(for: "alice") == nil)
        #expect(sessions.active == 17)
    }

    @Test func aSessionsTemporaryFolderGoesWithItsProcess() throws {
        // The process leaves a file behind, as an upload's copy of standard input would when
        // its client drops the connection: the folder goes anyway.
        let said = Box<[UInt8]>([])
        let done = DispatchSemaphore(value: 0)
        let process = try SessionProcess(executable: "/bin/sh", arguments: ["-c", "touch \"$TMPDIR/left\"; echo \"$TMPDIR\""],
                                         environment: [:], ticket: "t", terminal: nil,
                                         output: { stream, bytes in if stream == .stdout { said.value += bytes } },
                                         finished: { _ in done.signal() })
        #expect(done.wait(timeout: .now() + 10) == .success)
        let folder = String(decoding: said.value, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(folder == process.temporary.path)
        #expect(!FileManager.default.fileExists(atPath: folder))
    }

    @Test func aKilledServersSessionFoldersAreRemovedAndLiveOnesKept() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("orgdeck-sweep-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        // A process that has exited and been reaped: its pid names no process now.
        let gone = Process()
        gone.executableURL = URL(fileURLWithPath: "/bin/true")
        try gone.run()
        gone.waitUntilExit()
        let names = ["orgdeck-session-\(gone.processIdentifier)-a", "orgdeck-session-\(getpid())-b", "orgdeck-session-1-c",
                     "orgdeck-session-x-d", "orgdeck-other-\(gone.processIdentifier)-e"]
        for name in names {
            try FileManager.default.createDirectory(at: folder.appendingPathComponent(name), withIntermediateDirectories: true)
            FileManager.default.createFile(atPath: folder.appendingPathComponent(name).appendingPathComponent("upload").path, contents: Data())
        }
        // A link under a session folder's name is not a folder of ours: neither it nor its target goes.
        let target = folder.appendingPathComponent("elsewhere")
        try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
        let link = "orgdeck-session-\(gone.processIdentifier)-link"
        try FileManager.default.createSymbolicLink(at: folder.appendingPathComponent(link), withDestinationURL: target)
        SessionProcess.removeLeftovers(in: folder)
        let left = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(left == (names.dropFirst() + ["elsewhere", link]).sorted(),
                "only the folder of the process that is gone; a running one, init, odd names and links stay")
    }

    @Test func execRefusesWhatIsNotRunOverSSH() {
        for line in ["console", "orgdeck demo", "serve --listen 0.0.0.0:22", "signup --username x", "", "orgdeck", "apps 'open",
                     "-- --db /tmp/elsewhere.sqlite", "--db /tmp/x.sqlite", "--theme /etc/passwd", "audit verify", "billing verify --json"] {
            #expect(throws: ExecRefusal.self, "\(line)") { try ExecCommand.arguments(line).get() }
        }
    }

    @Test func aClientsEnvironmentIsTakenOnlyForHowThingsLook() {
        #expect(SessionChannelHandler.acceptsEnvironment("LANG", "de_DE.UTF-8"))
        #expect(SessionChannelHandler.acceptsEnvironment("LC_ALL", "C.UTF-8"))
        #expect(SessionChannelHandler.acceptsEnvironment("ORGDECK_THEME", "solarized-dark"))
        #expect(!SessionChannelHandler.acceptsEnvironment("ORGDECK_THEME", "/dev/zero"))
        #expect(!SessionChannelHandler.acceptsEnvironment("ORGDECK_THEME", "../themes/x.toml"))
        #expect(!SessionChannelHandler.acceptsEnvironment("ORGDECK_DB", "/tmp/other.sqlite"))
        #expect(!SessionChannelHandler.acceptsEnvironment("LD_PRELOAD", "/tmp/x.so"))
        #expect(!SessionChannelHandler.acceptsEnvironment("LC_" + String(repeating: "X", count: 100), "C"))
        #expect(!SessionChannelHandler.acceptsEnvironment("LANG", String(repeating: "x", count: 300)))
        #expect(SessionChannelHandler.acceptsEnvironment("LC_MESSAGES", "sr_RS@latin"))
        for path in ["/etc", "/tmp/x.UTF-8", "../x", "de_DE/../../x"] {
            #expect(!SessionChannelHandler.acceptsEnvironment("LC_ALL", path), "\(path)")
            #expect(!SessionChannelHandler.acceptsEnvironment("LANG", path), "\(path)")
        }
        #expect(SessionChannelHandler.safeTerm("xterm-256color") == "xterm-256color")
        #expect(SessionChannelHandler.safeTerm("../../tmp/evil") == "xterm-256color")
        #expect(SessionChannelHandler.safeTerm(String(repeating: "x", count: 200)) == "xterm-256color")
        #expect(SessionChannelHandler.clamp(65_535) == 500 && SessionChannelHandler.clamp(-3) == 0)
    }

    @Test func onlyTheFirstRefusalOfAMinuteIsWorthAnAuditLine() {
        let limiter = AttemptLimiter(perMinute: 2)
        let start = Date()
        // Successes are not counted: only failures hold an address back.
        for _ in 0..<5 { #expect(limiter.attempt("a", now: start) == .allowed) }
        limiter.failed("a", now: start)
        limiter.failed("a", now: start)
        #expect(limiter.attempt("a", now: start) == .refused(firstThisMinute: true))
        #expect(limiter.attempt("a", now: start.addingTimeInterval(1)) == .refused(firstThisMinute: false))
        #expect(limiter.attempt("a", now: start.addingTimeInterval(61)) == .allowed)
    }

    @Test func failedSignInsFromOneIPv6NetworkCountTogether() {
        let limiter = AttemptLimiter(perMinute: 2)
        let start = Date()
        limiter.failed("2001:db8:1:2::1", now: start)
        limiter.failed("2001:db8:1:2:ffff::9", now: start)
        #expect(limiter.attempt("2001:db8:1:2::77", now: start) == .refused(firstThisMinute: true), "a fresh address of the same /64")
        #expect(limiter.attempt("2001:db8:1:3::1", now: start) == .allowed, "the next network is someone else")
        limiter.failed("::ffff:192.0.2.7", now: start)
        limiter.failed("192.0.2.7", now: start)
        #expect(limiter.attempt("192.0.2.7", now: start) != .allowed, "an IPv4 client of a dual-stack listener is its IPv4 address")
    }

    @Test func aKeyRemovedAfterSignInOpensNoNewSession() throws {
        let fixture = try Fixture()
        let (success, state) = try fixture.ask("sam", .publicKey(.init(publicKey: fixture.key.publicKey)))
        let (user, peer) = try #require(state.account)
        #expect(success)
        #expect(!(try fixture.service.issueSSHTicket(for: user, purpose: .console, peer: peer)).isEmpty)
        let session = try fixture.service.signIn(login: "sam", password: "a long password", source: .cli)
        try fixture.service.removeSSHKey(session, id: try fixture.service.sshKeys(session)[0].id)
        #expect(throws: CoreError.self) { try fixture.service.issueSSHTicket(for: user, purpose: .console, peer: peer) }
    }

    @Test func theHostKeyIsMadeOnceAt0600AndRefusedWhenOthersCanReadIt() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("orgdeck-hostkey-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("sub/ssh_host_ed25519_key").path
        let made = try HostKey.loadOrCreate(at: path)
        #expect(made.created)
        #expect(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int == 0o600)
        let again = try HostKey.loadOrCreate(at: path)
        #expect(!again.created && again.fingerprint == made.fingerprint && made.fingerprint.hasPrefix("SHA256:"))
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path)
        #expect(throws: CoreError.self) { try HostKey.loadOrCreate(at: path) }
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        try Data("not a key\n".utf8).write(to: URL(fileURLWithPath: path))
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        #expect(throws: CoreError.self) { try HostKey.loadOrCreate(at: path) }
    }
}

/// A value the session's output thread fills and the test reads after the process is done.
final class Box<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Value
    init(_ value: Value) { stored = value }
    var value: Value {
        get { lock.withLock { stored } }
        set { lock.withLock { stored = newValue } }
    }
}
