import OrgdeckCore

/// A group of keys in the `?` overlay.
public struct HelpSection: Equatable, Sendable {
    public var title: String
    public var commands: [PaneCommand]

    /// The narrowest column of help worth showing (a key, its meaning, room for a reason).
    public static let columnWidth = 78

    /// How many columns help is laid out in: more than one only when its lines do not fit one
    /// column's `rows` and the screen has room for more (k9s shows its keys side by side).
    public static func columns(screenWidth: Int, lines: Int, rows: Int) -> Int {
        guard rows > 0, lines > rows else { return 1 }
        return columns(screenWidth: screenWidth, needed: (lines + rows - 1) / rows)
    }

    /// How many of the `needed` columns the screen shows side by side (three at most).
    public static func columns(screenWidth: Int, needed: Int) -> Int {
        min(max(1, (screenWidth - 2) / columnWidth), max(1, needed), 3)
    }

    /// What a line of help is: a section's heading, one of its keys, or the blank between two.
    public enum Line: Equatable, Sendable { case heading, key, blank }

    /// The lines help may start at as it scrolls, one scroll step each: a heading, and a key but
    /// the first of its section (from which the heading is repeated on top, and so would show as
    /// its heading did); never a blank.
    public static func scrollSteps(_ lines: [Line]) -> [Int] {
        lines.indices.filter { lines[$0] != .blank && !($0 > 0 && lines[$0 - 1] == .heading) }
    }
}

extension ConsoleViewModel {
    /// What the focus offers: the open overlay's keys, else the pane's (or its dialog's).
    /// The footer shows these.
    public var focusCommands: [PaneCommand] {
        if let signIn = state.signIn {
            return [PaneCommand(.submit, signIn.form.submitLabel.lowercased()), PaneCommand(.nextFocus, "next field")]
                + (signIn.mode == .changePassword ? []
                   : [PaneCommand(.toggleSignUp, signIn.mode == .signIn ? "create an account" : "sign in instead")])
                + [PaneCommand(.cancel, signIn.mode == .signUp ? "back to sign in" : "quit")]
        }
        switch rootOverlay {
        case .profileMenu:
            return [PaneCommand(.text("0-\(Pane.allCases.count) a-z +"), "pick a line"),
                    PaneCommand(.move(.down), "move"), PaneCommand(.open, "choose"), PaneCommand(.cancel, "close")]
        case .help:
            // Keys to scroll only when there is something to scroll to.
            return (helpScrollLimit > 0 ? [PaneCommand(.move(.down), "scroll"), PaneCommand(.bottom, "end")] : [])
                + [PaneCommand(.cancel, "close")]
        case .palette:
            return [PaneCommand(.nextFocus, "complete"), PaneCommand(.submit, "run"), PaneCommand(.move(.down), "choose"),
                    PaneCommand(.cancel, "close")]
        case .secret: return [PaneCommand(.copyID, "copy"), PaneCommand(.submit, "close")]
        case .inbox: return inboxCommands
        case .none: break
        }
        if let dialog = openDialog { return dialog.commands }
        return frontCommands
    }

    /// The keys of the screen in front, for the footer and for help alike. Cancelling an
    /// upload is the root's to know (the upload is the session's): refused, and greyed, in
    /// Inputs while none runs. The same key stops a training in Versions, which knows itself.
    var frontCommands: [PaneCommand] {
        let commands = front?.commands ?? []
        guard state.upload?.isRunning != true, (front as? SectionedPage)?.section is InputsSection else { return commands }
        return commands.refusing(.cancelJob, "no upload is running")
    }

    /// Whether the focus is on the screen itself (no overlay): only then do the global keys act.
    public var screenHasFocus: Bool {
        state.signIn == nil && rootOverlay == nil && openDialog == nil && front?.dialog == nil && !(front?.acceptsText ?? false)
    }

    /// The keys that work on every screen.
    public var globalCommands: [PaneCommand] {
        let change = environment?.refusalToChange
        var commands = Pane.allCases.map { PaneCommand(.selectPane($0), $0.title, inFooter: false) }
        commands += [
            PaneCommand(.profileMenu, "profile"),
            PaneCommand(.palette, "palette"),
            PaneCommand(.inbox, state.invitationCount > 0 ? "invitations (\(state.invitationCount))" : "invitations", inFooter: false),
            PaneCommand(.leave, "leave the organization", refusal: state.memberships.isEmpty ? "you belong to no organization"
                        : state.context.organizationID == nil ? Self.leaveFromPersonal : change, inFooter: false),
            PaneCommand(.refresh, "refresh", inFooter: false),
            PaneCommand(.redraw, "repaint the screen", inFooter: false),
            PaneCommand(.help, "these keys", inFooter: false),
            PaneCommand(.quit, "quit"),
        ]
        if !pages.isEmpty { commands.insert(PaneCommand(.back, "back", inFooter: false), at: 0) }
        return commands
    }

    /// The keys that move in every list.
    public var movingCommands: [PaneCommand] {
        [PaneCommand(.move(.down), "down"), PaneCommand(.move(.up), "up"), PaneCommand(.top, "top"),
         PaneCommand(.bottom, "bottom"), PaneCommand(.pageDown, "page down"), PaneCommand(.pageUp, "page up")]
    }

    /// The `?` overlay: the keys of what has focus first, then those that work everywhere.
    public var helpSections: [HelpSection] {
        let here = frontCommands.filter { !$0.label.isEmpty }
        var sections: [HelpSection] = []
        if !here.isEmpty { sections.append(HelpSection(title: "Here: \(frontTitle)", commands: here)) }
        // A key listed for the screen in front (Esc back, on a page) is not listed twice.
        let listed = here.map(\.event)
        sections.append(HelpSection(title: "Everywhere", commands: globalCommands.filter { !listed.contains($0.event) }))
        sections.append(HelpSection(title: "Moving", commands: movingCommands))
        return sections
    }

    /// A title for the screen in front, for the help overlay.
    public var frontTitle: String {
        switch state.screen {
        case .pane(let pane):
            // A pane with sections (Account, Billing, Security) names the one in front.
            if let page = panes[pane] as? SectionedPage { return "\(pane.title) · \(page.section.title)" }
            return pane.title
        case .app(let id): return "app \(id)" + (appDetail.map { " · \($0.section.title)" } ?? "")
        case .team(let id): return "team \(id)" + (team.map { " · \($0.tab.rawValue)" } ?? "")
        case .model(let ref):
            let page = front as? ModelPageViewModel
            return "model \(ref.appID)/\(ref.modelID)" + (page.map { " · \($0.section.title)" } ?? "")
        case .sharedApp(let ref): return "app \(ref.context)/\(ref.appID)" + (appDetail.map { " · \($0.section.title)" } ?? "")
        case .workflow(let ref):
            let page = front as? SectionedPage
            return "workflow \(ref.appID)/\(ref.workflowID)" + (page.map { " · \($0.section.title)" } ?? "")
        }
    }
}
