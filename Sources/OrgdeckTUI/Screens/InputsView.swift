import Foundation
import OrgdeckCore
import OrgdeckTerminal
import OrgdeckViewModels

/// The Inputs section: the upload's progress (count, rate, time left, cancel key) when one
/// runs for this app, then one window of the inputs.
enum InputsView {
    static let columns = [
        TableColumn("Input", min: 15, max: 15, priority: 10, identifier: true),
        // The concepts come before the text: an input's labels are short and read whole, its
        // text is long and read in part anyway.
        TableColumn("Concepts", min: 8, max: 40, priority: 9),
        TableColumn("Content", min: 12, priority: 8),
        TableColumn("Source", min: 8, max: 40, priority: 3, muted: true, path: true),
        TableColumn("Added", min: 10, max: 10, priority: 2),
    ]

    static func draw(_ painter: inout Painter, _ area: Rect, section: InputsSection, upload: UploadStatus?, now: Date) {
        let state = section.state
        let count = state.exact ? "\(state.total)" : "\(state.total)+"
        var title = "Inputs (\(count))"
        if state.filter != .all { title += " · \(state.filter.label)" }
        let y = AccountView.title(&painter, area, title, search: state.search, searching: state.searching)
        drawStatus(&painter, Rect(x: area.x + 1, y: y, width: area.width - 2, height: 1), state: state,
                   upload: upload?.appID == section.appID ? upload : nil, commands: section.commands)
        if let error = state.error { painter.text(error, x: area.x + 2, y: y + 2, width: area.width - 3, .error); return }
        let rows = state.window.map { input -> [String] in
            let content = input.text.map { $0.replacingOccurrences(of: "\n", with: " ") }
                ?? "\(input.mediaType) \(input.width ?? 0)×\(input.height ?? 0)"
            return [input.id, input.concepts.joined(separator: ", "), content, input.source, TextLayout.day(input.createdAt)]
        }
        let marked = Set(state.marked)
        let marks = state.window.map { marked.contains($0.id) ? "●" : "" }
        let empty = !state.search.isEmpty || state.filter != .all ? "No input matches."
            : "No inputs." + painter.suggest(.upload, " %k uploads files, folders, CSV or JSON Lines.", in: section.commands)
        TableView.draw(&painter, Rect(x: area.x, y: y + 1, width: area.width, height: area.maxY - y - 1), columns: columns,
                       rows: rows, cursor: state.total > 0 ? state.cursor : nil, scrollTop: state.scrollTop, empty: empty,
                       marks: marks, firstIndex: state.windowOffset)
    }

    /// `commands`: what works here, so the marked inputs' line names only the keys that do.
    static func drawStatus(_ painter: inout Painter, _ row: Rect, state: InputsState, upload: UploadStatus?,
                           commands: [PaneCommand] = []) {
        guard let upload else {
            if !state.marked.isEmpty {
                let keys = [painter.suggest(.label, "%k labels", in: commands), painter.suggest(.unlabel, "%k unlabels", in: commands),
                            painter.suggest(.delete, "%k deletes them", in: commands)].filter { !$0.isEmpty }
                painter.text("\(state.marked.count) marked" + (keys.isEmpty ? "" : ": " + keys.joined(separator: ", ")),
                             x: row.x, y: row.y, width: row.width, .badge)
            }
            return
        }
        painter.text(statusLine(upload, width: row.width), x: row.x, y: row.y, width: row.width, upload.isRunning ? .badge : .muted)
    }

    /// `Uploading [████▌·····] 4,500 of 10,000 · 7,900/s · 1s left · x cancels`.
    static func statusLine(_ upload: UploadStatus, width: Int) -> String {
        let counts = "\(upload.added) added, \(counted(upload.duplicates, "duplicate")), \(upload.refused) refused"
        guard upload.isRunning else {
            if let error = upload.error { return "Upload failed: \(error)" }
            return "Last upload\(upload.report?.cancelled == true ? " (cancelled)" : ""): \(counts)"
        }
        var parts = [upload.cancelling ? "Cancelling" : "Uploading"]
        if upload.expected > 0 {
            parts.append(Bars.progress(upload.fraction, width: max(6, min(24, width / 5))))
            parts.append("\(upload.done) of ~\(upload.expected)")
        } else {
            parts.append("counting…")
        }
        var line = parts.joined(separator: " ")
        if upload.rate > 0 { line += " · \(Int(upload.rate))/s" }
        if let left = upload.secondsLeft { line += " · \(Bars.duration(left)) left" }
        line += (upload.cancelling ? "" : " · x cancels") + " · \(counts)"
        return line
    }
}
