import Foundation
import NIOConcurrencyHelpers

/// The sessions a server holds: a count against its limit, and the live processes, so a
/// stopping server can end each one.
final class SessionRegistry: @unchecked Sendable {
    private let lock = NIOLock()
    private var count = 0
    private var processes: [ObjectIdentifier: SessionProcess] = [:]
    let limit: Int

    init(limit: Int) { self.limit = limit }

    /// Takes a place for a new session; false at the limit.
    func reserve() -> Bool {
        lock.withLock {
            guard count < limit else { return false }
            count += 1
            return true
        }
    }

    func release() { lock.withLock { count = max(0, count - 1) } }

    func track(_ process: SessionProcess) { lock.withLock { processes[ObjectIdentifier(process)] = process } }

    func forget(_ process: SessionProcess) { _ = lock.withLock { processes.removeValue(forKey: ObjectIdentifier(process)) } }

    var active: Int { lock.withLock { count } }

    var live: [SessionProcess] { lock.withLock { Array(processes.values) } }
}
