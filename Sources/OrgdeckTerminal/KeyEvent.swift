/// A decoded input event.
public enum KeyEvent: Equatable, Sendable {
    case char(Character)
    /// Ctrl + a letter, lower-case (`ctrl("c")`).
    case ctrl(Character)
    case up, down, left, right, home, end, pageUp, pageDown
    case enter, escape, tab, backTab, backspace, delete
    case function(Int)
    /// Bracketed paste, delivered whole.
    case paste(String)
    case mouse(MouseEvent)
    case resize(width: Int, height: Int)
}
