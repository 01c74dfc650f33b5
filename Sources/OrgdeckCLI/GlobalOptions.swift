import ArgumentParser
import Foundation
import OrgdeckCore

/// The options every command accepts after its name (PRODUCT.md §9).
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "Database file (default: $ORGDECK_DB, else $XDG_DATA_HOME/orgdeck/orgdeck.sqlite).",
        valueName: "path"))
    var db: String?

    @Flag(name: .long, help: "Machine output on stdout; errors as a JSON object on stderr.")
    var json = false

    @Option(name: .long, help: ArgumentHelp("Work in this organization instead of the personal account.",
                                            valueName: "id"))
    var org: String?

    /// Paths resolved from the process environment and `--db`.
    var paths: Paths {
        Paths(environment: ProcessInfo.processInfo.environment, databaseOverride: db,
              currentDirectory: FileManager.default.currentDirectoryPath)
    }

    @Option(name: .long, help: ArgumentHelp("Work on the apps this user shared with you (their personal account).",
                                            valueName: "user"))
    var owner: String?

    /// Personal account, the organization named by `--org`, or the account of `--owner`.
    var context: Context {
        if let org { return .organization(org) }
        if let owner { return .user(owner) }
        return .personal
    }

    func validate() throws {
        if org != nil && owner != nil { throw ValidationError("give --org or --owner, not both") }
        if db != nil && Remote.isActive { throw ValidationError("over SSH, the server's database is the one: --db is not taken") }
    }

    /// Opens the database, creating it on first use unless `create` is false. What opening
    /// changed (permissions tightened) is said once on stderr.
    func openService(create: Bool = true, readOnly: Bool = false) throws -> OrgService {
        // A read-only server's sessions are read-only too.
        let readOnly = readOnly || (Remote.isActive && ProcessInfo.processInfo.environment[Remote.readOnlyVariable] == "1")
        let options = OrgService.Options(readOnly: readOnly, createIfMissing: create && !Remote.isActive, auditKey: paths.auditKey)
        let service = try OrgService.open(path: paths.database, options: options)
        for notice in service.notices { Output.error("orgdeck: \(Format.sanitize(notice))\n") }
        return service
    }

    /// Opens the database and resolves `ORGDECK_TOKEN` to a session whose token holds `scope`
    /// (the scope the command declares; exit 4 naming it otherwise). A token can only belong to
    /// a database that exists, so a missing file is not created: the refusal names the path.
    func authenticated(_ scope: TokenScope) throws -> (OrgService, Session) {
        let (service, session) = try authenticatedSession()
        try session.require(scope)
        return (service, session)
    }

    /// Opens an existing database and signs in with a password (for the commands that need no
    /// token: creating one, changing the password).
    func signIn(user: String, password: String) throws -> (OrgService, Session) {
        guard !Remote.isActive else { throw CLIError.usage("over SSH you are signed in by your key: no password sign-in here") }
        let service: OrgService
        do { service = try openService(create: false) } catch let error as CoreError where error.kind == .notFound {
            throw CoreError.notAuthenticated("no database at \(paths.database): check --db or ORGDECK_DB")
        }
        return (service, try service.signIn(login: user, password: password, source: .cli))
    }

    private func authenticatedSession() throws -> (OrgService, Session) {
        if Remote.isActive {
            // An SSH session's command: signed in by the server's ticket, as its user, with every scope.
            let service = try openService(create: false)
            return (service, try service.redeemSSHTicket(try Remote.ticket(), purpose: .command))
        }
        let token = (ProcessInfo.processInfo.environment["ORGDECK_TOKEN"] ?? "")
            .trimmingCharacters(in: .whitespacesAndNewlines)
        guard !token.isEmpty else { throw CLIError.missingToken }
        let database = paths.database
        let service: OrgService
        do {
            service = try openService(create: false)
        } catch let error as CoreError where error.kind == .notFound {
            throw CoreError.notAuthenticated("no database at \(database): check --db or ORGDECK_DB")
        }
        do {
            return (service, try service.authenticate(token: token, source: .cli))
        } catch let error as CoreError where error == OrgService.unknownToken {
            throw CoreError.notAuthenticated("unknown token: \(database) holds no such token (check --db or ORGDECK_DB)")
        }
    }
}

/// Commands that carry the global options; the dispatcher reads `--json` from them
/// to format an error the command throws.
protocol GlobalOptionsCarrying {
    var global: GlobalOptions { get }
}
