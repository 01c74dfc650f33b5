import Foundation
@testable import OrgdeckCore

/// An organization set up for the administration tests: one member per role plus a spare
/// member to act on, an outsider, three apps (one a `viewer` app of the Team Contributor's
/// team, one a `contributor` app, one of no team), a second team and a pending invitation.
struct AdminWorld {
    let f: Fixture
    let admin: Session
    let members: [Role: Session]
    let outsider: Session
    /// An Organization User nobody acts as: the target of role changes and removals.
    let spare: Session
    let invitation: Invitation
    static let org = Context.organization("acme")

    init(organizationsPerUser: Int = 1) throws {
        f = try Fixture(organizationsPerUser: organizationsPerUser)
        (admin, members) = try f.organization()
        outsider = try f.user("outsider")
        spare = try f.user("spare")
        try f.service.addMember(admin, organizationID: "acme", userID: spare.user.id, role: .orgUser)
        let s = f.service
        for id in ["view-app", "edit-app", "other-app"] {
            _ = try s.createApp(admin, in: Self.org, id: id, name: id.capitalized, description: "about \(id)")
        }
        _ = try s.labelApp(admin, in: Self.org, id: "edit-app", labels: ["gdpr"])
        _ = try s.createTeam(admin, organizationID: "acme", id: "field", name: "Field Team")
        try s.addTeamMember(admin, organizationID: "acme", teamID: "field", username: members[.teamContributor]!.user.username)
        try s.addTeamApp(admin, organizationID: "acme", teamID: "field", appID: "view-app", role: .viewer)
        try s.addTeamApp(admin, organizationID: "acme", teamID: "field", appID: "edit-app", role: .contributor)
        _ = try s.createTeam(admin, organizationID: "acme", id: "spare-team", name: "Spare Team")
        invitation = try s.invite(admin, organizationID: "acme", email: "pending@example.com", role: .orgUser, teams: [])
    }

    /// The session acting as `subject`: a role, or the outsider.
    func session(_ subject: String) -> Session {
        if let role = Role(rawValue: subject) { return members[role]! }
        return outsider
    }
}
