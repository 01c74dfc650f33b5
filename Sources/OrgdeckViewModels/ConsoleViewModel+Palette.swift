import OrgdeckCore

extension ConsoleViewModel {
    /// How many apps `:app` offers as completions at once; typing narrows them.
    static let appCompletions = 8

    /// Every command the palette knows, for completion.
    public func paletteCommands() -> [String] {
        var commands = Pane.allCases.map(\.command)
        commands += ["members", "teams", "invitations", "tokens", "app "]
        commands += ["personal"] + state.memberships.map { "org \($0.organization.id)" }
        commands += ["leave", "new-org", "help", "refresh", "signout", "quit"]
        commands += themeNames.map { "theme \($0)" }
        return commands
    }

    /// `app ` followed by part of an ID: the context's apps whose ID contains it, read from the
    /// core a few at a time (an organization may hold 100,000).
    private func appCompletions(for typed: String) -> [String] {
        let words = typed.lowercased().split(separator: " ", maxSplits: 1)
        guard words.count == 2, words[0] == "app", let session = state.session else { return [] }
        let part = words[1].trimmingCharacters(in: .whitespaces)
        guard !part.isEmpty else { return [] }
        let page = try? service.apps(session, in: state.context, query: AppQuery(filter: part, sort: .name, ascending: true,
                                                                               limit: Self.appCompletions, countTotal: false))
        // The filter also matches names; only IDs complete an ID.
        return (page?.items ?? []).map(\.id).filter { $0.lowercased().contains(part) }.map { "app " + $0 }
    }

    func handlePalette(_ palette: PaletteState, _ event: ConsoleEvent, _ effects: inout [Effect]) {
        var palette = palette
        switch event {
        case .cancel, .back: rootOverlay = nil; return
        case .nextFocus: palette.complete()
        case .move(.down): palette.move(1)
        case .move(.up): palette.move(-1)
        // A click on a completion runs it, as a click on a picker's row chooses it.
        case .selectIndex(let index) where palette.completions.indices.contains(index):
            palette.selection = index
            handlePalette(palette, .submit, &effects)
            return
        case .submit:
            rootOverlay = nil
            if let error = runPaletteCommand(palette.chosen, &effects) {
                palette.error = error
                rootOverlay = .palette(palette)
            }
            return
        default:
            palette.input.apply(event)
            palette.refresh(commands: paletteCommands(), found: appCompletions(for: palette.input.text))
        }
        rootOverlay = .palette(palette)
    }

    /// Runs `:command`; returns an error to show in the palette when it is not understood.
    func runPaletteCommand(_ line: String, _ effects: inout [Effect]) -> String? {
        let words = line.split(separator: " ").map(String.init)
        guard let head = words.first?.lowercased() else { return nil }
        let argument = words.dropFirst().joined(separator: " ")
        if let pane = Pane.allCases.first(where: { $0.command == head || ($0 == .myApps && head == "myapps") }) {
            depart(.pane(pane), &effects); return nil
        }
        switch head {
        case "members", "teams":
            guard state.context.organizationID != nil else { return "\(head) belong to an organization: switch to one first" }
            depart(.pane(.account, section: head == "members" ? .members : .teams), &effects)
            return nil
        case "tokens": depart(.pane(.security), &effects); return nil
        case "app":
            // Straight to an app's page by its ID, as k9s jumps to a resource by name.
            guard !argument.isEmpty else { return "usage: app ID (an app of \(state.contextTitle))" }
            guard let session = state.session, let app = try? service.app(session, in: state.context, id: argument) else {
                return "no app \"\(argument)\" in \(state.contextTitle)"
            }
            if pages.last?.screen != .app(app.id) { pushPage(.app(app.id)) }
            return nil
        case "invitations", "inbox": openInbox(); return nil
        case "leave": apply(beginLeave(), &effects); return nil
        case "personal": depart(.context(.personal, title: "your personal account"), &effects); return nil
        case "org":
            guard let membership = state.memberships.first(where: { $0.organization.id.lowercased() == argument.lowercased() }) else {
                return argument.isEmpty ? "usage: org ID" : "you are not a member of an organization \"\(argument)\""
            }
            depart(.context(.organization(membership.organization.id), title: membership.organization.name), &effects)
            return nil
        case "theme":
            guard !argument.isEmpty else { return "usage: theme NAME (one of \(themeNames.joined(separator: ", ")))" }
            effects.append(.applyTheme(argument)); return nil
        case "new-org": apply(beginNewOrganization(), &effects); return nil
        case "help": rootOverlay = .help(scroll: 0); return nil
        case "refresh": refreshAfterExternalChange(); return nil
        case "signout": depart(.signOut, &effects); return nil
        case "q", "quit": depart(.quit, &effects); return nil
        default: return "unknown command \"\(head)\"; Tab completes"
        }
    }
}
