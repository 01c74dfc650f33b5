import Foundation
import OrgdeckCore
import OrgdeckTerminal
import OrgdeckTUI
import OrgdeckViewModels

/// A console on an in-memory core at a fixed time, rendered into a cell grid like the terminal
/// would show it.
struct ScreenFixture {
    static let now = Date(timeIntervalSince1970: 1_795_000_000) // 2026-11-18
    let service: OrgService
    let ada: Session

    init(orgApps: [(String, String)] = [("support-triage", "Support Triage"), ("invoice-ocr", "Invoice OCR"), ("moderation", "Moderation")]) throws {
        let clock = ClockBox(Self.now.addingTimeInterval(-3 * 86_400))
        service = try OrgService.inMemory(options: .init(clock: { clock.now }, passwordRounds: 1_000))
        _ = try service.signUp(username: "ada", displayName: "Ada Lovelace", email: "ada@example.com", password: "correct-horse-1", source: .tui)
        ada = try service.signIn(login: "ada", password: "correct-horse-1", source: .tui)
        _ = try service.createOrganization(ada, id: "acme", name: "Acme Robotics", billingEmail: "billing@acme.test")
        for (index, app) in orgApps.enumerated() {
            clock.now = Self.now.addingTimeInterval(-Double(orgApps.count - index) * 3_600)
            _ = try service.createApp(ada, in: .organization("acme"), id: app.0, name: app.1, description: "What \(app.1) does.")
        }
        clock.now = Self.now.addingTimeInterval(-2 * 86_400)
        _ = try service.createApp(ada, in: .personal, id: "sandbox", name: "Sandbox", description: "")
    }

    /// A console signed in as Ada (or at the sign-in screen), its first frame painted.
    func console(signedIn: Bool = true, session: Session? = nil) -> ConsoleViewModel {
        let console = ConsoleViewModel(service: service, session: signedIn ? (session ?? ada) : nil)
        console.send(.firstFramePainted)
        return console
    }

    /// Renders as the runtime does: tells the model the body's size first.
    static func render(_ model: ConsoleViewModel, width: Int = 80, height: Int = 24, theme: Theme = .builtin) -> [String] {
        let body = ConsoleRenderer.body(width: width, height: height)
        model.send(.viewport(rows: body.rows, columns: body.columns))
        return ConsoleRenderer(keyMap: KeyMap(), now: now).render(model, theme: theme, width: width, height: height).grid.rows
    }
}

/// A mutable clock the core reads through a closure.
final class ClockBox: @unchecked Sendable {
    var now: Date
    init(_ now: Date) { self.now = now }
}
