extension TextField {
    /// Applies a text-editing event (typing, deleting, moving the cursor); returns false for any
    /// other event, so callers handle focus, submit and cancel themselves.
    @discardableResult
    public mutating func apply(_ event: ConsoleEvent) -> Bool {
        switch event {
        case .text(let text): insert(text)
        case .backspace: backspace()
        case .deleteForward: deleteForward()
        case .deleteWord: deleteWord()
        case .deleteToStart: deleteToStart()
        case .cursorLeft: moveLeft()
        case .cursorRight: moveRight()
        case .cursorHome: moveHome()
        case .cursorEnd: moveEnd()
        default: return false
        }
        return true
    }
}
