import OrgdeckCore

/// The sections of an app's page, as in the seed's sidebar. Only those whose features exist are
/// listed; Inputs, Models, Workflows, Concepts and Collaborators join as they are built.
public enum AppSection: String, CaseIterable, Equatable, Sendable {
    case overview = "Overview"
    case settings = "Settings"
}

/// What an app's page shows.
public struct AppDetailState: Equatable, Sendable {
    public var appID: String
    public var app: App?
    public var section: AppSection
    public var error: String?
}

/// An app's page: the sidebar and the selected section. Overview is editable with `e`.
public final class AppDetailViewModel {
    public internal(set) var state: AppDetailState
    let service: OrgService
    let session: Session
    let context: Context

    public init(service: OrgService, session: Session, context: Context, appID: String) {
        self.service = service; self.session = session; self.context = context
        self.state = AppDetailState(appID: appID, app: nil, section: .overview, error: nil)
        reload()
    }

    var actions: AppActions { AppActions(service: service, session: session, context: context) }

    /// Reads the app again; reports when it disappeared (deleted in another session).
    @discardableResult
    public func reload() -> Reaction? {
        do {
            state.app = try service.app(session, in: context, id: state.appID)
            state.error = nil
            return nil
        } catch let error as CoreError where error.kind == .notFound && state.app != nil {
            state.app = nil
            return .pop
        } catch {
            state.error = error.userMessage
            return nil
        }
    }

    public func move(_ direction: Direction) {
        let all = AppSection.allCases
        guard let index = all.firstIndex(of: state.section) else { return }
        switch direction {
        case .up, .left: state.section = all[max(0, index - 1)]
        case .down, .right: state.section = all[min(all.count - 1, index + 1)]
        }
    }

    public func select(_ section: AppSection) { state.section = section }

    public func edit() -> Reaction? { state.app.map { .form(actions.editForm($0)) } }
    public func duplicate() -> Reaction? { state.app.map { .form(actions.duplicateForm($0)) } }
    public func transfer() -> Reaction? { state.app.map { actions.transferForm($0) } }
    public func delete() -> Reaction? { state.app.map { .confirm(actions.deleteConfirm($0)) } }

    /// `P`: pin or unpin this app.
    public func togglePin() -> Reaction? {
        guard let app = state.app else { return nil }
        do {
            let flash = try actions.togglePin(app)
            reload()
            return .flash(flash)
        } catch {
            return .flash(.error(error.userMessage))
        }
    }

    public func copyID() -> [Reaction] {
        guard let app = state.app else { return [] }
        return [.effect(.copy(app.id)), .flash(.info("copied \(app.id)"))]
    }
}
