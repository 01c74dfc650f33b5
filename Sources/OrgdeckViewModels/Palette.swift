/// The `:` command palette: a line of text with completion.
public struct PaletteState: Equatable, Sendable {
    public var input: TextField
    /// Candidates for the current input, best first.
    public var completions: [String]
    public var selection: Int
    public var error: String?

    public init(commands: [String]) {
        input = TextField("", maxLength: 200)
        completions = commands
        selection = 0
        error = nil
    }

    /// Recomputes the completions for the input from the full list of commands: the command
    /// typed exactly first, then those it begins, then `found` (commands already matched
    /// against the input elsewhere, such as `app ID` by part of the ID), then those containing it.
    public mutating func refresh(commands: [String], found: [String] = []) {
        // Leading spaces do not count; a trailing one does (`app ` is the start of `app ID`).
        let text = String(input.text.lowercased().drop { $0 == " " })
        let begun = text.isEmpty ? commands : commands.filter { $0.lowercased() == text }
            + commands.filter { $0.lowercased() != text && $0.lowercased().hasPrefix(text) }
        let contained = text.isEmpty ? [] : commands.filter { !$0.lowercased().hasPrefix(text) && $0.lowercased().contains(text) }
        completions = begun + found.filter { !begun.contains($0) } + contained.filter { !found.contains($0) }
        selection = 0
        error = nil
    }

    /// What Enter runs: the highlighted completion, as the footer's "↑↓ choose" promises, else
    /// the text as typed (a command with an argument no completion lists, such as `app ID`).
    public var chosen: String {
        completions.indices.contains(selection) ? completions[selection] : input.text.trimmingCharacters(in: .whitespaces)
    }

    /// Tab: take the selected completion; Tab again, once it is taken, the next one (as a
    /// shell's completion cycles).
    public mutating func complete() {
        guard completions.indices.contains(selection) else { return }
        if input.text == completions[selection] { move(1) }
        input.set(completions[selection])
    }

    public mutating func move(_ delta: Int) {
        guard !completions.isEmpty else { return }
        selection = (selection + delta + completions.count) % completions.count
    }
}
