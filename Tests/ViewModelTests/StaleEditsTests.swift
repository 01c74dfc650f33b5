import Foundation
import OrgdeckCore
import OrgdeckTestSupport
import Testing
@testable import OrgdeckViewModels

/// A role, a team's or a concept's name, or a collaborator's scopes changed by another session
/// while this one's picker or form is open: the save is refused with what the other session
/// set, the choice stays, and the next Enter sets it over the other on purpose.
@Suite struct StaleEditsTests {
    @Test func aRoleChangedElsewhereKeepsThePickerAndTheNextEnterSetsIt() throws {
        let f = try AdminConsoleFixture()
        let console = f.account(section: .members)
        console.selectMember("bob")
        console.send(.edit)
        #expect(console.pickerState?.highlighted?.value == Role.orgUser.rawValue)
        _ = try f.service.changeRole(f.ada, organizationID: "acme", username: "bob", to: .orgContributor)
        console.pick(Role.admin.rawValue)
        #expect(console.pickerState?.error == "Changed elsewhere to Organization Contributor: Enter sets yours, Esc keeps theirs")
        #expect(console.pickerState?.highlighted?.value == Role.admin.rawValue, "the choice is kept")
        #expect(try f.role(of: "bob") == .orgContributor, "the other session's role stands until Enter again")
        console.send(.submit)
        #expect(try f.role(of: "bob") == .admin)
        #expect(console.state.flash == .info("bob is now Admin"))
    }

    @Test func escapeAfterAStaleRoleKeepsTheOtherSessionsRole() throws {
        let f = try AdminConsoleFixture()
        let console = f.account(section: .members)
        console.selectMember("cleo")
        console.send(.edit)
        _ = try f.service.changeRole(f.ada, organizationID: "acme", username: "cleo", to: .admin)
        console.pick(Role.orgUser.rawValue)
        #expect(console.pickerState?.error != nil)
        console.send(.cancel)
        #expect(console.state.overlay == .none)
        #expect(try f.role(of: "cleo") == .admin)
        // Chosen again from the row as it is now, the change goes through at once.
        console.send(.edit)
        console.pick(Role.orgUser.rawValue)
        #expect(try f.role(of: "cleo") == .orgUser)
    }

    @Test func aTeamRenamedElsewhereKeepsWhatWasTyped() throws {
        let f = try AdminConsoleFixture()
        _ = try f.service.createTeam(f.ada, organizationID: "acme", id: "field", name: "Field Team")
        let console = f.account(section: .teams)
        console.send(.edit)
        _ = try f.service.renameTeam(f.ada, organizationID: "acme", id: "field", name: "Field Elsewhere")
        console.fill(["Field Ops"])
        console.send(.submit)
        #expect(console.formState?.error == "Saved elsewhere meanwhile: Enter saves yours over it, Esc keeps theirs. "
                + "Now: name \"Field Elsewhere\"")
        #expect(console.formState?.value("name") == "Field Ops")
        #expect(try f.service.teams(f.ada, organizationID: "acme", filter: "").first?.name == "Field Elsewhere")
        console.send(.submit)
        #expect(console.state.flash == .info("renamed team field"))
        #expect(try f.service.teams(f.ada, organizationID: "acme", filter: "").first?.name == "Field Ops")
    }

    @Test func aConceptRenamedElsewhereKeepsWhatWasTyped() throws {
        let fixture = try Fixture(orgApps: ["alpha"])
        let acme = Context.organization("acme")
        _ = try fixture.service.createConcept(fixture.ada, in: acme, appID: "alpha", id: "billing", name: "Billing")
        let console = fixture.console()
        console.switchContext(acme)
        console.send(.open)
        console.send(.selectSection(2))
        console.send(.edit)
        _ = try fixture.service.renameConcept(fixture.ada, in: acme, appID: "alpha", id: "billing", name: "Invoices")
        for _ in 0..<7 { console.send(.backspace) }
        console.type("Money")
        console.send(.submit)
        guard case .form(let form) = console.state.overlay else { Issue.record("the form closed"); return }
        #expect(form.error == "Saved elsewhere meanwhile: Enter saves yours over it, Esc keeps theirs. Now: name \"Invoices\"")
        #expect(try fixture.service.concepts(fixture.ada, in: acme, appID: "alpha").first?.name == "Invoices")
        console.send(.submit)
        #expect(console.state.flash == .info("renamed concept billing"))
        #expect(try fixture.service.concepts(fixture.ada, in: acme, appID: "alpha").first?.name == "Money")
    }

    @Test func scopesChangedElsewhereKeepThePickersMarks() throws {
        let service = try DemoDatabase.make()
        let (console, page) = try ConsoleViewModel.demo(service, app: "support-triage", section: "Collaborators")
        let section = try #require(page.section as? CollaboratorsSection)
        #expect(section.state.list.selected?.user.username == "olivia")
        console.send(.edit)
        let hedy = try DemoDatabase.session(service, "hedy")
        let theirs: Set<CollaboratorScope> = [.inputsRead, .inputsWrite, .modelsTrain, .predict]
        _ = try service.updateCollaborator(hedy, in: .organization("acme"), appID: "support-triage", username: "olivia", scopes: theirs)
        console.send(.text(" "))  // the first scope, toggled
        guard case .picker(let before) = console.state.overlay else { Issue.record("no scope picker"); return }
        let mine = Set(before.marked.compactMap(CollaboratorScope.init(rawValue:)))
        console.send(.submit)
        guard case .picker(let kept) = console.state.overlay else { Issue.record("the picker closed"); return }
        #expect(kept.error == "Changed elsewhere to \(CollaboratorScope.text(theirs)): Enter sets yours, Esc keeps theirs")
        #expect(Set(kept.marked) == Set(mine.map(\.rawValue)), "the marks stay as the user left them")
        #expect(section.state.list.selected?.scopes == theirs)
        console.send(.submit)
        #expect(section.state.list.selected?.scopes == mine)
    }
}
