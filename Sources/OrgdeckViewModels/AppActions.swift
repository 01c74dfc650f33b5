import OrgdeckCore

/// What an app dialog is for (My Apps and the app page open the same ones).
enum AppPurpose: Equatable, Sendable {
    case create
    case edit(id: String, version: Int)
    case duplicate(id: String)
    /// Picking the organization a personal app moves to.
    case transferTarget(id: String)
    /// Confirming the move, which cannot be undone (only personal apps move).
    case transferConfirm(id: String, organization: String)
    /// The new ID and name in the chosen organization.
    case transfer(id: String, organization: String)
    case delete(id: String)
}

/// How an app operation ended.
enum AppOutcome: Equatable {
    /// Done: say `flash`, select `appID` (nil keeps the cursor); `left` when the app left this
    /// context (deleted, transferred).
    case done(Flash, appID: String?, left: Bool)
    /// The next dialog of the operation.
    case next(Dialog, AppPurpose)
}

/// The app operations shared by My Apps and the app page: each is asked of the permission
/// table first (refused on the key, with the reason, before any dialog opens), then opens its
/// dialog, then is carried out through the core when submitted.
struct AppActions {
    let env: PaneEnvironment
    var service: OrgService { env.service }

    static let idHint = "letters and digits, single - or _ between, at most 32"

    /// `n`: the new-app form, or the refusal.
    func create() -> Result<(Dialog, AppPurpose), Refusal> {
        if let reason = env.refusal(.createApp) { return .failure(Refusal(reason)) }
        return .success((.form(FormState(title: "New app", fields: [
            FormField(key: "id", label: "App ID", hint: Self.idHint, maxLength: 32),
            FormField(key: "name", label: "Name", hint: "defaults to the ID", maxLength: 100),
            FormField(key: "description", label: "Description", maxLength: 2_000),
        ], submitLabel: "Create")), .create))
    }

    /// `e`: a form with the fields the role may change (name, description, labels).
    func edit(_ app: App) -> Result<(Dialog, AppPurpose), Refusal> {
        var fields: [FormField] = []
        if env.refusal(.renameApp, app: app) == nil {
            fields.append(FormField(key: "name", label: "Name", value: app.name, maxLength: 100))
        }
        if env.refusal(.editAppContent, app: app) == nil {
            fields.append(FormField(key: "description", label: "Description", value: app.description, maxLength: 2_000))
        }
        if env.refusal(.labelApps, app: app) == nil {
            fields.append(FormField(key: "labels", label: "Compliance labels", value: app.labels.joined(separator: ", "),
                                    hint: "e.g. hipaa, gdpr — teams may require them", maxLength: 300))
        }
        guard !fields.isEmpty else { return .failure(Refusal(env.refusal(.editAppContent, app: app) ?? "")) }
        return .success((.form(FormState(title: "Edit \(app.id)", fields: fields)), .edit(id: app.id, version: app.version)))
    }

    /// `D`: the duplicate form.
    func duplicate(_ app: App) -> Result<(Dialog, AppPurpose), Refusal> {
        if let reason = env.refusal(.duplicateApp, app: app) { return .failure(Refusal(reason)) }
        return .success((.form(FormState(title: "Duplicate \(app.id)", fields: [
            FormField(key: "id", label: "New app ID", value: "\(app.id)-copy".prefix(32).description, hint: Self.idHint, maxLength: 32),
            FormField(key: "name", label: "New name", value: "\(app.name) (copy)".prefix(100).description, maxLength: 100),
            .flag(key: "content", label: "Copy content", on: true, hint: "inputs, concepts, models, workflows"),
        ], submitLabel: "Duplicate")), .duplicate(id: app.id)))
    }

    /// `t`: only a personal app moves, to an organization where the role may bring apps in.
    func transfer(_ app: App) -> Result<(Dialog, AppPurpose), Refusal> {
        if let reason = env.refusalToChange { return .failure(Refusal(reason)) }
        guard env.context == .personal else {
            return .failure(Refusal("only personal apps can be transferred; \(app.id) already belongs to an organization"))
        }
        let memberships = (try? service.memberships(env.session)) ?? []
        guard !memberships.isEmpty else { return .failure(Refusal("you belong to no organization to transfer \(app.id) to")) }
        let options = memberships.map { membership in
            PickerOption(value: membership.organization.id, label: membership.organization.name,
                         detail: "\(membership.organization.id) · \(membership.role.title)",
                         refusal: Permissions.refusal(.transferAppIn, role: membership.role))
        }
        return .success((.picker(PickerState(title: "Transfer \(app.id) to", options: options,
                                             empty: "you belong to no organization")), .transferTarget(id: app.id)))
    }

    /// `d`: the confirm dialog; the user types the app ID.
    func delete(_ app: App) -> Result<(Dialog, AppPurpose), Refusal> {
        if let reason = env.refusal(.deleteApp, app: app) { return .failure(Refusal(reason)) }
        return .success((.confirm(ConfirmState(title: "Delete app",
            message: "Delete \(app.name) (\(app.id)) and all its content? This cannot be undone. Type the app ID to confirm.",
            requiredText: app.id, verb: "delete")), .delete(id: app.id)))
    }

