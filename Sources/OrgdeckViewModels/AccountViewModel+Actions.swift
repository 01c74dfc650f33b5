import Foundation
import OrgdeckCore

extension AccountViewModel {
    var organizationID: String? { context.organizationID }

    func editProfile() -> [Reaction] {
        guard let org = state.organization else {
            return [.form(FormState(purpose: .changePassword, title: "Change your password", fields: [
                FormField(key: "current", label: "Current password", secure: true, maxLength: 200),
                FormField(key: "new", label: "New password", secure: true, hint: "at least 8 characters", maxLength: 200),
                FormField(key: "repeat", label: "New password again", secure: true, maxLength: 200),
            ], submitLabel: "Change"))]
        }
        return [.form(FormState(purpose: .editOrganization(version: org.version), title: "Organization profile", fields: [
            FormField(key: "name", label: "Organization name", value: org.name, maxLength: 100),
            FormField(key: "billing", label: "Billing email", value: org.billingEmail, maxLength: 254),
        ]))]
    }

    func deleteOrganization() -> [Reaction] {
        guard let org = state.organization else { return [] }
        return [.confirm(ConfirmState(purpose: .deleteOrganization(id: org.id), title: "Delete organization",
                                      message: "Delete \(org.name) (\(org.id)) with all its apps, teams and invitations? Members become personal users again; the audit log keeps the record. Type the organization ID to confirm.",
                                      requiredText: org.id))]
    }

    func leave() -> [Reaction] {
        let org = state.organization ?? state.memberships.first?.organization
        guard let org else { return [.flash(.warn("you belong to no organization"))] }
        return [.confirm(ConfirmState(purpose: .leaveOrganization(id: org.id), title: "Leave organization",
                                      message: "Leave \(org.name)? You lose access to its apps; your personal apps stay yours. Type the organization ID to confirm.",
                                      requiredText: org.id))]
    }

    func memberRole() -> [Reaction] {
        guard let member = selectedMember else { return [] }
        if member.user.id == session.user.id { return [.flash(.warn("you cannot change your own role"))] }
        return [.picker(PickerState.role(for: member))]
    }

    func removeMember() -> [Reaction] {
        guard let member = selectedMember, let org = state.organization else { return [] }
        return [.confirm(ConfirmState(purpose: .removeMember(username: member.user.username), title: "Remove member",
                                      message: "Remove \(member.user.displayName) (\(member.user.username)) from \(org.name)? Their team memberships go; their personal apps stay theirs. Type the username to confirm.",
                                      requiredText: member.user.username))]
    }

    func newTeamForm() -> FormState {
        FormState(purpose: .createTeam, title: "New team", fields: [
            FormField(key: "id", label: "Team ID", hint: AppActions.idHint, maxLength: 32),
            FormField(key: "name", label: "Name", maxLength: 100),
        ], submitLabel: "Create")
    }

    func renameTeam() -> [Reaction] {
        guard let team = selectedTeam else { return [] }
        return [.form(FormState(purpose: .renameTeam(id: team.id), title: "Rename team \(team.id)", fields: [
            FormField(key: "name", label: "Name", value: team.name, maxLength: 100),
        ]))]
    }

    func deleteTeam() -> [Reaction] {
        guard let team = selectedTeam else { return [] }
        return [.confirm(ConfirmState(purpose: .deleteTeam(id: team.id), title: "Delete team",
                                      message: "Delete team \(team.name) (\(team.id))? Its members keep their organization role but lose access through it. Type the team ID to confirm.",
                                      requiredText: team.id))]
    }

    func inviteForm() -> FormState {
        FormState(purpose: .invite, title: "Invite a member", fields: [
            FormField(key: "email", label: "Email", maxLength: 254),
            FormField(key: "role", label: "Role", value: Role.orgUser.rawValue,
                      hint: Role.allCases.map(\.rawValue).joined(separator: ", "), maxLength: 32),
            FormField(key: "teams", label: "Teams (Team Contributors)", hint: "team IDs, comma separated", maxLength: 300),
        ], submitLabel: "Invite")
    }

