import Foundation
import NIOCore

/// Holds a session's output reader while its SSH channel cannot take more (the client has not
/// opened its window): the process then blocks on its own full terminal or pipe, and neither
/// the server's memory nor any other session pays for a client that stopped reading.
final class OutputGate: @unchecked Sendable {
    private let condition = NSCondition()

    /// Blocks the calling (reader) thread until `channel` is writable again or closed.
    func wait(for channel: Channel) {
        condition.lock()
        defer { condition.unlock() }
        // Woken by `open()`; the timeout only guards against a wake-up lost to a race.
        while channel.isActive && !channel.isWritable {
            _ = condition.wait(until: Date().addingTimeInterval(0.5))
        }
    }

    /// The channel's writability changed, or it closed: let the reader look again.
    func open() {
        condition.lock()
        condition.broadcast()
        condition.unlock()
    }
}

/// Open connections, in total and per source address: a bound on what connections that never
/// sign in can hold (sockets, memory) before the sign-in deadline closes them.
final class ConnectionLimiter: @unchecked Sendable {
    private let lock = NSLock()
    private var total = 0
    private var perHost: [String: Int] = [:]
    let maxTotal: Int
    let maxPerHost: Int

    init(maxTotal: Int, maxPerHost: Int) { self.maxTotal = maxTotal; self.maxPerHost = maxPerHost }

    /// Takes a place for a connection from `host`; false when either limit is reached.
    func admit(_ host: String) -> Bool {
        lock.withLock {
            guard total < maxTotal, perHost[host, default: 0] < maxPerHost else { return false }
            total += 1
            perHost[host, default: 0] += 1
            return true
        }
    }

    func release(_ host: String) {
        lock.withLock {
            total -= 1
            perHost[host, default: 1] -= 1
            if perHost[host] == 0 { perHost[host] = nil }
        }
    }
}
