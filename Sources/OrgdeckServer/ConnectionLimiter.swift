import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Open connections, in total and per source, and among them those still signing in, which
/// are held to far fewer. A connection that never signs in holds its place until the sign-in
/// deadline; refusing new ones when those places are full (OpenSSH's `MaxStartups`) lets a few
/// addresses that keep reconnecting lock everyone out. Here a new connection is never refused
/// for them: the oldest connection still waiting gives way, from the same source when that
/// source has `maxWaitingPerSource` waiting, else from the source with the most waiting. A
/// real client signs in within a fraction of a second, so only a flood of new connections
/// can push it out, and a source that hoards places loses its own first.
///
/// An IPv6 source counts by its /64 network, which one host usually holds whole.
final class ConnectionLimiter: @unchecked Sendable {
    /// One admitted connection.
    struct Ticket: Hashable, Sendable {
        fileprivate let id: UInt64
        let source: String
    }

    private struct Waiting {
        let ticket: Ticket
        let close: @Sendable () -> Void
    }

    private let lock = NSLock()
    private var next: UInt64 = 0
    private var open = Tally<String>()
    private var total = 0
    /// Per source, oldest first.
    private var waiting: [String: [Waiting]] = [:]
    private var waitingCount = 0
    /// Tickets evicted whose `release` is still to come: their place was already freed.
    private var evictedTickets: Set<Ticket> = []
    /// Signed-in connections per account, and the account of each.
    private var perAccount = Tally<String>()
    private var accountOf: [Ticket: String] = [:]
    let maxTotal: Int
    let maxPerSource: Int
    let maxWaiting: Int
    let maxWaitingPerSource: Int
    /// Signed-in connections one account may hold: a signed-in connection keeps its place for
    /// as long as it is open (keepalives hold it), so without this one ordinary account could
    /// sign in until every place is its own.
    let maxPerAccount: Int

    init(maxTotal: Int, maxPerSource: Int, maxWaiting: Int = 100, maxWaitingPerSource: Int = 10, maxPerAccount: Int = 16) {
        self.maxTotal = maxTotal; self.maxPerSource = maxPerSource
        self.maxWaiting = maxWaiting; self.maxWaitingPerSource = maxWaitingPerSource
        self.maxPerAccount = maxPerAccount
    }

    /// Takes a place for a connection from `host`, waiting to sign in; `close` ends it should a
    /// newer one need its place. Nil when signed-in connections already hold every place.
    func admit(_ host: String, close: @escaping @Sendable () -> Void) -> Ticket? {
        let source = Self.source(host)
        var evicted: [Waiting] = []
        let ticket: Ticket? = lock.withLock {
            if waiting[source, default: []].count >= maxWaitingPerSource, let oldest = evict(from: source) {
                evicted.append(oldest)
            }
            while waitingCount >= maxWaiting || total >= maxTotal || open[source] >= maxPerSource {
                let from = open[source] >= maxPerSource ? source : mostWaiting()
                guard let from, let oldest = evict(from: from) else { break }
                evicted.append(oldest)
            }
            guard total < maxTotal, open[source] < maxPerSource else { return nil }
            next += 1
            let ticket = Ticket(id: next, source: source)
            total += 1
            open.add(source)
            waiting[source, default: []].append(Waiting(ticket: ticket, close: close))
            waitingCount += 1
            return ticket
        }
        // Closed outside the lock: a close may call `release` at once.
        evicted.forEach { $0.close() }
        return ticket
    }

    /// The connection signed in as `account`: it keeps its place for as long as it is open.
    /// False when the account already holds its most connections (the sign-in is refused).
    func signedIn(_ ticket: Ticket, account: String) -> Bool {
        lock.withLock {
            guard perAccount[account] < maxPerAccount else { return false }
            guard stopWaiting(ticket) else { return false }   // evicted meanwhile: closing
            perAccount.add(account)
            accountOf[ticket] = account
            return true
        }
    }

    /// The connection closed.
    func release(_ ticket: Ticket) {
        lock.withLock {
            // An evicted connection's place was freed when it was evicted.
            if evictedTickets.remove(ticket) != nil { return }
            _ = stopWaiting(ticket)
            if let account = accountOf.removeValue(forKey: ticket) { perAccount.remove(account) }
            total -= 1
            open.remove(ticket.source)
        }
    }

    /// Connections waiting to sign in now, and open in all.
    var counts: (waiting: Int, open: Int) { lock.withLock { (waitingCount, total) } }

    /// The source holding the most connections waiting; among equals, the one whose oldest has
    /// waited longest, so a flood from many sources pushes out its own before a real client's.
    private func mostWaiting() -> String? {
        waiting.max { a, b in
            a.value.count != b.value.count ? a.value.count < b.value.count
                : (a.value.first?.ticket.id ?? .max) > (b.value.first?.ticket.id ?? .max)
        }?.key
    }

    /// Takes the oldest waiting connection of `source` off the list (its place is freed when
    /// its close releases it; until then it no longer counts as waiting).
    private func evict(from source: String) -> Waiting? {
        guard var list = waiting[source], !list.isEmpty else { return nil }
        let oldest = list.removeFirst()
        waiting[source] = list.isEmpty ? nil : list
        waitingCount -= 1
        // Counted as closed now, so the loop in `admit` sees the place free.
        total -= 1
        open.remove(source)
        evictedTickets.insert(oldest.ticket)
        return oldest
    }

    private func stopWaiting(_ ticket: Ticket) -> Bool {
        guard var list = waiting[ticket.source], let index = list.firstIndex(where: { $0.ticket == ticket }) else { return false }
        list.remove(at: index)
        waiting[ticket.source] = list.isEmpty ? nil : list
        waitingCount -= 1
        return true
    }

    /// The key a source is counted under: the address itself, or for IPv6 its /64 network.
    static func source(_ host: String) -> String {
        var address = in6_addr()
        guard host.contains(":"), inet_pton(AF_INET6, host, &address) == 1 else { return host }
        let all = withUnsafeBytes(of: &address) { Array($0) }
        // An IPv4 client of a dual-stack listener (::ffff:a.b.c.d) is its IPv4 address.
        if all[0..<10].allSatisfy({ $0 == 0 }) && all[10] == 0xff && all[11] == 0xff {
            return all[12...].map(String.init).joined(separator: ".")
        }
        let bytes = Array(all.prefix(8))
        let groups = stride(from: 0, to: 8, by: 2).map { String(format: "%x", Int(bytes[$0]) << 8 | Int(bytes[$0 + 1])) }
        return groups.joined(separator: ":") + "::/64"
    }
}
