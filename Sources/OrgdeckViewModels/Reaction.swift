/// What a child view model asks of the console view model after handling an event.
public enum Reaction: Equatable, Sendable {
    case flash(Flash)
    case form(FormState)
    case confirm(ConfirmState)
    case picker(PickerState)
    case effect(Effect)
    case push(Screen)
    /// Leave the current screen (e.g. the app page after its app was deleted).
    case pop
}

import OrgdeckCore

extension Error {
    /// The message a user should see for a failure from the core.
    var userMessage: String {
        if let error = self as? CoreError { return error.message }
        return "unexpected error: \(self)"
    }
}
