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
    /// A click on the n-th section of a page's sidebar or tabs.
    case selectSection(Int)
    case profileMenu, help, palette, filter
    // Operations on the item under the cursor
    case new, edit, delete, duplicate, transfer, copyID, star, pin, toggleView, cycleSort
    case refresh, redraw, quit
    /// Leave the current organization (asks first).
    case leave
    /// Open the invitations the user has received.
    case inbox
    /// Accept what is selected (an invitation received).
    case accept
    /// Queue a new version of the model in view.
    case train
    /// Make the model in view public or private.
    case visibility
    /// Upload files into the app in view.
    case upload
    /// Add a concept to, or remove one from, the selected inputs.
    case label, unlabel
    /// Select or unselect the item under the cursor (for operations on many).
    case mark
    /// Stop the running upload or training.
    case cancelJob
    /// Write what the pane shows to a file (the Activity log, a bill, as CSV).
    case export
    /// Check the audit log's chain.
    case verify
    /// Show the month before or after the one shown (Billing).
    case previousPeriod, nextPeriod
    /// Save what is being edited (a workflow's graph).
    case save
    /// On the sign-in screen: switch between signing in and signing up.
    case toggleSignUp
    // Text entry (forms, filter, palette, confirm dialogs)
    case text(String)
    case backspace, deleteForward, cursorLeft, cursorRight, cursorHome, cursorEnd, deleteWord
    /// Ctrl-U, as in a shell: everything before the cursor goes.
    case deleteToStart
    case submit, cancel
    // The outside world
    /// Another session changed the database.
    case externalChange
    /// The body (between header and footer) has this many rows and columns.
    case viewport(rows: Int, columns: Int)
    /// The first frame is on screen: do the work that waited for it (counts, badges).
    case firstFramePainted
    /// No key for a moment: finish what typing skipped (a filtered list's exact count).
    case idle
    /// Background work reported (an upload's progress, a training job's step or end).
    case job(JobReport)
}

