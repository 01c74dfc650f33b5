import Foundation
import OrgdeckCore
import OrgdeckTerminal
import OrgdeckViewModels

/// A model's page: its title line, then the Overview (details, prediction), Versions (table,
/// metrics and an F1 chart of the selected version) or Concepts tab.
enum ModelView {
    static func draw(_ painter: inout Painter, _ area: Rect, page: ModelPageViewModel, training: [String: Double], now: Date) {
        let state = page.state
        guard let model = state.model else {
            painter.text(state.error ?? "loading \(state.ref.modelID)…", x: area.x + 2, y: area.y + 1, width: area.width - 4,
                         state.error == nil ? .muted : .error)
            return
        }
        var x = area.x + 1
        if model.starred { x += painter.text("★ ", x: x, y: area.y, .pinned) }
        x += painter.text(model.name, x: x, y: area.y, width: area.width / 2, .title)
        let owner = state.ref.context == .personal ? "" : " · \(state.ref.context)"
        painter.text("  \(model.id) · \(model.type.rawValue) · \(model.visibility.rawValue) · app \(model.appID)\(owner)"
                     + (page.outsider ? " · public, read only" : ""), x: x, y: area.y, width: area.maxX - x, .muted)
        let end = SidebarView.tabs(&painter, x: area.x + 1, y: area.y + 1, titles: page.sections.map(\.title), selected: page.selected)
        let body = Rect(x: area.x, y: area.y + 2, width: area.width, height: area.height - 2)
        switch page.section {
        case let predict as PredictSection:
            drawOverview(&painter, Rect(x: body.x + 2, y: body.y + 1, width: body.width - 3, height: body.height - 1),
                         model: model, state: predict.state, commands: page.commands, now: now)
        case let versions as VersionsSection:
            VersionsView.draw(&painter, body, state: versions.state, training: training, commands: page.commands, now: now)
        case let concepts as ModelConceptsSection:
            let list = concepts.state.list
            if let version = concepts.version, list.search.isEmpty && !list.searching {
                // Which version the figures are of: a newer one may be training, an older one pinned.
                painter.text("  figures of v\(version.number), the latest trained", x: end, y: area.y + 1, width: area.maxX - end, .muted)
            }
            SidebarView.search(&painter, x: end, y: area.y + 1, maxX: area.maxX, search: list.search, searching: list.searching)
            ConceptFiguresTable.draw(&painter, body, state: concepts.state, version: concepts.version, commands: page.commands)
        default: break
        }
    }

    /// `commands`: the page's, so "not trained yet" suggests `T` only to whom it works.
    static func drawOverview(_ painter: inout Painter, _ area: Rect, model: AppModel, state: PredictState, commands: [PaneCommand] = [],
                             now: Date) {
        var y = area.y
        let latest = model.latestTrained.map { version in
            "v\(version.number) \(version.id)" + (version.metrics.map { " · accuracy \(Percent.text($0.accuracy))" } ?? "")
                + (version.finishedAt.map { " · " + TextLayout.relative($0, now: now) } ?? "")
        } ?? "none yet" + painter.suggest(.train, ": %k trains a version", in: commands)
        AppDetailView.field(&painter, "Versions", String(model.versionCount), x: area.x, y: &y, width: area.width)
        AppDetailView.field(&painter, "Trained", latest, x: area.x, y: &y, width: area.width)
        if model.type == .keywordTagger {
            AppDetailView.field(&painter, "Keywords", KeywordList.format(model.keywords).replacingOccurrences(of: "\n", with: "; "),
                                x: area.x, y: &y, width: area.width)
        }
        if let thresholds = model.thresholds {
            AppDetailView.field(&painter, "Thresholds", thresholds.summary + " (the next version takes edits)",
                                x: area.x, y: &y, width: area.width)
        }
        y += 1
        if model.type == .conceptThresholder {
            // No text box that could never work: what the model takes, and where it runs.
            for line in TextLayout.wrap("A concept thresholder takes concepts, not text: it runs in a workflow, after a model "
                                        + "that finds them (the app's Workflows).", width: area.width) where y < area.maxY {
                painter.text(line, x: area.x, y: y, width: area.width, .muted); y += 1
            }
            return
        }
        let version = state.versionID.flatMap { id in state.trained.first { $0.id == id }.map { "v\($0.number)" } } ?? "latest trained"
        painter.text("Predict", x: area.x, y: y, .tableHeader)
        // Predicting as one types is billed: said where the typing happens, not only in the docs.
        painter.text("  with \(version) (v changes) · billed: one prediction per pause", x: area.x + 7, y: y,
                     width: area.width - 7, .muted); y += 1
        let box = Rect(x: area.x, y: y, width: area.width, height: 1)
        painter.fill(box, state.editing ? .inputFocus : .input)
        let shown = state.text.isEmpty && !state.editing ? "Enter, then type a text" : state.text.text
        painter.text(shown, x: box.x + 1, y: y, width: box.width - 2, state.editing ? .inputFocus : .input)
        y += 2
        if let error = state.error { painter.text(error, x: area.x, y: y, width: area.width, .error); return }
        guard let result = state.result else { return }
        if result.concepts.isEmpty { painter.text("no concept found", x: area.x, y: y, width: area.width, .muted); return }
        let nameWidth = min(24, result.concepts.map { TextWidth.columns($0.concept) }.max() ?? 8)
        let barWidth = max(4, min(40, area.width - nameWidth - 10))
        for score in result.concepts where y < area.maxY {
            painter.text(score.concept, x: area.x, y: y, width: nameWidth, .base)
            painter.text(Bars.bar(score.score, width: barWidth), x: area.x + nameWidth + 1, y: y, .badge)
            painter.text(String(format: "%.3f", score.score), x: area.x + nameWidth + barWidth + 2, y: y, .base)
            y += 1
        }
    }
}

