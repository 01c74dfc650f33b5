import OrgdeckCore

/// The organization's invitations: invite (email, then the role from a picker, then the teams
/// of a Team Contributor from a picker), resend, rescind after a confirm, details on Enter.
public final class InvitationsSection: ListSection<Invitation, InvitationsSection.Purpose> {
    public enum Purpose: Equatable, Sendable {
        case details
        case email
        case role(email: String)
        case teams(email: String, role: Role)
        case rescind(id: String)
        case resend(id: String)
    }

    /// Only Admins see and send the organization's invitations.
    public var visible: Bool { Permissions.refusal(.manageInvitations, role: env.role) == nil }

    init(env: PaneEnvironment) {
        super.init(env: env, title: AccountSection.invitations.rawValue, screen: .pane(.account), searchable: true, chrome: 2)
    }

    /// A search matches the email, the role, the state ("pending", "expired") or who sent it.
    override func matches(_ invitation: Invitation, _ text: String) -> Bool {
        [invitation.email, invitation.role.title, invitation.state.rawValue, invitation.invitedBy]
            .contains { $0.lowercased().contains(text) }
    }

    override func load() throws -> [Invitation] {
        visible ? try env.service.invitations(env.session, organizationID: organizationID) : []
    }

    override var searchRefusal: String? { visible ? super.searchRefusal : env.refusal(.manageInvitations) }

    override func handle(_ event: ConsoleEvent, selected: Invitation?) -> [Reaction]? {
        let manage = env.refusal(.manageInvitations)
        if event == .new {
            if let manage { return refused(manage) }
            return present(emailForm(), for: .email)
        }
        guard let invitation = selected else {
            return [.open, .edit, .delete, .copyID].contains(event) ? refused(manage ?? "no invitation selected") : nil
        }
        switch event {
        case .open:
            return present(.info(InfoState(title: "Invitation \(invitation.id)", rows: [
                InfoRow("Email", invitation.email), InfoRow("Role", invitation.role.title),
                InfoRow("Teams", invitation.teams.isEmpty ? "none" : invitation.teams.joined(separator: ", ")),
                InfoRow("Invited by", invitation.invitedBy), InfoRow("Sent", invitation.sentAt.utcDay),
                InfoRow("Expires", invitation.expiresAt.utcDay), InfoRow("State", invitation.state.rawValue),
            ])), for: .details)
        case .edit:
            if let reason = manage ?? invitation.refusalToResend { return refused(reason) }
            // An email cannot be taken back: asked first, as every send is.
            return present(.confirm(ConfirmState(title: "Resend invitation",
                message: "Email the invitation to \(invitation.email) (\(invitation.role.title)) again? Its time to "
                    + "accept starts again from today.", requiredText: nil, verb: "resend")), for: .resend(id: invitation.id))
        case .delete:
            if let reason = manage ?? invitation.refusalToRescind { return refused(reason) }
            return present(.confirm(ConfirmState(title: "Rescind invitation",
                message: "Rescind the invitation of \(invitation.email) (\(invitation.role.title))? They can no longer accept it.",
                requiredText: nil, verb: "rescind")), for: .rescind(id: invitation.id))
        case .copyID: return [.effect(.copy(invitation.id))]
        default: return nil
        }
    }

    func emailForm(_ email: String = "") -> Dialog {
        .form(FormState(title: "Invite a member", fields: [
            FormField(key: "email", label: "Email", value: email, hint: "next: the role, from a list", maxLength: 254),
        ], submitLabel: "Next"))
    }

    override func carryOut(_ purpose: Purpose, _ dialog: Dialog) throws -> [Reaction] {
        switch (purpose, dialog) {
        case (.email, .form(let form)):
            let email = try Validation.email(form.value("email"))
            if let reason = try env.service.refusalToInvite(env.session, organizationID: organizationID, email: email) {
                throw CoreError(.conflict, reason, field: "email")
            }
            return present(.picker(PickerState(title: "Role for \(email)", options: Role.options, selected: Role.orgUser.rawValue)),
                           for: .role(email: email))
        case (.role(let email), .picker(let picker)):
            guard let role = picker.highlighted.flatMap({ Role(rawValue: $0.value) }) else { return [] }
            let teams = role == .teamContributor ? try env.service.teams(env.session, organizationID: organizationID, filter: "") : []
            guard !teams.isEmpty else { return invite(email, role, teams: []) }
            // "No team" is an answer, so it is a row of its own, first.
            return present(.picker(PickerState(title: "Teams of \(email) (Space marks several)", options: [
                PickerOption(value: Self.noTeam, label: "no team", detail: "they reach no app until added to a team", exclusive: true),
            ] + teams.map {
                PickerOption(value: $0.id, label: $0.name,
                             detail: "\($0.id) · \(counted($0.memberCount, "member")), \(counted($0.appCount, "app"))")
            }, multiple: true)), for: .teams(email: email, role: role))
        case (.teams(let email, let role), .picker(let picker)):
            return invite(email, role, teams: picker.chosen.filter { $0 != Self.noTeam })
        case (.resend(let id), .confirm):
            let renewed = try env.service.resendInvitation(env.session, id: id)
            reload(selecting: id)
            return [.flash(.info("resent \(id) to \(renewed.email); it expires \(renewed.expiresAt.utcDay)"))]
        case (.rescind(let id), .confirm):
            try env.service.rescindInvitation(env.session, id: id)
            _ = reload()
            return [.flash(.info("rescinded \(id)"))]
        case (.details, _), (.email, _), (.role, _), (.teams, _), (.rescind, _), (.resend, _):
            return []
        }
    }

    /// The teams picker's row for inviting into no team (not a team ID: IDs have no spaces).
    static let noTeam = "no team"

    override func abandoned(_ purpose: Purpose) -> String? {
        switch purpose {
        case .role(let email), .teams(let email, _): return "invitation to \(email) not sent"
        case .details, .email, .rescind, .resend: return nil
        }
    }

    /// Sends the invitation; a refusal about the email reopens the email form with it.
    func invite(_ email: String, _ role: Role, teams: [String]) -> [Reaction] {
        do {
            let invitation = try env.service.invite(env.session, organizationID: organizationID, email: email, role: role, teams: teams)
            reload(selecting: invitation.id)
            // Allowed, but worth saying: a Team Contributor in no team sees no app at all.
            let noTeam = role == .teamContributor && teams.isEmpty ? " in no team: no app is theirs until a team adds them" : ""
            return [.flash(.info("invited \(invitation.email) as \(role.title)" + noTeam))]
        } catch let error as CoreError where error.field == "email" {
            var form = emailForm(email)
            if case .form(var shown) = form { shown.error = error.message; form = .form(shown) }
            return present(form, for: .email)
        } catch {
            return [.flash(.error(error.userMessage))]
        }
    }

    override var listCommands: [PaneCommand] {
        let manage = env.refusal(.manageInvitations)
        let none = needsItem("invitation")
        let invitation = state.list.selected
        return [PaneCommand(.new, "invite", refusal: manage), PaneCommand(.open, "details", refusal: none),
                PaneCommand(.edit, "resend", refusal: none ?? manage ?? invitation?.refusalToResend),
                PaneCommand(.delete, "rescind", refusal: none ?? manage ?? invitation?.refusalToRescind),
                PaneCommand(.filter, "search"), PaneCommand(.copyID, "copy ID", refusal: none)]
    }
}
