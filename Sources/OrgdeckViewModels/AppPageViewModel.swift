import OrgdeckCore

/// The sections of an app's page that show the app itself. The sidebar also lists the content
/// content sections (Inputs, Concepts, Models); Workflows and Collaborators join as they are built.
public enum AppSection: String, CaseIterable, Equatable, Sendable {
    case overview = "Overview"
    case settings = "Settings"
}

/// What an app's page shows.
public struct AppPageState: Equatable, Sendable {
    public var appID: String
    public var app: App?
    public var error: String?
}

/// A section of the app page that shows the app itself (Overview, Settings); the page holds
/// the app operations, so these sections add no commands of their own.
public final class AppInfoSection: SectionModel {
    public let kind: AppSection
    public let screen: Screen
    init(kind: AppSection, appID: String) { self.kind = kind; self.screen = .app(appID) }
    public var title: String { kind.rawValue }
    public var dialog: Dialog? { nil }
    public var acceptsText: Bool { false }
    public func send(_ event: ConsoleEvent) -> [Reaction]? { nil }
    public func reload() -> [Reaction] { [] }
    public var commands: [PaneCommand] { [] }
}

/// An app's page: the sidebar of sections and the app operations (edit, duplicate, transfer,
/// delete, pin, copy ID), each refused on the key when the role may not.
public final class AppPageViewModel: SectionedPage, DialogOwner {
    public internal(set) var state: AppPageState
    let env: PaneEnvironment
    var open: DialogSlot<AppPurpose>?

    /// Whether `e` may change the app's compliance labels (a Team Contributor's `e` edits the
    /// description only), so an app without labels suggests adding them only then.
    public var mayLabel: Bool { state.app.map { env.refusal(.labelApps, app: $0) == nil } ?? false }

    /// The page of app `appID` in `env`'s context; `screen` is `.sharedApp` for an app shared
    /// with the user, opened in its owner's context.
    public init(env: PaneEnvironment, appID: String, screen: Screen? = nil) {
        self.env = env
        self.state = AppPageState(appID: appID, app: nil, error: nil)
        super.init(screen: screen ?? .app(appID), sections: [])
        _ = reloadPage()
        sections = sectionsInView()
        _ = reload()
    }

    /// The sidebar in the seed's order. On an app reached only through a collaboration, the
    /// sections its scopes open; the collaborators, for the app's managers.
    private func sectionsInView() -> [any SectionModel] {
        let appID = state.appID, screen = self.screen
        let app: () -> App? = { [weak self] in self?.state.app }
        let shared = env.sharedOnly(state.app)
        let scopes = state.app?.collaboration ?? []
        func opens(_ any: [CollaboratorScope]) -> Bool { !shared || any.contains(where: scopes.contains) }
        var sections: [any SectionModel] = [AppInfoSection(kind: .overview, appID: appID)]
        if opens([.inputsRead]) { sections.append(InputsSection(env: env, appID: appID, app: app)) }
        if opens([.inputsRead, .inputsWrite, .conceptsWrite, .modelsRead, .modelsWrite]) {
            sections.append(ConceptsSection(env: env, appID: appID, app: app))
        }
        if opens([.modelsRead]) { sections.append(ModelsSection(env: env, appID: appID, app: app)) }
        if opens([.workflowsRead]) { sections.append(WorkflowsSection(env: env, appID: appID, screen: screen, app: app)) }
        if !shared && !env.outsider && (env.role.map { Permissions.allows(.manageCollaborators, for: $0) } ?? true) {
            sections.append(CollaboratorsSection(env: env, appID: appID, screen: screen, app: app))
        }
        if !shared { sections.append(AppInfoSection(kind: .settings, appID: appID)) }
        return sections
    }

    /// Why the app went out of reach, as far as this page can tell: the core answers "not found"
    /// alike for an app deleted and one no longer reached (a collaboration or a team's grant
    /// ended, a personal app transferred), and only Admins reach every app of an organization.
    private func goneElsewhere(_ app: App?) -> String {
        let id = state.appID
        if env.sharedOnly(app) { return "app \(id) is no longer shared with you, or was deleted" }
        switch env.context {
        case .personal: return "app \(id) was deleted or transferred elsewhere"
        case .organization where env.role.map({ Permissions.reach(.seeApps, for: $0) == .all }) == true:
            return "app \(id) was deleted elsewhere"
        default: return "app \(id) is out of your reach now: deleted, or the access your team gave ended"
        }
    }

