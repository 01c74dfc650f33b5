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

    public init(env: PaneEnvironment, appID: String) {
        self.env = env
        self.state = AppPageState(appID: appID, app: nil, error: nil)
        super.init(screen: .app(appID), sections: [])
        // The sidebar in the seed's order; sections join as their features are built.
        let app: () -> App? = { [weak self] in self?.state.app }
        sections = [AppInfoSection(kind: .overview, appID: appID),
                    InputsSection(env: env, appID: appID, app: app),
                    ConceptsSection(env: env, appID: appID, app: app),
                    ModelsSection(env: env, appID: appID, app: app),
                    AppInfoSection(kind: .settings, appID: appID)]
        _ = reload()
    }

    var actions: AppActions { AppActions(env: env) }
    /// The app section in front, nil when a content section (Inputs, Concepts, Models) is.
    public var appSection: AppSection? { (section as? AppInfoSection)?.kind }

    override func reloadPage() -> [Reaction] {
        do {
            state.app = try env.service.app(env.session, in: env.context, id: state.appID)
            state.error = nil
            return []
        } catch let error as CoreError where error.kind == .notFound && state.app != nil {
            state.app = nil
            return [.pop, .flash(.warn("app \(state.appID) was deleted elsewhere"))]
        } catch {
            state.error = error.userMessage
            return []
        }
    }

    override var pageDialog: Dialog? { openDialog }

    override func pageSend(_ event: ConsoleEvent) -> [Reaction]? {
        if let reactions = routeDialog(event) { return reactions }
        guard let app = state.app else { return nil }
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

    override var pageCommands: [PaneCommand] {
        let app = state.app
        let editRefusal = [Action.renameApp, .editAppContent, .labelApps].allSatisfy { env.refusal($0, app: app) != nil }
            ? env.refusal(.editAppContent, app: app) : nil
        return [
            PaneCommand(.back, "back"),
            PaneCommand(.edit, "edit", refusal: editRefusal),
            PaneCommand(.delete, "delete", refusal: env.refusal(.deleteApp, app: app)),
            PaneCommand(.duplicate, "duplicate", refusal: env.refusal(.duplicateApp, app: app)),
            PaneCommand(.transfer, "transfer", refusal: env.context == .personal ? env.refusalToChange
                        : "only personal apps can be transferred", inFooter: env.context == .personal),
            PaneCommand(.pin, "pin", refusal: env.refusalToChange),
            PaneCommand(.copyID, "copy ID"),
        ]
    }
}