/// The Versions tab: the versions' table, and under it the selected version's figures per
/// concept with an F1 bar each.
enum VersionsView {
    static let columns = [
        TableColumn("Version", min: 7, max: 7, priority: 10),
        TableColumn("ID", min: 14, priority: 10, identifier: true),
        TableColumn("Status", min: 14, max: 40, priority: 9),
        TableColumn("Inputs", min: 6, max: 9, priority: 6, alignRight: true),
        TableColumn("By", min: 6, max: 16, priority: 3),
        TableColumn("Created", min: 8, max: 14, priority: 4),
    ]

    static func draw(_ painter: inout Painter, _ area: Rect, state: ListSectionState<ModelVersion>, training: [String: Double],
                     commands: [PaneCommand] = [], now: Date) {
        let list = state.list
        if let error = state.error { painter.text(error, x: area.x + 2, y: area.y + 1, width: area.width - 3, .error); return }
        let chartRows = min(max(0, area.height / 2), (list.selected?.concepts.count ?? 0) + 3)
        // The chart sits right under the table's rows; the table gives way when both do not fit.
        let tableHeight = list.selected?.metrics == nil ? area.height : min(list.rows.count + 2, area.height - chartRows)
        let rows = list.rows.map { version -> [String] in
            var status = VersionText.status(version, live: training[version.id])
            if version.status == .training { status += " " + Bars.progress(training[version.id] ?? version.progress, width: 12) }
            if let reason = version.reason, version.status != .trained { status += ": " + reason }
            return ["v\(version.number)", version.id, status, String(version.inputCount), version.createdBy ?? "-",
                    TextLayout.relative(version.createdAt, now: now)]
        }
        // The chart takes rows the list counted as its own: the table scrolls further itself so
        // the cursor's row stays drawn.
        let scrollTop = TableView.scrollTop(list.scrollTop, keeping: list.cursor, height: tableHeight)
        TableView.draw(&painter, Rect(x: area.x, y: area.y, width: area.width, height: tableHeight), columns: columns, rows: rows,
                       cursor: list.cursor, scrollTop: scrollTop, empty: "No versions." + painter.suggest(.train, " %k trains the model.", in: commands))
        guard let version = list.selected, let metrics = version.metrics, chartRows > 2 else { return }
        var y = area.y + tableHeight
        painter.text("v\(version.number): accuracy \(Percent.text(metrics.accuracy)) on \(metrics.evaluated) held-out inputs · F1 per concept",
                     x: area.x + 1, y: y, width: area.width - 2, .tableHeader)
        y += 1
        let classes = metrics.sortedClasses
        let nameWidth = min(20, classes.map { TextWidth.columns($0.name) }.max() ?? 8)
        let figures = "P 0.000  R 0.000  F1 0.000  n 00000"
        let barWidth = max(4, min(30, area.width - nameWidth - figures.count - 6))
        for (name, item) in classes where y < area.maxY {
            painter.text(name, x: area.x + 1, y: y, width: nameWidth, .base)
            painter.text(Bars.bar(item.f1, width: barWidth), x: area.x + nameWidth + 2, y: y, .badge)
            painter.text(String(format: "P %.3f  R %.3f  F1 %.3f  n %d", item.precision, item.recall, item.f1, item.support),
                         x: area.x + nameWidth + barWidth + 3, y: y, width: area.maxX - (area.x + nameWidth + barWidth + 3), .base)
            y += 1
        }
    }
}

/// The model's Concepts tab: each concept's held-out figures in the latest trained version.
enum ConceptFiguresTable {
    static let columns = [
        TableColumn("Concept", min: 8, priority: 10, identifier: true),
        TableColumn("Precision", min: 9, max: 9, priority: 8, alignRight: true),
        TableColumn("Recall", min: 6, max: 9, priority: 8, alignRight: true),
        TableColumn("F1", min: 16, max: 30, priority: 9),
        TableColumn("Support", min: 7, max: 9, priority: 7, alignRight: true),
    ]

    static func draw(_ painter: inout Painter, _ area: Rect, state: ListSectionState<ConceptFigures>, version: ModelVersion?,
                     commands: [PaneCommand] = []) {
        let list = state.list
        let rows = list.rows.map { item in
            [item.concept, String(format: "%.3f", item.precision), String(format: "%.3f", item.recall),
             String(format: "%.3f ", item.f1) + Bars.bar(item.f1, width: 10), String(item.support)]
        }
        let empty = version == nil ? "No trained version yet" + painter.suggest(.train, ": %k trains one", in: commands) + "."
            : list.search.isEmpty ? "No concepts." : "No concept matches."
        TableView.draw(&painter, area, columns: columns, rows: rows, cursor: list.cursor, scrollTop: list.scrollTop, empty: empty)
    }
}
