import Foundation
import NIOConcurrencyHelpers

/// The sessions a server holds: a count against its limit, each user's share of it, and the
/// live processes, so a stopping server can end each one.
final class SessionRegistry: @unchecked Sendable {
    /// Why a place was not given.
    enum Refusal: Equatable { case full, userFull }

    private let lock = NIOLock()
    private var count = 0
    private var perUser = Tally<String>()
    private var processes: [ObjectIdentifier: SessionProcess] = [:]
    let limit: Int
    /// The most sessions one user holds at once: a quarter of the limit, so one account (or
    /// one stolen key) cannot take every place and lock the others out.
    let userLimit: Int

    init(limit: Int) {
        self.limit = limit
        userLimit = max(2, limit / 4)
    }

    /// Takes a place for a new session of `user`; nil when taken, else why not.
    func reserve(for user: String) -> Refusal? {
        lock.withLock {
            guard count < limit else { return .full }
            guard perUser[user] < userLimit else { return .userFull }
            count += 1
            perUser.add(user)
            return nil
        }
    }

    func release(for user: String) {
        lock.withLock {
            count = max(0, count - 1)
            perUser.remove(user)
        }
    }

    func track(_ process: SessionProcess) { lock.withLock { processes[ObjectIdentifier(process)] = process } }

    func forget(_ process: SessionProcess) { _ = lock.withLock { processes.removeValue(forKey: ObjectIdentifier(process)) } }

    var active: Int { lock.withLock { count } }

    var live: [SessionProcess] { lock.withLock { Array(processes.values) } }
}
