import ArgumentParser
import Foundation
import OrgdeckCore

/// `orgdeck orgs …`: organizations (PRODUCT.md §5).
struct OrgsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "orgs",
        abstract: "Create, show, update, leave and delete organizations.",
        subcommands: [List.self, Create.self, Show.self, Update.self, Leave.self, Delete.self])
}

extension OrgsCommand {
    /// Creates an organization; the signed-in user becomes its Admin.
    struct Create: ParsableCommand, GlobalOptionsCarrying {
        static let configuration = CommandConfiguration(commandName: "create",
            abstract: "Create an organization; you become its Admin.")

        @OptionGroup var global: GlobalOptions

        @Argument(help: "The organization's ID, as it appears in commands (--org ID).")
        var id: String

        @Option(name: .long, help: "Its name (unique).")
        var name: String

        @Option(name: .long, help: "Where invoices go.")
        var billingEmail: String

        func run() throws {
            let (service, session) = try global.authenticated(.membersWrite)
            let org = try service.createOrganization(session, id: id, name: name, billingEmail: billingEmail)
            Output.emit(json: global.json, ModelJSON.organization(org, role: .admin)) {
                "created organization \(Format.sanitize(org.id))\n"
            }
        }
    }

    /// One organization with the caller's role, or (no ID) every organization the caller belongs to.
    struct Show: ParsableCommand, GlobalOptionsCarrying {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "Show an organization, or list yours when no ID is given.")

        @OptionGroup var global: GlobalOptions

        @Argument(help: "The organization's ID (default: --org, else all of yours).")
        var id: String?

        func run() throws {
            let (service, session) = try global.authenticated(.membersRead)
            if let id = id ?? global.org {
                let org = try service.organization(session, id: id)
                let role = try service.role(session, in: id)
                Output.emit(json: global.json, ModelJSON.organization(org, role: role)) {
                    Format.fields([
                        ("id", org.id), ("name", org.name), ("billing email", org.billingEmail),
                        ("created", Format.short(org.createdAt)), ("your role", role?.title ?? "not a member"),
                    ])
                }
            } else {
                try List.print(service.memberships(session), json: global.json)
            }
        }
    }

    /// The organizations the caller belongs to, with their role.
    struct List: ParsableCommand, GlobalOptionsCarrying {
        static let configuration = CommandConfiguration(commandName: "list",
            abstract: "List your organizations with your role in each.")

        @OptionGroup var global: GlobalOptions

        func run() throws {
            let (service, session) = try global.authenticated(.membersRead)
            try Self.print(service.memberships(session), json: global.json)
        }

        static func print(_ memberships: [OrganizationMembership], json: Bool) {
            Output.emit(json: json, .array(memberships.map {
                ModelJSON.organization($0.organization, role: $0.role, joinedAt: $0.joinedAt)
            })) {
                if memberships.isEmpty { return "no organizations\n" }
                return Format.table(["ID", "NAME", "ROLE", "JOINED"], memberships.map {
                    [$0.organization.id, $0.organization.name, $0.role.title, Format.short($0.joinedAt)]
                })
            }
        }
    }
}
