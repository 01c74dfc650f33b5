import OrgdeckCore

/// What the personal Account pane shows: the user and their organizations.
public struct PersonalProfileState: Equatable, Sendable {
    public var user: User
    public var memberships: ListState<OrganizationMembership>
    public var error: String?
}

/// The Account pane in the personal context: the profile, the organizations (Enter switches to
/// one, `L` leaves the highlighted one), and the password change.
public final class PersonalProfileSection: SectionModel, DialogOwner {
    enum Purpose: Equatable, Sendable { case changePassword, leave(organizationID: String) }

    public internal(set) var state: PersonalProfileState
    let env: PaneEnvironment
    var open: DialogSlot<Purpose>?

    init(env: PaneEnvironment) {
        self.env = env
        state = PersonalProfileState(user: env.session.user, memberships: ListState(), error: nil)
    }

    public var title: String { AccountSection.profile.rawValue }
    public var screen: Screen { .pane(.account) }
    public var dialog: Dialog? { openDialog }
    public var acceptsText: Bool { dialog?.acceptsText ?? false }

    public func reload() -> [Reaction] {
        do {
            state.user = try env.service.user(id: env.session.user.id)
            state.memberships.show(try env.service.memberships(env.session))
            state.error = nil
        } catch { state.error = error.userMessage }
        return []
    }

    /// The profile's six lines, the table's title and its header.
    public func setViewport(rows: Int, columns: Int) { state.memberships.setViewport(rows: rows - 8) }

    public func send(_ event: ConsoleEvent) -> [Reaction]? {
        if let reactions = routeDialog(event) { return reactions }
        if state.memberships.handle(event, searchable: false) == .handled { return [] }
        switch event {
        case .open:
            guard let membership = state.memberships.selected else { return refused("you belong to no organization") }
            return [.membershipsChanged(switchTo: .organization(membership.organization.id))]
        case .leave:
            guard let org = state.memberships.selected?.organization else { return refused("you belong to no organization") }
            if let reason = env.refusalToChange { return refused(reason) }
            return present(.confirm(.leave(org)), for: .leave(organizationID: org.id))
        case .edit:
            if let reason = env.refusalToChange { return refused(reason) }
            return present(.form(FormState(title: "Change your password", fields: [
                FormField(key: "current", label: "Current password", secure: true, maxLength: 200),
                FormField(key: "new", label: "New password", secure: true, hint: env.service.passwordRequirements(env.session),
                          maxLength: 200),
                FormField(key: "repeat", label: "New password again", secure: true, maxLength: 200),
            ], submitLabel: "Change")), for: .changePassword)
        default: return nil
        }
    }

    func carryOut(_ purpose: Purpose, _ dialog: Dialog) throws -> [Reaction] {
        switch (purpose, dialog) {
        case (.changePassword, .form(let form)):
            guard form.rawValue("new") == form.rawValue("repeat") else {
                throw CoreError.invalid("repeat", "the two new passwords differ")
            }
            try env.service.changePassword(env.session, current: form.rawValue("current"), new: form.rawValue("new"))
            return [.flash(.info("password changed"))]
        case (.leave(let id), .confirm):
            try env.service.leaveOrganization(env.session, organizationID: id)
            _ = reload()
            return [.membershipsChanged(switchTo: nil), .flash(.info("you left \(id)"))]
        case (.changePassword, _), (.leave, _):
            return []
        }
    }

    public var commands: [PaneCommand] {
        if let dialog { return dialog.commands }
        let none = state.memberships.isEmpty ? "you belong to no organization" : nil
        return [PaneCommand(.open, "switch to", refusal: none),
                PaneCommand(.leave, "leave", refusal: none ?? env.refusalToChange),
                PaneCommand(.edit, "change password", refusal: env.refusalToChange)]
    }
}
