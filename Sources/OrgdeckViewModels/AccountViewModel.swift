import Foundation
import OrgdeckCore

/// What the Account pane shows: the user's profile in the personal context, the organization's
/// profile and members in an organization.
public struct AccountState: Equatable, Sendable {
    public var user: User
    public var memberships: [OrganizationMembership]
    public var organization: Organization?
    public var role: Role?
    public var members: [Member]
    public var cursor: Int
    public var error: String?
}

/// The Account pane. Member administration arrives with the organization-administration work;
/// this shows the real profile and member list.
public final class AccountViewModel {
    public internal(set) var state: AccountState
    let service: OrgService
    let session: Session
    let context: Context

    public init(service: OrgService, session: Session, context: Context) {
        self.service = service; self.session = session; self.context = context
        state = AccountState(user: session.user, memberships: [], organization: nil, role: nil, members: [], cursor: 0, error: nil)
        reload()
    }

    public func reload() {
        do {
            state.user = try service.user(id: session.user.id)
            state.memberships = try service.memberships(session)
            if let id = context.organizationID {
                state.organization = try service.organization(session, id: id)
                state.role = try service.role(session, in: id)
                state.members = try service.members(session, organizationID: id)
            } else {
                state.organization = nil; state.role = nil; state.members = []
            }
            state.cursor = min(state.cursor, max(0, state.members.count - 1))
            state.error = nil
        } catch {
            state.error = error.userMessage
        }
    }

    func handle(_ event: ConsoleEvent) -> [Reaction] {
        switch event {
        case .move(.down): state.cursor = min(state.cursor + 1, max(0, state.members.count - 1))
        case .move(.up): state.cursor = max(0, state.cursor - 1)
        case .top: state.cursor = 0
        case .bottom: state.cursor = max(0, state.members.count - 1)
        case .selectIndex(let index): state.cursor = min(max(0, index), max(0, state.members.count - 1))
        case .copyID:
            if state.organization != nil, state.members.isEmpty == false {
                let name = state.members[state.cursor].user.username
                return [.effect(.copy(name)), .flash(.info("copied \(name)"))]
            } else if let org = state.organization {
                return [.effect(.copy(org.id)), .flash(.info("copied \(org.id)"))]
            }
        default: break
        }
        return []
    }
}
