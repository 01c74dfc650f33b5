import Foundation

/// Narrows the audit entries a reader may see (PRODUCT.md §7, the Activity pane and `audit list`).
public struct AuditSearch: Equatable, Sendable {
    /// The actor's username.
    public var member: String?
    /// An action (`app.create`) or a category (`app`, every `app.…`).
    public var action: String?
    /// The target, exactly (an app ID, a username, a token ID).
    public var target: String?
    /// `ok`, `denied` or `failed`.
    public var outcome: String?
    /// Entries at or after `since`, before `until`.
    public var since: Date?
    public var until: Date?

    public init(member: String? = nil, action: String? = nil, target: String? = nil, outcome: String? = nil,
                since: Date? = nil, until: Date? = nil) {
        self.member = member; self.action = action; self.target = target; self.outcome = outcome
        self.since = since; self.until = until
    }

    public var isEmpty: Bool { self == AuditSearch() }

    /// The outcome as the CLI names it (`success`, `denied`, `failed`) in the log's words.
    public static func outcome(named name: String) throws -> String {
        switch name.lowercased() {
        case "success", "ok": return "ok"
        case "denied": return "denied"
        case "failed": return "failed"
        default: throw CoreError.invalid("outcome", "the outcome is success, denied or failed")
        }
    }

    /// A day (`2026-11-30`, from its first second UTC) or a moment (`2026-11-30T14:05:00Z`).
    public static func date(_ text: String, field: String) throws -> Date {
        let text = text.trimmingCharacters(in: .whitespaces)
        let moment = ISO8601DateFormatter()
        if let date = moment.date(from: text) { return date }
        let day = ISO8601DateFormatter()
        day.formatOptions = [.withFullDate]
        if let date = day.date(from: text) { return date }
        throw CoreError.invalid(field, "\(field) is a day (2026-11-30) or a UTC moment (2026-11-30T14:05:00Z)")
    }
}

/// The audit log's columns as `CSVFile` writes them.
public enum AuditCSV {
    public static let columns = ["id", "at", "actor", "organization_id", "action", "target", "details", "source", "outcome", "hash"]
    public static let header = columns.joined(separator: ",")

    public static func row(_ entry: AuditEntry) -> [String] {
        [String(entry.id), entry.at.utcISO8601, entry.actor ?? "", entry.organizationID ?? "", entry.action, entry.target,
         entry.details, entry.source.rawValue, entry.outcome, entry.hash]
    }
}
