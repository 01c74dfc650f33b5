import Foundation
import OrgdeckCore

/// What the Activity section shows: a window of audit entries, newest first.
public struct ActivityState: Equatable, Sendable {
    public var list = ListState<AuditEntry>()
    public var search = AuditSearch()
    /// Entries matching the search (an Admin's: the organization's; anyone else's: their own).
    public var total = 0
    /// Only the user's own entries are readable here (they are not an Admin of the organization).
    public var ownOnly = false
    public var error: String?
}

/// The Account pane's Activity section: the audit log as a paged table (Admins see everyone's
/// in an organization, others their own), `/` filters by member, action or category, target,
/// outcome and dates, Enter shows an entry, `X` exports what is shown as CSV, `C` checks the
/// chain. Entries are read a chunk at a time as the cursor nears the end, never all at once.
public final class ActivitySection: SectionModel, DialogOwner, ItemSelecting {
    enum Purpose: Equatable, Sendable { case filter, details, export, verified }

    public internal(set) var state = ActivityState()
    let env: PaneEnvironment
    var open: DialogSlot<Purpose>?
    static let chunk = 200

    public let screen: Screen

    init(env: PaneEnvironment, screen: Screen = .pane(.account)) { self.env = env; self.screen = screen }

    public var title: String { "Activity" }
    public var dialog: Dialog? { openDialog }
    public var acceptsText: Bool { dialog?.acceptsText ?? false }

    public func reload() -> [Reaction] {
        load(count: max(Self.chunk, state.list.rows.count))
        return []
    }

    private func load(count: Int) {
        do {
            let page = try env.service.auditEntries(env.session, in: env.context, search: state.search, offset: 0, limit: count)
            state.list.show(page.items)
            state.total = page.total
            state.ownOnly = try env.service.auditIsOwnOnly(env.session, in: env.context)
            state.error = nil
        } catch {
            state.list.show([])
            state.total = 0
            state.error = error.userMessage
        }
    }

    var selectedItemID: String? { state.list.selected?.listID }

    /// Puts the cursor on entry `id` when it is among those read (the newest first).
    func selectItem(_ id: String) { state.list.select(id: id) }

    /// The title, the filter line and the header.
    public func setViewport(rows: Int, columns: Int) { state.list.setViewport(rows: rows - 3) }

    public func send(_ event: ConsoleEvent) -> [Reaction]? {
        if let reactions = routeDialog(event) { return reactions }
        if state.list.navigate(event) {
            // Near the end of what is read: read the next chunk.
            if state.list.cursor >= state.list.rows.count - 5, state.list.rows.count < state.total {
                load(count: state.list.rows.count + Self.chunk)
            }
            return []
        }
        switch event {
        case .filter: return present(.form(Self.filterForm(state.search)), for: .filter)
        case .open:
            guard let entry = state.list.selected else { return [] }
            return present(.info(InfoState(title: "Entry \(entry.id)", rows: [
                InfoRow("When", entry.at.utcMinute), InfoRow("Who", entry.actor ?? "system"),
                InfoRow("Organization", entry.organizationID ?? "—"), InfoRow("Action", entry.action),
                InfoRow("Target", entry.target.isEmpty ? "—" : entry.target), InfoRow("Details", entry.details.isEmpty ? "—" : entry.details),
                InfoRow("Source", entry.source.rawValue), InfoRow("Outcome", entry.outcome), InfoRow("Hash", entry.hash),
            ])), for: .details)
        case .export:
            if let reason = env.refusalOfFiles { return refused(reason) }
            return present(.form(FormState(title: "Export activity as CSV", fields: [
                FormField(key: "path", label: "Write to", value: "activity.csv", hint: "Tab completes; the filter applies; " + PathCompletion.relativeTo,
                          maxLength: 4_000, completesPaths: true),
            ], submitLabel: "Export")), for: .export)
        case .verify:
            let result: String
            switch try? env.service.verifyAudit() {
            case .intact(_, let notes)?:
                // The count is the whole file's, every organization's: not this reader's to know.
                result = "intact" + (notes.isEmpty ? "" : "; " + notes.joined(separator: "; "))
            case .broken(let entryID, let reason)?: result = "BROKEN at entry \(entryID): \(reason)"
            case nil: result = "could not be checked"
            }
            return present(.info(InfoState(title: "Audit log", rows: [InfoRow("Chain", result)])), for: .verified)
        default: return nil
        }
    }

