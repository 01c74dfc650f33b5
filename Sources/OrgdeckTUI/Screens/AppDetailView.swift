import Foundation
import OrgdeckCore
import OrgdeckTerminal
import OrgdeckViewModels

/// An app's page: the seed's left sidebar and the selected section.
enum AppDetailView {
    static let sidebarWidth = 18

    static func draw(_ painter: inout Painter, _ area: Rect, page: AppPageViewModel, upload: UploadStatus? = nil, now: Date) {
        let state = page.state
        guard let app = state.app else {
            painter.text(state.error ?? "loading \(state.appID)…", x: area.x + 2, y: area.y + 1, width: area.width - 4, state.error == nil ? .muted : .error)
            return
        }
        let (titleRow, rest) = area.splitTop(1)
        var x = titleRow.x + 1
        x += painter.text(app.name, x: x, y: titleRow.y, width: titleRow.width / 2, .title)
        x += painter.text("  \(app.id)", x: x, y: titleRow.y, width: titleRow.maxX - x, .muted)
        if let scopes = app.collaboration {
            painter.text("  ⇄ shared with you: " + CollaboratorScope.text(scopes), x: x, y: titleRow.y, width: titleRow.maxX - x, .badge)
        }
        let (sidebar, content) = rest.splitLeft(Self.sidebarWidth)
        SidebarView.draw(&painter, sidebar, titles: page.sections.map(\.title), selected: page.selected)
        let body = Rect(x: content.x + 2, y: content.y + 1, width: content.width - 3, height: content.height - 1)
        switch page.appSection {
        case .overview: drawOverview(&painter, body, app: app, commands: page.commands, mayLabel: page.mayLabel, now: now)
        case .settings: drawSettings(&painter, body, app: app, commands: page.commands, now: now)
        case nil:
            let table = Rect(x: content.x + 1, y: content.y, width: content.width - 1, height: content.height)
            switch page.section {
            case let concepts as ConceptsSection: ConceptsTable.draw(&painter, table, state: concepts.state, commands: concepts.commands)
            case let inputs as InputsSection: InputsView.draw(&painter, table, section: inputs, upload: upload, now: now)
            case let models as ModelsSection: ModelsTable.draw(&painter, table, state: models.state, commands: models.commands, now: now)
            case let workflows as WorkflowsSection:
                WorkflowsTable.draw(&painter, table, state: workflows.state, commands: workflows.commands, now: now)
            case let collaborators as CollaboratorsSection: CollaboratorsTable.draw(&painter, table, state: collaborators.state, now: now)
            default: break
            }
        }
    }

    /// `commands`: what works here, so an app without labels or description suggests `e` only
    /// where it works.
    static func drawOverview(_ painter: inout Painter, _ area: Rect, app: App, commands: [PaneCommand] = [], mayLabel: Bool = true,
                             now: Date) {
        var y = area.y
        painter.text("Overview", x: area.x, y: y, .title); y += 2
        field(&painter, "Name", app.name, x: area.x, y: &y, width: area.width)
        field(&painter, "App ID", app.id, x: area.x, y: &y, width: area.width)
        field(&painter, "Updated", TextLayout.relative(app.updatedAt, now: now) + "  (\(TextLayout.day(app.updatedAt)))", x: area.x, y: &y, width: area.width)
        field(&painter, "Labels", app.labels.isEmpty ? "none" + (mayLabel ? painter.suggest(.edit, " (%k adds compliance labels)", in: commands) : "") : app.labels.joined(separator: ", "), x: area.x, y: &y, width: area.width)
        y += 1
        painter.text("Description", x: area.x, y: y, .tableHeader); y += 1
        let text = app.description.isEmpty ? "No description." + painter.suggest(.edit, " Press %k to add one.", in: commands)
            : app.description
        for line in TextLayout.wrap(text, width: area.width) where y < area.maxY - 1 {
            painter.text(line, x: area.x, y: y, width: area.width, app.description.isEmpty ? .empty : .base); y += 1
        }
    }

    /// `commands`: the page's, so an operation the role may not use is drawn as the footer
    /// draws it (muted) with the reason, under the user's own key.
    static func drawSettings(_ painter: inout Painter, _ area: Rect, app: App, commands: [PaneCommand], now: Date) {
        var y = area.y
        painter.text("Settings", x: area.x, y: y, .title); y += 2
        let owner: String
        switch app.owner {
        case .user: owner = "personal account"
        case .organization(let id): owner = "organization \(id)"
        }
        field(&painter, "Owner", owner, x: area.x, y: &y, width: area.width)
        field(&painter, "Created", TextLayout.day(app.createdAt), x: area.x, y: &y, width: area.width)
        field(&painter, "Version", String(app.version), x: area.x, y: &y, width: area.width)
        field(&painter, "Pinned", app.pinned ? "yes" : "no", x: area.x, y: &y, width: area.width)
        y += 1
        let operations: [(ConsoleEvent, String)] = [(.copyID, "copy the app ID"), (.duplicate, "duplicate under a new ID"),
                                                     (.transfer, "transfer to an organization"), (.delete, "delete the app and all its content")]
        for (event, text) in operations where y < area.maxY {
            guard let command = commands.first(where: { $0.event == event }), let key = painter.keys.hint(for: event) else { continue }
            let refused = command.refusal != nil
            let keyWidth = painter.text(key, x: area.x, y: y, width: area.width, refused ? .muted : .helpKey)
            let line = command.refusal.map { "\(text) — \($0)" } ?? text
            painter.text(line, x: area.x + keyWidth + 2, y: y, width: area.width - keyWidth - 2, refused ? .muted : .base)
            y += 1
        }
    }

    static func field(_ painter: inout Painter, _ label: String, _ value: String, x: Int, y: inout Int, width: Int) {
        painter.text(label, x: x, y: y, width: 12, .muted)
        painter.text(value, x: x + 12, y: y, width: width - 12, .base)
        y += 1
    }
}

/// The Concepts section's table.
enum ConceptsTable {
    static let columns = [
        TableColumn("Concept", min: 8, priority: 10, identifier: true),
        TableColumn("Name", min: 10, priority: 8),
        TableColumn("Inputs", min: 6, max: 10, priority: 9, alignRight: true),
        TableColumn("Created", min: 10, max: 10, priority: 4),
    ]

    static func draw(_ painter: inout Painter, _ area: Rect, state: ListSectionState<Concept>, commands: [PaneCommand] = []) {
        let list = state.list
        let y = AccountView.title(&painter, area, "Concepts", counting: state)
        if let error = state.error { painter.text(error, x: area.x + 2, y: y + 1, width: area.width - 3, .error); return }
        let rows = list.rows.map { [$0.id, $0.name, String($0.inputCount), TextLayout.day($0.createdAt)] }
        TableView.draw(&painter, Rect(x: area.x, y: y, width: area.width, height: area.maxY - y), columns: columns, rows: rows,
                       cursor: list.cursor, scrollTop: list.scrollTop,
                       empty: list.search.isEmpty
                           ? "No concepts." + painter.suggest(.new, " %k adds one;", in: commands) + " uploads add the ones they name."
                           : "No concept matches.")
    }
}
