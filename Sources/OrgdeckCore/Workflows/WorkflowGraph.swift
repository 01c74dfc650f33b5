import Foundation

/// A workflow's graph: model nodes and the edges feeding them, from the workflow's input (the
/// text) or from another node (its concepts). Its JSON form is what `workflows create --graph`
/// reads and `workflows show` prints: `{"nodes": [{"id", "model", "version"}], "edges":
/// [{"from", "to"}]}`, `version` null for "the latest trained".
public struct WorkflowGraph: Equatable, Sendable {
    public var nodes: [WorkflowNode]
    public var edges: [WorkflowEdge]

    /// What an edge starts from when it carries the workflow's input text.
    public static let input = "input"
    /// The most nodes a workflow may have.
    public static let maximumNodes = 20

    public init(nodes: [WorkflowNode] = [], edges: [WorkflowEdge] = []) {
        self.nodes = nodes; self.edges = edges
    }

    public func node(_ id: String) -> WorkflowNode? { nodes.first { $0.id == id } }

    /// Where the node's input comes from: the workflow's input or other nodes, in edge order.
    public func sources(of id: String) -> [String] { edges.filter { $0.to == id }.map(\.from) }

    /// The nodes this node feeds.
    public func targets(of id: String) -> [String] { edges.filter { $0.from == id }.map(\.to) }

    /// Nodes nothing reads from: their outputs are the workflow's result.
    public var sinks: [String] { nodes.map(\.id).filter { targets(of: $0).isEmpty } }

    /// A node ID not yet used: `n1`, `n2`, …
    public var freeNodeID: String {
        var number = nodes.count + 1
        while node("n\(number)") != nil { number += 1 }
        return "n\(number)"
    }

    // MARK: JSON

    /// Reads the JSON form, naming the place of anything missing or of the wrong kind.
    public static func parse(_ data: Data) throws -> WorkflowGraph {
        guard let root = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) as? [String: Any] else {
            throw CoreError.invalid("graph", "the graph is not a JSON object: write {\"nodes\": [...], \"edges\": [...]}")
        }
        guard let nodes = root["nodes"] as? [Any] else { throw CoreError.invalid("graph", "the graph has no \"nodes\" array") }
        let edges = root["edges"] as? [Any] ?? []
        if root["edges"] != nil, root["edges"] as? [Any] == nil {
            throw CoreError.invalid("graph", "\"edges\" is not an array")
        }
        if let unknown = root.keys.first(where: { !["nodes", "edges"].contains($0) }) {
            throw CoreError.invalid("graph", "unknown key \"\(Validation.visible(unknown))\": a graph has nodes and edges")
        }
        func string(_ object: [String: Any], _ key: String, _ place: String) throws -> String {
            guard let value = object[key] as? String else { throw CoreError.invalid("graph", "\(place).\(key) is missing or not a string") }
            return value
        }
        return WorkflowGraph(
            nodes: try nodes.enumerated().map { index, item in
                let place = "nodes[\(index)]"
                guard let object = item as? [String: Any] else { throw CoreError.invalid("graph", "\(place) is not an object") }
                let version: String?
                switch object["version"] {
                case nil, is NSNull: version = nil
                case let text as String: version = text.isEmpty ? nil : text
                default: throw CoreError.invalid("graph", "\(place).version is a version ID or null")
                }
                return WorkflowNode(id: try string(object, "id", place), model: try string(object, "model", place), version: version)
            },
            edges: try edges.enumerated().map { index, item in
                let place = "edges[\(index)]"
                guard let object = item as? [String: Any] else { throw CoreError.invalid("graph", "\(place) is not an object") }
                return WorkflowEdge(from: try string(object, "from", place), to: try string(object, "to", place))
            })
    }

    /// The JSON form, keys in a fixed order so files diff cleanly.
    public var json: String {
        func quoted(_ text: String) -> String {
            String(decoding: (try? JSONEncoder().encode(text)) ?? Data("\"\"".utf8), as: UTF8.self)
        }
        let nodeLines = nodes.map { node in
            "{\"id\": \(quoted(node.id)), \"model\": \(quoted(node.model)), \"version\": \(node.version.map(quoted) ?? "null")}"
        }
        let edgeLines = edges.map { "{\"from\": \(quoted($0.from)), \"to\": \(quoted($0.to))}" }
        return "{\"nodes\": [\(nodeLines.joined(separator: ", "))], \"edges\": [\(edgeLines.joined(separator: ", "))]}"
    }
}

/// One step of a workflow: a model of the app, at a version or at its latest trained one.
public struct WorkflowNode: Equatable, Sendable {
    public var id: String
    public var model: String
    /// A version ID, or nil for the model's latest trained version when the workflow runs.
    public var version: String?

    public init(id: String, model: String, version: String? = nil) {
        self.id = id; self.model = model; self.version = version
    }
}

/// A connection: `from`'s output (or the workflow's input) feeds `to`.
public struct WorkflowEdge: Equatable, Hashable, Sendable {
    public var from: String
    public var to: String

    public init(from: String, to: String) { self.from = from; self.to = to }
}
