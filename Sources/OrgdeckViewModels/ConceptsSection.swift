import OrgdeckCore

/// An app's concepts with how many inputs carry each: search, create, rename, delete (after
/// typing the ID; the inputs stay). Changing them needs the edit-content permission.
public final class ConceptsSection: ListSection<Concept, ConceptsSection.Purpose> {
    public enum Purpose: Equatable, Sendable {
        case create
        case rename(id: String)
        case delete(id: String)
    }

    let appID: String

    init(env: PaneEnvironment, appID: String, app: @escaping () -> App?) {
        self.appID = appID
        self.app = app
        super.init(env: env, title: "Concepts", screen: .app(appID), searchable: true, chrome: 2)
    }

    /// The app as the page last read it, for team-limited permissions.
    private let app: () -> App?

    override func load() throws -> [Concept] { try env.service.concepts(env.session, in: env.context, appID: appID) }

    override func matches(_ concept: Concept, _ text: String) -> Bool {
        concept.id.lowercased().contains(text) || concept.name.lowercased().contains(text)
    }

    private var editRefusal: String? { env.refusal(.editAppContent, app: app(), scopes: [.conceptsWrite]) }

    override func handle(_ event: ConsoleEvent, selected: Concept?) -> [Reaction]? {
        if event == .new {
            if let editRefusal { return refused(editRefusal) }
            return present(.form(FormState(title: "New concept", fields: [
                FormField(key: "id", label: "Concept ID", hint: AppActions.idHint, maxLength: 32),
                FormField(key: "name", label: "Name", maxLength: 100),
            ], submitLabel: "Create")), for: .create)
        }
        guard let concept = selected else { return [.edit, .delete, .copyID].contains(event) ? [] : nil }
        switch event {
        case .edit:
            if let editRefusal { return refused(editRefusal) }
            return present(.form(FormState(title: "Rename concept \(concept.id)", fields: [
                FormField(key: "name", label: "Name", value: concept.name, maxLength: 100),
            ])), for: .rename(id: concept.id))
        case .delete:
            if let editRefusal { return refused(editRefusal) }
            let carried = concept.inputCount == 1 ? "1 input keeps its" : "\(concept.inputCount) inputs keep their"
            return present(.confirm(ConfirmState(title: "Delete concept",
                message: "Delete concept \(concept.name) (\(concept.id))? \(carried) content without it. "
                    + "Type the concept ID to confirm.", requiredText: concept.id, verb: "delete")), for: .delete(id: concept.id))
        case .copyID: return [.effect(.copy(concept.id))]
        default: return nil
        }
    }

    override func carryOut(_ purpose: Purpose, _ dialog: Dialog) throws -> [Reaction] {
        switch (purpose, dialog) {
        case (.create, .form(let form)):
            let concept = try env.service.createConcept(env.session, in: env.context, appID: appID, id: form.value("id"),
                                                        name: form.value("name"))
            reload(selecting: concept.id)
            return [.flash(.info("created concept \(concept.id)"))]
        case (.rename(let id), .form(let form)):
            do {
                _ = try env.service.renameConcept(env.session, in: env.context, appID: appID, id: id, name: form.value("name"),
                                                  expectedName: form.original("name"))
            } catch let error as CoreError where error == .stale {
                let current = try reloaded(id, gone: "concept \(id) was deleted meanwhile")
                return present(.form(form.keptOverStale(["name": current.name])), for: purpose)
            }
            _ = reload()
            return [.flash(.info("renamed concept \(id)"))]
        case (.delete(let id), .confirm):
            let carried = try env.service.deleteConcept(env.session, in: env.context, appID: appID, id: id)
            _ = reload()
            return [.flash(.info("deleted concept \(id), removed from \(carried) input\(carried == 1 ? "" : "s")"))]
        case (.create, _), (.rename, _), (.delete, _):
            return []
        }
    }

    override var listCommands: [PaneCommand] {
        let none = needsItem("concept")
        return [PaneCommand(.new, "new concept", refusal: editRefusal),
                PaneCommand(.edit, "rename", refusal: none ?? editRefusal),
                PaneCommand(.delete, "delete", refusal: none ?? editRefusal),
                PaneCommand(.filter, "search"), PaneCommand(.copyID, "copy ID", refusal: none)]
    }
}
