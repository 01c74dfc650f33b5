import OrgdeckTerminal
import OrgdeckViewModels

/// Turns a decoded key into a console event. While text is being typed (a form, the filter, the
/// palette, a confirm dialog) printable keys are text and only editing keys mean something else;
/// otherwise the key map decides.
public struct InputRouter: Sendable {
    public var keyMap: KeyMap

    public init(keyMap: KeyMap) { self.keyMap = keyMap }

    public func event(for key: KeyEvent, acceptsText: Bool) -> ConsoleEvent? {
        if acceptsText { return textEvent(for: key) }
        switch key {
        case .paste, .resize, .mouse: return nil
        default: return keyMap.action(for: key)?.event
        }
    }

    func textEvent(for key: KeyEvent) -> ConsoleEvent? {
        switch key {
        case .char(let c): return .text(String(c))
        case .paste(let text): return .text(text)
        case .backspace, .ctrl("h"): return .backspace
        case .delete, .ctrl("d"): return .deleteForward
        case .left, .ctrl("b"): return .cursorLeft
        case .right, .ctrl("f"): return .cursorRight
        case .home, .ctrl("a"): return .cursorHome
        case .end, .ctrl("e"): return .cursorEnd
        case .ctrl("w"): return .deleteWord
        case .ctrl("u"): return .deleteToStart
        case .enter: return .submit
        case .escape, .ctrl("c"): return .cancel
        case .tab: return .nextFocus
        case .backTab: return .previousFocus
        case .up: return .move(.up)
        case .down: return .move(.down)
        case .pageUp: return .pageUp
        case .pageDown: return .pageDown
        case .ctrl("n"): return .toggleSignUp
        case .ctrl("l"): return .redraw
        default: return nil
        }
    }
}
