import ArgumentParser
import Foundation
import OrgdeckCore

/// `orgdeck teams members …` and `orgdeck teams apps …`: who is in a team and which apps it reaches.
extension TeamsCommand {
    struct MembersGroup: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "members",
            abstract: "List, add and remove a team's members (organization members only).",
            subcommands: [ListMembers.self, AddMember.self, RemoveMember.self])
    }

    struct AppsGroup: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "apps",
            abstract: "List, add and remove a team's apps (organization apps only).",
            discussion: """
                A team–app role is 'viewer' (see and predict) or 'contributor' (also edit content); \
                a Team Contributor gets the highest role any of their teams grants on an app.
                """,
            subcommands: [ListApps.self, AddApp.self, RemoveApp.self])
    }
}

extension TeamsCommand {
    struct ListMembers: ParsableCommand, GlobalOptionsCarrying {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List a team's members.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The team's ID.") var team: String

        func run() throws {
            let (service, session) = try global.authenticated(.membersRead)
            let orgID = try global.organizationID(service, session)
            let members = try service.teamMembers(session, organizationID: orgID, teamID: team)
            Output.emit(json: global.json, .array(members.map(ModelJSON.member))) {
                Format.members(members, none: "no members in team \(Format.sanitize(team))")
            }
        }
    }

    struct AddMember: ParsableCommand, GlobalOptionsCarrying {
        static let configuration = CommandConfiguration(commandName: "add", abstract: "Add a member to a team.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The team's ID.") var team: String
        @Argument(help: "The member's username.") var user: String

        func run() throws {
            let (service, session) = try global.authenticated(.teamsWrite)
            let orgID = try global.organizationID(service, session)
            try service.addTeamMember(session, organizationID: orgID, teamID: team, username: user)
            Output.emit(json: global.json,
                        .object([("team", .string(team)), ("user", .string(user)), ("member", .bool(true))])) {
                "added \(Format.sanitize(user)) to team \(Format.sanitize(team))\n"
            }
        }
    }

    struct RemoveMember: ParsableCommand, GlobalOptionsCarrying {
        static let configuration = CommandConfiguration(commandName: "remove",
                                                        abstract: "Remove a member from a team.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The team's ID.") var team: String
        @Argument(help: "The member's username.") var user: String

        func run() throws {
            let (service, session) = try global.authenticated(.teamsWrite)
            let orgID = try global.organizationID(service, session)
            try service.removeTeamMember(session, organizationID: orgID, teamID: team, username: user)
            Output.emit(json: global.json,
                        .object([("team", .string(team)), ("user", .string(user)), ("member", .bool(false))])) {
                "removed \(Format.sanitize(user)) from team \(Format.sanitize(team))\n"
            }
        }
    }

    struct ListApps: ParsableCommand, GlobalOptionsCarrying {
        static let configuration = CommandConfiguration(commandName: "list",
                                                        abstract: "List a team's apps with their team–app role.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The team's ID.") var team: String

        func run() throws {
            let (service, session) = try global.authenticated(.membersRead)
            let orgID = try global.organizationID(service, session)
            let apps = try service.teamApps(session, organizationID: orgID, teamID: team)
            Output.emit(json: global.json, .array(apps.map(ModelJSON.teamApp))) {
                if apps.isEmpty { return "no apps in team \(Format.sanitize(team))\n" }
                return Format.table(["ID", "NAME", "ROLE", "LABELS"], apps.map {
                    [$0.app.id, $0.app.name, $0.role.rawValue, Format.list($0.app.labels)]
                })
            }
        }
    }

    /// Grants the team's members an organization app; refused when the team's label policy
    /// does not allow it.
    struct AddApp: ParsableCommand, GlobalOptionsCarrying {
        static let configuration = CommandConfiguration(
            commandName: "add", abstract: "Give a team an app with a role (viewer or contributor).")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The team's ID.") var team: String
        @Argument(help: "The organization app's ID.") var app: String
        @Option(name: .long, help: ArgumentHelp("The team–app role: viewer or contributor.", valueName: "role"))
        var role: String

        func validate() throws { _ = try Arguments.teamAppRole(role) }

        func run() throws {
            let teamRole = try Arguments.teamAppRole(role)
            let (service, session) = try global.authenticated(.teamsWrite)
            let orgID = try global.organizationID(service, session)
            try service.addTeamApp(session, organizationID: orgID, teamID: team, appID: app, role: teamRole)
            Output.emit(json: global.json, .object([
                ("team", .string(team)), ("app", .string(app)), ("role", .string(teamRole.rawValue)),
            ])) {
                "added app \(Format.sanitize(app)) to team \(Format.sanitize(team)) as \(teamRole.rawValue)\n"
            }
        }
    }

    struct RemoveApp: ParsableCommand, GlobalOptionsCarrying {
        static let configuration = CommandConfiguration(commandName: "remove", abstract: "Take an app from a team.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The team's ID.") var team: String
        @Argument(help: "The app's ID.") var app: String

        func run() throws {
            let (service, session) = try global.authenticated(.teamsWrite)
            let orgID = try global.organizationID(service, session)
            try service.removeTeamApp(session, organizationID: orgID, teamID: team, appID: app)
            Output.emit(json: global.json, .object([
                ("team", .string(team)), ("app", .string(app)), ("role", .null),
            ])) {
                "removed app \(Format.sanitize(app)) from team \(Format.sanitize(team))\n"
            }
        }
    }
}
