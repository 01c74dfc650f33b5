import Foundation
import OrgdeckCore
import Testing
@testable import OrgdeckViewModels

/// The app page's Concepts section through the pane protocol: events in, whole state out.
@Suite struct ConceptsSectionTests {
    func concepts(_ console: ConsoleViewModel) throws -> ConceptsSection {
        try #require(console.appDetail?.section as? ConceptsSection)
    }

    @Test func createRenameAndDeleteThroughTheirDialogs() throws {
        let fixture = try Fixture()
        let console = fixture.console()
        console.switchContext(.organization("acme"))
        console.send(.open)
        console.send(.selectSection(2))
        let section = try concepts(console)
        #expect(section.state.list.rows.isEmpty)
        console.send(.new)
        console.type("billing")
        console.send(.nextFocus)
        console.type("Billing questions")
        console.send(.submit)
        #expect(section.state.list.rows.map(\.id) == ["billing"])
        #expect(section.state.list.selected?.name == "Billing questions")
        #expect(console.state.flash == .info("created concept billing"))
        console.send(.edit)
        #expect(section.dialog != nil)
        console.send(.submit)
        #expect(console.state.flash == .info("renamed concept billing"))
        console.send(.delete)
        console.send(.submit)
        #expect(section.state.list.rows.count == 1, "not before the ID is typed")
        console.type("billing")
        console.send(.submit)
        #expect(section.state.list.rows.isEmpty)
        #expect(console.state.flash == .info("deleted concept billing, removed from 0 inputs"))
    }

    @Test func anOrganizationUserSeesConceptsButIsRefusedOnTheKey() throws {
        let fixture = try Fixture()
        _ = try fixture.service.createConcept(fixture.ada, in: .organization("acme"), appID: "alpha", id: "x", name: "")
        let console = fixture.console(fixture.bob)
        console.switchContext(.organization("acme"))
        let alpha = try #require(console.myApps?.state.window.firstIndex { $0.id == "alpha" })
        console.send(.selectIndex(alpha))
        console.send(.open)
        console.send(.selectSection(2))
        let section = try concepts(console)
        #expect(section.state.list.rows.map(\.id) == ["x"])
        console.send(.new)
        #expect(section.dialog == nil)
        #expect(console.state.flash?.level == .warn)
        #expect(section.commands.first { $0.event == .new }?.refusal != nil, "the hint is greyed")
    }
}
