import Foundation
import OrgdeckTerminal
import OrgdeckViewModels

/// Draws the whole console for a state into a cell grid: header, body, footer, overlay.
/// Pure: the same state, theme and size always give the same cells.
public struct ConsoleRenderer {
    /// Below this size the console shows a "too small" notice instead of garbage.
    public static let minimumWidth = 60
    public static let minimumHeight = 16

    public var keyMap: KeyMap
    /// "Now" for relative times ("3d ago").
    public var now: Date

    public init(keyMap: KeyMap, now: Date) {
        self.keyMap = keyMap
        self.now = now
    }

    /// The list area of My Apps for a terminal size: visible rows, and cards per row in the grid.
    public static func appsViewport(width: Int, height: Int, layout: AppLayout) -> (rows: Int, columns: Int) {
        let bodyHeight = max(1, height - 4 - 1)
        switch layout {
        case .list: return (max(1, bodyHeight - 1), 1)
        case .grid: return (max(1, bodyHeight / AppGridView.cardHeight), max(1, (width - 1) / AppGridView.cardWidth))
        }
    }

    public func render(_ model: ConsoleViewModel, theme: Theme, width: Int, height: Int) -> Painter {
        var painter = Painter(grid: CellGrid(width: max(0, width), height: max(0, height)), theme: theme)
        guard width > 0, height > 0 else { return painter }
        painter.fill(painter.grid.bounds, .base)
        if width < Self.minimumWidth || height < Self.minimumHeight {
            TooSmallView.draw(&painter, width: width, height: height)
            return painter
        }
        let state = model.state
        if let signIn = state.signIn {
            SignInView.draw(&painter, signIn, flash: state.flash, readOnly: state.readOnly)
            return painter
        }
        let (top, rest) = painter.grid.bounds.splitTop(2)
        let (footer, body) = rest.splitBottom(2)
        HeaderView.draw(&painter, top, state: state)
        drawBody(&painter, body, model)
        FooterView.draw(&painter, footer, state: state, hints: hints(model), keyMap: keyMap)
        OverlayView.draw(&painter, state: state, keyMap: keyMap)
        return painter
    }

    func drawBody(_ painter: inout Painter, _ body: Rect, _ model: ConsoleViewModel) {
        switch model.state.screen {
        case .pane(.myApps):
            if let apps = model.myApps {
                MyAppsView.draw(&painter, body, state: apps.state, title: model.state.contextTitle, now: now)
            }
        case .app:
            if let detail = model.appDetail { AppDetailView.draw(&painter, body, state: detail.state, now: now) }
        case .pane(.account):
            if let account = model.account { AccountView.draw(&painter, body, state: account.state, now: now) }
        case .team:
            if let team = model.team { TeamView.draw(&painter, body, state: team.state) }
        case .pane(.security):
            if let security = model.security { SecurityView.draw(&painter, body, state: security.state, now: now) }
        case .pane(let pane):
            EmptyPaneView.draw(&painter, body, pane: pane, context: model.state.contextTitle)
        }
    }

    /// The key hints for what can be done here; actions the role forbids are greyed.
    func hints(_ model: ConsoleViewModel) -> [FooterView.Hint] {
        let state = model.state
        let allowed = state.allowed
        func hint(_ action: KeyAction, _ label: String, _ permitted: Bool = true) -> FooterView.Hint {
            FooterView.Hint(key: keyMap.hint(action), label: label, enabled: permitted && !(state.readOnly && Self.writes.contains(action)))
        }
        if model.myApps?.state.filtering == true, state.screen == .pane(.myApps) {
            return [FooterView.Hint(key: "Enter", label: "keep filter", enabled: true),
                    FooterView.Hint(key: "Esc", label: "clear", enabled: true),
                    FooterView.Hint(key: "↑↓", label: "move", enabled: true)]
        }
        switch state.screen {
        case .pane(.myApps):
            return [hint(.open, "open"), hint(.new, "new", allowed.contains(.createApp)), hint(.edit, "edit", allowed.contains(.renameApp)),
                    hint(.delete, "delete", allowed.contains(.deleteApp)), hint(.filter, "filter"), hint(.sort, "sort"),
                    hint(.toggleView, "view"), hint(.pin, "pin"), hint(.copyID, "copy ID"),
                    hint(.duplicate, "duplicate", allowed.contains(.duplicateApp)), hint(.transfer, "transfer", state.context == .personal),
                    hint(.profile, "profile"), hint(.quit, "quit")]
        case .app:
            return [hint(.back, "back"), hint(.edit, "edit", allowed.contains(.renameApp)), hint(.delete, "delete", allowed.contains(.deleteApp)),
                    hint(.duplicate, "duplicate", allowed.contains(.duplicateApp)), hint(.transfer, "transfer", state.context == .personal),
                    hint(.copyID, "copy ID"), hint(.help, "help")]
        case .pane(.account):
            return accountHints(model, hint)
        case .team:
            let manage = allowed.contains(.manageTeams)
            let tab = model.team?.state.tab == .apps ? "app" : "member"
            return [hint(.back, "back"), hint(.nextFocus, "members/apps"), hint(.new, "add \(tab)", manage),
                    hint(.delete, "remove \(tab)", manage), hint(.edit, "label policy", manage), hint(.filter, "search")]
        case .pane(.security):
            return [hint(.new, "new token"), hint(.delete, "revoke"), hint(.copyID, "copy ID"), hint(.profile, "profile"), hint(.help, "help"), hint(.quit, "quit")]
        default:
            return [hint(.profile, "profile"), hint(.palette, "palette"), hint(.help, "help"), hint(.quit, "quit")]
        }
    }

    static let writes: Set<KeyAction> = [.new, .edit, .delete, .duplicate, .transfer, .pin]
}
