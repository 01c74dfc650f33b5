import Foundation
import OrgdeckCore

/// Machine shapes of the organization-administration types, in the style of `ModelJSON`.
extension ModelJSON {
    /// A member: `id` is the username, the handle every member command takes.
    static func member(_ member: Member) -> JSONValue {
        .object([
            ("id", .string(member.user.username)),
            ("username", .string(member.user.username)),
            ("name", .string(member.user.displayName)),
            ("email", .string(member.user.email)),
            ("role", .string(member.role.rawValue)),
            ("teams", strings(member.teams)),
            ("joined_at", .date(member.joinedAt)),
            ("last_active_at", .date(member.lastActiveAt)),
        ])
    }

    static func invitation(_ invitation: Invitation) -> JSONValue {
        .object([
            ("id", .string(invitation.id)),
            ("organization_id", .string(invitation.organizationID)),
            ("organization_name", .string(invitation.organizationName)),
            ("email", .string(invitation.email)),
            ("role", .string(invitation.role.rawValue)),
            ("teams", strings(invitation.teams)),
            ("invited_by", .string(invitation.invitedBy)),
            ("sent_at", .date(invitation.sentAt)),
            ("expires_at", .date(invitation.expiresAt)),
            ("state", .string(invitation.state.rawValue)),
            ("responded_at", .date(invitation.respondedAt)),
        ])
    }

    static func team(_ team: Team) -> JSONValue {
        .object([
            ("id", .string(team.id)),
            ("organization_id", .string(team.organizationID)),
            ("name", .string(team.name)),
            ("required_labels", strings(team.requiredLabels)),
            ("member_count", .int(Int64(team.memberCount))),
            ("app_count", .int(Int64(team.appCount))),
            ("created_at", .date(team.createdAt)),
            ("version", .int(Int64(team.version))),
        ])
    }

    /// An app as a team holds it: the app's own fields plus the team–app `role`.
    static func teamApp(_ teamApp: TeamApp) -> JSONValue {
        .object([
            ("id", .string(teamApp.app.id)),
            ("name", .string(teamApp.app.name)),
            ("role", .string(teamApp.role.rawValue)),
            ("labels", strings(teamApp.app.labels)),
            ("updated_at", .date(teamApp.app.updatedAt)),
        ])
    }

    static func strings(_ values: [String]) -> JSONValue {
        .array(values.map { .string($0) })
    }
}

/// Human renderings shared by several commands.
extension Format {
    /// A list of names for a table cell or a field: `a, b`, or `-` when empty.
    static func list(_ values: [String]) -> String {
        values.isEmpty ? "-" : values.joined(separator: ", ")
    }

    /// Members as a table, or a line saying there are none.
    static func members(_ members: [Member], none: String = "no members") -> String {
        if members.isEmpty { return none + "\n" }
        return table(["USERNAME", "NAME", "ROLE", "TEAMS", "JOINED", "LAST ACTIVE"], members.map {
            [$0.user.username, $0.user.displayName, $0.role.title, list($0.teams), short($0.joinedAt),
             short($0.lastActiveAt)]
        })
    }
}
