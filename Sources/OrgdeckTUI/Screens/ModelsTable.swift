import Foundation
import OrgdeckCore
import OrgdeckTerminal
import OrgdeckViewModels

/// The Models section's table.
enum ModelsTable {
    static let columns = [
        TableColumn("Model", min: 8, priority: 10, identifier: true),
        TableColumn("Name", min: 10, priority: 7),
        TableColumn("Type", min: 15, max: 19, priority: 8),   // up to "concept-thresholder"
        TableColumn("Visibility", min: 10, max: 10, priority: 6),
        TableColumn("Latest version", min: 14, max: 28, priority: 9),
        TableColumn("Updated", min: 8, max: 14, priority: 3),
    ]

    static func draw(_ painter: inout Painter, _ area: Rect, state: ListSectionState<AppModel>, commands: [PaneCommand] = [], now: Date) {
        let list = state.list
        let y = AccountView.title(&painter, area, "Models", counting: state)
        if let error = state.error { painter.text(error, x: area.x + 2, y: y + 1, width: area.width - 3, .error); return }
        let rows = list.rows.map { model in
            [model.id, model.name, model.type.rawValue, model.visibility.rawValue, latest(model),
             TextLayout.relative(model.updatedAt, now: now)]
        }
        TableView.draw(&painter, Rect(x: area.x, y: y, width: area.width, height: area.maxY - y), columns: columns, rows: rows,
                       cursor: list.cursor, scrollTop: list.scrollTop,
                       empty: list.search.isEmpty ? "No models." + painter.suggest(.new, " Press %k to create one.", in: commands)
                           : "No model matches.",
                       marks: list.rows.map { $0.starred ? "★" : "" })
    }

    /// "v2 trained 93.4%", "v3 training 40%", "-".
    static func latest(_ model: AppModel) -> String {
        guard let version = model.latest else { return "-" }
        return "v\(version.number) " + VersionText.status(version)
    }
}

/// How a version's state reads in a table cell.
enum VersionText {
    static func status(_ version: ModelVersion, live: Double? = nil) -> String {
        switch version.status {
        case .trained: return "trained" + (version.metrics.map { " " + Percent.text($0.accuracy) } ?? "")
        case .training: return "training \(Int(((live ?? version.progress) * 100).rounded()))%"
        default: return version.status.rawValue
        }
    }
}

/// The Starred pane: every model the user starred, wherever it lives.
enum StarredView {
    static let columns = [
        TableColumn("ID", min: 8, priority: 10, identifier: true),
        TableColumn("Name", min: 8, priority: 4),
        TableColumn("App", min: 8, priority: 9, identifier: true),
        TableColumn("Owner", min: 8, max: 24, priority: 8),
        TableColumn("Kind", min: 15, max: 19, priority: 7),
        TableColumn("Visibility", min: 10, max: 10, priority: 6),
        TableColumn("Last trained", min: 12, max: 16, priority: 5),
    ]

    static func draw(_ painter: inout Painter, _ area: Rect, state: ListSectionState<StarredItem>) {
        let list = state.list
        let y = AccountView.title(&painter, area, "Starred", counting: state)
        if let error = state.error { painter.text(error, x: area.x + 2, y: y + 1, width: area.width - 3, .error); return }
        let rows = list.rows.map { item -> [String] in
            switch item {
            case .model(let star):
                return [star.model.id, star.model.name, star.model.appID, star.ownerLabel, star.model.type.rawValue, star.model.visibility.rawValue,
                        star.model.latestTrained?.finishedAt.map(TextLayout.day) ?? "never"]
            case .workflow(let star):
                return [star.workflow.id, star.workflow.name, star.workflow.appID, star.ownerLabel, "workflow · \(counted(star.workflow.graph.nodes.count, "node"))",
                        star.workflow.visibility.rawValue, ""]
            }
        }
        TableView.draw(&painter, Rect(x: area.x, y: y, width: area.width, height: area.maxY - y), columns: columns, rows: rows,
                       cursor: list.cursor, scrollTop: list.scrollTop,
                       empty: list.search.isEmpty ? "Nothing starred yet. s on a model or a workflow stars it; it shows up here."
                           : "No star matches.")
    }
}
