import OrgdeckCore

/// The app operations shared by My Apps and the app page: building their forms and confirm
/// dialogs, and carrying them out through the core when submitted.
public struct AppActions {
    let service: OrgService
    let session: Session
    let context: Context

    public init(service: OrgService, session: Session, context: Context) {
        self.service = service; self.session = session; self.context = context
    }

    static let idHint = "letters and digits, single - or _ between, at most 32"

    public func newAppForm() -> FormState {
        FormState(purpose: .createApp, title: "New app", fields: [
            FormField(key: "id", label: "App ID", hint: Self.idHint, maxLength: 32),
            FormField(key: "name", label: "Name", hint: "defaults to the ID", maxLength: 100),
            FormField(key: "description", label: "Description", maxLength: 2_000),
        ], submitLabel: "Create")
    }

    public func editForm(_ app: App) -> FormState {
        FormState(purpose: .editApp(id: app.id, version: app.version), title: "Edit \(app.id)", fields: [
            FormField(key: "name", label: "Name", value: app.name, maxLength: 100),
            FormField(key: "description", label: "Description", value: app.description, maxLength: 2_000),
            FormField(key: "labels", label: "Compliance labels", value: app.labels.joined(separator: ", "),
                      hint: "e.g. hipaa, gdpr — teams may require them", maxLength: 300),
        ])
    }

    public func duplicateForm(_ app: App) -> FormState {
        FormState(purpose: .duplicateApp(id: app.id), title: "Duplicate \(app.id)", fields: [
            FormField(key: "id", label: "New app ID", value: "\(app.id)-copy".prefix(32).description, hint: Self.idHint, maxLength: 32),
            FormField(key: "name", label: "New name", value: "\(app.name) (copy)".prefix(100).description, maxLength: 100),
        ], submitLabel: "Duplicate")
    }

    /// Only personal apps move; the form names the organizations the user belongs to.
    public func transferForm(_ app: App) -> Reaction {
        guard context == .personal else {
            return .flash(.warn("only personal apps can be transferred; \(app.id) already belongs to an organization"))
        }
        let orgs = (try? service.memberships(session))?.map(\.organization.id) ?? []
        guard !orgs.isEmpty else {
            return .flash(.warn("you belong to no organization to transfer \(app.id) to"))
        }
        return .form(FormState(purpose: .transferApp(id: app.id), title: "Transfer \(app.id) to an organization", fields: [
            FormField(key: "org", label: "Organization ID", value: orgs.count == 1 ? orgs[0] : "",
                      hint: "one of: " + orgs.joined(separator: ", "), maxLength: 32),
            FormField(key: "id", label: "New app ID", value: app.id, hint: "keep, or pick a free ID there", maxLength: 32),
            FormField(key: "name", label: "New name", value: app.name, maxLength: 100),
        ], submitLabel: "Transfer"))
    }

    public func deleteConfirm(_ app: App) -> ConfirmState {
        ConfirmState(purpose: .deleteApp(id: app.id), title: "Delete app",
                     message: "Delete \(app.name) (\(app.id)) and all its content? This cannot be undone. Type the app ID to confirm.",
                     requiredText: app.id)
    }

    /// Carries out an app form. Returns the app to select afterwards and a flash, or throws the
    /// core's refusal (the form stays open with the user's values).
    public func submit(_ form: FormState) throws -> (appID: String?, flash: Flash) {
        switch form.purpose {
        case .createApp:
            let id = form.value("id")
            let name = form.value("name").isEmpty ? id : form.value("name")
            let app = try service.createApp(session, in: context, id: id, name: name, description: form.value("description"))
            return (app.id, .info("created app \(app.id)"))
        case .editApp(let id, let version):
            // One change against the version the form was opened on: name, description and the
            // whole label set, all or nothing; a label someone added meanwhile makes it stale.
            let app = try service.updateApp(session, in: context, id: id, changes: AppChanges(
                name: form.value("name"), description: form.value("description"),
                labels: AccountViewModel.list(form.value("labels"))), expectedVersion: version)
            return (app.id, .info("saved \(app.id)"))
        case .duplicateApp(let id):
            let name = form.value("name")
            let app = try service.duplicateApp(session, in: context, id: id, newID: form.value("id"),
                                               newName: name.isEmpty ? nil : name)
            return (app.id, .info("duplicated \(id) as \(app.id)"))
        case .transferApp(let id):
            let org = form.value("org")
            let newID = form.value("id")
            let newName = form.value("name")
            let app = try service.transferApp(session, id: id, toOrganization: org,
                                              newID: newID.isEmpty || newID == id ? nil : newID,
                                              newName: newName.isEmpty ? nil : newName)
            return (nil, .info("transferred \(id) to \(org) as \(app.id)"))
        default:
            return (nil, .warn("nothing to do"))
        }
    }

    /// Pins or unpins an app for the signed-in user (pinned apps come first).
    public func togglePin(_ app: App) throws -> Flash {
        try service.setPinned(session, in: context, id: app.id, pinned: !app.pinned)
        return .info(app.pinned ? "unpinned \(app.id)" : "pinned \(app.id)")
    }

    public func delete(id: String) throws -> Flash {
        try service.deleteApp(session, in: context, id: id)
        return .info("deleted app \(id)")
    }
}
