import Testing
@testable import OrgdeckTUI

/// The layered drawing of workflow graphs: goldens of the shapes that matter, and the rules no
/// drawing may break (no edge through a box, crossings removed where the order allows).
@Suite struct GraphLayoutTests {
    static func picture(_ nodes: [String], _ edges: [(String, String)]) -> (GraphLayout, GraphPicture) {
        let layout = GraphLayout(nodes: nodes.map { GraphLayout.Node(id: $0, lines: [$0, $0 == "input" ? "text" : "model"]) },
                                 edges: edges.map { (from: $0.0, to: $0.1) })
        return (layout, GraphPicture(layout))
    }

    /// Fails when any cell an edge covers lies inside a box.
    static func noEdgeThroughABox(_ picture: GraphPicture) {
        for cells in picture.edgeCells {
            for cell in cells {
                let inside = picture.boxes.first { $0.value.contains(cell.x, cell.y) }
                #expect(inside == nil, "an edge runs through \(inside?.key ?? "")")
            }
        }
    }

    @Test func chain() {
        let (_, picture) = Self.picture(["input", "a", "b", "c"], [("input", "a"), ("a", "b"), ("b", "c")])
        Self.noEdgeThroughABox(picture)
        Golden.check("graph-chain", picture.rows)
    }

    @Test func diamond() {
        let (layout, picture) = Self.picture(["input", "a", "b", "c"], [("input", "a"), ("input", "b"), ("a", "c"), ("b", "c")])
        #expect(layout.crossings() == 0)
        Self.noEdgeThroughABox(picture)
        Golden.check("graph-diamond", picture.rows)
    }

    @Test func wideFanOut() {
        let targets = ["a", "b", "c", "d", "e", "f"]
        let (_, picture) = Self.picture(["input"] + targets, targets.map { ("input", $0) })
        Self.noEdgeThroughABox(picture)
        Golden.check("graph-fan-out", picture.rows)
    }

    @Test func theHeuristicRemovesACrossing() {
        // Given in an order whose straight drawing crosses: a feeds d, b feeds c.
        let nodes = ["input", "a", "b", "c", "d"], edges = [("input", "a"), ("input", "b"), ("a", "d"), ("b", "c")]
        let (layout, picture) = Self.picture(nodes, edges)
        #expect(layout.crossings() == 0)
        #expect(layout.layers[2] == ["d", "c"])
        Self.noEdgeThroughABox(picture)
        Golden.check("graph-uncrossed", picture.rows)
    }

    @Test func aLongEdgePassesThroughItsOwnSlot() {
        let (layout, picture) = Self.picture(["input", "a", "b", "c"], [("input", "a"), ("a", "b"), ("b", "c"), ("a", "c")])
        #expect(layout.layers.count == 4 && layout.layers[3] == ["c"])
        Self.noEdgeThroughABox(picture)
        Golden.check("graph-long-edge", picture.rows)
    }
}
