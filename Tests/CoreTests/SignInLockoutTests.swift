import Foundation
import GRDB
import Testing
@testable import OrgdeckCore

/// The lockout of PRODUCT.md §4 under attack: parallel guesses, unknown names, the right
/// password arriving late.
@Suite("Sign-in lockout")
struct SignInLockoutTests {
    /// Enough rounds that a check takes a few milliseconds, so parallel guesses really overlap.
    static let rounds = 20_000

    static func fileService(_ path: String, clock: TestClock) throws -> OrgService {
        try OrgService.open(path: path, options: .init(clock: { clock.now }, passwordRounds: rounds))
    }

    @Test("forty wrong passwords in parallel: at most ten are checked, then the right one is locked out")
    func parallelGuessing() throws {
        let path = StoreTests.tempPath()
        let clock = TestClock()
        // Several services on one file stand for several processes.
        let services = try (0..<4).map { _ in try Self.fileService(path, clock: clock) }
        _ = try services[0].signUp(username: "ada", displayName: "Ada", email: "ada@example.com",
                                   password: Fixture.password, source: .cli)
        let outcomes = Outcomes()
        DispatchQueue.concurrentPerform(iterations: 40) { i in
            do {
                _ = try services[i % services.count].signIn(login: "ada", password: "wrong guess \(i)", source: .cli)
                outcomes.add("signed in")
            } catch let error as CoreError {
                outcomes.add(error.message)
            } catch {
                outcomes.add("\(error)")
            }
        }
        let seen = outcomes.all
        #expect(!seen.contains("signed in"))
        #expect(seen.filter { $0 == "wrong username or password" }.count == 9, "\(seen)")
        #expect(seen.filter { $0.contains("account locked for 10 more minutes") }.count == 31, "\(seen)")
        let checked = try services[0].store.withRawConnection { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM audit_log WHERE action = 'user.signin_failed'") ?? 0
        }
        #expect(checked == 10, "every failure checked against the hash is audited; no more than the limit may be")
        #expect(coreError { _ = try services[1].signIn(login: "ada", password: Fixture.password, source: .cli) }?.message
            == "account locked for 10 more minutes; try again later")
        clock.advance(10 * 60 + 1)
        #expect(try services[2].signIn(login: "ada", password: Fixture.password, source: .cli).user.username == "ada")
    }

    @Test("an unknown name locks after ten tries with the very message of a real account")
    func unknownNamesReadLikeRealOnes() throws {
        let f = try Fixture()
        try f.user("ada")
        var real: [String] = [], ghost: [String] = []
        for i in 0..<11 {
            real.append(coreError { _ = try f.service.signIn(login: "ada", password: "nope \(i)", source: .cli) }?.message ?? "")
            ghost.append(coreError { _ = try f.service.signIn(login: "ghost", password: "nope \(i)", source: .cli) }?.message ?? "")
        }
        #expect(real == ghost)
        #expect(real[0] == "wrong username or password")
        #expect(real[9] == "too many failed sign-ins: account locked for 10 more minutes; try again later")
        #expect(real[10] == "account locked for 10 more minutes; try again later")
        // Another spelling of the same unknown login is the same name.
        #expect(coreError { _ = try f.service.signIn(login: " GHOST ", password: "x", source: .cli) }?.message == real[10])
    }

    @Test("a right password before the limit clears the count; failures are forgotten after a quiet spell")
    func successClearsTheCount() throws {
        let f = try Fixture()
        try f.user("ada")
        for _ in 0..<9 { _ = coreError { _ = try f.service.signIn(login: "ada", password: "bad", source: .cli) } }
        _ = try f.service.signIn(login: "ada", password: Fixture.password, source: .cli)
        for _ in 0..<9 { _ = coreError { _ = try f.service.signIn(login: "ada@example.com", password: "bad", source: .cli) } }
        f.clock.advance(10 * 60 + 1)
        #expect(coreError { _ = try f.service.signIn(login: "ada", password: "bad", source: .cli) }?.message
            == "wrong username or password", "nine failures ten minutes ago no longer count")
        let counters = try f.raw { db in try Int.fetchOne(db, sql: "SELECT attempts FROM sign_in_attempts") }
        #expect(counters == 1)
    }

    @Test("read-only mode still counts failures and locks")
    func readOnlyStillLocks() throws {
        let path = StoreTests.tempPath()
        let rw = try OrgService.open(path: path, options: StoreTests.options)
        _ = try rw.signUp(username: "ada", displayName: "Ada", email: "ada@example.com", password: Fixture.password, source: .cli)
        var options = StoreTests.options
        options.readOnly = true
        let ro = try OrgService.open(path: path, options: options)
        for _ in 0..<10 { _ = coreError { _ = try ro.signIn(login: "ada", password: "bad", source: .tui) } }
        #expect(coreError { _ = try rw.signIn(login: "ada", password: Fixture.password, source: .cli) }?.message
            == "account locked for 10 more minutes; try again later")
    }
}

/// Results gathered from many threads.
final class Outcomes: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [String] = []
    func add(_ item: String) { lock.withLock { items.append(item) } }
    var all: [String] { lock.withLock { items } }
}