    /// Carries out a submitted app dialog; throws the core's refusal (a form stays open with it).
    func carryOut(_ purpose: AppPurpose, _ dialog: Dialog) throws -> AppOutcome {
        let context = env.context, session = env.session
        switch (purpose, dialog) {
        case (.create, .form(let form)):
            let id = form.value("id")
            let name = form.value("name").isEmpty ? id : form.value("name")
            let app = try service.createApp(session, in: context, id: id, name: name, description: form.value("description"))
            return .done(.info("created app \(app.id)"), appID: app.id, left: false)
        case (.edit(let id, let version), .form(let form)):
            // One change against the version the form was opened on: the fields shown, all or
            // nothing; a label someone added meanwhile makes it stale.
            let changes = AppChanges(name: form.has("name") ? form.value("name") : nil,
                                     description: form.has("description") ? form.value("description") : nil,
                                     labels: form.has("labels") ? Self.list(form.value("labels")) : nil)
            do {
                let app = try service.updateApp(session, in: context, id: id, changes: changes, expectedVersion: version)
                return .done(.info("saved \(app.id)"), appID: app.id, left: false)
            } catch let error as CoreError where error == .stale {
                // Nothing typed is lost: the form stays with the user's values, now based on
                // the version saved meanwhile, and says what that version holds.
                let current = try service.app(session, in: context, id: id)
                let kept = form.keptOverStale(["name": current.name, "description": current.description,
                                               "labels": current.labels.joined(separator: ", ")])
                return .next(.form(kept), .edit(id: id, version: current.version))
            }
        case (.duplicate(let id), .form(let form)):
            let name = form.value("name")
            let answer = form.value("content").lowercased()
            guard ["yes", "y", "no", "n", ""].contains(answer) else { throw CoreError.invalid("content", "answer yes or no") }
            let app = try service.duplicateApp(session, in: context, id: id, newID: form.value("id"), newName: name.isEmpty ? nil : name,
                                               copyContent: answer.hasPrefix("y"))
            return .done(.info("duplicated \(id) as \(app.id)"), appID: app.id, left: false)
        case (.transferTarget(let id), .picker(let picker)):
            guard let organization = picker.highlighted?.value else { return .done(.note("cancelled"), appID: nil, left: false) }
            // One way: an organization's app never moves again, so the move is confirmed like a delete.
            return .next(.confirm(ConfirmState(title: "Transfer app",
                message: "Move \(id) out of your personal account into \(organization)? Only personal apps can be transferred: "
                    + "it will not come back. Next, its ID and name there.", requiredText: nil, verb: "continue")),
                .transferConfirm(id: id, organization: organization))
        case (.transferConfirm(let id, let organization), .confirm):
            let app = try service.app(session, in: context, id: id)
            return .next(.form(FormState(title: "Transfer \(id) to \(organization)", fields: [
                FormField(key: "id", label: "App ID there", value: app.id, hint: "keep, or pick a free ID there", maxLength: 32),
                FormField(key: "name", label: "Name there", value: app.name, maxLength: 100),
            ], submitLabel: "Transfer")), .transfer(id: id, organization: organization))
        case (.transfer(let id, let organization), .form(let form)):
            let newID = form.value("id"), newName = form.value("name")
            let app = try service.transferApp(session, id: id, toOrganization: organization,
                                              newID: newID.isEmpty || newID == id ? nil : newID,
                                              newName: newName.isEmpty ? nil : newName)
            return .done(.info("transferred \(id) to \(organization) as \(app.id)"), appID: nil, left: true)
        case (.delete(let id), .confirm):
            try service.deleteApp(session, in: context, id: id)
            return .done(.info("deleted app \(id)"), appID: nil, left: true)
        case (.create, _), (.edit, _), (.duplicate, _), (.transferTarget, _), (.transferConfirm, _), (.transfer, _), (.delete, _):
            return .done(.error("unexpected dialog for \(purpose)"), appID: nil, left: false)
        }
    }

    /// `P`: pins or unpins an app for the signed-in user (pinned apps come first).
    func togglePin(_ app: App) -> Flash {
        if let reason = env.refusalToChange { return .warn(reason) }
        do {
            try service.setPinned(env.session, in: env.context, id: app.id, pinned: !app.pinned)
            return .info(app.pinned ? "unpinned \(app.id)" : "pinned \(app.id)")
        } catch { return .error(error.userMessage) }
    }

    /// Labels typed as a list: commas or spaces between them.
    static func list(_ text: String) -> [String] {
        text.split(whereSeparator: { $0 == "," || $0 == " " }).map { String($0) }.filter { !$0.isEmpty }
    }
}

/// Why a key was refused before its dialog opened.
struct Refusal: Error, Equatable {
    let reason: String
    init(_ reason: String) { self.reason = reason }
}

extension DialogOwner where Purpose == AppPurpose {
    /// Opens an app operation's dialog, or answers the key with its refusal.
    func begin(_ step: Result<(Dialog, AppPurpose), Refusal>) -> [Reaction] {
        switch step {
        case .success(let (dialog, purpose)): return present(dialog, for: purpose)
        case .failure(let refusal): return refused(refusal.reason)
        }
    }
}
