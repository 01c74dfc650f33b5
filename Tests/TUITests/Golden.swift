import Foundation
import Testing

/// Golden screens: the rows of a rendered screen compared with a text file under `Goldens/`,
/// one row per line with `|` marking where the row ends (so trailing blanks are kept).
/// `ORGDECK_UPDATE_GOLDENS=1 swift test` writes the files anew from what is rendered; read the
/// diff before committing it.
enum Golden {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Goldens")

    static func check(_ name: String, _ rows: [String], sourceLocation: SourceLocation = #_sourceLocation) {
        let file = folder.appendingPathComponent(name + ".txt")
        let text = rows.map { $0 + "|" }.joined(separator: "\n") + "\n"
        if ProcessInfo.processInfo.environment["ORGDECK_UPDATE_GOLDENS"] == "1" {
            try? text.write(to: file, atomically: true, encoding: .utf8)
            return
        }
        guard let expected = try? String(contentsOf: file, encoding: .utf8) else {
            Issue.record("no golden \(file.path): run with ORGDECK_UPDATE_GOLDENS=1 to write it", sourceLocation: sourceLocation)
            return
        }
        let want = expected.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map { String($0.dropLast()) }
        #expect(rows.count == want.count, "\(name): \(rows.count) rows, golden has \(want.count)", sourceLocation: sourceLocation)
        for (index, (row, wanted)) in zip(rows, want).enumerated() where row != wanted {
            Issue.record("\(name) row \(index):\n  got  \"\(row)\"\n  want \"\(wanted)\"", sourceLocation: sourceLocation)
        }
    }

    /// The three sizes every table is checked at.
    static let sizes = [(80, 24), (120, 40), (200, 60)]
}
