import Foundation
import GRDB
import Testing
@testable import OrgdeckCore

@Suite("Store: files, processes, modes")
struct StoreTests {
    static func tempPath() -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("orgdeck-tests-\(UUID().uuidString)")
        return folder.appendingPathComponent("nested/orgdeck.sqlite").path
    }

    static let options = OrgService.Options(passwordRounds: Fixture.rounds)

    @Test("open creates a 0700 folder and a 0600 file, in WAL mode")
    func fileModes() throws {
        let path = Self.tempPath()
        let service = try OrgService.open(path: path, options: Self.options)
        _ = try service.signUp(username: "ada", displayName: "Ada", email: "ada@example.com", password: "a store password", source: .cli)
        let fm = FileManager.default
        let folderMode = try fm.attributesOfItem(atPath: (path as NSString).deletingLastPathComponent)[.posixPermissions] as? Int
        let fileMode = try fm.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(folderMode == 0o700)
        #expect(fileMode == 0o600)
        let mode = try service.store.withRawConnection { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") }
        #expect(mode == "wal")
        let foreignKeys = try service.store.withRawConnection { db in try Int.fetchOne(db, sql: "PRAGMA foreign_keys") }
        #expect(foreignKeys == 1)
        // Reopening runs no migration twice and keeps the data.
        #expect(try OrgService.open(path: path, options: Self.options).user(username: "ada").email == "ada@example.com")
    }

    @Test("changeToken moves when another connection commits")
    func changeToken() throws {
        let path = Self.tempPath()
        let watcher = try OrgService.open(path: path, options: Self.options)
        let writer = try OrgService.open(path: path, options: Self.options)
        let first = try watcher.changeToken()
        #expect(try watcher.changeToken() == first)  // quiet database, steady token
        _ = try writer.signUp(username: "ada", displayName: "Ada", email: "ada@example.com", password: "a store password", source: .cli)
        let second = try watcher.changeToken()
        #expect(second != first)
        // Its own writes count too: they come from another connection than the watching one.
        _ = try watcher.signUp(username: "bob", displayName: "Bob", email: "bob@example.com", password: "a store password", source: .cli)
        #expect(try watcher.changeToken() != second)
    }

    @Test("changeToken of an in-memory store moves on writes")
    func changeTokenInMemory() throws {
        let f = try Fixture()
        let first = try f.service.changeToken()
        try f.user("ada")
        #expect(try f.service.changeToken() != first)
    }

    @Test("two services on one file write concurrently without losing an update")
    func concurrentWriters() async throws {
        let path = Self.tempPath()
        let a = try OrgService.open(path: path, options: Self.options)
        let b = try OrgService.open(path: path, options: Self.options)
        _ = try a.signUp(username: "ada", displayName: "Ada", email: "ada@example.com", password: "a store password", source: .cli)
        let sessionA = try a.signIn(login: "ada", password: "a store password", source: .tui)
        let sessionB = try b.signIn(login: "ada", password: "a store password", source: .cli)
        _ = try a.createApp(sessionA, in: .personal, id: "counter", name: "0", description: "")

        // Each writer increments the name as a counter with optimistic retries: any lost update
        // would leave the final count short.
        let perWriter = 25
        @Sendable func bump(_ service: OrgService, _ session: Session) throws {
            var done = 0
            while done < perWriter {
                let app = try service.app(session, in: .personal, id: "counter")
                do {
                    _ = try service.updateApp(session, in: .personal, id: "counter", name: String(Int(app.name)! + 1),
                                              description: "", expectedVersion: app.version)
                    done += 1
                } catch let error as CoreError where error == .stale {
                    continue
                }
            }
        }
        async let first: Void = Task.detached { try bump(a, sessionA) }.value
        async let second: Void = Task.detached { try bump(b, sessionB) }.value
        _ = try await (first, second)
        let final = try b.app(sessionB, in: .personal, id: "counter")
        #expect(final.name == String(2 * perWriter))
        #expect(final.version == 1 + 2 * perWriter)
        #expect(try a.verifyAudit() == .intact(entries: 4 + 2 * perWriter, notes: []))  // signup, two sign-ins, create
    }

    @Test("read-only mode refuses every write with one message")
    func readOnly() throws {
        let path = Self.tempPath()
        let rw = try OrgService.open(path: path, options: Self.options)
        _ = try rw.signUp(username: "ada", displayName: "Ada", email: "ada@example.com", password: "a store password", source: .cli)
        let session = try rw.signIn(login: "ada", password: "a store password", source: .tui)
        _ = try rw.createApp(session, in: .personal, id: "app", name: "App", description: "")

        var options = Self.options
        options.readOnly = true
        let ro = try OrgService.open(path: path, options: options)
        #expect(ro.isReadOnly)
        let roSession = try ro.signIn(login: "ada", password: "a store password", source: .tui)  // signing in still works
        #expect(try ro.apps(roSession, in: .personal, query: AppQuery()).total == 1)
        let refusals: [() throws -> Void] = [
            { _ = try ro.signUp(username: "bob", displayName: "Bob", email: "b@example.com", password: "a store password", source: .tui) },
            { _ = try ro.createApp(roSession, in: .personal, id: "x", name: "", description: "") },
            { _ = try ro.updateApp(roSession, in: .personal, id: "app", name: "New", description: "", expectedVersion: 1) },
            { try ro.deleteApp(roSession, in: .personal, id: "app") },
            { _ = try ro.duplicateApp(roSession, in: .personal, id: "app", newID: "copy", newName: nil) },
            { try ro.setPinned(roSession, in: .personal, id: "app", pinned: true) },
            { _ = try ro.createOrganization(roSession, id: "acme", name: "Acme", billingEmail: "b@acme.example") },
            { _ = try ro.createToken(roSession, description: "", scopes: [], expiresInDays: 90) },
        ]
        for refusal in refusals {
            #expect(coreError(refusal) == CoreError(.readOnly, "read-only mode: changes are disabled"))
        }
        #expect(try ro.app(roSession, in: .personal, id: "app").name == "App")
        let empty = try Fixture(readOnly: true)
        #expect(coreError { _ = try empty.service.seedDemo() }?.kind == .readOnly)
    }

    @Test("a damaged file surfaces as a clear failure, not a crash")
    func damagedFile() throws {
        let path = Self.tempPath()
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(repeating: 0x42, count: 8192).write(to: URL(fileURLWithPath: path))
        let error = coreError { _ = try OrgService.open(path: path, options: Self.options) }
        #expect(error?.kind == .failure)
        #expect(error?.message.contains("damaged") == true)
    }
}
