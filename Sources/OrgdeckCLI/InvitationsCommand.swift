import ArgumentParser
import Foundation
import OrgdeckCore

/// `orgdeck invitations …`: inviting people by email, and answering invitations (PRODUCT.md §5).
struct InvitationsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "invitations",
        abstract: "Send, list and answer invitations to organizations.",
        discussion: """
            Admins send, rescind and resend invitations of their organization (--org, else your \
            only organization); the invitee accepts or declines with the ID 'invitations list' \
            shows them.
            ROLE is one of: \(Arguments.roleNames).
            """,
        subcommands: [Send.self, List.self, Accept.self, Decline.self, Rescind.self, Resend.self])

    /// Prints one invitation in the form every invitation-returning command shares.
    static func print(_ invitation: Invitation, json: Bool, human: String) {
        Output.emit(json: json, ModelJSON.invitation(invitation)) { human }
    }
}

extension InvitationsCommand {
    struct Send: ParsableCommand, GlobalOptionsCarrying {
        static let configuration = CommandConfiguration(
            commandName: "send",
            abstract: "Invite someone by email with a role.",
            discussion: """
                ROLE is one of: \(Arguments.roleNames).
                A Team Contributor joins the teams given with --team (repeatable). The invitation \
                expires after the platform's expiry (7 days by default); resending starts it again.
                """)

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The invitee's email; they accept after signing in with it.") var email: String
        @Option(name: .long, help: ArgumentHelp("The role they get.", valueName: "role")) var role: String
        @Option(name: .long, parsing: .singleValue, help: ArgumentHelp("A team to join (repeatable).", valueName: "team"))
        var team: [String] = []

        func validate() throws { _ = try Arguments.role(role, option: "--role") }

        func run() throws {
            let role = try Arguments.role(role, option: "--role")
            let (service, session) = try global.authenticated(.membersWrite)
            let orgID = try global.organizationID(service, session)
            let invitation = try service.invite(session, organizationID: orgID, email: email, role: role, teams: team)
            InvitationsCommand.print(invitation, json: global.json,
                                     human: "invited \(Format.sanitize(invitation.email)) to \(Format.sanitize(orgID)) as \(role.title): \(Format.sanitize(invitation.id)), expires \(Format.short(invitation.expiresAt))\n")
        }
    }

    /// Either the organization's invitations or the caller's own; see the discussion.
    struct List: ParsableCommand, GlobalOptionsCarrying {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "List an organization's invitations, or the ones you received.",
            discussion: """
                With --org, or without it when you are an Admin of your one organization: that \
                organization's invitations in every state (Admins only). Otherwise, or with \
                --received: the pending invitations sent to your email, to accept or decline.
                """)

        @OptionGroup var global: GlobalOptions
        @Flag(name: .long, help: "List the pending invitations sent to you, even as an Admin.") var received = false

        func validate() throws {
            if received, global.org != nil {
                throw ValidationError("--received lists your own invitations: drop --org")
            }
        }

        func run() throws {
            let (service, session) = try global.authenticated(.membersRead)
            if let orgID = try organizationToList(service, session) {
                let invitations = try service.invitations(session, organizationID: orgID)
                Output.emit(json: global.json, .array(invitations.map(ModelJSON.invitation))) {
                    if invitations.isEmpty { return "no invitations in \(Format.sanitize(orgID))\n" }
                    return Format.table(["ID", "EMAIL", "ROLE", "TEAMS", "INVITED BY", "SENT", "EXPIRES", "STATE"],
                                        invitations.map {
                                            [$0.id, $0.email, $0.role.title, Format.list($0.teams), $0.invitedBy,
                                             Format.short($0.sentAt), Format.short($0.expiresAt), $0.state.rawValue]
                                        })
                }
            } else {
                let invitations = try service.receivedInvitations(session).filter { $0.state == .pending }
                Output.emit(json: global.json, .array(invitations.map(ModelJSON.invitation))) {
                    if invitations.isEmpty { return "no pending invitations\n" }
                    return Format.table(["ID", "ORGANIZATION", "NAME", "ROLE", "INVITED BY", "EXPIRES"],
                                        invitations.map {
                                            [$0.id, $0.organizationID, $0.organizationName, $0.role.title,
                                             $0.invitedBy, Format.short($0.expiresAt)]
                                        })
                }
            }
        }

        /// The organization whose invitations to list, or nil for the caller's received ones.
        private func organizationToList(_ service: OrgService, _ session: Session) throws -> String? {
            if received { return nil }
            if let org = global.org { return org }
            let memberships = try service.memberships(session)
            if memberships.count == 1, memberships[0].role == .admin { return memberships[0].organization.id }
            return nil
        }
    }

    /// Joins the organization; the signed-in user's email must match the invitation's.
    struct Accept: ParsableCommand, GlobalOptionsCarrying {
        static let configuration = CommandConfiguration(commandName: "accept", abstract: "Accept an invitation sent to you.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The invitation's ID (inv_…).") var id: String

        @Flag(name: .long, help: "Read your password from stdin, to check it against the organization's policy now.")
        var passwordStdin = false

        func run() throws {
            let password = passwordStdin ? try PasswordInput.read(fromStdin: true, confirm: false) : nil
            let (service, session) = try global.authenticated(.membersWrite)
            let membership = try service.acceptInvitation(session, id: id, password: password)
            let org = membership.organization
            Output.emit(json: global.json,
                        ModelJSON.organization(org, role: membership.role, joinedAt: membership.joinedAt)) {
                "joined \(Format.sanitize(org.id)) as \(membership.role.title)\n"
            }
        }
    }

    struct Decline: ParsableCommand, GlobalOptionsCarrying {
        static let configuration = CommandConfiguration(commandName: "decline",
            abstract: "Decline an invitation sent to you.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The invitation's ID (inv_…).") var id: String

        func run() throws {
            let (service, session) = try global.authenticated(.membersWrite)
            try service.declineInvitation(session, id: id)
            Output.emit(json: global.json, .object([("id", .string(id)), ("state", .string("declined"))])) {
                "declined \(Format.sanitize(id))\n"
            }
        }
    }

    /// Withdraws a pending invitation (Admins of its organization).
    struct Rescind: ParsableCommand, GlobalOptionsCarrying {
        static let configuration = CommandConfiguration(commandName: "rescind", abstract: "Withdraw a pending invitation.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The invitation's ID (inv_…).") var id: String

        func run() throws {
            let (service, session) = try global.authenticated(.membersWrite)
            try service.rescindInvitation(session, id: id)
            Output.emit(json: global.json, .object([("id", .string(id)), ("state", .string("rescinded"))])) {
                "rescinded \(Format.sanitize(id))\n"
            }
        }
    }

    /// Sends a pending invitation again with a new expiry (Admins of its organization).
    struct Resend: ParsableCommand, GlobalOptionsCarrying {
        static let configuration = CommandConfiguration(commandName: "resend",
            abstract: "Send an invitation again with a new expiry.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The invitation's ID (inv_…).") var id: String

        func run() throws {
            let (service, session) = try global.authenticated(.membersWrite)
            let invitation = try service.resendInvitation(session, id: id)
            InvitationsCommand.print(invitation, json: global.json,
                                     human: "resent \(Format.sanitize(invitation.id)) to \(Format.sanitize(invitation.email)), expires \(Format.short(invitation.expiresAt))\n")
        }
    }
}
