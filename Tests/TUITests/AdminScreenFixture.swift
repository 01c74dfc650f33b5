import Foundation
import OrgdeckCore
import OrgdeckTUI
import OrgdeckViewModels

/// `ScreenFixture` with an organization to administer: Bob (Organization User) and Cleo
/// (Organization Contributor) in `acme`, a team `field` with Bob and one app, and a pending
/// invitation. Everything happens two days before the fixed "now".
struct AdminScreenFixture {
    let base: ScreenFixture
    let bob: Session
    let dan: Session
    var service: OrgService { base.service }

    init() throws {
        base = try ScreenFixture()
        let service = base.service
        func user(_ name: String, _ display: String) throws -> Session {
            _ = try service.signUp(username: name, displayName: display, email: "\(name)@example.com", password: "correct-horse-1", source: .tui)
            return try service.signIn(login: name, password: "correct-horse-1", source: .tui)
        }
        bob = try user("bob", "Bob Builder")
        let cleo = try user("cleo", "Cleo Patra")
        dan = try user("dan", "Dan Brown")
        _ = try service.signUp(username: "katherine", displayName: "Katherine Johnson", email: "katherine.johnson@acme-robotics.example",
                               password: "correct-horse-1", source: .tui)
        let ada = base.ada
        try service.addMember(ada, organizationID: "acme", userID: bob.user.id, role: .orgUser)
        try service.addMember(ada, organizationID: "acme", userID: cleo.user.id, role: .orgContributor)
        _ = try service.createTeam(ada, organizationID: "acme", id: "field", name: "Field Team")
        _ = try service.createTeam(ada, organizationID: "acme", id: "lab", name: "Research Lab")
        try service.addTeamMember(ada, organizationID: "acme", teamID: "field", username: "bob")
        try service.addMember(ada, organizationID: "acme", userID: try service.user(username: "katherine").id, role: .teamContributor)
        try service.addTeamMember(ada, organizationID: "acme", teamID: "field", username: "katherine")
        _ = try service.labelApp(ada, in: .organization("acme"), id: "invoice-ocr", labels: ["gdpr"])
        try service.addTeamApp(ada, organizationID: "acme", teamID: "field", appID: "invoice-ocr", role: .contributor)
        _ = try service.setTeamPolicy(ada, organizationID: "acme", teamID: "field", requiredLabels: ["gdpr"])
        _ = try service.invite(ada, organizationID: "acme", email: "dan@example.com", role: .orgContributor, teams: [])
        _ = try service.invite(ada, organizationID: "acme", email: "a.very.long.address@subsidiary.acme-robotics.example",
                               role: .teamContributor, teams: ["field", "lab"])
    }

    /// Ada's console in `acme` on the Account pane, moved to `section`.
    func account(_ section: AccountSection) -> ConsoleViewModel {
        let console = base.console()
        console.switchContext(.organization("acme"))
        console.send(.selectPane(.account))
        for _ in AccountSection.allCases where console.account?.accountSection != section { console.send(.move(.right)) }
        return console
    }
}
