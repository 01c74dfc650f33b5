import Foundation
import OrgdeckCore
import OrgdeckTestSupport
import Testing
@testable import OrgdeckViewModels

/// Workflows, the graph editor, the Collaborations pane and the Collaborators section through
/// the pane protocol, on the demo: events in, whole state out.
@Suite struct WorkflowPanesTests {
    let service: OrgService

    init() throws { service = try DemoDatabase.make() }

    func console(_ username: String = DemoAccounts.admin) throws -> ConsoleViewModel {
        let console = ConsoleViewModel(service: service, session: try DemoDatabase.session(service, username))
        console.send(.firstFramePainted)
        return console
    }

    /// Ada on Acme's app `appID`, in its section titled `title`.
    func appSection<Section>(_ appID: String, _ title: String, as: Section.Type) throws -> (ConsoleViewModel, Section) {
        let console = try console()
        console.switchContext(.organization("acme"))
        console.pushPage(.app(appID)); console.syncState()
        let page = try #require(console.appDetail)
        console.send(.selectSection(try #require(page.sections.firstIndex { $0.title == title })))
        return (console, try #require(page.section as? Section))
    }

    /// Olivia, outside Acme, on Support Triage (shared with her) opened from Collaborations.
    func oliviaOnTheSharedApp() throws -> (ConsoleViewModel, AppPageViewModel) {
        let console = try console("olivia")
        if case .inbox = console.state.overlay { console.send(.back) }  // her pending invitation opens first
        console.send(.selectPane(.collaborations))
        console.send(.open)
        return (console, try #require(console.appDetail))
    }

    /// Ada in Support Triage's Workflows section.
    func workflows() throws -> (ConsoleViewModel, WorkflowsSection) {
        try appSection("support-triage", "Workflows", as: WorkflowsSection.self)
    }

    func picker(_ console: ConsoleViewModel) throws -> PickerState {
        guard case .picker(let picker) = console.state.overlay else { throw CoreError.invalid("overlay", "no picker: \(console.state.overlay)") }
        return picker
    }

    @Test func theEditorAddsANodeFromPickersAndSaves() throws {
        let (console, section) = try workflows()
        #expect(section.state.list.rows.map(\.id) == ["triage-flow"])
        console.send(.new)
        console.type("two-step")
        console.send(.submit)
        #expect(console.state.screen == .workflow(WorkflowRef(context: .organization("acme"), appID: "support-triage", workflowID: "two-step")))
        let page = try #require(console.front as? WorkflowPageViewModel)
        let editor = try #require(page.editor)
        #expect(editor.state.draft.nodes.isEmpty && editor.commands.first { $0.event == .save }?.refusal == "nothing to save")
        // n: the classifier at its latest trained version, fed by the input.
        console.send(.new)
        #expect(try picker(console).options.map(\.value) == ["confident", "ticket-router", "urgent-words"])
        console.type("ticket"); console.send(.submit)
        #expect(try picker(console).title == "Version of ticket-router")
        console.send(.submit)
        #expect(editor.state.draft == WorkflowGraph(nodes: [WorkflowNode(id: "n1", model: "ticket-router")],
                                                     edges: [WorkflowEdge(from: "input", to: "n1")]))
        #expect(editor.state.selected == "n1" && editor.state.isDirty)
        // n again: the thresholder, fed by n1 (marked with Space).
        console.send(.new); console.type("conf"); console.send(.submit); console.send(.submit)
        #expect(try picker(console).multiple)
        console.send(.text(" ")); console.send(.submit)
        #expect(editor.state.draft.edges.last == WorkflowEdge(from: "n1", to: "n2") && editor.state.selected == "n2")
        // A refused edit leaves the graph as it was: the last input of n2 cannot go.
        #expect(console.refusals["remove input"] == "n2 has only this input: add another first, or remove the node",
                "greyed before the key is pressed")
        #expect(console.refusals["add input"] == "every other node already feeds n2")
        console.send(.unlabel)
        #expect(console.state.flash == .warn("n2 has only this input: add another first, or remove the node"))
        // Removing n1 would leave n2 without input: refused by the core's rules, the draft unchanged.
        let before = editor.state.draft
        console.send(.move(.up))
        console.send(.delete)
        #expect(editor.state.draft == before && console.state.flash?.level == .warn)
        console.send(.save)
        #expect(console.state.flash == .info("saved two-step (version 2)"))
        #expect(try service.workflow(try DemoDatabase.session(service, "ada"), in: .organization("acme"), appID: "support-triage",
                                     id: "two-step").graph == before)
        // Run: each node's output, the result.
        console.send(.selectSection(1))
        console.send(.open); console.type("I was charged twice, refund please"); console.send(.submit)
        let run = try #require((page.section as? WorkflowRunSection)?.state.run)
        #expect(run.nodes.map(\.nodeID) == ["n1", "n2"] && run.result.map(\.nodeID) == ["n2"])
        #expect(run.result[0].concepts.first?.concept == "billing")
    }

    @Test func aFeedPickerWhoseFilterMatchesNothingStaysOpenAndSaysWhy() throws {
        let (console, _) = try workflows()
        console.send(.new); console.type("feeds"); console.send(.submit)
        let editor = try #require((console.front as? WorkflowPageViewModel)?.editor)
        console.send(.new); console.type("ticket"); console.send(.submit); console.send(.submit)
        console.send(.new); console.type("conf"); console.send(.submit); console.send(.submit)
        console.type("jj")
        console.send(.submit)
        let stillOpen = try picker(console)
        #expect(stillOpen.error == "choose the node that feeds it: the filter \"jj\" matches none")
        #expect(editor.state.draft.nodes.count == 1, "nothing added yet")
        console.send(.backspace); console.send(.backspace)
        console.send(.submit)
        #expect(console.state.overlay == .none)
        #expect(editor.state.draft.edges.last == WorkflowEdge(from: "n1", to: "n2"), "the node under the cursor feeds it")
    }

    /// triage-flow open in the editor with an edit not saved: its second node pinned to a version.
    func editedGraph() throws -> (ConsoleViewModel, WorkflowEditorSection, selected: String) {
        let (console, _) = try workflows()
        console.send(.open)
        let page = try #require(console.front as? WorkflowPageViewModel)
        let editor = try #require(page.editor)
        console.send(.move(.down))
        let selected = try #require(editor.state.selected)
        console.send(.toggleView)
        console.send(.move(.down)); console.send(.submit)
        return (console, editor, selected)
    }

    @Test func aSaveOfAGraphChangedElsewhereAsksBeforeSavingOverItAndEscAsksBeforeDiscarding() throws {
        let (console, editor, selected) = try editedGraph()
        #expect(editor.state.isDirty && editor.state.draft.node(selected)?.version != nil)
        let ada = try DemoDatabase.session(service, "ada")
        _ = try service.updateWorkflow(ada, in: .organization("acme"), appID: "support-triage", id: "triage-flow", name: "Renamed")
        console.send(.externalChange)
        #expect(editor.state.changedElsewhere && editor.state.isDirty, "the draft is kept")
        console.send(.save)
        guard case .confirm(let confirm) = console.state.overlay else { Issue.record("no choice offered: \(console.state.overlay)"); return }
        #expect(confirm.title == "Saved elsewhere meanwhile" && confirm.verb == "save mine")
        console.send(.cancel)
        #expect(console.state.overlay == .none && editor.state.isDirty, "Esc keeps editing, the draft whole")
        console.send(.back)
        #expect(console.state.overlay != .none, "Esc asks before discarding")
        console.send(.submit)
        #expect(console.state.screen == .app("support-triage"))
    }

    @Test func removingANodeAsksFirstAndABreakingRemovalIsRefusedOnTheKey() throws {
        let (console, _) = try workflows()
        console.send(.open)
        let editor = try #require((console.front as? WorkflowPageViewModel)?.editor)
        for _ in 0..<editor.state.draft.nodes.count where editor.state.selected != "keywords" { console.send(.move(.down)) }
        #expect(editor.state.selected == "keywords")
        console.send(.delete)
        guard case .confirm(let confirm) = console.state.overlay else { Issue.record("no confirmation"); return }
        #expect(confirm.title == "Remove node" && confirm.message.contains("keywords"))
        console.send(.cancel)
        #expect(editor.state.draft.node("keywords") != nil, "Esc keeps it")
        console.send(.delete)
        console.send(.submit)
        #expect(editor.state.draft.node("keywords") == nil && editor.state.isDirty)
        // The router feeds the thresholder: removing it would break the graph, refused before asking.
        for _ in 0..<3 where editor.state.selected != "route" { console.send(.move(.up)) }
        #expect(editor.state.selected == "route")
        console.send(.delete)
        #expect(console.state.overlay == .none && console.state.flash?.level == .warn)
        #expect(editor.state.draft.node("route") != nil)
    }

    @Test func aPinnedVersionIsNamedByItsNumberAsThePickersNameIt() throws {
        let (_, editor, selected) = try editedGraph()
        let node = try #require(editor.state.draft.node(selected))
        let version = try #require(node.version)
        let number = try #require([editor.state.model(node.model)?.latestTrained, editor.state.model(node.model)?.latest]
            .compactMap { $0 }.first { $0.id == version }?.number)
        #expect(editor.state.versionLabel(model: node.model, version: version) == "v\(number)")
        #expect(editor.state.versionLabel(model: node.model, version: "ver_unknown1234") == "@1234", "an older one by the end of its ID")
    }

    @Test func aGraphSavedElsewhereIsSavedOverOnPurpose() throws {
        let (console, editor, selected) = try editedGraph()
        let draft = editor.state.draft
        let ada = try DemoDatabase.session(service, "ada")
        _ = try service.updateWorkflow(ada, in: .organization("acme"), appID: "support-triage", id: "triage-flow", name: "Renamed")
        console.send(.save)
        console.send(.submit)
        let saved = try service.workflow(ada, in: .organization("acme"), appID: "support-triage", id: "triage-flow")
        #expect(saved.graph == draft && saved.graph.node(selected)?.version != nil, "the graph on screen is the one saved")
        #expect(console.state.flash?.text.hasPrefix("saved triage-flow") == true && !editor.state.isDirty)
    }

    @Test func everyWayOutOfAnEditedGraphAsksFirst() throws {
        let (console, editor, _) = try editedGraph()
        #expect(editor.state.isDirty)
        let screen = console.state.screen
        // A pane key, the profile menu's context, the palette, the Run tab's Esc and quit all ask.
        let ways: [(String, () -> Void)] = [
            ("pane key", { console.send(.selectPane(.billing)) }),
            ("profile menu", { console.send(.profileMenu); console.send(.text("0")) }),
            ("palette", { console.send(.palette); console.type("security"); console.send(.submit) }),
            ("Esc on Run", { console.send(.selectSection(1)); console.send(.back) }),
            ("quit", { console.send(.quit) }),
        ]
        for (way, leave) in ways {
            leave()
            guard case .confirm(let confirm) = console.state.overlay else { Issue.record("\(way): no question"); continue }
            #expect(confirm.message.hasPrefix("The graph of triage-flow has changes that are not saved"), "\(way)")
            console.send(.cancel)
            #expect(console.state.screen == screen && editor.state.isDirty, "\(way): Esc keeps the page and the draft")
            console.send(.selectSection(0))
        }
        #expect(console.send(.quit).isEmpty, "quitting waits for the answer")
        #expect(console.send(.submit) == [.quit], "discarding quits")
        console.send(.selectPane(.billing))
        console.send(.submit)
        #expect(console.state.overlay == .none && console.state.screen == .pane(.billing), "discarding goes where the key said")
    }

    @Test func sOnTheRunTabTogglesTheStar() throws {
        let (console, _) = try workflows()
        console.send(.open)
        let page = try #require(console.front as? WorkflowPageViewModel)
        console.send(.nextFocus)
        #expect(page.section is WorkflowRunSection)
        let before = page.editor?.state.workflow?.starred == true
        console.send(.star)
        #expect(page.editor?.state.workflow?.starred == !before, "the page's star follows at once")
        #expect(console.focusCommands.first { $0.event == .star }?.label == (before ? "star" : "unstar"))
        console.send(.star)
        #expect(page.editor?.state.workflow?.starred == before, "a second s toggles back")
    }

    @Test func trainingAThresholderSaysNothingIsBilled() throws {
        let (console, models) = try appSection("support-triage", "Models", as: ModelsSection.self)
        console.send(.selectIndex(try #require(models.state.list.rows.firstIndex { $0.type == .conceptThresholder })))
        console.send(.train)
        guard case .confirm(let confirm) = console.state.overlay else { Issue.record("no question"); return }
        #expect(confirm.message.hasSuffix("no input is read or billed."), "\(confirm.message)")
    }

    @Test func aThresholdersPageOffersNoTextToPredict() throws {
        let (console, models) = try appSection("support-triage", "Models", as: ModelsSection.self)
        console.send(.selectIndex(try #require(models.state.list.rows.firstIndex { $0.type == .conceptThresholder })))
        console.send(.open)
        guard case .model = console.state.screen else { Issue.record("no model page: \(console.state.screen)"); return }
        console.send(.open)
        #expect(!console.acceptsText, "no text box to type into")
        #expect(console.state.flash == .warn("a concept thresholder takes concepts, not text: it runs in a workflow, after a model that finds them"))
    }

    @Test func aKeyThatNeedsARowSaysSoOnAnEmptyList() throws {
        let console = try console("barbara")
        console.send(.selectPane(.collaborations))
        console.send(.leave)
        #expect(console.state.overlay == .none)
        #expect(console.state.flash == .warn("no app selected"), "not silence")
    }

    @Test func aCollaboratorOpensTheSharedAppWithOnlyTheSectionsOfTheirScopes() throws {
        let console = try console("olivia")
        if case .inbox = console.state.overlay { console.send(.back) }  // her pending invitation opens first
        console.send(.selectPane(.collaborations))
        let pane = try #require(console.front as? CollaborationsPane)
        let shared = try #require(pane.section as? SharedWithYouSection)
        #expect(shared.state.list.rows.map { "\($0.ownerLabel)/\($0.app.id)" } == ["acme/support-triage"])
        console.send(.open)
        #expect(console.state.screen == .sharedApp(AppRef(context: .organization("acme"), appID: "support-triage")))
        // The header names the owner she acts in, and her standing there.
        #expect(console.state.visiting?.title == "acme" && console.state.visiting?.standing == "not a member")
        let page = try #require(console.appDetail)
        #expect(page.sections.map(\.title) == ["Overview", "Inputs", "Concepts", "Models", "Workflows"])
        console.send(.selectSection(1))
        console.send(.upload)
        #expect(console.state.flash == .warn("your collaboration on support-triage does not grant inputs:write"))
        console.send(.delete)
        #expect(console.state.overlay == .none && console.state.flash?.level == .warn, "the app's own operations are refused on the key")
        console.send(.back)
        console.send(.leave)
        console.type("support-triage"); console.send(.submit)
        #expect(shared.state.list.rows.isEmpty && console.state.flash == .info("you no longer collaborate on support-triage"))
    }

    @Test func aCollaboratorsSidebarFollowsScopesChangedElsewhere() throws {
        let (console, page) = try oliviaOnTheSharedApp()
        console.send(.selectSection(try #require(page.sections.firstIndex { $0.title == "Models" })))
        let models = try #require(page.section as? ModelsSection)
        let admin = try DemoDatabase.session(service, DemoAccounts.admin), acme = Context.organization("acme")
        // Another session narrows the collaboration: Models stays, and stays in front.
        _ = try service.updateCollaborator(admin, in: acme, appID: "support-triage", username: "olivia", scopes: [.modelsRead, .predict])
        console.send(.externalChange)
        #expect(page.sections.map(\.title) == ["Overview", "Concepts", "Models"])
        #expect(page.section === models)
        #expect(console.state.flash == .warn("your collaboration on app support-triage no longer reaches Inputs or Workflows"))
        // Then takes models away while Models is in front: the page goes back to the overview and says why.
        _ = try service.updateCollaborator(admin, in: acme, appID: "support-triage", username: "olivia", scopes: [.predict])
        console.send(.externalChange)
        #expect(page.sections.map(\.title) == ["Overview"])
        #expect(page.section.title == "Overview")
        #expect(console.state.flash == .warn("your collaboration on app support-triage no longer reaches Concepts or Models"))
        #expect(console.state.screen == .sharedApp(AppRef(context: acme, appID: "support-triage")))
    }

    @Test func aModelPageClosesWhenTheCollaborationNoLongerReachesIt() throws {
        let (console, page) = try oliviaOnTheSharedApp()
        console.send(.selectSection(try #require(page.sections.firstIndex { $0.title == "Models" })))
        let models = try #require(page.section as? ModelsSection)
        console.send(.selectIndex(try #require(models.state.list.rows.firstIndex { $0.id == "urgent-words" })))
        console.send(.open)
        guard case .model = console.state.screen else { Issue.record("no model page: \(console.state.screen)"); return }
        let admin = try DemoDatabase.session(service, DemoAccounts.admin)
        _ = try service.updateCollaborator(admin, in: .organization("acme"), appID: "support-triage", username: "olivia",
                                           scopes: [.inputsRead])
        console.send(.externalChange)
        if case .model = console.state.screen { Issue.record("the model's data is still shown") }
        #expect(console.state.flash?.text.hasPrefix("model urgent-words closed: your collaboration") == true, "\(String(describing: console.state.flash))")
    }

    @Test func anAppOutOfReachSaysWhyItMayHaveGone() throws {
        let admin = try DemoDatabase.session(service, DemoAccounts.admin)
        let radia = try console("radia")
        radia.switchContext(.organization("acme"))
        radia.pushPage(.app("weld-defects")); radia.syncState()
        try service.removeTeamApp(admin, organizationID: "acme", teamID: "vision", appID: "weld-defects")
        radia.send(.externalChange)
        #expect(radia.state.flash == .warn("app weld-defects is out of your reach now: deleted, or the access your team gave ended"))
        #expect(radia.appDetail == nil)

        let (olivia, _) = try oliviaOnTheSharedApp()
        try service.removeCollaborator(admin, in: .organization("acme"), appID: "support-triage", username: "olivia")
        olivia.send(.externalChange)
        #expect(olivia.state.flash == .warn("app support-triage is no longer shared with you, or was deleted"))
    }

    @Test func theCollaboratorsSectionSharesWithScopesFromAPicker() throws {
        let (console, section) = try appSection("moderation", "Collaborators", as: CollaboratorsSection.self)
        #expect(section.state.list.rows.isEmpty)
        console.send(.new)
        // Who cannot be added is refused at the user step, with what was typed kept.
        console.type("nobody"); console.send(.submit)
        let who = try #require(console.formState)
        #expect(who.error?.hasPrefix("no account nobody") == true && who.value("user") == "nobody", "\(String(describing: who.error))")
        for _ in 0..<6 { console.send(.backspace) }
        console.type("olivia@example.org"); console.send(.submit)
        let scopes = try picker(console)
        #expect(scopes.multiple && scopes.marked == ["inputs:read", "models:read", "predict"])
        console.send(.submit)
        #expect(section.state.list.rows.map(\.user.username) == ["olivia"])
        console.send(.delete)
        console.type("olivia"); console.send(.submit)
        #expect(section.state.list.rows.isEmpty)
        let dennis = try self.console("dennis")
        dennis.switchContext(.organization("acme"))
        dennis.pushPage(.app("moderation"))
        #expect(dennis.appDetail?.sections.contains { $0.title == "Collaborators" } == false, "an Organization User manages no collaborators")
    }
}
