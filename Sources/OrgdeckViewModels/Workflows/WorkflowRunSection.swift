import OrgdeckCore

/// What the Run tab shows: the text, and what the saved workflow made of it.
public struct WorkflowRunState: Equatable, Sendable {
    public var text = TextField("", maxLength: 10_000)
    public var editing = false
    public var run: WorkflowRunResult?
    public var error: String?
}

/// Runs text through the saved workflow: Enter puts the cursor in the text box, Enter again
/// runs it (one metered prediction per node) and shows each node's output in the order they
/// ran, the time each took, and the result.
public final class WorkflowRunSection: SectionModel {
    public internal(set) var state = WorkflowRunState()
    let env: PaneEnvironment
    public let ref: WorkflowRef

    init(env: PaneEnvironment, ref: WorkflowRef) { self.env = env; self.ref = ref }

    public var title: String { "Run" }
    public var screen: Screen { .workflow(ref) }
    public var dialog: Dialog? { nil }
    public var acceptsText: Bool { state.editing }

    public func reload() -> [Reaction] { [] }

    func run() {
        guard !state.text.text.trimmingCharacters(in: .whitespaces).isEmpty else { return }
        do {
            state.run = try env.service.predictWorkflow(env.session, in: ref.context, appID: ref.appID, id: ref.workflowID,
                                                        text: state.text.text)
            state.error = nil
        } catch {
            state.run = nil
            state.error = error.userMessage
        }
    }

    public func send(_ event: ConsoleEvent) -> [Reaction]? {
        if state.editing {
            switch event {
            case .submit: run()
            case .cancel, .back: state.editing = false
            default: _ = state.text.apply(event)
            }
            return []
        }
        switch event {
        case .open:
            state.editing = true
            return []
        default: return nil
        }
    }

    public var commands: [PaneCommand] {
        if state.editing { return [PaneCommand(.submit, "run"), PaneCommand(.cancel, "leave the text box")] }
        return [PaneCommand(.open, "type a text to run")]
    }
}

/// A workflow's page: its Graph (the editor, with the layered drawing) and Run. The page holds
/// the workflow's own operations: star and copy ID.
public final class WorkflowPageViewModel: SectionedPage, UnsavedWork {
    let env: PaneEnvironment
    public let ref: WorkflowRef
    public private(set) var app: App?

    public init(env: PaneEnvironment, ref: WorkflowRef) {
        self.env = env
        self.ref = ref
        super.init(screen: .workflow(ref), sections: [])
        app = try? env.service.app(env.session, in: ref.context, id: ref.appID)
        sections = [WorkflowEditorSection(env: env, ref: ref, app: { [weak self] in self?.app }), WorkflowRunSection(env: env, ref: ref)]
        _ = reload()
    }

    public var editor: WorkflowEditorSection? { sections.first as? WorkflowEditorSection }

    var unsavedWork: String? {
        editor?.state.isDirty == true ? "The graph of \(ref.workflowID) has changes that are not saved" : nil
    }

    override func reloadPage() -> [Reaction] {
        app = (try? env.service.app(env.session, in: ref.context, id: ref.appID)) ?? app
        return []
    }

    override func pageSend(_ event: ConsoleEvent) -> [Reaction]? {
        switch event {
        case .star:
            if let reason = env.refusalToChange { return refused(reason) }
            do {
                let starred = !(editor?.state.workflow?.starred ?? false)
                _ = try env.service.starWorkflow(env.session, in: ref.context, appID: ref.appID, id: ref.workflowID, starred: starred)
                _ = reload()
                // The star is read from the editor's workflow, which a reload from Run does not read.
                if selected != 0 { _ = editor?.reload() }
                return [.flash(.info(starred ? "starred \(ref.workflowID)" : "unstarred \(ref.workflowID)"))]
            } catch { return [.flash(.error(error.userMessage))] }
        case .copyID: return [.effect(.copy(ref.workflowID))]
        default: return nil
        }
    }

    override var pageCommands: [PaneCommand] {
        [PaneCommand(.back, "back"),
         PaneCommand(.star, editor?.state.workflow?.starred == true ? "unstar" : "star", refusal: env.refusalToChange),
         PaneCommand(.copyID, "copy ID")]
    }
}
