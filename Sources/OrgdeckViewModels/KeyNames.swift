import Foundation

/// How the user's key map names the key that sends an event, for messages that suggest one
/// ("no app here yet: n creates one"). A message names a key only when one is bound: with
/// `new` moved to `a` it says `a`, and with `new` unbound it suggests nothing.
public struct KeyNames: Sendable {
    private let lookup: @Sendable (ConsoleEvent) -> String?

    /// `lookup` names the key that sends an event, nil when none does.
    public init(_ lookup: @escaping @Sendable (ConsoleEvent) -> String?) { self.lookup = lookup }

    /// The product's default keys for the events messages suggest, for a console made without
    /// a key map (tests, the benchmark); the runtime passes its key map's names.
    public static let defaults = KeyNames { event in
        switch event {
        case .new: return "n"
        case .edit: return "e"
        case .train: return "T"
        case .cancelJob: return "x"
        case .upload: return "u"
        default: return nil
        }
    }

    /// The events `defaults` names (the key map's test checks the two agree).
    public static let suggested: [ConsoleEvent] = [.new, .edit, .train, .cancelJob, .upload]

    /// The key that sends `event`, or nil.
    public func callAsFunction(_ event: ConsoleEvent) -> String? { lookup(event) }

    /// `phrase` with the key's name in place of `%k` when a key sends `event`, else "".
    public func suggest(_ event: ConsoleEvent, _ phrase: String) -> String {
        lookup(event).map { phrase.replacingOccurrences(of: "%k", with: $0) } ?? ""
    }
}
