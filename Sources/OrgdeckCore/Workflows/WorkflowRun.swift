import Foundation

/// What one node made of the workflow's input.
public struct WorkflowNodeResult: Equatable, Sendable {
    public var nodeID: String
    public var modelID: String
    /// The version that ran.
    public var versionID: String
    public var concepts: [ConceptScore]
    /// How long the node took, in seconds.
    public var seconds: Double
}

/// A workflow run: each node's output in the order they ran, and the result (the outputs of the
/// nodes nothing reads from).
public struct WorkflowRunResult: Equatable, Sendable {
    public var nodes: [WorkflowNodeResult]
    public var result: [WorkflowNodeResult]
}

/// Runs a graph on a text, every node with the parameters of the version it resolved to: text
/// models score the text; a thresholder takes the concepts of the nodes feeding it (the highest
/// score of each concept, when several feed it) and keeps those at its thresholds.
enum WorkflowRun {
    static func run(_ graph: WorkflowGraph, text: String,
                    parameters: [String: (versionID: String, parameters: TrainedParameters)]) throws -> WorkflowRunResult {
        guard let order = WorkflowValidation.order(graph) else { throw CoreError.invalid("graph", "the graph has a cycle") }
        guard !order.isEmpty else { throw CoreError.conflict("the workflow has no nodes yet: add one first") }
        var outputs: [String: WorkflowNodeResult] = [:]
        var ran: [WorkflowNodeResult] = []
        for id in order {
            guard let node = graph.node(id), let resolved = parameters[id] else {
                throw CoreError(.failure, "node \(id) was not resolved to a version")
            }
            let start = DispatchTime.now().uptimeNanoseconds
            let concepts: [ConceptScore]
            switch resolved.parameters {
            case .thresholds(let thresholds):
                var best: [String: Double] = [:]
                for source in graph.sources(of: id) {
                    for score in outputs[source]?.concepts ?? [] { best[score.concept] = max(best[score.concept] ?? 0, score.score) }
                }
                let merged = best.map { ConceptScore(concept: $0.key, score: $0.value) }
                    .sorted { $0.score != $1.score ? $0.score > $1.score : $0.concept < $1.concept }
                concepts = thresholds.apply(merged)
            default:
                concepts = resolved.parameters.scores(text)
            }
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            let result = WorkflowNodeResult(nodeID: id, modelID: node.model, versionID: resolved.versionID, concepts: concepts,
                                            seconds: seconds)
            outputs[id] = result
            ran.append(result)
        }
        let sinks = Set(graph.sinks)
        return WorkflowRunResult(nodes: ran, result: ran.filter { sinks.contains($0.nodeID) })
    }
}
