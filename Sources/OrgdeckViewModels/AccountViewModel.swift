import Foundation
import OrgdeckCore

/// The sections of the Account pane's sidebar in an organization.
public enum AccountSection: String, CaseIterable, Equatable, Sendable {
    case profile = "Profile"
    case members = "Members"
    case teams = "Teams"
    case invitations = "Invitations"
}

/// What the Account pane shows: the user's profile in the personal context; the organization's
/// profile, members, teams and invitations in an organization.
public struct AccountState: Equatable, Sendable {
    public var user: User
    public var memberships: [OrganizationMembership]
    public var organization: Organization?
    public var role: Role?
    public var section: AccountSection
    public var members: [Member]
    public var teams: [Team]
    public var invitations: [Invitation]
    /// Cursor in the list of the current section.
    public var cursor: Int
    /// Search text for members and teams, and whether keys go to it.
    public var search: TextField
    public var searching: Bool
    public var error: String?

    /// The sections available in this context.
    public var sections: [AccountSection] { organization == nil ? [.profile] : AccountSection.allCases }

    /// Members matching the search (username, name, email, role).
    public var visibleMembers: [Member] {
        let text = search.text.lowercased()
        guard !text.isEmpty else { return members }
        return members.filter {
            $0.user.username.lowercased().contains(text) || $0.user.displayName.lowercased().contains(text)
                || $0.user.email.lowercased().contains(text) || $0.role.title.lowercased().contains(text)
        }
    }

    /// Rows in the current section's list.
    public var rowCount: Int {
        switch section {
        case .profile: return organization == nil ? memberships.count : 0
        case .members: return visibleMembers.count
        case .teams: return teams.count
        case .invitations: return invitations.count
        }
    }
}

/// The Account pane. Every change goes through the core, which enforces the roles; the pane only
/// offers what makes sense and shows the core's reason when something is refused.
public final class AccountViewModel {
    public internal(set) var state: AccountState
    let service: OrgService
    let session: Session
    let context: Context

    public init(service: OrgService, session: Session, context: Context) {
        self.service = service; self.session = session; self.context = context
        state = AccountState(user: session.user, memberships: [], organization: nil, role: nil, section: .profile,
                             members: [], teams: [], invitations: [], cursor: 0,
                             search: TextField("", maxLength: 100), searching: false, error: nil)
        reload()
    }

    /// Re-reads everything the pane shows; the cursor stays where it was when it still fits.
    public func reload() {
        do {
            state.user = try service.user(id: session.user.id)
            state.memberships = try service.memberships(session)
            if let id = context.organizationID {
                state.organization = try service.organization(session, id: id)
                state.role = try service.role(session, in: id)
                state.members = try service.members(session, organizationID: id)
                try readTeams(id)
                state.invitations = state.role == .admin ? try service.invitations(session, organizationID: id) : []
            } else {
                state.organization = nil; state.role = nil; state.members = []; state.teams = []; state.invitations = []
            }
            state.error = nil
        } catch {
            state.error = error.userMessage
        }
        clamp()
    }

    /// The Teams section searches in the core; the other lists filter what is loaded.
    func readTeams(_ organizationID: String) throws {
        state.teams = try service.teams(session, organizationID: organizationID,
                                        filter: state.section == .teams ? state.search.text : "")
    }

    func clamp() { state.cursor = min(max(0, state.cursor), max(0, state.rowCount - 1)) }

    /// Shows a section (sidebar click, Tab, ←→).
    public func select(_ section: AccountSection) {
        guard state.sections.contains(section), section != state.section else { return }
        state.section = section
        state.cursor = 0
        state.search.clear()
        state.searching = false
        reload()
    }

    func moveSection(_ delta: Int) {
        let all = state.sections
        guard let index = all.firstIndex(of: state.section) else { return }
        select(all[min(max(0, index + delta), all.count - 1)])
    }

    /// Whether keys go to the search field.
    public var acceptsText: Bool { state.searching }

    func editSearch(_ apply: (inout TextField) -> Void) {
        let before = state.search.text
        apply(&state.search)
        // Moving the text cursor changes no result: keep the list cursor and skip the re-read.
        guard state.search.text != before else { return }
        state.cursor = 0
        // A search keystroke re-reads only the teams, not the whole pane.
        if state.section == .teams, let id = context.organizationID {
            do { try readTeams(id); state.error = nil } catch { state.error = error.userMessage }
        }
        clamp()
    }

    func handle(_ event: ConsoleEvent) -> [Reaction] {
        if state.searching { return handleSearch(event) }
        switch event {
        case .move(.down): state.cursor += 1; clamp()
        case .move(.up): state.cursor -= 1; clamp()
        case .move(.left), .previousFocus: moveSection(-1)
        case .move(.right), .nextFocus: moveSection(1)
        case .top: state.cursor = 0
        case .bottom: state.cursor = state.rowCount - 1; clamp()
        case .selectIndex(let index): state.cursor = index; clamp()
        case .filter where state.section == .members || state.section == .teams: state.searching = true
        case .back, .cancel:
            if !state.search.isEmpty { editSearch { $0.clear() } }
        default: return handleAction(event)
        }
        return []
    }

    func handleSearch(_ event: ConsoleEvent) -> [Reaction] {
        switch event {
        case .move(.down): state.cursor += 1; clamp()
        case .move(.up): state.cursor -= 1; clamp()
        case .submit: state.searching = false
        case .cancel, .back: state.searching = false; editSearch { $0.clear() }
        default: editSearch { $0.apply(event) }
        }
        return []
    }

    /// The actions of the current section; each builds a form, a confirm dialog or a picker.
    func handleAction(_ event: ConsoleEvent) -> [Reaction] {
        switch (state.section, event) {
        case (.profile, .edit): return editProfile()
        case (.profile, .delete): return deleteOrganization()
        case (_, .leave): return leave()
        case (.members, .open), (.members, .edit): return memberRole()
        case (.members, .delete): return removeMember()
        case (.members, .copyID): return copy(selectedMember?.user.username)
        case (.teams, .new): return [.form(newTeamForm())]
        case (.teams, .edit): return renameTeam()
        case (.teams, .delete): return deleteTeam()
        case (.teams, .open): return selectedTeam.map { [.push(.team($0.id))] } ?? []
        case (.teams, .copyID): return copy(selectedTeam?.id)
        case (.invitations, .new): return [.form(inviteForm())]
        case (.invitations, .edit), (.invitations, .open): return resend()
        case (.invitations, .delete): return rescind()
        case (.invitations, .copyID): return copy(selectedInvitation?.id)
        default: return []
        }
    }

    func copy(_ text: String?) -> [Reaction] {
        guard let text else { return [] }
        return [.effect(.copy(text)), .flash(.info("copied \(text)"))]
    }

    var selectedMember: Member? {
        let members = state.visibleMembers
        return members.indices.contains(state.cursor) ? members[state.cursor] : nil
    }
    var selectedTeam: Team? { state.teams.indices.contains(state.cursor) ? state.teams[state.cursor] : nil }
    var selectedInvitation: Invitation? {
        state.invitations.indices.contains(state.cursor) ? state.invitations[state.cursor] : nil
    }
}
