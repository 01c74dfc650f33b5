/// A `GraphLayout` drawn into character cells: boxes in columns, edges in the gaps between them
/// as box-drawing lines that join and cross cleanly, with an arrow into each box they feed.
/// The cells of each box and each edge are kept, so a view can highlight the selected node and
/// its edges, and tests can check that no edge runs through a box.
struct GraphPicture {
    struct Box: Equatable {
        var x: Int, y: Int, width: Int, height: Int

        func contains(_ x: Int, _ y: Int) -> Bool {
            x >= self.x && x < self.x + width && y >= self.y && y < self.y + height
        }
    }

    private(set) var width = 0
    private(set) var height = 0
    private(set) var cells: [[Character]] = []
    private(set) var boxes: [String: Box] = [:]
    /// The cells each edge covers, by edge index (as given to the layout).
    private(set) var edgeCells: [[(x: Int, y: Int)]] = []

    /// Bits of the lines through a cell.
    private struct Lines: OptionSet {
        let rawValue: UInt8
        static let up = Lines(rawValue: 1), down = Lines(rawValue: 2), left = Lines(rawValue: 4), right = Lines(rawValue: 8)
    }

    init(_ layout: GraphLayout) {
        let slot = GraphLayout.boxHeight + GraphLayout.rowGap
        let tallest = layout.layers.map(\.count).max() ?? 0
        // Columns and the lanes of the gaps between them.
        var columnX: [Int] = [], x = 0
        for layer in layout.layers.indices {
            columnX.append(x)
            x += layout.columnWidth(layer) + (layer < layout.layers.count - 1 ? layout.lanes(after: layer) + 3 : 0)
        }
        width = x
        height = max(0, tallest * slot - GraphLayout.rowGap)
        cells = Array(repeating: Array(repeating: " ", count: width), count: height)
        var lines = Array(repeating: Array(repeating: Lines(), count: width), count: height)
        // Every slot's place: columns centred on the tallest one.
        var place: [String: (x: Int, row: Int, width: Int)] = [:]
        for (layer, ids) in layout.layers.enumerated() {
            let top = (tallest - ids.count) * slot / 2
            for (order, id) in ids.enumerated() {
                let y = top + order * slot
                let columnWidth = layout.columnWidth(layer)
                place[id] = (columnX[layer], y + 1, columnWidth)
                if let text = layout.lines(id) {
                    boxes[id] = Box(x: columnX[layer], y: y, width: columnWidth, height: GraphLayout.boxHeight)
                    drawBox(Box(x: columnX[layer], y: y, width: columnWidth, height: GraphLayout.boxHeight), text)
                }
            }
        }
        // Each source gets a lane of its own in the gap after its layer.
        var lane: [String: Int] = [:]
        for layer in layout.layers.indices {
            for (index, source) in layout.laneSources(after: layer).enumerated() { lane[source] = index }
        }
        var edgeCells: [[(x: Int, y: Int)]] = []
        for chain in layout.chains {
            var covered: [(x: Int, y: Int)] = []
            func mark(_ x: Int, _ y: Int, _ bits: Lines) {
                guard y >= 0, y < height, x >= 0, x < width else { return }
                lines[y][x].formUnion(bits)
                covered.append((x, y))
            }
            for (from, to) in zip(chain, chain.dropFirst()) {
                guard let a = place[from], let b = place[to] else { continue }
                // A dummy is a line straight through its column.
                if layout.lines(from) == nil { for cx in a.x..<(a.x + a.width) { mark(cx, a.row, [.left, .right]) } }
                let start = a.x + a.width, end = b.x - 1
                let lane = start + 1 + (lane[from] ?? 0)
                for cx in start..<lane { mark(cx, a.row, [.left, .right]) }
                if a.row == b.row {
                    mark(lane, a.row, [.left, .right])
                } else {
                    mark(lane, a.row, [.left, a.row < b.row ? .down : .up])
                    for cy in (min(a.row, b.row) + 1)..<max(a.row, b.row) { mark(lane, cy, [.up, .down]) }
                    mark(lane, b.row, [.right, a.row < b.row ? .up : .down])
                }
                for cx in (lane + 1)...max(lane + 1, end) where cx <= end { mark(cx, b.row, [.left, .right]) }
                if layout.lines(to) != nil, end >= 0 { covered.append((end, b.row)) }
            }
            edgeCells.append(covered)
        }
        for y in 0..<height {
            for x in 0..<width where !lines[y][x].isEmpty { cells[y][x] = Self.character(lines[y][x]) }
        }
        // Arrows into the boxes, drawn last over the line's end.
        for chain in layout.chains {
            guard let target = chain.last, let box = boxes[target], box.x > 0 else { continue }
            cells[box.y + 1][box.x - 1] = "▶"
        }
        self.edgeCells = edgeCells
    }

    private mutating func drawBox(_ box: Box, _ text: [String]) {
        let inner = box.width - 2
        cells[box.y][box.x] = "┌"; cells[box.y][box.x + box.width - 1] = "┐"
        cells[box.y + box.height - 1][box.x] = "└"; cells[box.y + box.height - 1][box.x + box.width - 1] = "┘"
        for cx in (box.x + 1)..<(box.x + box.width - 1) {
            cells[box.y][cx] = "─"; cells[box.y + box.height - 1][cx] = "─"
        }
        for row in 1..<(box.height - 1) {
            cells[box.y + row][box.x] = "│"; cells[box.y + row][box.x + box.width - 1] = "│"
            let line = row - 1 < text.count ? " " + text[row - 1] : ""
            for (offset, character) in line.prefix(inner).enumerated() { cells[box.y + row][box.x + 1 + offset] = character }
        }
    }

    private static func character(_ lines: Lines) -> Character {
        switch (lines.contains(.up), lines.contains(.down), lines.contains(.left), lines.contains(.right)) {
        case (true, true, true, true): return "┼"
        case (true, true, true, false): return "┤"
        case (true, true, false, true): return "├"
        case (false, true, true, true): return "┬"
        case (true, false, true, true): return "┴"
        case (false, true, false, true): return "┌"
        case (false, true, true, false): return "┐"
        case (true, false, false, true): return "└"
        case (true, false, true, false): return "┘"
        case (true, _, false, false), (_, true, false, false): return "│"
        default: return "─"
        }
    }

    /// The picture as text rows.
    var rows: [String] { cells.map { String($0) } }
}
