import ArgumentParser
import Foundation
import OrgdeckCore

/// `orgdeck teams …`: teams of an organization, their members, apps and label policy (PRODUCT.md §5).
struct TeamsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "teams",
        abstract: "Manage teams, their members, their apps and their label policy.",
        discussion: "Works on the organization given by --org, else on your only organization.",
        subcommands: [List.self, Show.self, Create.self, Rename.self, Delete.self,
                      MembersGroup.self, AppsGroup.self, Policy.self])

    /// Prints one team in the form every team-returning command shares.
    static func print(_ team: Team, json: Bool, human: String? = nil) {
        Output.emit(json: json, ModelJSON.team(team)) {
            if let human { return human }
            return Format.fields([
                ("id", team.id), ("name", team.name), ("organization", team.organizationID),
                ("required labels", Format.list(team.requiredLabels)),
                ("members", String(team.memberCount)), ("apps", String(team.appCount)),
                ("created", Format.short(team.createdAt)), ("version", String(team.version)),
            ])
        }
    }
}

extension TeamsCommand {
    struct List: ParsableCommand, GlobalOptionsCarrying {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List the organization's teams.")

        @OptionGroup var global: GlobalOptions

        @Option(name: .long, help: "Only teams whose name or ID contains this text.")
        var filter: String = ""

        func run() throws {
            let (service, session) = try global.authenticated(.membersRead)
            let orgID = try global.organizationID(service, session)
            let teams = try service.teams(session, organizationID: orgID, filter: filter)
            Output.emit(json: global.json, .array(teams.map(ModelJSON.team))) {
                if teams.isEmpty { return "no teams\n" }
                return Format.table(["ID", "NAME", "MEMBERS", "APPS", "REQUIRED LABELS"], teams.map {
                    [$0.id, $0.name, String($0.memberCount), String($0.appCount), Format.list($0.requiredLabels)]
                })
            }
        }
    }

    struct Show: ParsableCommand, GlobalOptionsCarrying {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "Show one team.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The team's ID.") var id: String

        func run() throws {
            let (service, session) = try global.authenticated(.membersRead)
            let orgID = try global.organizationID(service, session)
            TeamsCommand.print(try service.team(session, organizationID: orgID, id: id), json: global.json)
        }
    }

    struct Create: ParsableCommand, GlobalOptionsCarrying {
        static let configuration = CommandConfiguration(commandName: "create", abstract: "Create a team.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The team's ID: letters and digits with single '-' or '_' between them.") var id: String
        @Option(name: .long, help: "Its name.") var name: String

        func run() throws {
            let (service, session) = try global.authenticated(.teamsWrite)
            let orgID = try global.organizationID(service, session)
            let team = try service.createTeam(session, organizationID: orgID, id: id, name: name)
            TeamsCommand.print(team, json: global.json, human: "created team \(Format.sanitize(team.id))\n")
        }
    }

    struct Rename: ParsableCommand, GlobalOptionsCarrying {
        static let configuration = CommandConfiguration(commandName: "rename", abstract: "Rename a team.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The team's ID.") var id: String
        @Argument(help: "The new name.") var name: String

        func run() throws {
            let (service, session) = try global.authenticated(.teamsWrite)
            let orgID = try global.organizationID(service, session)
            let team = try service.renameTeam(session, organizationID: orgID, id: id, name: name)
            TeamsCommand.print(team, json: global.json,
                               human: "renamed team \(Format.sanitize(team.id)) to \(Format.sanitize(team.name))\n")
        }
    }

    /// Deleting ends the access its members had through it, so a script must say `--yes`.
    struct Delete: ParsableCommand, GlobalOptionsCarrying {
        static let configuration = CommandConfiguration(commandName: "delete",
            abstract: "Delete a team (its members and apps stay).")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The team's ID.") var id: String
        @Flag(name: .long, help: "Confirm the deletion (required).") var yes = false

        func validate() throws {
            try Arguments.requireYes(yes, "deleting team '\(Format.sanitize(id))' ends the access it grants")
        }

        func run() throws {
            let (service, session) = try global.authenticated(.teamsWrite)
            let orgID = try global.organizationID(service, session)
            try service.deleteTeam(session, organizationID: orgID, id: id)
            Output.emit(json: global.json, .object([("id", .string(id)), ("deleted", .bool(true))])) {
                "deleted team \(Format.sanitize(id))\n"
            }
        }
    }

    /// Restricts a team to apps carrying every required label, or lifts the restriction.
    struct Policy: ParsableCommand, GlobalOptionsCarrying {
        static let configuration = CommandConfiguration(
            commandName: "policy",
            abstract: "Require labels on the team's apps, or clear the requirement.",
            discussion: """
                With --require-label (repeatable) the team accepts only apps carrying every one of \
                those labels; adding any other app is refused. --clear removes the policy.
                """)

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The team's ID.") var team: String
        @Option(name: .customLong("require-label"), parsing: .singleValue,
                help: ArgumentHelp("A label every app of the team must carry (repeatable).", valueName: "label"))
        var requireLabel: [String] = []
        @Flag(name: .long, help: "Remove the policy: any organization app may be added.") var clear = false

        func validate() throws {
            if clear, !requireLabel.isEmpty {
                throw ValidationError("give either --require-label or --clear, not both")
            }
            if !clear, requireLabel.isEmpty {
                throw ValidationError("give --require-label LABEL (repeatable) or --clear")
            }
        }

        func run() throws {
            let (service, session) = try global.authenticated(.teamsWrite)
            let orgID = try global.organizationID(service, session)
            let updated = try service.setTeamPolicy(session, organizationID: orgID, teamID: team,
                                                    requiredLabels: clear ? [] : requireLabel)
            let human = updated.requiredLabels.isEmpty
                ? "team \(Format.sanitize(updated.id)) accepts any app\n"
                : "team \(Format.sanitize(updated.id)) requires labels \(Format.sanitize(Format.list(updated.requiredLabels)))\n"
            TeamsCommand.print(updated, json: global.json, human: human)
        }
    }
}
