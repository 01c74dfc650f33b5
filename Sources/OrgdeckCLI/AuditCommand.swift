import ArgumentParser
import Foundation
import OrgdeckCore

/// `orgdeck audit …`: the append-only activity log (PRODUCT.md §7).
struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Verify, list and export the audit log.",
        subcommands: [Verify.self, List.self, Export.self])
}

/// The filters `audit list` and `audit export` share.
struct AuditFilterOptions: ParsableArguments {
    @Option(name: .long, help: "Only this member's entries (a username).") var member: String?
    @Option(name: .long, help: "An action (app.create) or a category (app).") var action: String?
    @Option(name: .long, help: "Only entries about this target (an app ID, a username, …).") var target: String?
    @Option(name: .long, help: ArgumentHelp("From this day or moment (UTC).", valueName: "date")) var since: String?
    @Option(name: .long, help: ArgumentHelp("Before this day or moment (UTC).", valueName: "date")) var until: String?
    @Option(name: .long, help: "success, denied or failed.") var outcome: String?

    func search() throws -> AuditSearch {
        AuditSearch(member: member?.lowercased(), action: action?.lowercased(), target: target,
                    outcome: try outcome.map(AuditSearch.outcome(named:)),
                    since: try since.map { try AuditSearch.date($0, field: "since") },
                    until: try until.map { try AuditSearch.date($0, field: "until") })
    }
}

extension AuditCommand {
    /// Walks the hash chain, the seals and the anchor. Needs no token: it reads the file as its
    /// owner would, and an operator checking a copy of a database may have no account in it.
    struct Verify: ParsableCommand, GlobalOptionsCarrying {
        static let configuration = CommandConfiguration(
            commandName: "verify",
            abstract: "Check the audit log: its hash chain, its seals and its anchor; exit 1 at the first bad entry.",
            discussion: """
                Each entry is chained to the previous one and sealed with the key in the audit key file \
                (see 'orgdeck info'), which is kept outside the database; the newest sealed entry is \
                anchored beside the key. An edited, forged, truncated or rewritten log is reported, \
                naming the first bad entry, unless whoever changed it also had the key file.
                """)

        @OptionGroup var global: GlobalOptions

        func run() throws {
            let service = try global.openService(create: false, readOnly: true)
            switch try service.verifyAudit() {
            case .intact(let entries, let notes):
                Output.emit(json: global.json, .object([("intact", .bool(true)), ("entries", .int(Int64(entries))),
                                                         ("notes", .array(notes.map { .string($0) }))])) {
                    "audit log intact: \(entries) entries\n" + notes.map { "note: \($0)\n" }.joined()
                }
            case .broken(let entryID, let reason):
                Output.emit(json: global.json, .object([
                    ("intact", .bool(false)), ("entry_id", .int(entryID)), ("reason", .string(reason)),
                ])) {
                    "audit log broken at entry \(entryID): \(Format.sanitize(reason))\n"
                }
                throw ExitCode(1)
            }
        }
    }

    /// Newest first; an Admin with `--org` sees the organization's entries, others their own.
    struct List: ParsableCommand, GlobalOptionsCarrying {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List audit entries, newest first.")

        @OptionGroup var global: GlobalOptions
        @OptionGroup var filters: AuditFilterOptions

        @Option(name: .long, help: "At most this many entries (1-1000).")
        var limit: Int = 50

        @Option(name: .long, help: "Skip this many entries.")
        var offset: Int = 0

        func validate() throws {
            guard (1...1000).contains(limit) else { throw ValidationError("--limit must be between 1 and 1000") }
            guard offset >= 0 else { throw ValidationError("--offset must not be negative") }
        }

        func run() throws {
            let (service, session) = try global.authenticated(.auditRead)
            let page = try service.auditEntries(session, in: global.context, search: try filters.search(), offset: offset, limit: limit)
            Output.emit(json: global.json, .array(page.items.map(ModelJSON.audit))) {
                if page.items.isEmpty { return "no audit entries\n" }
                return Format.table(["ID", "WHEN (UTC)", "ACTOR", "ACTION", "TARGET", "OUTCOME", "SOURCE"],
                                    page.items.map {
                                        [String($0.id), Format.short($0.at), $0.actor ?? "system", $0.action,
                                         $0.target, $0.outcome, $0.source.rawValue]
                                    })
            }
        }
    }

    /// Writes the entries the caller may see (and that match the filters) to a CSV file.
    struct Export: ParsableCommand, GlobalOptionsCarrying {
        static let configuration = CommandConfiguration(commandName: "export",
            abstract: "Export audit entries as CSV, oldest first.")

        @OptionGroup var global: GlobalOptions
        @OptionGroup var filters: AuditFilterOptions
        @Option(name: .long, help: "Where to write the CSV (- for standard output).") var csv: String

        func run() throws {
            try Remote.serverFile(csv, "the CSV to write")
            let (service, session) = try global.authenticated(.auditRead)
            let count = try service.exportAudit(session, in: global.context, search: try filters.search(), to: csv)
            if csv == "-" { return }
            Output.emit(json: global.json, .object([("path", .string(csv)), ("entries", .int(Int64(count)))])) {
                "wrote \(count) audit entries to \(Format.sanitize(csv))\n"
            }
        }
    }
}
