import Foundation
import Testing
@testable import OrgdeckViewModels

/// Tab in a field that takes paths: it completes, lists the matches, and moves on once there is
/// nothing more to complete.
@Suite struct PathCompletionTests {
    func folder() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("orgdeck-paths-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path + "/data", withIntermediateDirectories: true)
        for name in ["a.csv", "b.csv"] { FileManager.default.createFile(atPath: path + "/data/" + name, contents: Data()) }
        FileManager.default.createFile(atPath: path + "/tickets.csv", contents: Data())
        return path
    }

    func form(_ typed: String) -> FormState {
        var form = FormState(title: "Upload", fields: [
            FormField(key: "paths", label: "Files or folders", maxLength: 4_000, completesPaths: true),
            FormField(key: "concepts", label: "Concepts for all", maxLength: 300),
        ])
        for character in typed { form.apply(.text(String(character))) }
        return form
    }

    @Test func tabCompletesAFileThenMovesOn() throws {
        let root = try folder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        var form = form(root + "/tick")
        form.apply(.nextFocus)
        #expect(form.value("paths") == root + "/tickets.csv" && form.focus == 0)
        form.apply(.nextFocus)
        #expect(form.focus == 1, "a whole file name: Tab goes on")
    }

    @Test func aWholeFileNameThatBeginsLongerNamesMovesOnAtOnce() throws {
        let root = try folder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        FileManager.default.createFile(atPath: root + "/tickets.csv.old", contents: Data())
        var form = form(root + "/tickets.csv")
        form.apply(.nextFocus)
        #expect(form.focus == 1 && form.value("paths") == root + "/tickets.csv", "the file typed is done: no list, no Tab swallowed")
        // A long paste into a field says what it left out.
        form.apply(.text(String(repeating: "x", count: 310)))
        #expect(form.value("concepts").count == 300)
        #expect(form.error == "Concepts for all takes 300 characters at most: 10 more were left out" && form.errorField == "concepts")
        // A terminal without bracketed paste sends a paste key by key: the count adds up.
        form.apply(.backspace)
        form.apply(.text("y"))
        #expect(form.error == nil, "the last character fits")
        form.apply(.text("z"))
        #expect(form.error == "Concepts for all takes 300 characters at most: 1 more was left out")
        form.apply(.text("z"))
        #expect(form.error == "Concepts for all takes 300 characters at most: 2 more were left out")
        // A tab pasted is a space, not a character the field would refuse unseen.
        var tabs = TextField(maxLength: 20)
        tabs.insert("a\tb")
        #expect(tabs.text == "a b")
    }

    @Test func aFolderListsItsFilesOnceThenTabMovesOn() throws {
        let root = try folder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        var form = form(root + "/data/")
        form.apply(.nextFocus)
        #expect(form.focus == 0 && form.fields[0].hint == "a.csv  b.csv", "the first Tab lists what is inside")
        form.apply(.nextFocus)
        #expect(form.focus == 1, "the second goes on to the next field")
        #expect(form.value("paths") == root + "/data/")
    }

    @Test func tildeIsTheHomeTheEnvironmentNames() throws {
        #expect(PathCompletion.home(environment: "/tmp/elsewhere") == "/tmp/elsewhere", "a HOME set for the session wins")
        #expect(PathCompletion.home(environment: "") == NSHomeDirectory())
        #expect(PathCompletion.expand("~/a.pem", home: "/tmp/elsewhere") == "/tmp/elsewhere/a.pem")
    }
}