    static func filterForm(_ search: AuditSearch) -> FormState {
        FormState(title: "Filter activity", fields: [
            FormField(key: "member", label: "Member", value: search.member ?? "", hint: "a username; empty for all", maxLength: 64),
            FormField(key: "action", label: "Action", value: search.action ?? "", hint: "app.create, or a category: app, user, idp…",
                      maxLength: 64),
            FormField(key: "target", label: "Target", value: search.target ?? "", hint: "an app ID, a username, …", maxLength: 200),
            FormField(key: "outcome", label: "Outcome", value: search.outcome.map { $0 == "ok" ? "success" : $0 } ?? "",
                      hint: "success, denied or failed", maxLength: 10),
            FormField(key: "since", label: "Since", value: search.since?.utcDay ?? "", hint: "a day, 2026-11-30", maxLength: 30),
            FormField(key: "until", label: "Before", value: search.until?.utcDay ?? "", hint: "a day", maxLength: 30),
        ], submitLabel: "Filter")
    }

    /// The username a typed member stands for: itself when someone has it, else the one
    /// member whose username begins with it (`kath` for katherine); several or none is an error
    /// that names them, rather than a filter that silently matches nothing.
    func resolveMember(_ typed: String) throws -> String {
        let name = typed.lowercased()
        guard let organizationID = env.context.organizationID,
              let members = try? env.service.members(env.session, organizationID: organizationID).map(\.user.username) else {
            return name
        }
        if members.contains(name) { return name }
        let matches = members.filter { $0.hasPrefix(name) }.sorted()
        switch matches.count {
        case 1: return matches[0]
        case 0: throw CoreError.invalid("member", "no member's username begins with \(Validation.quoted(name))")
        default:
            throw CoreError.invalid("member", "\(Validation.quoted(name)) begins \(matches.prefix(5).joined(separator: ", "))"
                                    + (matches.count > 5 ? ", …" : "") + ": type more of one")
        }
    }

    func carryOut(_ purpose: Purpose, _ dialog: Dialog) throws -> [Reaction] {
        guard case .form(let form) = dialog else { return [] }
        func optional(_ key: String) -> String? { form.value(key).isEmpty ? nil : form.value(key) }
        switch purpose {
        case .filter:
            state.search = AuditSearch(member: try optional("member").map(resolveMember), action: optional("action")?.lowercased(),
                                       target: optional("target"), outcome: try optional("outcome").map(AuditSearch.outcome(named:)),
                                       since: try optional("since").map { try AuditSearch.date($0, field: "since") },
                                       until: try optional("until").map { try AuditSearch.date($0, field: "until") })
            state.list.select(index: 0)
            load(count: Self.chunk)
            return []
        case .export:
            let path = try PathCompletion.exportTarget(form)
            let count = try env.service.exportAudit(env.session, in: env.context, search: state.search, to: path)
            return [.flash(.info("wrote \(counted(count, "entry", plural: "entries")) to \(path)"))]
        case .details, .verified: return []
        }
    }

    public var commands: [PaneCommand] {
        if let dialog { return dialog.commands }
        let none = state.list.selected == nil ? "no entry" : nil
        return [PaneCommand(.open, "details", refusal: none), PaneCommand(.filter, "filter"),
                PaneCommand(.export, "export CSV", refusal: env.refusalOfFiles), PaneCommand(.verify, "check chain")]
    }
}
