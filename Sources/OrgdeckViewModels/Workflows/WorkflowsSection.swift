import OrgdeckCore

extension Workflow: ListItem {
    public var listID: String { id }
}

/// An app's workflows: search, create (then the editor opens), duplicate, delete (typing the
/// ID), star, visibility; Enter opens a workflow's page, where its graph is built and run.
public final class WorkflowsSection: ListSection<Workflow, WorkflowsSection.Purpose> {
    public enum Purpose: Equatable, Sendable {
        case create
        case duplicate(id: String)
        case delete(id: String)
        case visibility(id: String)
    }

    let appID: String
    private let app: () -> App?

    init(env: PaneEnvironment, appID: String, screen: Screen, app: @escaping () -> App?) {
        self.appID = appID
        self.app = app
        super.init(env: env, title: "Workflows", screen: screen, searchable: true, chrome: 2)
    }

    override func load() throws -> [Workflow] { try env.service.workflows(env.session, in: env.context, appID: appID) }

    override func matches(_ workflow: Workflow, _ text: String) -> Bool {
        workflow.id.lowercased().contains(text) || workflow.name.lowercased().contains(text)
    }

    private var editRefusal: String? { env.refusal(.editAppContent, app: app(), scopes: [.workflowsWrite]) }
    private var visibilityRefusal: String? { env.refusal(.setModelVisibility, app: app(), scopes: [.workflowsWrite]) }

    func ref(_ id: String) -> WorkflowRef { WorkflowRef(context: env.context, appID: appID, workflowID: id) }

    override func handle(_ event: ConsoleEvent, selected: Workflow?) -> [Reaction]? {
        if event == .new {
            if let editRefusal { return refused(editRefusal) }
            return present(.form(FormState(title: "New workflow", fields: [
                FormField(key: "id", label: "Workflow ID", hint: AppActions.idHint, maxLength: 32),
                FormField(key: "name", label: "Name", maxLength: 100),
            ], submitLabel: "Create")), for: .create)
        }
        guard let workflow = selected else {
            return [.open, .duplicate, .delete, .star, .visibility, .copyID].contains(event) ? [] : nil
        }
        switch event {
        case .open: return [.push(.workflow(ref(workflow.id)))]
        case .duplicate:
            if let editRefusal { return refused(editRefusal) }
            return present(.form(FormState(title: "Duplicate workflow \(workflow.id)", fields: [
                FormField(key: "id", label: "New ID", value: workflow.id + "-copy", hint: AppActions.idHint, maxLength: 32),
                FormField(key: "name", label: "Name", value: workflow.name + " copy", maxLength: 100),
            ], submitLabel: "Duplicate")), for: .duplicate(id: workflow.id))
        case .delete:
            if let editRefusal { return refused(editRefusal) }
            return present(.confirm(ConfirmState(title: "Delete workflow",
                message: "Delete workflow \(workflow.name) (\(workflow.id))? Type the workflow ID to confirm.",
                requiredText: workflow.id, verb: "delete")), for: .delete(id: workflow.id))
        case .visibility:
            if let visibilityRefusal { return refused(visibilityRefusal) }
            let next = workflow.visibility == .private ? "public" : "private"
            return present(.confirm(ConfirmState(title: "Make \(next)",
                message: workflow.visibility == .private
                    ? "Make \(workflow.id) public? Any signed-in user will be able to see it, star it and run it."
                    : "Make \(workflow.id) private? Only those who reach app \(appID) will see it.",
                requiredText: nil, verb: "make \(next)")), for: .visibility(id: workflow.id))
        case .star:
            if let reason = env.refusalToChange { return refused(reason) }
            do {
                let updated = try env.service.starWorkflow(env.session, in: env.context, appID: appID, id: workflow.id,
                                                           starred: !workflow.starred)
                reload(selecting: workflow.id)
                return [.flash(.info(updated.starred ? "starred \(workflow.id)" : "unstarred \(workflow.id)"))]
            } catch { return [.flash(.error(error.userMessage))] }
        case .copyID: return [.effect(.copy(workflow.id))]
        default: return nil
        }
    }

    override func carryOut(_ purpose: Purpose, _ dialog: Dialog) throws -> [Reaction] {
        switch (purpose, dialog) {
        case (.create, .form(let form)):
            let created = try env.service.createWorkflow(env.session, in: env.context, appID: appID, id: form.value("id"),
                                                         name: form.value("name"))
            reload(selecting: created.id)
            return [.push(.workflow(ref(created.id))), .flash(.info("created workflow \(created.id)" + env.keys.suggest(.new, ": %k adds its first node")))]
        case (.duplicate(let id), .form(let form)):
            let copy = try env.service.duplicateWorkflow(env.session, in: env.context, appID: appID, id: id, newID: form.value("id"),
                                                         newName: form.value("name"))
            reload(selecting: copy.id)
            return [.flash(.info("duplicated \(id) as \(copy.id)"))]
        case (.delete(let id), .confirm):
            try env.service.deleteWorkflow(env.session, in: env.context, appID: appID, id: id)
            _ = reload()
            return [.flash(.info("deleted workflow \(id)"))]
        case (.visibility(let id), .confirm):
            guard let workflow = state.all.first(where: { $0.id == id }) else { return [] }
            let next: ModelVisibility = workflow.visibility == .private ? .public : .private
            _ = try env.service.setWorkflowVisibility(env.session, in: env.context, appID: appID, id: id, next)
            reload(selecting: id)
            return [.flash(.info("\(id) is now \(next.rawValue)"))]
        case (.create, _), (.duplicate, _), (.delete, _), (.visibility, _):
            return []
        }
    }

    override var listCommands: [PaneCommand] {
        let none = needsItem("workflow")
        return [PaneCommand(.open, "open", refusal: none), PaneCommand(.new, "new workflow", refusal: editRefusal),
                PaneCommand(.star, state.list.selected?.starred == true ? "unstar" : "star", refusal: none ?? env.refusalToChange),
                PaneCommand(.duplicate, "duplicate", refusal: none ?? editRefusal),
                PaneCommand(.visibility, "visibility", refusal: none ?? visibilityRefusal),
                PaneCommand(.delete, "delete", refusal: none ?? editRefusal),
                PaneCommand(.filter, "search"), PaneCommand(.copyID, "copy ID", refusal: none)]
    }
}
