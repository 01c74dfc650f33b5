import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOSSH
import OrgdeckCore

/// What one connection has proved: who signed in with which key, from where. Shared by the
/// authentication delegate and the session channels of that connection.
final class ConnectionState: @unchecked Sendable {
    let address: String
    private let lock = NIOLock()
    private var signedIn: (user: User, peer: SSHPeer)?
    private var channels = 0
    /// Session channels one connection may hold open at once (OpenSSH's MaxSessions default).
    static let channelLimit = 10

    init(address: String) { self.address = address }

    var account: (user: User, peer: SSHPeer)? { lock.withLock { signedIn } }

    /// The address without its port.
    var host: String { address.components(separatedBy: " port ").first ?? address }

    /// Takes a place for one more channel on this connection; false at the limit.
    func openChannel() -> Bool {
        lock.withLock {
            guard channels < Self.channelLimit else { return false }
            channels += 1
            return true
        }
    }

    func closeChannel() { lock.withLock { channels -= 1 } }

    /// Asked once, when the connection signs in (it stops counting among those waiting); false
    /// refuses the sign-in (the account holds its most connections).
    var whenSignedIn: (@Sendable (String) -> Bool)? {
        get { lock.withLock { signedInHook } }
        set { lock.withLock { signedInHook = newValue } }
    }
    private var signedInHook: (@Sendable (String) -> Bool)?

    /// Records the sign-in; false when it is refused.
    func record(_ user: User, _ peer: SSHPeer) -> Bool {
        let (first, hook) = lock.withLock { (signedIn == nil, signedInHook) }
        if first, let hook, !hook(user.username) { return false }
        lock.withLock { signedIn = (user, peer) }
        return true
    }
}

/// Counts failed sign-ins per source address over the last minute: past the limit an address is
/// refused at once, without asking the database, until its minute has passed. Sources are
/// counted as the connection limiter counts them (an IPv6 address by its /64, which one host
/// holds whole: otherwise each guess could come from a fresh address of the same network).
/// Successes are not counted, so a script that connects often is never held back. Only the
/// first refusal of a minute is worth a line in the audit log; a flood writes nothing more.
final class AttemptLimiter: @unchecked Sendable {
    enum Verdict: Equatable { case allowed, refused(firstThisMinute: Bool) }

    private let lock = NIOLock()
    private var attempts: [String: [Date]] = [:]
    private var refusalsNoted: [String: Date] = [:]
    let perMinute: Int

    init(perMinute: Int) { self.perMinute = perMinute }

    /// Whether `host` may try now.
    func attempt(_ host: String, now: Date = Date()) -> Verdict {
        let host = ConnectionLimiter.source(host)
        return lock.withLock {
            let recent = (attempts[host] ?? []).filter { now.timeIntervalSince($0) < 60 }
            attempts[host] = recent.isEmpty ? nil : recent
            guard recent.count < perMinute else {
                let first = refusalsNoted[host].map { now.timeIntervalSince($0) >= 60 } ?? true
                if first { refusalsNoted[host] = now }
                return .refused(firstThisMinute: first)
            }
            return .allowed
        }
    }

    /// Records a failed sign-in from `host`.
    func failed(_ host: String, now: Date = Date()) {
        let host = ConnectionLimiter.source(host)
        lock.withLock {
            if attempts.count > 10_000 { prune(now) }
            attempts[host, default: []].append(now)
        }
    }

    /// Whether `host` may try now.
    func allow(_ host: String, now: Date = Date()) -> Bool { attempt(host, now: now) == .allowed }

    /// Forgets addresses with nothing in the last minute.
    private func prune(_ now: Date) {
        attempts = attempts.filter { $0.value.last.map { now.timeIntervalSince($0) < 60 } ?? false }
        refusalsNoted = refusalsNoted.filter { now.timeIntervalSince($0.value) < 60 }
    }
}

/// Public-key sign-in against the keys registered on orgdeck accounts: the SSH user name must
/// be the account's username. NIOSSH has checked the signature before asking; passwords and
/// `none` are refused (a password attempt is audited). Every answer is the same failure whether
/// or not the name exists. The core is asked off the event loop.
final class ConnectionAuthenticator: NIOSSHServerUserAuthenticationDelegate, @unchecked Sendable {
    let service: OrgService
    let state: ConnectionState
    let limiter: AttemptLimiter
    let queue: DispatchQueue

    init(service: OrgService, state: ConnectionState, limiter: AttemptLimiter, queue: DispatchQueue) {
        self.service = service; self.state = state; self.limiter = limiter; self.queue = queue
    }

    var supportedAuthenticationMethods: NIOSSHAvailableUserAuthenticationMethods { .publicKey }

    /// The address without its port: what the per-minute limit counts.
    var host: String { state.host }

    func requestReceived(request: NIOSSHUserAuthenticationRequest, responsePromise: EventLoopPromise<NIOSSHUserAuthenticationOutcome>) {
        let username = request.username
        switch request.request {
        case .publicKey(let key):
            let peer = SSHPeer(username: username, fingerprint: HostKey.fingerprint(key.publicKey), address: state.address)
            if case .refused(let first) = limiter.attempt(host) {
                if first { queue.async { [service] in service.recordSSHRefusal(peer, reason: "too many sign-in attempts from this address") } }
                return responsePromise.succeed(.failure)
            }
            queue.async { [service, state, limiter, host] in
                if let user = service.authenticateSSH(peer) {
                    guard state.record(user, SSHPeer(username: user.username, fingerprint: peer.fingerprint, address: peer.address)) else {
                        service.recordSSHRefusal(peer, reason: "the account holds its most connections")
                        return responsePromise.succeed(.failure)
                    }
                    responsePromise.succeed(.success)
                } else {
                    limiter.failed(host)
                    responsePromise.succeed(.failure)
                }
            }
        case .password:
            let peer = SSHPeer(username: username, fingerprint: "", address: state.address)
            let verdict = limiter.attempt(host)
            if verdict == .allowed { limiter.failed(host) }
            if verdict != .refused(firstThisMinute: false) {
                let reason = verdict == .allowed ? "password sign-in is not accepted: keys only" : "too many sign-in attempts from this address"
                queue.async { [service] in service.recordSSHRefusal(peer, reason: reason) }
            }
            responsePromise.succeed(.failure)
        default:
            // `none`, which clients send first to learn the methods; host-based.
            responsePromise.succeed(.failure)
        }
    }
}
