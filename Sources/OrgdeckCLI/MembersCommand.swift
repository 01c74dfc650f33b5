import ArgumentParser
import Foundation
import OrgdeckCore

/// `orgdeck members …`: the people of an organization and their roles (PRODUCT.md §5).
struct MembersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "members",
        abstract: "List members, change their role, remove them.",
        discussion: """
            Works on the organization given by --org, else on your only organization.
            ROLE is one of: \(Arguments.roleNames).
            """,
        subcommands: [List.self, ChangeRole.self, Remove.self])
}

extension MembersCommand {
    /// Every member with role, teams, joined date and last activity, by username.
    struct List: ParsableCommand, GlobalOptionsCarrying {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List the organization's members.")

        @OptionGroup var global: GlobalOptions

        func run() throws {
            let (service, session) = try global.authenticated(.membersRead)
            let orgID = try global.organizationID(service, session)
            let members = try service.members(session, organizationID: orgID)
            Output.emit(json: global.json, .array(members.map(ModelJSON.member))) {
                Format.members(members)
            }
        }
    }

    /// Reassigns a member's role (Admins only; nobody changes their own; the last Admin stays).
    struct ChangeRole: ParsableCommand, GlobalOptionsCarrying {
        static let configuration = CommandConfiguration(
            commandName: "role",
            abstract: "Change a member's role.",
            discussion: "ROLE is one of: \(Arguments.roleNames).")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The member's username.") var user: String
        @Argument(help: ArgumentHelp("The new role.", valueName: "role")) var role: String

        func validate() throws { _ = try Arguments.role(role) }

        func run() throws {
            let newRole = try Arguments.role(role)
            let (service, session) = try global.authenticated(.membersWrite)
            let orgID = try global.organizationID(service, session)
            let member = try service.changeRole(session, organizationID: orgID, username: user, to: newRole)
            Output.emit(json: global.json, ModelJSON.member(member)) {
                "\(Format.sanitize(member.user.username)) is now \(member.role.title) of \(Format.sanitize(orgID))\n"
            }
        }
    }

    /// Removes a member; their access to the organization's apps ends at once.
    struct Remove: ParsableCommand, GlobalOptionsCarrying {
        static let configuration = CommandConfiguration(commandName: "remove",
            abstract: "Remove a member from the organization.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The member's username.") var user: String
        @Flag(name: .long, help: "Confirm the removal (required).") var yes = false

        func validate() throws {
            try Arguments.requireYes(yes, "removing member '\(Format.sanitize(user))' ends their access")
        }

        func run() throws {
            let (service, session) = try global.authenticated(.membersWrite)
            let orgID = try global.organizationID(service, session)
            try service.removeMember(session, organizationID: orgID, username: user)
            Output.emit(json: global.json, .object([
                ("id", .string(user)), ("organization_id", .string(orgID)), ("removed", .bool(true)),
            ])) {
                "removed \(Format.sanitize(user)) from \(Format.sanitize(orgID))\n"
            }
        }
    }
}
