import Foundation
import OrgdeckCore

/// The demo database in memory, seeded at a fixed moment with a clock that stays there, so
/// screens and figures drawn from it are the same on every run. It is seeded once per test
/// process; each test gets its own copy.
public enum DemoDatabase {
    /// 2026-11-18 11:06:40 UTC.
    public static let now = Date(timeIntervalSince1970: 1_795_000_000)

    private static let seeded: Result<OrgService, Error> = Result {
        let service = try OrgService.inMemory(options: .init(clock: { now }, passwordRounds: 1_000))
        _ = try service.seedDemo()
        return service
    }

    /// A fresh copy of the seeded demo; cheap password hashing keeps sign-ins fast.
    public static func make() throws -> OrgService { try seeded.get().inMemoryCopy() }

    /// Signs in one of the demo's people.
    public static func session(_ service: OrgService, _ username: String) throws -> Session {
        try service.signIn(login: username, password: DemoAccounts.password, source: .tui)
    }
}
