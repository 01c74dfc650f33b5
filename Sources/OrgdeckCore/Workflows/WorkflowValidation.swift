import Foundation

/// What validation needs to know of a model the graph names.
public struct WorkflowModelFacts: Equatable, Sendable {
    public var type: ModelType
    /// Its versions: ID → status.
    public var versions: [String: ModelVersion.Status]

    public init(type: ModelType, versions: [String: ModelVersion.Status]) { self.type = type; self.versions = versions }
}

/// The rules every saved graph meets (PRODUCT.md §6): at most 20 nodes with unique IDs, each
/// naming a model of the app (and, when pinned, a trained version of it); every edge between
/// the input or a node and another node; a text model (classifier, tagger) fed by the
/// workflow's input only, a concept thresholder by model nodes only; every node fed; no cycle.
/// A refusal names the rule and the nodes, and changes nothing.
public enum WorkflowValidation {
    public static func check(_ graph: WorkflowGraph, models: [String: WorkflowModelFacts]) throws {
        func refuse(_ message: String) -> CoreError { CoreError.invalid("graph", message) }
        guard graph.nodes.count <= WorkflowGraph.maximumNodes else {
            throw refuse("a workflow has at most \(WorkflowGraph.maximumNodes) nodes; this one has \(graph.nodes.count)")
        }
        var seen = Set<String>()
        for node in graph.nodes {
            guard node.id != WorkflowGraph.input else { throw refuse("\"input\" names the workflow's input: choose another node ID") }
            _ = try Validation.identifier(node.id, field: "graph")
            guard seen.insert(node.id).inserted else { throw refuse("node ID \(node.id) is used twice") }
            guard let facts = models[node.model] else {
                throw refuse("node \(node.id): the app has no model \(Validation.visible(node.model))")
            }
            if let version = node.version {
                guard let status = facts.versions[version] else {
                    throw refuse("node \(node.id): model \(node.model) has no version \(Validation.visible(version)) (deleted?)")
                }
                guard status == .trained else {
                    throw refuse("node \(node.id): version \(version) of model \(node.model) is \(status.rawValue), not trained")
                }
            }
        }
        var edges = Set<WorkflowEdge>()
        for edge in graph.edges {
            let from = edge.from == WorkflowGraph.input ? nil : graph.node(edge.from)
            guard edge.from == WorkflowGraph.input || from != nil else {
                throw refuse("edge \(Validation.visible(edge.from)) → \(Validation.visible(edge.to)): no node \(Validation.visible(edge.from))")
            }
            guard let to = graph.node(edge.to) else {
                throw refuse("edge \(Validation.visible(edge.from)) → \(Validation.visible(edge.to)): no node \(Validation.visible(edge.to))")
            }
            guard edges.insert(edge).inserted else { throw refuse("edge \(edge.from) → \(edge.to) is given twice") }
            let toType = models[to.model]?.type ?? .textClassifier
            if toType.takesText, let from {
                throw refuse("node \(to.id) (\(toType.rawValue)) takes text: only the workflow's input can feed it, not node \(from.id)")
            }
            if !toType.takesText, from == nil {
                throw refuse("node \(to.id) (\(toType.rawValue)) takes concepts: feed it from a model node, not the input")
            }
        }
        for node in graph.nodes where graph.sources(of: node.id).isEmpty {
            throw refuse("node \(node.id) has no input: connect it")
        }
        if let cycle = cycle(graph) {
            throw refuse("the edges \(cycle.joined(separator: " → ")) make a cycle")
        }
    }

    /// The nodes in an order where every node comes after those feeding it (Kahn's algorithm,
    /// ties in the graph's own order); nil when there is a cycle.
    public static func order(_ graph: WorkflowGraph) -> [String]? {
        var waiting = Dictionary(uniqueKeysWithValues: graph.nodes.map { node in
            (node.id, graph.sources(of: node.id).filter { $0 != WorkflowGraph.input }.count)
        })
        var order: [String] = []
        while order.count < graph.nodes.count {
            guard let next = graph.nodes.first(where: { waiting[$0.id] == 0 })?.id else { return nil }
            order.append(next)
            waiting[next] = -1
            for target in graph.targets(of: next) { waiting[target, default: 0] -= 1 }
        }
        return order
    }

    /// One cycle, as the node IDs along it with the first repeated at the end; nil when none.
    static func cycle(_ graph: WorkflowGraph) -> [String]? {
        var state: [String: Int] = [:]  // 1 on the path, 2 done
        var path: [String] = []
        func visit(_ id: String) -> [String]? {
            state[id] = 1
            path.append(id)
            for next in graph.targets(of: id) {
                if state[next] == 1, let start = path.firstIndex(of: next) { return Array(path[start...]) + [next] }
                if state[next] == nil, let found = visit(next) { return found }
            }
            state[id] = 2
            path.removeLast()
            return nil
        }
        for node in graph.nodes where state[node.id] == nil {
            if let found = visit(node.id) { return found }
        }
        return nil
    }
}
