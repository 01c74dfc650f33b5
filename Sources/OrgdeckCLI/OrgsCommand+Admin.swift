import ArgumentParser
import Foundation
import OrgdeckCore

/// `orgdeck orgs update|leave|delete`: the organization's profile and its end.
extension OrgsCommand {
    /// A blind change of the given fields, or, with `--version`, one refused (exit 6) when
    /// someone else changed the organization since that version.
    struct Update: ParsableCommand, GlobalOptionsCarrying {
        static let configuration = CommandConfiguration(commandName: "update",
            abstract: "Change an organization's name or billing email.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The organization's ID.") var id: String
        @Option(name: .long, help: "The new name (unique).") var name: String?
        @Option(name: .long, help: "Where invoices go from now on.") var billingEmail: String?
        @Option(name: .long, help: "Refuse unless the organization is still at this version.") var version: Int?

        func validate() throws {
            guard name != nil || billingEmail != nil else {
                throw ValidationError("nothing to update: give --name or --billing-email")
            }
        }

        func run() throws {
            let (service, session) = try global.authenticated(.membersWrite)
            let org = try service.updateOrganization(session, id: id, name: name, billingEmail: billingEmail,
                                                     expectedVersion: version)
            let role = try service.role(session, in: org.id)
            Output.emit(json: global.json, ModelJSON.organization(org, role: role)) {
                "updated organization \(Format.sanitize(org.id))\n"
            }
        }
    }

    /// Leaves the organization; the last Admin cannot leave.
    struct Leave: ParsableCommand, GlobalOptionsCarrying {
        static let configuration = CommandConfiguration(
            commandName: "leave",
            abstract: "Leave an organization (--org, else your only one).",
            discussion: "The last Admin cannot leave: make someone else Admin first, or delete the organization.")

        @OptionGroup var global: GlobalOptions
        @Flag(name: .long, help: "Confirm leaving (required).") var yes = false

        func validate() throws {
            try Arguments.requireYes(yes, "leaving ends your access to the organization's apps")
        }

        func run() throws {
            let (service, session) = try global.authenticated(.membersWrite)
            let orgID = try global.organizationID(service, session)
            try service.leaveOrganization(session, organizationID: orgID)
            Output.emit(json: global.json, .object([("id", .string(orgID)), ("left", .bool(true))])) {
                "left organization \(Format.sanitize(orgID))\n"
            }
        }
    }

    /// Deletes the organization with its apps; members become personal users, the audit log stays.
    struct Delete: ParsableCommand, GlobalOptionsCarrying {
        static let configuration = CommandConfiguration(
            commandName: "delete",
            abstract: "Delete an organization and all its apps (Admins only).",
            discussion: "Members become personal users again; the audit log keeps every entry.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The organization's ID (named in full as the confirmation).") var id: String
        @Flag(name: .long, help: "Confirm the deletion (required).") var yes = false

        func validate() throws {
            try Arguments.requireYes(yes, "deleting organization '\(Format.sanitize(id))' removes all its apps and their content")
        }

        func run() throws {
            let (service, session) = try global.authenticated(.membersWrite)
            try service.deleteOrganization(session, id: id, confirmation: id)
            Output.emit(json: global.json, .object([("id", .string(id)), ("deleted", .bool(true))])) {
                "deleted organization \(Format.sanitize(id))\n"
            }
        }
    }
}
