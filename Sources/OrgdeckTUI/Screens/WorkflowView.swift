import Foundation
import OrgdeckCore
import OrgdeckTerminal
import OrgdeckViewModels

/// A workflow's page: its title, the Graph tab (the layered drawing, the node in focus and its
/// edges highlighted, scrolled to keep it in sight, with what the node is beneath) or Run (the
/// text box, each node's output and time, the result).
enum WorkflowView {
    static func draw(_ painter: inout Painter, _ area: Rect, page: WorkflowPageViewModel) {
        guard let editor = page.editor else { return }
        let state = editor.state
        guard let workflow = state.workflow else {
            painter.text(state.error ?? "loading \(page.ref.workflowID)…", x: area.x + 2, y: area.y + 1, width: area.width - 4,
                         state.error == nil ? .muted : .error)
            return
        }
        var x = area.x + 1
        if workflow.starred { x += painter.text("★ ", x: x, y: area.y, .pinned) }
        x += painter.text(workflow.name, x: x, y: area.y, width: area.width / 2, .title)
        let owner = page.ref.context == .personal ? "" : " · \(page.ref.context)"
        painter.text("  \(workflow.id) · \(workflow.visibility.rawValue) · app \(workflow.appID)\(owner)", x: x, y: area.y,
                     width: area.maxX - x, .muted)
        SidebarView.tabs(&painter, x: area.x + 1, y: area.y + 1, titles: page.sections.map(\.title), selected: page.selected)
        let body = Rect(x: area.x, y: area.y + 2, width: area.width, height: area.height - 2)
        switch page.section {
        case let run as WorkflowRunSection: drawRun(&painter, Rect(x: body.x + 2, y: body.y + 1, width: body.width - 3, height: body.height - 1),
                                                    state: run.state, dirty: state.isDirty)
        default: drawGraph(&painter, body, state: state, commands: editor.commands)
        }
    }

    /// The graph drawn with the workflow's input as its first box.
    static func picture(_ state: WorkflowEditorState) -> (GraphLayout, GraphPicture) {
        let graph = state.draft
        var nodes = [GraphLayout.Node(id: WorkflowGraph.input, lines: ["input", "text"])]
        nodes += graph.nodes.map { node in
            GraphLayout.Node(id: node.id, lines: [node.id, node.model + (node.version.map { " " + state.versionLabel(model: node.model, version: $0) } ?? "")])
        }
        let layout = GraphLayout(nodes: nodes, edges: graph.edges.map { (from: $0.from, to: $0.to) })
        return (layout, GraphPicture(layout))
    }

    /// `commands`: the editor's, so the status line names the keys that work, as mapped.
    static func drawGraph(_ painter: inout Painter, _ area: Rect, state: WorkflowEditorState, commands: [PaneCommand] = []) {
        let status = state.changedElsewhere ? "changed elsewhere since you began: w asks before saving yours over it"
            : state.isDirty ? "unsaved changes" + painter.suggest(.save, " · %k saves", in: commands) + " · Esc leaves (asks first)"
            : "saved · version \(state.workflow?.version ?? 0)" + painter.suggest(.new, " · %k adds a node", in: commands)
        let detailRows = 2
        let canvas = Rect(x: area.x + 1, y: area.y + 1, width: area.width - 2, height: max(0, area.height - 1 - detailRows))
        let (layout, picture) = Self.picture(state)
        // A graph larger than the canvas says so at the right of the status line, which gives
        // it room instead of running under it.
        let scrolls = picture.width > canvas.width || picture.height > canvas.height
        let note = scrolls ? "↔ \(picture.width)×\(picture.height), ↑↓ follow the focus" : ""
        let noteWidth = TextWidth.columns(note)
        painter.text(status, x: area.x + 1, y: area.y, width: area.width - 2 - (scrolls ? noteWidth + 2 : 0),
                     state.isDirty ? .flashWarn : .muted)
        if scrolls { painter.text(note, x: max(area.x + 1, area.maxX - noteWidth - 1), y: area.y, width: noteWidth, .muted) }
        guard !state.draft.nodes.isEmpty else {
            painter.text("No nodes yet." + painter.suggest(.new, " %k adds one: a model, its version, and what feeds it.", in: commands),
                         x: canvas.x + 1, y: canvas.y + 1,
                         width: canvas.width - 2, .empty)
            return
        }
        // Scrolled so the node in focus is in sight.
        let focus = state.selected.flatMap { picture.boxes[$0] }
        let dx = focus.map { max(0, min($0.x + $0.width - canvas.width, $0.x)) }.map { max(0, min($0, picture.width - canvas.width)) } ?? 0
        let dy = focus.map { max(0, min($0.y + $0.height - canvas.height, $0.y)) }.map { max(0, min($0, picture.height - canvas.height)) } ?? 0
        let highlighted = Set(layout.chains.enumerated().filter { index, chain in
            chain.first == state.selected || chain.last == state.selected
        }.flatMap { index, _ in picture.edgeCells[index].map { "\($0.x),\($0.y)" } })
        for row in 0..<min(canvas.height, picture.height - dy) {
            let y = row + dy
            for column in 0..<min(canvas.width, picture.width - dx) {
                let x = column + dx
                let character = picture.cells[y][x]
                guard character != " " else { continue }
                var element: UIElement = .border
                if let focus, focus.contains(x, y) { element = .borderFocus }
                else if highlighted.contains("\(x),\(y)") { element = .borderFocus }
                else if picture.boxes.contains(where: { $0.value.contains(x, y) }) { element = .base }
                painter.text(String(character), x: canvas.x + column, y: canvas.y + row, width: 1, element)
            }
        }
        drawDetail(&painter, Rect(x: area.x + 1, y: area.maxY - detailRows, width: area.width - 2, height: detailRows), state: state)
    }

