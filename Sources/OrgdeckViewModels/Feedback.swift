import Foundation
import OrgdeckCore

/// A one-line result shown in the footer's flash line; it fades after a few seconds.
public struct Flash: Equatable, Sendable {
    /// `note` says what did not happen (cancelled, not sent): neither a success nor a fault.
    public enum Level: String, Equatable, Sendable { case info, note, warn, error }
    public var level: Level
    public var text: String

    public init(_ level: Level, _ text: String) { self.level = level; self.text = text }
    public static func info(_ text: String) -> Flash { Flash(.info, text) }
    public static func note(_ text: String) -> Flash { Flash(.note, text) }
    public static func warn(_ text: String) -> Flash { Flash(.warn, text) }
    public static func error(_ text: String) -> Flash { Flash(.error, text) }
}

/// Side effects the runtime performs for a view model: the view models themselves never touch
/// a terminal, a clipboard or the process.
public enum Effect: Equatable, Sendable {
    /// Put text on the user's clipboard (OSC 52).
    case copy(String)
    /// Put a secret on the clipboard; the flash names it (`what`) and never shows any of it.
    case copySecret(String, what: String)
    /// Leave the console.
    case quit
    /// Apply a theme by name (the runtime loads it and reports errors back as a flash).
    case applyTheme(String)
    /// Repaint the whole terminal (the explicit redraw key).
    case redraw
    /// Start or steer background work (uploads, the training worker).
    case job(JobRequest)
}

extension Error {
    /// The message a user should see for a failure from the core.
    var userMessage: String {
        if let error = self as? CoreError { return error.message }
        return "unexpected error: \(self)"
    }
}
