import Foundation
import Testing

/// The real binary in tmux: upload a folder, train in the background, predict, star, and find
/// the model in Starred.
@Suite(.serialized) struct ModelsEndToEndTests {
    @Test func uploadTrainPredictStarAndFindInStarred() throws {
        // Short, so the whole path shows in the form's field.
        let folder = URL(fileURLWithPath: "/tmp/od-e2e-\(getpid())")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("more"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data("my parcel never came\n".utf8).write(to: folder.appendingPathComponent("note.txt"))
        try Data("text,concepts\nwhere is my parcel e2e,shipping\nrefund me twice e2e,billing\n".utf8)
            .write(to: folder.appendingPathComponent("more/tickets.csv"))

        let session = try TmuxSession(name: "models")
        defer { session.close() }
        try session.start(["demo", "--reset"], width: 120, height: 36)
        try session.waitFor(text: "ada ▾")
        // Starred first: the demo's stars; unstar the classifier so starring it later shows.
        try session.send("3")
        try session.waitFor(text: "Starred (3)")
        try session.send("s")
        try session.waitFor(text: "unstarred ticket-router")
        try session.waitFor(text: "Starred (2)")
        // Into the organization's Support Triage app, Inputs section.
        try session.send("1")
        try session.send("p")
        try session.waitFor(text: "a   Acme Robotics")
        try session.send("a")
        try session.waitFor(text: "switched to Acme Robotics")
        try session.send("/")
        try session.type("support-tri")
        try session.waitFor(text: "1/1 app")
        try session.send("Enter")
        try session.send("Enter")
        try session.waitFor(text: "Support Triage  support-triage")
        try session.send("Right")
        try session.waitFor(text: "Inputs (3200)")
        // Upload the folder, the path completed with Tab.
        try session.send("u")
        try session.waitFor(text: "Upload to support-triage")
        try session.type(folder.path + "/mo")
        try session.send("Tab")
        try session.waitFor(text: folder.path + "/more/")
        try session.send("BSpace", "BSpace", "BSpace", "BSpace", "BSpace")
        try session.send("Enter")
        try session.waitFor(text: "upload to support-triage: 3 added, 0 duplicates, 0 refused")
        try session.waitFor(text: "Inputs (3203)")
        // Models: train the classifier; the console's worker trains it in the background.
        try session.send("Right", "Right")
        try session.waitFor(text: "Models (3)")
        try session.send("j")  // from the thresholder to the classifier
        try session.send("T")
        try session.waitFor(text: "labelled inputs? Each is")
        try session.send("Enter")
        try session.waitFor(text: "ticket-router v3 queued for training")
        try session.waitFor(text: "v3 trained", timeout: 60)
        // Open it, predict, star it.
        try session.send("Enter")
        try session.waitFor(text: "Overview   Versions   Concepts")
        try session.send("Enter")
        try session.type("my parcel is late")
        try session.waitFor("shipping scored first") { screen in
            screen.split(separator: "\n").first { $0.contains("█") }?.contains("shipping") == true
        }
        try session.send("Escape")
        try session.send("s")
        try session.waitFor(text: "starred ticket-router")
        try session.send("3")
        try session.waitFor(text: "Starred (3)")
        try session.waitFor(text: "ticket-router")
        try session.send("q")
        try session.waitForPane("pane_dead", toBe: "1")
        #expect(try session.exitStatus() == 0)
    }
}
