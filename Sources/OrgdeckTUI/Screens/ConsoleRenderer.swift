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

    /// The body between the two header rows and the two footer rows, for a terminal size.
    public static func body(width: Int, height: Int) -> (rows: Int, columns: Int) {
        (max(1, height - 4), max(1, width))
    }

    public func render(_ model: ConsoleViewModel, theme: Theme, width: Int, height: Int) -> Painter {
        var painter = Painter(grid: CellGrid(width: max(0, width), height: max(0, height)), theme: theme, keys: keyMap)
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
        if let front = model.front { PaneViews.draw(&painter, body, front, model: model, now: now) }
        FooterView.draw(&painter, footer, flash: state.flash, hints: hints(model), keyMap: keyMap, helpReachable: model.screenHasFocus)
        OverlayView.draw(&painter, model, keyMap: keyMap)
        return painter
    }

    /// The footer's hints: what has focus first (an overlay's keys while one is open), then,
    /// when the screen itself has focus, the global keys; refused ones are greyed.
    func hints(_ model: ConsoleViewModel) -> [FooterView.Hint] {
        FooterView.hints(model.focusCommands, keyMap: keyMap)
            + (model.screenHasFocus ? FooterView.hints(model.globalCommands, keyMap: keyMap, global: true) : [])
    }
}

/// Which view draws which pane or page: the one place a new screen is registered.
enum PaneViews {
    static func draw(_ painter: inout Painter, _ area: Rect, _ pane: any PaneModel, model: ConsoleViewModel, now: Date) {
        switch pane {
        case let apps as MyAppsViewModel:
            MyAppsView.draw(&painter, area, state: apps.state, title: model.state.contextTitle, commands: apps.commands,
                            emptyNote: apps.emptyNote, now: now)
        case let page as AppPageViewModel: AppDetailView.draw(&painter, area, page: page, upload: model.state.upload, now: now)
        case let page as ModelPageViewModel: ModelView.draw(&painter, area, page: page, training: model.state.training, now: now)
        case let starred as StarredPane: StarredView.draw(&painter, area, state: starred.state)
        case let account as AccountViewModel: AccountView.draw(&painter, area, account: account, now: now)
        case let team as TeamPageViewModel: TeamView.draw(&painter, area, page: team)
        case let security as SecurityPage:
            SecurityView.draw(&painter, area, page: security, context: model.state.contextTitle, now: now)
        case let billing as BillingPage: BillingView.draw(&painter, area, page: billing, context: model.state.contextTitle, now: now)
        case let workflow as WorkflowPageViewModel: WorkflowView.draw(&painter, area, page: workflow)
        case let collaborations as CollaborationsPane:
            CollaborationsView.draw(&painter, area, pane: collaborations, context: model.state.contextTitle)
        default:
            // A model registered in PaneRegistry without a view here: say so instead of a blank.
            painter.text("no view for \(model.state.screen)", x: area.x + 2, y: area.y + 1, width: area.width - 4, .error)
        }
    }
}
