import OrgdeckCore

extension MyAppsViewModel {
    var actions: AppActions { AppActions(service: service, session: session, context: state.context) }

    /// `n`: the new-app form.
    public func new() -> Reaction { .form(actions.newAppForm()) }

    /// `e`: edit the selected app's name and description.
    public func edit() -> Reaction? { state.selected.map { .form(actions.editForm($0)) } }

    /// `D`: duplicate the selected app under a new ID.
    public func duplicate() -> Reaction? { state.selected.map { .form(actions.duplicateForm($0)) } }

    /// `t`: transfer the selected personal app to an organization.
    public func transfer() -> Reaction? { state.selected.map { actions.transferForm($0) } }

    /// `d`: ask to delete the selected app (the user types its ID).
    public func delete() -> Reaction? { state.selected.map { .confirm(actions.deleteConfirm($0)) } }

    /// `y`: copy the selected app's ID.
    public func copyID() -> [Reaction] {
        guard let app = state.selected else { return [] }
        return [.effect(.copy(app.id)), .flash(.info("copied \(app.id)"))]
    }

    /// `Enter`: open the selected app's page.
    public func open() -> Reaction? { state.selected.map { .push(.app($0.id)) } }

    /// `P`: pin or unpin the selected app; pinned apps come first.
    public func togglePin() -> Reaction? {
        guard let app = state.selected else { return nil }
        do {
            let flash = try actions.togglePin(app)
            reload(keeping: app.id)
            return .flash(flash)
        } catch {
            return .flash(.error(error.userMessage))
        }
    }
}
