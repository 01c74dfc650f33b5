import Foundation
import OrgdeckCore
import OrgdeckTestSupport
@testable import OrgdeckViewModels

/// A fresh in-memory core with the real migrations: `ada` (Admin of `acme`) with personal and
/// organization apps, and `bob`, an Organization User of `acme`.
struct Fixture {
    let service: OrgService
    let ada: Session
    let bob: Session

    static let password = "correct-horse-1"

    init(orgApps: [String] = ["alpha", "beta", "gamma-ray"], personalApps: [String] = ["notes"]) throws {
        service = try OrgService.inMemory(options: .init(passwordRounds: 1_000))
        _ = try service.signUp(username: "ada", displayName: "Ada Lovelace", email: "ada@example.com", password: Self.password, source: .tui)
        _ = try service.signUp(username: "bob", displayName: "Bob Builder", email: "bob@example.com", password: Self.password, source: .tui)
        ada = try service.signIn(login: "ada", password: Self.password, source: .tui)
        bob = try service.signIn(login: "bob", password: Self.password, source: .tui)
        _ = try service.createOrganization(ada, id: "acme", name: "Acme Robotics", billingEmail: "billing@acme.test")
        try service.addMember(ada, organizationID: "acme", userID: bob.user.id, role: .orgUser)
        for id in orgApps {
            _ = try service.createApp(ada, in: .organization("acme"), id: id, name: id.capitalized, description: "about \(id)")
        }
        for id in personalApps {
            _ = try service.createApp(ada, in: .personal, id: id, name: id.capitalized, description: "")
        }
    }

    /// A console signed in as `session` (Ada by default), its first frame painted as the runtime does.
    func console(_ session: Session? = nil, memory: PlaceMemory? = nil) -> ConsoleViewModel {
        let console = ConsoleViewModel(service: service, session: session ?? ada, memory: memory)
        console.send(.firstFramePainted)
        return console
    }
}

extension ConsoleViewModel {
    /// Sends each character as text, as typing would.
    func type(_ text: String) {
        for character in text { send(.text(String(character))) }
    }
}

extension MyAppsState {
    /// The IDs of the loaded window, in order.
    var ids: [String] { window.map(\.id) }
}

/// Places kept in memory, as the runtime's file would keep them.
final class MemoryPlaces: PlaceMemory {
    var places: [String: Place] = [:]
    func place(for username: String) -> Place? { places[username] }
    func remember(_ place: Place, for username: String) { places[username] = place }
}

extension ConsoleViewModel {
    /// A console on `service` (a demo database) signed in as `username`, on Acme's app `appID`
    /// in its section titled `section`, and that page.
    static func demo(_ service: OrgService, as username: String = DemoAccounts.admin, app appID: String,
                     section: String) throws -> (ConsoleViewModel, AppPageViewModel) {
        let console = ConsoleViewModel(service: service, session: try DemoDatabase.session(service, username))
        console.send(.firstFramePainted)
        console.switchContext(.organization("acme"))
        console.pushPage(.app(appID)); console.syncState()
        guard let page = console.appDetail, let index = page.sections.firstIndex(where: { $0.title == section }) else {
            throw CoreError.notFound("no section \(section) on app \(appID)")
        }
        console.send(.selectSection(index))
        return (console, page)
    }
}
