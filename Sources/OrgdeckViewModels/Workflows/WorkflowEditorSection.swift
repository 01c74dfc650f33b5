import OrgdeckCore

/// What the graph editor shows: the saved workflow, the draft being edited and the node in
/// focus, with the app's models for the pickers.
public struct WorkflowEditorState: Equatable, Sendable {
    public var workflow: Workflow?
    public var draft = WorkflowGraph()
    public var selected: String?
    public var models: [AppModel] = []
    public var error: String?
    /// Someone else saved the workflow after the draft was started.
    public var changedElsewhere = false
    /// The version the draft started from: saving it over a later one is refused as stale.
    public var baseVersion = 0

    /// Whether the draft differs from what is saved.
    public var isDirty: Bool { workflow.map { $0.graph != draft } ?? false }

    public func model(_ id: String) -> AppModel? { models.first { $0.id == id } }

    /// How a node's pinned version is named on the graph: its number, as the pickers name it,
    /// when it is one the app's models list (their latest and latest trained); else the end
    /// of its ID.
    public func versionLabel(model id: String, version: String) -> String {
        let known = [model(id)?.latestTrained, model(id)?.latest].compactMap { $0 }.first { $0.id == version }
        return known.map { "v\($0.number)" } ?? "@" + String(version.suffix(4))
    }
}

/// A workflow's graph, built from the keyboard: `n` adds a node (a model, its version, and what
/// feeds it), `+` feeds the node in focus from another, `-` removes one of its inputs, `v`
/// chooses its version, `e` renames it, `d` removes it, `w` saves; ↑↓ move between nodes.
/// Every edit is checked by the core's rules before it is applied: a refused one says why and
/// leaves the graph as it was. Saving an edit of a workflow changed meanwhile is refused.
public final class WorkflowEditorSection: SectionModel, DialogOwner {
    enum Purpose: Equatable, Sendable {
        case model
        case version(model: String, adding: Bool)
        case sources(model: String, version: String?)
        case connect, disconnect, rename, discard
        case removeNode(String)
        /// Saving over a version saved elsewhere meanwhile, on purpose.
        case overwrite(version: Int)
    }

    public internal(set) var state = WorkflowEditorState()
    let env: PaneEnvironment
    public let ref: WorkflowRef
    var open: DialogSlot<Purpose>?
    private let app: () -> App?

    init(env: PaneEnvironment, ref: WorkflowRef, app: @escaping () -> App?) {
        self.env = env; self.ref = ref; self.app = app
    }

    public var title: String { "Graph" }
    public var screen: Screen { .workflow(ref) }
    public var dialog: Dialog? { openDialog }
    public var acceptsText: Bool { dialog?.acceptsText ?? false }

    var editRefusal: String? { env.refusal(.editAppContent, app: app(), scopes: [.workflowsWrite]) }

    public func reload() -> [Reaction] {
        do {
            let saved = try env.service.workflow(env.session, in: ref.context, appID: ref.appID, id: ref.workflowID)
            if let before = state.workflow, state.isDirty {
                // Keep the user's edits; saving them will be refused if someone else saved meanwhile.
                state.changedElsewhere = state.changedElsewhere || saved.version != before.version
            } else {
                state.draft = saved.graph
                state.baseVersion = saved.version
                state.changedElsewhere = false
            }
            state.workflow = saved
            state.models = (try? env.service.models(env.session, in: ref.context, appID: ref.appID)) ?? state.models
            if state.selected.map({ state.draft.node($0) == nil }) ?? true { state.selected = order.first }
            state.error = nil
        } catch let error as CoreError where error.kind == .notFound && state.workflow != nil {
            return [.pop, .flash(.warn("workflow \(ref.workflowID) was deleted elsewhere"))]
        } catch { state.error = error.userMessage }
        return []
    }

    /// The nodes in the order they run (and the focus moves).
    var order: [String] { WorkflowValidation.order(state.draft) ?? state.draft.nodes.map(\.id) }

    /// Applies `graph` when the core's rules accept it; otherwise says why and changes nothing.
    func apply(_ graph: WorkflowGraph, select: String? = nil, message: String) throws -> [Reaction] {
        try env.service.checkWorkflow(env.session, in: ref.context, appID: ref.appID, graph: graph)
        state.draft = graph
        if let select { state.selected = select }
        if state.selected.map({ graph.node($0) == nil }) ?? true { state.selected = order.first }
        return [.flash(.info(message + " · w saves"))]
    }

