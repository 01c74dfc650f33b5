import OrgdeckTerminal

/// A layered drawing of a directed acyclic graph, left to right (Sugiyama's method, as
/// `git log --graph` and graph-easy do in a terminal): each node goes to the layer after the
/// longest path reaching it; an edge longer than one layer passes through a slot of its own in
/// each layer between (a dummy node), so no edge ever crosses a box; the order within layers
/// is improved by barycentre sweeps, keeping the order with the fewest crossings; edges run in
/// lanes of the gaps between layers, so two vertical runs never share a column.
struct GraphLayout {
    /// A node to place: its ID and the lines of its box.
    struct Node {
        var id: String
        var lines: [String]
    }

    /// Where a node's box went (dummies have none).
    struct Placement: Equatable {
        var layer: Int
        var order: Int
        var x: Int
        var y: Int
        var width: Int
        var height: Int
    }

    let nodes: [Node]
    let edges: [(from: String, to: String)]
    /// Layer of each node, and the order of each layer's slots (node IDs, dummies as `~n`).
    private(set) var layers: [[String]] = []
    private(set) var layerOf: [String: Int] = [:]
    /// Each edge as the chain of slots it passes through, from its source to its target.
    private(set) var chains: [[String]] = []

    static let boxHeight = 4
    static let rowGap = 1

    init(nodes: [Node], edges: [(from: String, to: String)]) {
        self.nodes = nodes
        self.edges = edges.filter { edge in nodes.contains { $0.id == edge.from } && nodes.contains { $0.id == edge.to } }
        assignLayers()
        orderLayers()
    }

    // MARK: Layers (longest path)

    private mutating func assignLayers() {
        var layer: [String: Int] = [:]
        var changed = true
        for node in nodes { layer[node.id] = 0 }
        // Relaxation terminates on an acyclic graph within as many rounds as there are nodes.
        var rounds = 0
        while changed && rounds <= nodes.count {
            changed = false
            rounds += 1
            for edge in edges where (layer[edge.to] ?? 0) < (layer[edge.from] ?? 0) + 1 {
                layer[edge.to] = (layer[edge.from] ?? 0) + 1
                changed = true
            }
        }
        layerOf = layer
        let count = (layer.values.max() ?? -1) + 1
        layers = Array(repeating: [], count: count)
        for node in nodes { layers[layer[node.id] ?? 0].append(node.id) }
        var dummy = 0
        chains = edges.map { edge in
            var chain = [edge.from]
            let start = layer[edge.from] ?? 0, end = layer[edge.to] ?? 0
            if end > start + 1 {
                for between in (start + 1)..<end {
                    let id = "~\(dummy)"
                    dummy += 1
                    layers[between].append(id)
                    layerOf[id] = between
                    chain.append(id)
                }
            }
            chain.append(edge.to)
            return chain
        }
    }

    // MARK: Order (barycentre sweeps)

    /// Pairs of consecutive slots that edges connect.
    private var links: [(String, String)] {
        chains.flatMap { chain in zip(chain, chain.dropFirst()).map { ($0, $1) } }
    }

    /// How many pairs of links cross between neighbouring layers.
    func crossings() -> Int {
        var position: [String: Int] = [:]
        for layer in layers { for (index, id) in layer.enumerated() { position[id] = index } }
        let pairs = links.map { (layerOf[$0.0] ?? 0, position[$0.0] ?? 0, position[$0.1] ?? 0) }
        var count = 0
        for i in pairs.indices {
            for j in pairs.indices where j > i && pairs[i].0 == pairs[j].0 {
                if (pairs[i].1 - pairs[j].1) * (pairs[i].2 - pairs[j].2) < 0 { count += 1 }
            }
        }
        return count
    }

    private mutating func orderLayers() {
        var best = layers, fewest = crossings()
        let links = self.links
        for sweep in 0..<8 {
            let down = sweep % 2 == 0
            let indices = down ? Array(layers.indices.dropFirst()) : Array(layers.indices.dropLast().reversed())
            for index in indices {
                let neighbour = layers[down ? index - 1 : index + 1]
                let position = Dictionary(uniqueKeysWithValues: neighbour.enumerated().map { ($1, $0) })
                let current = Dictionary(uniqueKeysWithValues: layers[index].enumerated().map { ($1, $0) })
                func barycentre(_ id: String) -> Double {
                    let near = links.compactMap { link -> Int? in
                        down ? (link.1 == id ? position[link.0] : nil) : (link.0 == id ? position[link.1] : nil)
                    }
                    guard !near.isEmpty else { return Double(current[id] ?? 0) }
                    return Double(near.reduce(0, +)) / Double(near.count)
                }
                // Stable: equal barycentres keep their order.
                layers[index] = layers[index].sorted {
                    let (a, b) = (barycentre($0), barycentre($1))
                    return a != b ? a < b : (current[$0] ?? 0) < (current[$1] ?? 0)
                }
            }
            let now = crossings()
            if now < fewest { fewest = now; best = layers }
        }
        layers = best
    }

    // MARK: Coordinates

    /// The lines of `id`'s box (a dummy has none).
    func lines(_ id: String) -> [String]? { nodes.first { $0.id == id }?.lines }

    /// The width of a layer's column: its widest box (a layer of dummies only is one cell).
    func columnWidth(_ layer: Int) -> Int {
        layers[layer].compactMap { lines($0).map { ($0.map(TextWidth.columns).max() ?? 0) + 4 } }.max() ?? 1
    }

    /// The slots whose links cross the gap after `layer`, top to bottom: each gets a lane of
    /// its own there, shared by all its links (a fan-out is one trunk with branches).
    func laneSources(after layer: Int) -> [String] {
        let sources = Set(links.filter { (layerOf[$0.0] ?? 0) == layer }.map(\.0))
        return layers.indices.contains(layer) ? layers[layer].filter(sources.contains) : []
    }

    /// How many lanes the gap after `layer` needs.
    func lanes(after layer: Int) -> Int { max(1, laneSources(after: layer).count) }
}