    /// The node in focus: its model, type, version and inputs.
    static func drawDetail(_ painter: inout Painter, _ area: Rect, state: WorkflowEditorState) {
        guard let id = state.selected, let node = state.draft.node(id) else { return }
        let model = state.model(node.model)
        let sources = state.draft.sources(of: id).joined(separator: ", ")
        let line = "\(id): \(node.model) (\(model?.type.rawValue ?? "?")) at \(node.version ?? "latest trained") · fed by \(sources)"
        painter.text(line, x: area.x, y: area.y, width: area.width, .base)
        let targets = state.draft.targets(of: id)
        painter.text(targets.isEmpty ? "its output is part of the result" : "feeds " + targets.joined(separator: ", "),
                     x: area.x, y: area.y + 1, width: area.width, .muted)
    }

    static func drawRun(_ painter: inout Painter, _ area: Rect, state: WorkflowRunState, dirty: Bool) {
        var y = area.y
        painter.text("Text", x: area.x, y: y, .muted)
        let box = Rect(x: area.x + 6, y: y, width: area.width - 6, height: 1)
        painter.fill(box, state.editing ? .inputFocus : .input)
        painter.text(state.editing ? state.text.markedAtCursor : state.text.text, x: box.x, y: y, width: box.width, state.editing ? .inputFocus : .input)
        y += 1
        let how = state.editing ? "Enter runs it: one billed prediction per node" : "Enter to type a text, Enter again to run it"
        painter.text(dirty ? "runs the saved graph (your edits are not saved yet)" : how,
                     x: area.x + 6, y: y, width: area.width - 6, .muted)
        y += 2
        if let error = state.error { painter.text(error, x: area.x, y: y, width: area.width, .error); return }
        guard let run = state.run else { return }
        let final = Set(run.result.map(\.nodeID))
        for result in run.nodes where y < area.maxY {
            let concepts = result.concepts.prefix(4).map { "\($0.concept) \(String(format: "%.3f", $0.score))" }.joined(separator: "  ")
            painter.text(result.nodeID, x: area.x, y: y, width: 14, final.contains(result.nodeID) ? .title : .base)
            painter.text(result.modelID, x: area.x + 15, y: y, width: 18, .muted)
            painter.text(String(format: "%7.2f ms", result.seconds * 1000), x: area.x + 34, y: y, width: 11, .muted)
            painter.text(concepts.isEmpty ? "—" : concepts, x: area.x + 46, y: y, width: max(0, area.width - 46), .base)
            y += 1
        }
        y += 1
        guard y < area.maxY else { return }
        // With several final nodes, each concept says which node gave it (two can name the same one).
        let named = run.result.count > 1
        let result = run.result.flatMap { node in
            node.concepts.map { "\($0.concept) \(String(format: "%.3f", $0.score))" + (named ? " (\(node.nodeID))" : "") }
        }
        painter.text("Result", x: area.x, y: y, width: 14, .title)
        painter.text(result.isEmpty ? "no concept" : result.joined(separator: "  "), x: area.x + 15, y: y, width: area.width - 15, .base)
    }
}