    public func send(_ event: ConsoleEvent) -> [Reaction]? {
        if let reactions = routeDialog(event) { return reactions }
        let ids = order
        let index = state.selected.flatMap { ids.firstIndex(of: $0) }
        switch event {
        case .move(.down): if !ids.isEmpty { state.selected = ids[min(ids.count - 1, (index ?? -1) + 1)] }; return []
        case .move(.up): if !ids.isEmpty { state.selected = ids[max(0, (index ?? 1) - 1)] }; return []
        case .top: state.selected = ids.first; return []
        case .bottom: state.selected = ids.last; return []
        case .back where state.isDirty:
            return present(.confirm(ConfirmState(title: "Unsaved changes", message: "Leave without saving the changes to the graph?",
                                                 requiredText: nil, verb: "discard")), for: .discard)
        case .save: return save()
        default: break
        }
        guard [.new, .label, .unlabel, .delete, .edit, .toggleView].contains(event) else { return nil }
        if let editRefusal { return refused(editRefusal) }
        return WorkflowEdits(section: self).begin(event)
    }

    func save() -> [Reaction] {
        if let editRefusal { return refused(editRefusal) }
        guard state.workflow != nil else { return [] }
        guard state.isDirty else { return [.flash(.info("nothing to save"))] }
        do {
            let saved = try env.service.updateWorkflow(env.session, in: ref.context, appID: ref.appID, id: ref.workflowID,
                                                       graph: state.draft, expectedVersion: state.baseVersion)
            state.workflow = saved
            state.draft = saved.graph
            state.baseVersion = saved.version
            state.changedElsewhere = false
            return [.flash(.info("saved \(ref.workflowID) (version \(saved.version))"))]
        } catch let error as CoreError where error == .stale {
            // Someone saved meanwhile: the draft stays, and saving it over theirs is one
            // confirmation away (their graph is the version they saved; ours is on screen).
            guard let current = try? env.service.workflow(env.session, in: ref.context, appID: ref.appID, id: ref.workflowID) else {
                return [.flash(.error(error.userMessage))]
            }
            state.workflow = current
            state.changedElsewhere = true
            return present(.confirm(ConfirmState(title: "Saved elsewhere meanwhile",
                message: "\(ref.workflowID) was saved by someone else (now version \(current.version)) while you edited. "
                    + "Enter saves your graph over theirs; Esc keeps editing, and leaving without saving keeps theirs.",
                requiredText: nil, verb: "save mine")), for: .overwrite(version: current.version))
        } catch {
            return [.flash(.error(error.userMessage))]
        }
    }

    func carryOut(_ purpose: Purpose, _ dialog: Dialog) throws -> [Reaction] {
        if purpose == .discard {
            state.draft = state.workflow?.graph ?? WorkflowGraph()
            return [.pop, .flash(.info("changes to \(ref.workflowID) discarded"))]
        }
        if case .overwrite(let version) = purpose {
            state.baseVersion = version
            return save()
        }
        return try WorkflowEdits(section: self).carryOut(purpose, dialog)
    }

    public var commands: [PaneCommand] {
        if let dialog { return dialog.commands }
        let none = state.selected == nil ? "no node selected" : nil
        let edits = WorkflowEdits(section: self), node = edits.selected
        return [PaneCommand(.new, "add node", refusal: editRefusal),
                PaneCommand(.label, "add input", refusal: none ?? editRefusal ?? node.flatMap(edits.refusalToConnect)),
                PaneCommand(.unlabel, "remove input", refusal: none ?? editRefusal ?? node.flatMap(edits.refusalToDisconnect)),
                PaneCommand(.toggleView, "version", refusal: none ?? editRefusal),
                PaneCommand(.edit, "rename", refusal: none ?? editRefusal),
                PaneCommand(.delete, "remove node", refusal: none ?? editRefusal),
                PaneCommand(.save, "save", refusal: editRefusal ?? (state.isDirty ? nil : "nothing to save"))]
    }
}
