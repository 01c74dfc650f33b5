import Foundation
import Testing
@testable import OrgdeckCore

@Suite("Demo and benchmark data")
struct SeedTests {
    @Test("the demo: an organization with every role, ~15 apps, a personal app, an outsider; idempotent")
    func demo() throws {
        let f = try Fixture()
        #expect(try f.service.seedDemo() == DemoAccounts.admin)
        let ada = try f.service.signIn(login: DemoAccounts.admin, password: DemoAccounts.password, source: .tui)
        #expect(ada.user.displayName == "Ada Lovelace")
        let org = Context.organization(DemoAccounts.organizationID)
        #expect(try f.service.organization(ada, id: "acme").name == "Acme Robotics")
        let members = try f.service.members(ada, organizationID: "acme")
        #expect(members.count >= 12)
        #expect(Set(members.map(\.role)) == Set(Role.allCases))
        let apps = try f.service.apps(ada, in: org, query: AppQuery(limit: 100))
        #expect(apps.total >= 15)
        #expect(apps.items.prefix(2).allSatisfy { $0.pinned })
        #expect(Set(apps.items.map(\.updatedAt)).count == apps.items.count)  // varied times
        #expect(apps.items.allSatisfy { !$0.description.isEmpty })
        #expect(try f.service.apps(ada, in: .personal, query: AppQuery()).total == 1)
        let olivia = try f.service.signIn(login: "olivia", password: DemoAccounts.password, source: .tui)
        #expect(try f.service.memberships(olivia).isEmpty)
        #expect(try f.service.verifyAudit() != .intact(entries: 0, notes: []))

        let auditCount = try f.auditActions().count
        #expect(try f.service.seedDemo() == DemoAccounts.admin)
        #expect(try f.auditActions().count == auditCount)
    }

    @Test("the demo's log is in time order: the chain's order is the order the entries happened")
    func demoLogInTimeOrder() throws {
        let f = try Fixture()
        _ = try f.service.seedDemo()
        let ada = try f.service.signIn(login: DemoAccounts.admin, password: DemoAccounts.password, source: .tui)
        let entries = try f.service.auditEntries(ada, in: .organization(DemoAccounts.organizationID), offset: 0, limit: 10_000).items
        #expect(entries.count > 50)
        #expect(entries.contains { $0.action == "billing.budget" })
        let outOfOrder = zip(entries, entries.dropFirst()).filter { newer, older in newer.at < older.at }
        #expect(outOfOrder.isEmpty, "newest first: \(outOfOrder.map { "\($0.1.action) after \($0.0.action)" })")
        // Causes before effects: an app exists before it is labelled or joins a team, an
        // invitation is sent before it is accepted.
        let created = Dictionary(entries.filter { $0.action == "app.create" }.map { ($0.target, $0.at) }, uniquingKeysWith: min)
        for entry in entries {
            let app: String?
            switch entry.action {
            case "app.label": app = entry.target
            case "team.app_add": app = entry.details.split(separator: " ").dropFirst().first.map(String.init)
            default: app = nil
            }
            if let app, let made = created[app] { #expect(made < entry.at, "\(entry.action) of \(app) before it was created") }
        }
        let sent = Dictionary(entries.filter { $0.action == "invitation.send" }.map { ($0.target, $0.at) }, uniquingKeysWith: min)
        for accepted in entries where accepted.action == "invitation.accept" {
            let at = try #require(sent[accepted.target], "\(accepted.target) accepted but never sent")
            #expect(at < accepted.at)
        }
    }

    @Test("the demo's bill: ninety days of usage, closed invoices, a budget past 80%, consistent roll-ups")
    func demoBilling() throws {
        let f = try Fixture()
        try f.service.seedDemo()
        let s = f.service
        let ada = try s.signIn(login: DemoAccounts.admin, password: DemoAccounts.password, source: .tui)
        let org = Context.organization(DemoAccounts.organizationID)
        let summary = try s.billingSummary(ada, in: org)
        #expect(summary.totalMicros > 0 && summary.alertsFired == [50, 80] && summary.budget != nil)
        #expect(summary.trend.suffix(4).allSatisfy { $0.amountMicros > 0 } && summary.trend.prefix(8).allSatisfy { $0.amountMicros == 0 },
                "ninety days reach back into a fourth month")
        let invoices = try s.invoices(ada, in: org)
        #expect(invoices.count == 3 && invoices.allSatisfy { $0.totalMicros == $0.lines.reduce(0) { $0 + $1.amountMicros } })
        #expect(try s.billingBreakdown(ada, in: org, by: .member).count == 13, "twelve members and the storage")
        let olivia = try s.signIn(login: "olivia", password: DemoAccounts.password, source: .tui)
        #expect(try s.billingBreakdown(olivia, in: .personal, by: .app).map(\.key) == ["acme/support-triage"])
        #expect(try s.verifyBilling().isConsistent)
        #expect(try !s.meterStorageIfDue(), "today's storage is metered by the seed")
    }

