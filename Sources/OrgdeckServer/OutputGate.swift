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
