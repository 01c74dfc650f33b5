import Foundation
import Testing

/// The real binary in tmux: build a two-node workflow from the keyboard, save it, run a text
/// through it and see each node's output.
@Suite(.serialized) struct WorkflowsEndToEndTests {
    @Test func buildSaveAndRunATwoNodeWorkflow() throws {
        let session = try TmuxSession(name: "workflows")
        defer { session.close() }
        try session.start(["demo", "--reset"], width: 110, height: 32)
        try session.waitFor(text: "ada ▾")
        // Acme's Support Triage, its Workflows section.
        try session.send("p")
        try session.send("a")
        try session.waitFor(text: "switched to Acme Robotics")
        try session.send("/")
        try session.type("support-triage")
        try session.send("Enter", "Enter")
        try session.waitFor(text: "Support Triage  support-triage")
        try session.send("Right", "Right", "Right", "Right")
        try session.waitFor(text: "Workflows (1)")
        // A new workflow opens its empty graph.
        try session.send("n")
        try session.waitFor(text: "New workflow")
        try session.type("e2e-flow")
        try session.send("Enter")
        try session.waitFor(text: "No nodes yet")
        // The classifier, at its latest trained version, fed by the input.
        try session.send("n")
        try session.waitFor(text: "Add a node: which model?")
        try session.type("ticket")
        try session.send("Enter")
        try session.waitFor(text: "Version of ticket-router")
        try session.send("Enter")
        try session.waitFor(text: "added n1 (ticket-router)")
        // The thresholder, fed by n1.
        try session.send("n")
        try session.type("confident")
        try session.send("Enter")
        try session.waitFor(text: "Version of confident")
        try session.send("Enter")
        try session.waitFor(text: "Feed the new confident node from")
        try session.send("Space", "Enter")
        try session.waitFor(text: "added n2 (confident)")
        try session.waitFor("the drawing joins n1 to n2") { screen in
            screen.contains("│ n1") && screen.contains("│ n2") && screen.contains("▶")
        }
        try session.send("w")
        try session.waitFor(text: "saved e2e-flow (version 2)")
        // Run: each node's output, then the result.
        try session.send("Tab")
        try session.waitFor(text: "Enter to type a text, Enter again to run it")
        try session.send("Enter")
        try session.type("where is my parcel, the courier never came")
        try session.send("Enter")
        let screen = try session.waitFor(text: "Result")
        #expect(screen.split(separator: "\n").contains { $0.contains("n1") && $0.contains("ticket-router") && $0.contains("shipping") })
        #expect(screen.split(separator: "\n").contains { $0.contains("n2") && $0.contains("confident") && $0.contains("shipping") })
        try session.send("Escape", "Escape")
        try session.send("q")
        try session.waitForPane("pane_dead", toBe: "1")
        #expect(try session.exitStatus() == 0)
    }
}