    func resend() -> [Reaction] {
        guard let invitation = selectedInvitation else { return [] }
        do {
            let renewed = try service.resendInvitation(session, id: invitation.id)
            reload()
            return [.flash(.info("resent \(invitation.id) to \(renewed.email); it expires \(renewed.expiresAt.utcDay)"))]
        } catch { return [.flash(.error(error.userMessage))] }
    }

    func rescind() -> [Reaction] {
        guard let invitation = selectedInvitation else { return [] }
        return [.confirm(ConfirmState(purpose: .rescindInvitation(id: invitation.id), title: "Rescind invitation",
                                      message: "Rescind the invitation of \(invitation.email) (\(invitation.role.title))?",
                                      requiredText: nil))]
    }

    /// Carries out one of the pane's forms; throws to keep it open with the core's reason.
    func submit(_ form: FormState) throws -> Flash {
        guard let org = organizationID else { return .warn("no organization") }
        let flash: Flash
        switch form.purpose {
        case .editOrganization(let version):
            let updated = try service.updateOrganization(session, id: org, name: form.value("name"),
                                                         billingEmail: form.value("billing"), expectedVersion: version)
            flash = .info("saved \(updated.name)")
        case .invite:
            guard let role = Role(rawValue: form.value("role").lowercased()) else {
                throw CoreError.invalid("role", "role must be one of " + Role.allCases.map(\.rawValue).joined(separator: ", "))
            }
            let teams = Self.list(form.value("teams"))
            let invitation = try service.invite(session, organizationID: org, email: form.value("email"), role: role, teams: teams)
            flash = .info("invited \(invitation.email) as \(role.title)")
            state.section = .invitations
        case .createTeam:
            let team = try service.createTeam(session, organizationID: org, id: form.value("id"), name: form.value("name"))
            flash = .info("created team \(team.id)")
        case .renameTeam(let id):
            _ = try service.renameTeam(session, organizationID: org, id: id, name: form.value("name"))
            flash = .info("renamed team \(id)")
        default:
            return .warn("nothing to do")
        }
        reload()
        return flash
    }

    /// Changes the user's password from the form; the two new entries must match.
    func changePassword(_ form: FormState) throws -> Flash {
        let fields = Dictionary(uniqueKeysWithValues: form.fields.map { ($0.key, $0.value.text) })
        guard fields["new"] == fields["repeat"] else {
            throw CoreError.invalid("repeat", "the two new passwords differ")
        }
        try service.changePassword(session, current: fields["current"] ?? "", new: fields["new"] ?? "")
        return .info("password changed")
    }

    /// Carries out a confirmed action of the pane.
    func confirm(_ purpose: ConfirmPurpose) throws -> Flash {
        guard let org = state.organization?.id ?? state.memberships.first?.organization.id else { return .warn("no organization") }
        switch purpose {
        case .removeMember(let username):
            try service.removeMember(session, organizationID: org, username: username)
            reload(); return .info("removed \(username)")
        case .rescindInvitation(let id):
            try service.rescindInvitation(session, id: id)
            reload(); return .info("rescinded \(id)")
        case .deleteTeam(let id):
            try service.deleteTeam(session, organizationID: org, id: id)
            reload(); return .info("deleted team \(id)")
        case .deleteOrganization(let id):
            try service.deleteOrganization(session, id: id, confirmation: id)
            return .info("deleted organization \(id)")
        case .leaveOrganization(let id):
            try service.leaveOrganization(session, organizationID: id)
            return .info("you left \(id)")
        default:
            return .warn("nothing to do")
        }
    }

    /// Applies a role picked for a member.
    func pick(_ picker: PickerState) -> Flash {
        guard case .memberRole(let username) = picker.purpose, let org = organizationID,
              let role = Role(rawValue: picker.selected.value) else { return .warn("nothing to do") }
        do {
            _ = try service.changeRole(session, organizationID: org, username: username, to: role)
            reload()
            return .info("\(username) is now \(role.title)")
        } catch { return .error(error.userMessage) }
    }

    static func list(_ text: String) -> [String] {
        text.split(whereSeparator: { $0 == "," || $0 == " " }).map { String($0) }.filter { !$0.isEmpty }
    }
}
