/// What the user did, already translated from keys by the key map. Named after intent, not keys,
/// so that remapped keys and mouse clicks drive the same events.
public enum ConsoleEvent: Equatable, Sendable {
    // Navigation
    case move(Direction)
    case top, bottom, pageUp, pageDown
    case open, back, nextFocus, previousFocus
    case selectPane(Pane)
    /// A click on the n-th item of the visible list (absolute index).
    case selectIndex(Int)
    case profileMenu, help, palette, filter
    // Operations on the item under the cursor
    case new, edit, delete, duplicate, transfer, copyID, star, pin, toggleView, cycleSort
    case refresh, redraw, quit
    /// Leave the current organization (asks first).
    case leave
    /// Open the invitations the user has received.
    case inbox
    /// On the sign-in screen: switch between signing in and signing up.
    case toggleSignUp
    // Text entry (forms, filter, palette, confirm dialogs)
    case text(String)
    case backspace, deleteForward, cursorLeft, cursorRight, cursorHome, cursorEnd, deleteWord
    case submit, cancel
    // The outside world
    /// Another session changed the database.
    case externalChange
    /// The screen's list area changed size.
    case viewport(rows: Int, gridColumns: Int)
}

/// A modal layer above the current screen.
public enum Overlay: Equatable, Sendable {
    case none
    case profileMenu(ProfileMenuState)
    case help(scroll: Int)
    case palette(PaletteState)
    case form(FormState)
    case confirm(ConfirmState)
    /// A secret shown once (a new token), with how to copy it.
    case secret(title: String, value: String)
    /// Pick one of a few options (a member's role).
    case picker(PickerState)
    /// The invitations the signed-in user has received.
    case inbox(InboxState)
}
