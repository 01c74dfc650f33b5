import Foundation
import OrgdeckTUI
import OrgdeckViewModels
import Testing

/// The file sign-in reads to land where each user left.
@Suite struct PlaceFileTests {
    func folder() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("orgdeck-places-\(UUID().uuidString)").path
    }

    @Test func aPlaceWithItsSectionIsKeptPerUser() {
        let directory = folder()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let file = PlaceFile(stateDirectory: directory)
        file.remember(Place(context: "acme", pane: 5, section: "Invoices"), for: "ada")
        file.remember(Place(context: "personal", pane: 1), for: "bob")
        let again = PlaceFile(stateDirectory: directory)
        #expect(again.place(for: "ada") == Place(context: "acme", pane: 5, section: "Invoices"))
        #expect(again.place(for: "bob") == Place(context: "personal", pane: 1))
        #expect(again.place(for: "eve") == nil)
    }

    @Test func aFileWrittenBeforeSectionsStillReads() throws {
        let directory = folder()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try Data(#"{"ada":{"context":"acme","pane":4}}"#.utf8).write(to: URL(fileURLWithPath: directory + "/places.json"))
        #expect(PlaceFile(stateDirectory: directory).place(for: "ada") == Place(context: "acme", pane: 4))
    }
}
