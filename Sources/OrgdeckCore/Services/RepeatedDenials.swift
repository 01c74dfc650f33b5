import Foundation

/// The refused reads this process has recorded lately, so a read refused again and again in
/// the same way is audited once a minute rather than each time.
///
/// A console re-reads what it shows whenever the file changes; a list whose access ended
/// elsewhere is refused on each re-read, and each refusal's audit entry is itself a change of
/// the file: without this, one open console wrote entries several times a second, for as long
/// as it stayed open. A read changes nothing, so its first refusal says all there is to say.
/// Refused writes are always recorded: each is an attempt of its own.
final class RepeatedDenials: @unchecked Sendable {
    /// How long an identical refused read stays recorded.
    static let window: TimeInterval = 60
    /// Past this many remembered refusals the oldest are forgotten (recording again is safe).
    static let capacity = 256

    private let lock = NSLock()
    private var recorded: [String: Date] = [:]

    /// Whether `audit` should be written: false when the same actor, source, action, target and
    /// reason were recorded by this process less than `window` before its time.
    func shouldRecord(_ audit: AuditRecord) -> Bool {
        let key = [audit.actor ?? "", audit.organizationID ?? "", audit.source.rawValue, audit.action, audit.target,
                   audit.details].joined(separator: "\u{1F}")
        return lock.withLock {
            if let last = recorded[key], audit.at.timeIntervalSince(last) < Self.window, audit.at >= last { return false }
            if recorded.count >= Self.capacity {
                recorded = recorded.filter { audit.at.timeIntervalSince($0.value) < Self.window }
                if recorded.count >= Self.capacity { recorded.removeAll() }
            }
            recorded[key] = audit.at
            return true
        }
    }
}
