import OrgdeckCore

/// A move that closes pages: the one in front (back), or all of them for a pane, another
/// context, signing out or quitting.
enum Departure: Equatable, Sendable {
    case back
    case pane(Pane, section: AccountSection? = nil)
    case context(Context, title: String)
    case signOut
    case quit
}

extension PaneModel {
    /// What would be lost if the page closed now ("the graph of triage-flow has changes that
    /// are not saved"), or nil. Only a page with edits of its own (a workflow's graph) says so.
    public var unsavedChanges: String? { (self as? UnsavedWork)?.unsavedWork }
}

/// A page that keeps edits until the user saves them.
protocol UnsavedWork {
    var unsavedWork: String? { get }
}

extension ConsoleViewModel {
    /// Makes `departure`, after asking when a page in front holds unsaved edits: every way out
    /// (a pane key, the profile menu, the palette, sign-out, quit) asks as Esc does in the page,
    /// not only the key a user is least likely to press by accident.
    func depart(_ departure: Departure, _ effects: inout [Effect]) {
        let closing = departure == .back ? Array(pages.suffix(1)) : pages
        if let work = closing.lazy.compactMap(\.unsavedChanges).last {
            apply(present(.confirm(ConfirmState(title: "Unsaved changes", message: "\(work). Leave without saving them?",
                                                requiredText: nil, verb: "discard")), for: .depart(departure)), &effects)
            return
        }
        apply(make(departure), &effects)
    }

    /// Makes the move, whatever the pages hold.
    func make(_ departure: Departure) -> [Reaction] {
        switch departure {
        case .back: popPage()
        case .pane(let pane, let section):
            selectPane(pane)
            if let section { account?.select(section) }
        case .context(let context, let title):
            guard context != state.context else { return [] }
            switchContext(context)
            return [.flash(.info("switched to \(title)"))]
        case .signOut:
            // Over SSH, the session was signed in by its key: signing out ends it.
            rememberPlace(leaving: true)
            if remote { return [.effect(.quit)] }
            signOut()
        case .quit:
            rememberPlace(leaving: true)
            return [.effect(.quit)]
        }
        return []
    }
}
