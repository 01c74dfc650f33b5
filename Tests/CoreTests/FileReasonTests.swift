import Foundation
import Testing
@testable import OrgdeckCore

/// File errors in words a user can act on, not Foundation's "error 256".
@Suite("File reasons")
struct FileReasonTests {
    let folder: String

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("orgdeck-reason-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }

    func readError(_ path: String) -> Error? {
        do { _ = try Data(contentsOf: URL(fileURLWithPath: path)); return nil } catch { return error }
    }

    @Test("reading: nothing named, a folder, a missing file")
    func reading() throws {
        #expect(FileReason.reading("", try #require(readError(""))) == "no file given")
        #expect(FileReason.reading(folder, try #require(readError(folder))) == "it is a folder, not a file")
        let missing = folder + "/missing.pem"
        #expect(FileReason.reading(missing, try #require(readError(missing))) == "no such file or directory")
    }

    @Test("writing: into a missing folder, onto a folder, under a file")
    func writing() throws {
        func writeError(_ path: String) -> Error? {
            do { try Data("x".utf8).write(to: URL(fileURLWithPath: path), options: .atomic); return nil } catch { return error }
        }
        let inMissing = folder + "/nowhere/out.csv"
        #expect(FileReason.writing(inMissing, try #require(writeError(inMissing))) == "the folder \(folder)/nowhere does not exist")
        #expect(FileReason.writing(folder, try #require(writeError(folder))) == "it is a folder, not a file")
        let file = folder + "/plain"
        try Data().write(to: URL(fileURLWithPath: file))
        #expect(FileReason.writing(file + "/out.csv", try #require(writeError(file + "/out.csv"))) == "\(file) is not a folder")
    }
}
