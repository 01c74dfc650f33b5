import OrgdeckTerminal
import OrgdeckViewModels

/// The panes whose features are not built yet say honestly what they will hold; they never
/// show invented data.
enum EmptyPaneView {
    static func draw(_ painter: inout Painter, _ area: Rect, pane: Pane, context: String) {
        painter.text(pane.title, x: area.x + 1, y: area.y, .title)
        painter.text(" · \(context)", x: area.x + 1 + TextWidth.columns(pane.title), y: area.y, width: area.width / 2, .muted)
        let text: String
        switch pane {
        case .collaborations:
            text = "Apps shared with you, and the collaborators of your apps, will be listed here. Sharing apps with collaborators is not available yet, so there is nothing to show."
        default:
            text = ""
        }
        var y = area.y + 2
        for line in TextLayout.wrap(text, width: min(76, area.width - 4)) where y < area.maxY {
            painter.text(line, x: area.x + 2, y: y, .empty); y += 1
        }
    }
}
