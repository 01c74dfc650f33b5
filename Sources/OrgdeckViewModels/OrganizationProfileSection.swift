import OrgdeckCore

/// What an organization's Profile section shows.
public struct OrganizationProfileState: Equatable, Sendable {
    public var organization: Organization?
    public var memberCount: Int
    public var teamCount: Int
    public var error: String?
}

/// An organization's profile: name, ID, billing email, counts; edit it, or delete the
/// organization after typing its ID (Admins).
public final class OrganizationProfileSection: SectionModel, DialogOwner {
    enum Purpose: Equatable, Sendable {
        case edit(version: Int)
        case delete(id: String)
    }

    public internal(set) var state = OrganizationProfileState(organization: nil, memberCount: 0, teamCount: 0, error: nil)
    let env: PaneEnvironment
    var open: DialogSlot<Purpose>?

    init(env: PaneEnvironment) { self.env = env }

    public var title: String { AccountSection.profile.rawValue }
    public var screen: Screen { .pane(.account) }
    public var dialog: Dialog? { openDialog }
    public var acceptsText: Bool { dialog?.acceptsText ?? false }
    var organizationID: String { env.context.organizationID ?? "" }

    public func reload() -> [Reaction] {
        do {
            state.organization = try env.service.organization(env.session, id: organizationID)
            state.memberCount = try env.service.members(env.session, organizationID: organizationID).count
            state.teamCount = try env.service.teams(env.session, organizationID: organizationID, filter: "").count
            state.error = nil
        } catch { state.error = error.userMessage }
        return []
    }

    public func send(_ event: ConsoleEvent) -> [Reaction]? {
        if let reactions = routeDialog(event) { return reactions }
        guard let org = state.organization else { return nil }
        switch event {
        case .edit:
            if let reason = env.refusal(.manageOrganization) { return refused(reason) }
            return present(.form(FormState(title: "Organization profile", fields: [
                FormField(key: "name", label: "Organization name", value: org.name, maxLength: 100),
                FormField(key: "billing_email", label: "Billing email", value: org.billingEmail, maxLength: 254),
            ])), for: .edit(version: org.version))
        case .delete:
            if let reason = env.refusal(.manageOrganization) { return refused(reason) }
            return present(.confirm(ConfirmState(title: "Delete organization",
                message: "Delete \(org.name) (\(org.id)) with all its apps, teams and invitations? Members become personal users "
                    + "again; the audit log keeps the record. Type the organization ID to confirm.",
                requiredText: org.id, verb: "delete")), for: .delete(id: org.id))
        default: return nil
        }
    }

    func carryOut(_ purpose: Purpose, _ dialog: Dialog) throws -> [Reaction] {
        switch (purpose, dialog) {
        case (.edit(let version), .form(let form)):
            let updated: Organization
            do {
                updated = try env.service.updateOrganization(env.session, id: organizationID, name: form.value("name"),
                                                         billingEmail: form.value("billing_email"), expectedVersion: version)
            } catch let error as CoreError where error == .stale {
                let current = try env.service.organization(env.session, id: organizationID)
                return present(.form(form.keptOverStale(["name": current.name, "billing_email": current.billingEmail])),
                               for: .edit(version: current.version))
            }
            _ = reload()
            return [.flash(.info("saved \(updated.name)")), .membershipsChanged(switchTo: nil)]
        case (.delete(let id), .confirm):
            try env.service.deleteOrganization(env.session, id: id, confirmation: id)
            return [.flash(.info("deleted organization \(id)")), .membershipsChanged(switchTo: .personal), .showPane(.myApps)]
        case (.edit, _), (.delete, _):
            return []
        }
    }

    public var commands: [PaneCommand] {
        if let dialog { return dialog.commands }
        let manage = env.refusal(.manageOrganization)
        return [PaneCommand(.edit, "edit profile", refusal: manage), PaneCommand(.delete, "delete organization", refusal: manage)]
    }
}