    /// The sidebar again after the collaboration's scopes changed elsewhere: sections that stay
    /// keep their state, the one in front stays in front if it is still there; a section whose
    /// scope was taken away goes (left in front, it would be refused on each live re-read), and
    /// the flash names every one that went.
    private func resection() -> [Reaction] {
        let before = sections.map(\.title)
        replaceSections(with: sectionsInView())
        let gone = before.filter { title in !sections.contains { $0.title == title } }
        guard !gone.isEmpty else { return [] }
        let names = gone.count == 1 ? gone[0] : gone.dropLast().joined(separator: ", ") + " or " + gone[gone.count - 1]
        return [.flash(.warn("your collaboration on app \(state.appID) no longer reaches \(names)"))]
    }

    var actions: AppActions { AppActions(env: env) }
    /// The app section in front, nil when a content section (Inputs, Concepts, Models) is.
    public var appSection: AppSection? { (section as? AppInfoSection)?.kind }

    override func reloadPage() -> [Reaction] {
        do {
            let before = state.app?.collaboration
            state.app = try env.service.app(env.session, in: env.context, id: state.appID)
            state.error = nil
            if !sections.isEmpty && state.app?.collaboration != before { return resection() }
            return []
        } catch let error as CoreError where error.kind == .notFound && state.app != nil {
            let gone = goneElsewhere(state.app)
            state.app = nil
            return [.pop, .flash(.warn(gone))]
        } catch {
            state.error = error.userMessage
            return []
        }
    }

    override var pageDialog: Dialog? { openDialog }

    override func pageSend(_ event: ConsoleEvent) -> [Reaction]? {
        if let reactions = routeDialog(event) { return reactions }
        guard let app = state.app else { return nil }
        if env.sharedOnly(app), [.edit, .duplicate, .transfer, .delete, .pin].contains(event) {
            return refused("app \(app.id) is shared with you: its settings are its owner's, your scopes reach its content")
        }
        // In a section of rows, e, d and D are the rows' keys: a section without that key must
        // not edit, delete or duplicate the app behind the user's back.
        if appSection == nil, let verb = Self.rowVerb(event) {
            return refused("\(section.title) has no \(verb) here: the app itself is edited, duplicated and deleted "
                           + "from Overview or Settings")
        }
        switch event {
        case .edit: return begin(actions.edit(app))
        case .duplicate: return begin(actions.duplicate(app))
        case .transfer: return begin(actions.transfer(app))
        case .delete: return begin(actions.delete(app))
        case .copyID: return [.effect(.copy(app.id))]
        case .pin:
            let flash = actions.togglePin(app)
            _ = reloadPage()
            return [.flash(flash)]
        default: return nil
        }
    }

    func carryOut(_ purpose: AppPurpose, _ dialog: Dialog) throws -> [Reaction] {
        switch try actions.carryOut(purpose, dialog) {
        case .next(let next, let nextPurpose): return present(next, for: nextPurpose)
        case .done(let flash, _, let left):
            if left { return [.pop, .flash(flash)] }
            _ = reloadPage()
            return [.flash(flash)]
        }
    }

    /// What a key that acts on a row in a section of rows does; nil for the others.
    static func rowVerb(_ event: ConsoleEvent) -> String? {
        switch event {
        case .edit: return "edit"
        case .delete: return "delete"
        case .duplicate: return "duplicate"
        default: return nil
        }
    }

    override var pageCommands: [PaneCommand] {
        let app = state.app
        // In a section of rows, the ID copied when the section copies none is the app's.
        let copy = PaneCommand(.copyID, appSection == nil ? "copy app ID" : "copy ID")
        // An app reached through a collaboration: its own settings are its owner's.
        if env.sharedOnly(app) { return [PaneCommand(.back, "back"), copy] }
        let editRefusal = [Action.renameApp, .editAppContent, .labelApps].allSatisfy { env.refusal($0, app: app) != nil }
            ? env.refusal(.editAppContent, app: app) : nil
        let appOnly = appSection == nil ? [] : [
            PaneCommand(.edit, "edit", refusal: editRefusal),
            PaneCommand(.delete, "delete", refusal: env.refusal(.deleteApp, app: app)),
            PaneCommand(.duplicate, "duplicate", refusal: env.refusal(.duplicateApp, app: app)),
        ]
        return [PaneCommand(.back, "back")] + appOnly + [
            PaneCommand(.transfer, "transfer", refusal: env.context == .personal ? env.refusalToChange
                        : "only personal apps can be transferred", inFooter: env.context == .personal),
            PaneCommand(.pin, app?.pinned == true ? "unpin" : "pin", refusal: env.refusalToChange),
            copy,
        ]
    }
}