    @Test("the demo's teams, labels, policy and invitations")
    func demoAdministration() throws {
        let f = try Fixture()
        try f.service.seedDemo()
        let s = f.service
        let ada = try s.signIn(login: DemoAccounts.admin, password: DemoAccounts.password, source: .tui)
        let org = Context.organization(DemoAccounts.organizationID)
        let teams = try s.teams(ada, organizationID: "acme", filter: "")
        #expect(teams.map(\.id) == ["compliance", "support", "vision"])  // by name: Clinical, Customer, Vision
        #expect(teams.first?.requiredLabels == ["hipaa"])
        #expect(teams.allSatisfy { $0.memberCount > 0 && $0.appCount > 0 })
        #expect(try s.app(ada, in: org, id: "safety-incidents").labels == ["hipaa"])
        // Each Team Contributor reaches exactly their teams' apps.
        for (username, expected) in [("radia", ["lidar-labels", "parts-catalog", "weld-defects"]),
                                     ("ken", ["help-center-faq", "moderation", "support-triage"]),
                                     ("frances", ["help-center-faq", "moderation", "safety-incidents", "support-triage"])] {
            let session = try s.signIn(login: username, password: DemoAccounts.password, source: .tui)
            #expect(try s.apps(session, in: org, query: AppQuery()).items.map(\.id).sorted() == expected)
        }
        let radia = try s.signIn(login: "radia", password: DemoAccounts.password, source: .tui)
        #expect(s.isAllowed(radia, .editAppContent, in: org, appID: "weld-defects"))
        #expect(!s.isAllowed(radia, .editAppContent, in: org, appID: "parts-catalog"))
        let members = try s.members(ada, organizationID: "acme")
        #expect(members.first { $0.user.username == "frances" }?.teams == ["compliance", "support"])
        // Invitations: accepted, pending (a new hire, and Olivia), expired.
        let invitations = try s.invitations(ada, organizationID: "acme")
        #expect(Set(invitations.map(\.state)) == [.pending, .accepted, .expired])
        let newhire = try #require(invitations.first { $0.email == "newhire@acme.example" })
        #expect(newhire.state == .pending && newhire.role == .teamContributor && newhire.teams == ["support"])
        let olivia = try s.signIn(login: "olivia", password: DemoAccounts.password, source: .tui)
        #expect(try s.receivedInvitations(olivia).count == 1)
        #expect(try s.verifyAudit() == .intact(entries: try f.auditActions().count, notes: []))
        // Security: a policy the demo password meets, the shipped Okta metadata, scoped tokens, sign-ins.
        #expect(try s.signIn(login: DemoAccounts.admin, password: DemoAccounts.password, source: .tui).passwordChangeReason == nil)
        #expect(try s.passwordPolicy(ada, organizationID: DemoAccounts.organizationID).minLength == 12)
        let providers = try s.identityProviders(ada, organizationID: DemoAccounts.organizationID)
        #expect(providers.map(\.name) == ["Acme Robotics Okta"] && providers[0].certificates.count == 1 && providers[0].warnings.isEmpty)
        #expect(providers[0].certificates[0].key == "RSA 2048")
        #expect(try s.tokens(ada).map { $0.scopeSummary } == ["all", "apps:read content:read predict"])
        let history = try s.signInHistory(ada)
        #expect(history.count >= 6 && history.contains { $0.action == "user.signin_failed" })
        // The demo's rules hold: the compliance app cannot lose its label while in the team.
        #expect(coreError { _ = try s.unlabelApp(ada, in: org, id: "safety-incidents", labels: ["hipaa"]) }?.kind == .conflict)
    }

    @Test("the large seed loads apps in bulk and gives the demo organization a big share")
    func large() throws {
        let f = try Fixture()
        let start = Date()
        try f.service.seedLarge(apps: 30_000, users: 500, organizations: 20, inputs: 5_000)
        #expect(Date().timeIntervalSince(start) < 20)
        let ada = try f.service.signIn(login: DemoAccounts.admin, password: DemoAccounts.password, source: .tui)
        let org = Context.organization(DemoAccounts.organizationID)
        let first = try f.service.apps(ada, in: org, query: AppQuery(limit: 50))
        #expect(first.total >= 20_000)
        #expect(first.items.count == 50)
        let deep = try f.service.apps(ada, in: org, query: AppQuery(filter: "invoice", sort: .name, ascending: true,
                                                                    offset: 500, limit: 50))
        #expect(deep.items.count == 50)
        #expect(deep.items.allSatisfy { $0.name.lowercased().contains("invoice") || $0.id.lowercased().contains("invoice") })
        // The bulk tickets join the demo's, distinct, labelled and indexed for search.
        let inputs = try f.service.inputs(ada, in: org, appID: "support-triage", query: InputQuery(limit: 10))
        #expect(inputs.total == 3_200 + 5_000)
        let found = try f.service.inputs(ada, in: org, appID: "support-triage", query: InputQuery(search: "B4999", limit: 10))
        #expect(found.items.map(\.text) == [DemoSnippets.bulkTicket(4_999).text])
        let shipping = try f.service.inputs(ada, in: org, appID: "support-triage", query: InputQuery(concept: "shipping", limit: 1))
        #expect(shipping.total == 800 + 1_250)
        let timer = Date()
        for offset in stride(from: 0, to: 20_000, by: 2_000) {
            _ = try f.service.apps(ada, in: org, query: AppQuery(sort: .name, offset: offset, limit: 50))
        }
        #expect(Date().timeIntervalSince(timer) < 2)
    }
}
