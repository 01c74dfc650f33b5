import Foundation
import Testing
@testable import OrgdeckCore

#if canImport(Glibc)
import Glibc
#endif

/// A database that already exists with modes open to other users is made private, and says so.
@Suite("File permissions")
struct FilePermissionTests {
    static func mode(_ path: String) -> Int? {
        (try? FileManager.default.attributesOfItem(atPath: path)[.posixPermissions]) as? Int
    }

    @Test("a 0666 database, its WAL and a 0755 orgdeck folder are tightened once, with a notice each")
    func tightened() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("orgdeck-perm-\(UUID().uuidString)")
        let folder = root.appendingPathComponent("orgdeck").path
        let path = folder + "/orgdeck.sqlite"
        // Kept open, so its WAL stays on disk beside the file.
        let first = try OrgService.open(path: path, options: StoreTests.options)
        _ = try first.signUp(username: "ada", displayName: "Ada", email: "ada@example.com", password: Fixture.password, source: .cli)
        #expect(FileManager.default.fileExists(atPath: path + "-wal"))
        chmod(folder, 0o755)
        chmod(path, 0o666)
        chmod(path + "-wal", 0o666)
        chmod(path + "-shm", 0o600)
        let service = try OrgService.open(path: path, options: StoreTests.options)
        #expect(service.notices == [
            "made the folder \(folder) private: mode 0755 → 0700",
            "made the file \(path) private: mode 0666 → 0600",
            "made the file \(path)-wal private: mode 0666 → 0600",
        ])
        #expect(Self.mode(folder) == 0o700 && Self.mode(path) == 0o600 && Self.mode(path + "-wal") == 0o600)
        #expect(try OrgService.open(path: path, options: StoreTests.options).notices.isEmpty, "said once")
        #expect(try service.user(username: "ada").email == "ada@example.com")
    }

    @Test("a folder others may write to is refused: they could swap the database")
    func worldWritableFolder() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("shared-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        chmod(folder, 0o777)
        let error = coreError { _ = try OrgService.open(path: folder + "/x.sqlite", options: StoreTests.options) }
        #expect(error?.message == "others can write to \(folder) (mode 0777) and could replace the database: "
                + "make the folder private (chmod 700) or use another one")
        #expect(!FileManager.default.fileExists(atPath: folder + "/x.sqlite"))
    }

    @Test("a missing file is not created when the caller says so")
    func noCreate() throws {
        let path = StoreTests.tempPath()
        var options = StoreTests.options
        options.createIfMissing = false
        #expect(coreError { _ = try OrgService.open(path: path, options: options) }?.kind == .notFound)
        #expect(!FileManager.default.fileExists(atPath: path))
    }
}
