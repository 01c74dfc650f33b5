import OrgdeckCore

extension Collaborator: ListItem {
    public var listID: String { user.username }
}

/// An app's collaborators, for its managers (its owner, an organization's Admins and
/// Organization Contributors): `n` shares the app with a user by username or email, then a
/// picker marks their scopes; `e` changes the scopes; `d` removes them after a confirm.
public final class CollaboratorsSection: ListSection<Collaborator, CollaboratorsSection.Purpose> {
    public enum Purpose: Equatable, Sendable {
        case who, details
        /// `current`: the scopes the picker was opened on (a change is refused as stale when
        /// they moved since); nil when the user is being added.
        case scopes(login: String, current: Set<CollaboratorScope>?)
        case remove(username: String)
    }

    let appID: String
    private let app: () -> App?

    init(env: PaneEnvironment, appID: String, screen: Screen, app: @escaping () -> App?) {
        self.appID = appID
        self.app = app
        super.init(env: env, title: "Collaborators", screen: screen, searchable: true, chrome: 2)
    }

    override func load() throws -> [Collaborator] { try env.service.collaborators(env.session, in: env.context, appID: appID) }

    override func matches(_ collaborator: Collaborator, _ text: String) -> Bool {
        collaborator.user.username.contains(text) || collaborator.user.displayName.lowercased().contains(text)
    }

    private var manageRefusal: String? { env.refusal(.manageCollaborators, app: app()) }

    /// The scopes as a picker, `marked` already marked.
    static func scopePicker(_ title: String, marked: Set<CollaboratorScope>) -> PickerState {
        PickerState(title: title, options: CollaboratorScope.allCases.map { scope in
            PickerOption(value: scope.rawValue, label: scope.rawValue, detail: scope.meaning)
        }, multiple: true, marked: marked.sorted().map(\.rawValue))
    }

    override func handle(_ event: ConsoleEvent, selected: Collaborator?) -> [Reaction]? {
        if event == .new {
            if let manageRefusal { return refused(manageRefusal) }
            return present(.form(FormState(title: "Share \(appID) with", fields: [
                FormField(key: "user", label: "User", hint: "a username or an email; they need an account, in any organization or none",
                          maxLength: 254),
            ], submitLabel: "Next")), for: .who)
        }
        guard let collaborator = selected else { return [.open, .edit, .delete].contains(event) ? [] : nil }
        switch event {
        case .open:
            // Enter shows; changing the scopes is `e`'s.
            return present(.info(InfoState(title: collaborator.user.displayName, rows: [
                InfoRow("Username", collaborator.user.username), InfoRow("Email", collaborator.user.email),
                InfoRow("Scopes", collaborator.scopes.sorted().map { "\($0.rawValue) — \($0.meaning)" }.joined(separator: "\n")),
                InfoRow("Added by", collaborator.addedBy ?? "unknown"), InfoRow("Added", collaborator.addedAt.utcDay),
            ])), for: .details)
        case .edit:
            if let manageRefusal { return refused(manageRefusal) }
            return present(.picker(Self.scopePicker("Scopes of \(collaborator.user.username)", marked: collaborator.scopes)),
                           for: .scopes(login: collaborator.user.username, current: collaborator.scopes))
        case .delete:
            if let manageRefusal { return refused(manageRefusal) }
            return present(.confirm(ConfirmState(title: "Remove collaborator",
                message: "Stop sharing \(appID) with \(collaborator.user.username)? Type the username to confirm.",
                requiredText: collaborator.user.username, verb: "remove")), for: .remove(username: collaborator.user.username))
        default: return nil
        }
    }

    override func carryOut(_ purpose: Purpose, _ dialog: Dialog) throws -> [Reaction] {
        switch (purpose, dialog) {
        case (.who, .form(let form)):
            let login = form.value("user")
            guard !login.isEmpty else { throw CoreError.invalid("user", "name a user by username or email") }
            // Who cannot be added is said here, before the scopes are picked for nothing.
            if let reason = try env.service.refusalToShare(env.session, in: env.context, appID: appID, login: login) {
                throw CoreError(.conflict, reason, field: "user")
            }
            return present(.picker(Self.scopePicker("What may \(login) do on \(appID)?", marked: [.inputsRead, .modelsRead, .predict])),
                           for: .scopes(login: login, current: nil))
        case (.scopes(let login, let current), .picker(let picker)):
            let scopes = Set(picker.marked.compactMap(CollaboratorScope.init(rawValue:)))
            guard let current else {
                let added = try env.service.addCollaborator(env.session, in: env.context, appID: appID, login: login, scopes: scopes)
                reload(selecting: added.user.username)
                return [.flash(.info("shared \(appID) with \(added.user.username)"))]
            }
            do {
                _ = try env.service.updateCollaborator(env.session, in: env.context, appID: appID, username: login, scopes: scopes,
                                                       expected: current)
            } catch let error as CoreError where error == .stale {
                let now = try reloaded(login, gone: "\(login) no longer collaborates on \(appID)").scopes
                return present(.picker(picker.keptOverStale(now: CollaboratorScope.text(now))), for: .scopes(login: login, current: now))
            }
            reload(selecting: login)
            return [.flash(.info("\(login) may now: \(CollaboratorScope.text(scopes))"))]
        case (.remove(let username), .confirm):
            try env.service.removeCollaborator(env.session, in: env.context, appID: appID, username: username)
            _ = reload()
            return [.flash(.info("\(username) no longer collaborates on \(appID)"))]
        case (.who, _), (.details, _), (.scopes, _), (.remove, _):
            return []
        }
    }

    override var listCommands: [PaneCommand] {
        let none = needsItem("collaborator")
        return [PaneCommand(.new, "share", refusal: manageRefusal),
                PaneCommand(.open, "details", refusal: none),
                PaneCommand(.edit, "scopes", refusal: none ?? manageRefusal),
                PaneCommand(.delete, "remove", refusal: none ?? manageRefusal),
                PaneCommand(.filter, "search")]
    }
}

extension CollaboratorScope {
    /// What the scope lets a collaborator do, for pickers.
    public var meaning: String {
        switch self {
        case .inputsRead: return "see the inputs"
        case .inputsWrite: return "upload, label and delete inputs"
        case .conceptsWrite: return "create, rename and delete concepts"
        case .modelsRead: return "see the models, their versions and metrics"
        case .modelsWrite: return "create, edit and delete models; their visibility"
        case .modelsTrain: return "train models; cancel and delete versions"
        case .workflowsRead: return "see the workflows and their graphs"
        case .workflowsWrite: return "build, edit and delete workflows"
        case .predict: return "predict with the models and run the workflows"
        }
    }
}
