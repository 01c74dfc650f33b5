import OrgdeckCore

extension MyAppsViewModel {
    public func send(_ event: ConsoleEvent) -> [Reaction]? {
        if let reactions = routeDialog(event) { return reactions }
        if state.filtering {
            switch event {
            case .move(let direction): move(direction)
            case .submit: state.filtering = false
            case .cancel, .back: clearFilter()
            default: editFilter(event)
            }
            return []
        }
        switch event {
        case .move(let direction): move(direction)
        case .top: moveToTop()
        case .bottom: moveToBottom()
        case .pageUp: page(false)
        case .pageDown: page(true)
        case .selectIndex(let index): select(index: index)
        case .filter:
            if let reason = filterRefusal { return refused(reason) }
            state.filtering = true
        case .back where !state.filter.isEmpty, .cancel: clearFilter()
        case .cycleSort: cycleSort()
        case .toggleView: toggleLayout()
        case .new: return begin(actions.create())
        case .open: return state.selected.map { [.push(.app($0.id))] } ?? []
        case .edit: return withSelected { begin(actions.edit($0)) }
        case .duplicate: return withSelected { begin(actions.duplicate($0)) }
        case .transfer: return withSelected { begin(actions.transfer($0)) }
        case .delete: return withSelected { begin(actions.delete($0)) }
        case .copyID: return withSelected { [.effect(.copy($0.id))] }
        case .pin:
            return withSelected { app in
                let flash = actions.togglePin(app)
                reload(keeping: app.id)
                return [.flash(flash)]
            }
        default: return nil
        }
        return []
    }

    func withSelected(_ body: (App) -> [Reaction]) -> [Reaction] {
        guard let app = state.selected else {
            if state.total == 0 && !state.filter.isEmpty { return refused("no app matches \"\(state.filter.text)\"") }
            return refused(state.total == 0 ? "no app here yet" + env.keys.suggest(.new, ": %k creates one") : "no app selected")
        }
        return body(app)
    }

    func carryOut(_ purpose: AppPurpose, _ dialog: Dialog) throws -> [Reaction] {
        switch try actions.carryOut(purpose, dialog) {
        case .next(let next, let nextPurpose): return present(next, for: nextPurpose)
        case .done(let flash, let appID, _):
            reload(keeping: appID)
            return [.flash(flash)]
        }
    }

    /// Why the list is empty when the role explains it (a Team Contributor sees only the apps
    /// of their teams); nil otherwise.
    public var emptyNote: String? {
        env.role == .teamContributor ? "No apps here yet: as a Team Contributor you see only your teams' apps." : nil
    }

    public var commands: [PaneCommand] {
        if let dialog { return dialog.commands }
        if state.filtering {
            return [PaneCommand(.submit, "keep filter"), PaneCommand(.cancel, "clear"), PaneCommand(.move(.down), "move")]
        }
        let app = state.selected
        func onApp(_ action: Action) -> String? { app == nil ? "no app selected" : env.refusal(action, app: app) }
        let editRefusal = app == nil ? "no app selected"
            : [Action.renameApp, .editAppContent, .labelApps].allSatisfy { env.refusal($0, app: app) != nil }
                ? env.refusal(.editAppContent, app: app) : nil
        // A kept filter is cleared by Esc, first in line: the apps shown are not all there are.
        return (state.filter.isEmpty ? [] : [PaneCommand(.back, "clear filter")]) + [
            PaneCommand(.open, "open", refusal: app == nil ? "no app selected" : nil),
            PaneCommand(.new, "new", refusal: env.refusal(.createApp)),
            PaneCommand(.edit, "edit", refusal: editRefusal),
            PaneCommand(.delete, "delete", refusal: onApp(.deleteApp)),
            PaneCommand(.filter, "filter", refusal: filterRefusal),
            PaneCommand(.cycleSort, "sort"),
            PaneCommand(.toggleView, "view"),
            PaneCommand(.pin, app?.pinned == true ? "unpin" : "pin", refusal: app == nil ? "no app selected" : env.refusalToChange),
            PaneCommand(.copyID, "copy ID", refusal: app == nil ? "no app selected" : nil),
            PaneCommand(.duplicate, "duplicate", refusal: onApp(.duplicateApp)),
            PaneCommand(.transfer, "transfer", refusal: env.context == .personal ? (app == nil ? "no app selected" : env.refusalToChange)
                        : "only personal apps can be transferred", inFooter: env.context == .personal),
        ]
    }

    /// Why `/` has nothing to filter: no app is listed and no filter is kept.
    var filterRefusal: String? { state.window.isEmpty && state.filter.isEmpty ? "nothing to filter: there are no apps here" : nil }
}
