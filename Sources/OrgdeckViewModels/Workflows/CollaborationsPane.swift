import OrgdeckCore

extension SharedApp: ListItem {
    public var listID: String { "\(context)/\(app.id)" }
}

/// One collaborator of one of the context's apps.
public struct AppCollaborator: ListItem {
    public var appID: String
    public var collaborator: Collaborator
    public var listID: String { "\(appID)/\(collaborator.user.username)" }
}

/// The Collaborations pane (PRODUCT.md §6): the apps shared with you, and the collaborators of
/// the apps you manage here.
public final class CollaborationsPane: SectionedPage {
    let env: PaneEnvironment

    public init(env: PaneEnvironment) {
        self.env = env
        super.init(screen: .pane(.collaborations), sections: [SharedWithYouSection(env: env), AppCollaboratorsSection(env: env)])
        _ = reload()
    }
}

/// The apps shared with you, whoever owns them: Enter opens one (in its owner's context, with
/// what your scopes allow), `L` leaves it after you type its ID.
public final class SharedWithYouSection: ListSection<SharedApp, SharedWithYouSection.Purpose> {
    public enum Purpose: Equatable, Sendable { case leave(context: Context, appID: String) }

    init(env: PaneEnvironment) {
        super.init(env: env, title: "Shared with you", screen: .pane(.collaborations), searchable: true, chrome: 3)
    }

    override func load() throws -> [SharedApp] { try env.service.sharedApps(env.session) }

    override func matches(_ shared: SharedApp, _ text: String) -> Bool {
        [shared.app.id, shared.app.name, shared.ownerLabel].contains { $0.lowercased().contains(text) }
    }

    override func handle(_ event: ConsoleEvent, selected: SharedApp?) -> [Reaction]? {
        guard let shared = selected else { return [.open, .leave, .copyID].contains(event) ? [] : nil }
        switch event {
        case .open: return [.push(.sharedApp(AppRef(context: shared.context, appID: shared.app.id)))]
        case .copyID: return [.effect(.copy(shared.app.id))]
        case .leave:
            if let reason = env.refusalToChange { return refused(reason) }
            return present(.confirm(ConfirmState(title: "Leave app",
                message: "Stop collaborating on \(shared.ownerLabel)/\(shared.app.id)? Only its owner can share it again. "
                    + "Type the app ID to confirm.", requiredText: shared.app.id, verb: "leave")),
                for: .leave(context: shared.context, appID: shared.app.id))
        default: return nil
        }
    }

    override func carryOut(_ purpose: Purpose, _ dialog: Dialog) throws -> [Reaction] {
        switch purpose {
        case .leave(let context, let appID):
            try env.service.leaveCollaboration(env.session, in: context, appID: appID)
            _ = reload()
            return [.flash(.info("you no longer collaborate on \(appID)"))]
        }
    }

    override var listCommands: [PaneCommand] {
        let none = needsItem("app")
        return [PaneCommand(.open, "open", refusal: none), PaneCommand(.leave, "leave", refusal: none ?? env.refusalToChange),
                PaneCommand(.filter, "search"), PaneCommand(.copyID, "copy ID", refusal: none)]
    }
}

/// The collaborators of the context's apps, for those who manage them (your own apps in your
/// personal account; an organization's, for its Admins and Organization Contributors): `e`
/// changes a collaborator's scopes, `d` removes them; sharing an app starts from its page.
public final class AppCollaboratorsSection: ListSection<AppCollaborator, AppCollaboratorsSection.Purpose> {
    public enum Purpose: Equatable, Sendable {
        case scopes(appID: String, username: String)
        case remove(appID: String, username: String)
    }

    init(env: PaneEnvironment) {
        super.init(env: env, title: env.context == .personal ? "Your apps' collaborators" : "Collaborators",
                   screen: .pane(.collaborations), searchable: true, chrome: 3)
    }

    public var manageRefusal: String? { env.refusal(.manageCollaborators) }

    override func load() throws -> [AppCollaborator] {
        guard env.refusal(.manageCollaborators).map({ $0 == CoreError.readOnly.message }) ?? true else { return [] }
        return try env.service.collaboratorsOfApps(env.session, in: env.context).map { AppCollaborator(appID: $0.appID, collaborator: $0.collaborator) }
    }

    override func matches(_ row: AppCollaborator, _ text: String) -> Bool {
        [row.appID, row.collaborator.user.username, row.collaborator.user.displayName].contains { $0.lowercased().contains(text) }
    }

    override func handle(_ event: ConsoleEvent, selected: AppCollaborator?) -> [Reaction]? {
        guard let row = selected else { return [.edit, .delete, .open].contains(event) ? [] : nil }
        switch event {
        case .open: return [.push(.app(row.appID))]
        case .edit:
            if let manageRefusal { return refused(manageRefusal) }
            return present(.picker(CollaboratorsSection.scopePicker("Scopes of \(row.collaborator.user.username) on \(row.appID)",
                                                                    marked: row.collaborator.scopes)),
                           for: .scopes(appID: row.appID, username: row.collaborator.user.username))
        case .delete:
            if let manageRefusal { return refused(manageRefusal) }
            return present(.confirm(ConfirmState(title: "Remove collaborator",
                message: "Stop sharing \(row.appID) with \(row.collaborator.user.username)? Type the username to confirm.",
                requiredText: row.collaborator.user.username, verb: "remove")),
                for: .remove(appID: row.appID, username: row.collaborator.user.username))
        default: return nil
        }
    }

    override func carryOut(_ purpose: Purpose, _ dialog: Dialog) throws -> [Reaction] {
        switch (purpose, dialog) {
        case (.scopes(let appID, let username), .picker(let picker)):
            let scopes = Set(picker.marked.compactMap(CollaboratorScope.init(rawValue:)))
            _ = try env.service.updateCollaborator(env.session, in: env.context, appID: appID, username: username, scopes: scopes)
            reload(selecting: "\(appID)/\(username)")
            return [.flash(.info("\(username) may now: \(CollaboratorScope.text(scopes))"))]
        case (.remove(let appID, let username), .confirm):
            try env.service.removeCollaborator(env.session, in: env.context, appID: appID, username: username)
            _ = reload()
            return [.flash(.info("\(username) no longer collaborates on \(appID)"))]
        case (.scopes, _), (.remove, _):
            return []
        }
    }

    override var listCommands: [PaneCommand] {
        let none = needsItem("collaborator")
        return [PaneCommand(.open, "open app", refusal: none), PaneCommand(.edit, "scopes", refusal: none ?? manageRefusal),
                PaneCommand(.delete, "remove", refusal: none ?? manageRefusal), PaneCommand(.filter, "search")]
    }
}
