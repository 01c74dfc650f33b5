import ArgumentParser
import Foundation
import OrgdeckCore

/// Parsing and checks the organization-administration commands share, so every command
/// words the same mistake the same way (and exits 2 for it).
enum Arguments {
    /// The ROLE values, in the order `--help` lists them.
    static let roleNames = Role.allCases.map(\.rawValue).joined(separator: ", ")

    /// The team–app role values.
    static let teamAppRoleNames = TeamAppRole.allCases.map(\.rawValue).joined(separator: ", ")

    /// A member role from its command-line spelling (`admin`, `org-contributor`, …).
    static func role(_ text: String, option: String = "ROLE") throws -> Role {
        guard let role = Role(rawValue: text) else {
            throw ValidationError("\(option) must be one of: \(roleNames) (got '\(Format.sanitize(text))')")
        }
        return role
    }

    /// A team–app role from its command-line spelling (`viewer`, `contributor`).
    static func teamAppRole(_ text: String) throws -> TeamAppRole {
        guard let role = TeamAppRole(rawValue: text) else {
            throw ValidationError("--role must be one of: \(teamAppRoleNames) (got '\(Format.sanitize(text))')")
        }
        return role
    }

    /// Destructive commands run only with `--yes`; `what` completes "… : add --yes to confirm".
    static func requireYes(_ yes: Bool, _ what: String) throws {
        guard yes else { throw ValidationError("\(what): add --yes to confirm") }
    }

    /// At least one label, none of them empty.
    static func labels(_ labels: [String], command: String) throws {
        guard !labels.isEmpty else { throw ValidationError("\(command) needs at least one label") }
    }
}

extension GlobalOptions {
    /// The organization a member or team command works on: `--org`, else the caller's only
    /// organization. With none or several, the caller must say which (exit 2).
    func organizationID(_ service: OrgService, _ session: Session) throws -> String {
        if let org { return org }
        let memberships = try service.memberships(session)
        switch memberships.count {
        case 1: return memberships[0].organization.id
        case 0: throw CLIError.usage("you belong to no organization: pass --org ID")
        default:
            let ids = memberships.map(\.organization.id).joined(separator: ", ")
            throw CLIError.usage("you belong to several organizations (\(Format.sanitize(ids))): pass --org ID")
        }
    }
}
