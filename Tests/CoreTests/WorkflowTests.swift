import Foundation
import Testing
@testable import OrgdeckCore

/// Workflows (PRODUCT.md §6): graphs checked before they are saved, run node by node with
/// hand-checked outputs, metered per node, and kept consistent with the models they use.
@Suite("Workflows")
struct WorkflowTests {
    let fixture: Fixture
    let admin: Session
    let acme = Context.organization("acme")

    /// `tags` finds billing (refund) and shipping (parcel); `urgent` finds urgent (refund);
    /// `keep` keeps scores of at least 0.4; all trained.
    init() throws {
        fixture = try Fixture()
        (admin, _) = try fixture.organization()
        let service = fixture.service
        _ = try service.createApp(admin, in: acme, id: "support", name: "Support", description: "")
        _ = try service.createModel(admin, in: acme, appID: "support", id: "tags", name: "", type: .keywordTagger,
                                    keywords: ["billing": ["refund"], "shipping": ["parcel"]])
        _ = try service.createModel(admin, in: acme, appID: "support", id: "urgent", name: "", type: .keywordTagger,
                                    keywords: ["urgent": ["refund"]])
        _ = try service.createModel(admin, in: acme, appID: "support", id: "keep", name: "", type: .conceptThresholder,
                                    thresholds: try ConceptThresholds.parse("0.4"))
        for model in ["tags", "urgent", "keep"] {
            _ = try service.trainModel(admin, in: acme, appID: "support", modelID: model)
            try service.runNextTrainingJob(worker: "w")
        }
    }

    func graph(_ nodes: [(String, String)], _ edges: [(String, String)]) -> WorkflowGraph {
        WorkflowGraph(nodes: nodes.map { WorkflowNode(id: $0.0, model: $0.1) }, edges: edges.map { WorkflowEdge(from: $0.0, to: $0.1) })
    }

    func refusal(_ graph: WorkflowGraph) -> String? {
        coreError { _ = try fixture.service.createWorkflow(admin, in: acme, appID: "support", id: "wf\(Int.random(in: 0..<1_000_000))",
                                                           name: "", graph: graph) }?.message
    }

    @Test("a cycle, a 21st node, a type mismatch, a dangling edge and a deleted version are refused by name")
    func validation() throws {
        let service = fixture.service
        _ = try service.createModel(admin, in: acme, appID: "support", id: "keep2", name: "", type: .conceptThresholder)
        #expect(refusal(graph([("n1", "tags"), ("t1", "keep"), ("t2", "keep2")],
                              [("input", "n1"), ("n1", "t1"), ("t1", "t2"), ("t2", "t1")])) == "the edges t1 → t2 → t1 make a cycle")
        let many = (1...21).map { ("n\($0)", "tags") }
        #expect(refusal(graph(many, many.map { ("input", $0.0) })) == "a workflow has at most 20 nodes; this one has 21")
        #expect(refusal(graph(Array(many.prefix(20)), many.prefix(20).map { ("input", $0.0) })) == nil, "twenty is allowed")
        #expect(refusal(graph([("n1", "tags"), ("n2", "urgent")], [("input", "n1"), ("n1", "n2")]))
                == "node n2 (keyword-tagger) takes text: only the workflow's input can feed it, not node n1")
        #expect(refusal(graph([("t1", "keep")], [("input", "t1")]))
                == "node t1 (concept-thresholder) takes concepts: feed it from a model node, not the input")
        #expect(refusal(graph([("n1", "tags")], [("input", "n1"), ("n1", "n9")])) == "edge n1 → n9: no node n9")
        #expect(refusal(graph([("n1", "tags"), ("n2", "tags")], [("input", "n1")])) == "node n2 has no input: connect it")
        #expect(refusal(graph([("n1", "ghost")], [("input", "n1")])) == "node n1: the app has no model ghost")
        #expect(refusal(graph([("input", "tags")], [])) == "\"input\" names the workflow's input: choose another node ID")
        // A version deleted before the graph names it.
        let second = try service.trainModel(admin, in: acme, appID: "support", modelID: "tags")
        try service.runNextTrainingJob(worker: "w")
        try service.deleteVersion(admin, in: acme, appID: "support", modelID: "tags", versionID: second.id)
        var pinned = graph([("n1", "tags")], [("input", "n1")])
        pinned.nodes[0].version = second.id
        #expect(refusal(pinned) == "node n1: model tags has no version \(second.id) (deleted?)")
        #expect(try service.workflows(admin, in: acme, appID: "support").count == 1, "only the twenty-node graph was saved")
    }

    @Test("two nodes: a tagger's concepts, then those of at least 0.4 (hand-checked), metered per node")
    func twoNodes() throws {
        let service = fixture.service
        _ = try service.createWorkflow(admin, in: acme, appID: "support", id: "triage", name: "Triage",
                                       graph: graph([("n1", "tags"), ("n2", "keep")], [("input", "n1"), ("n1", "n2")]))
        let before = try fixture.usage().count
        // "refund the parcel refund": four words, refund covers two (0.5), parcel one (0.25).
        let run = try service.predictWorkflow(admin, in: acme, appID: "support", id: "triage", text: "refund the parcel refund")
        #expect(run.nodes.map(\.nodeID) == ["n1", "n2"])
        #expect(run.nodes[0].concepts == [ConceptScore(concept: "billing", score: 0.5), ConceptScore(concept: "shipping", score: 0.25)])
        #expect(run.nodes[1].concepts == [ConceptScore(concept: "billing", score: 0.5)])
        #expect(run.result.map(\.nodeID) == ["n2"] && run.nodes.allSatisfy { $0.seconds >= 0 })
        let usage = try fixture.usage()
        #expect(usage.count == before + 1 && usage.last?.operation == "predict" && usage.last?.quantity == 2)
    }

    @Test("three nodes: two taggers feed one thresholder, which keeps the highest score of each concept")
    func threeNodes() throws {
        let service = fixture.service
        _ = try service.createWorkflow(admin, in: acme, appID: "support", id: "fan-in", name: "",
                                       graph: graph([("n1", "tags"), ("n2", "urgent"), ("n3", "keep")],
                                                    [("input", "n1"), ("input", "n2"), ("n1", "n3"), ("n2", "n3")]))
        let run = try service.predictWorkflow(admin, in: acme, appID: "support", id: "fan-in", text: "refund the parcel refund")
        #expect(run.nodes.map(\.nodeID) == ["n1", "n2", "n3"])
        #expect(run.nodes[1].concepts == [ConceptScore(concept: "urgent", score: 0.5)])
        #expect(run.result.map(\.nodeID) == ["n3"])
        #expect(run.result[0].concepts == [ConceptScore(concept: "billing", score: 0.5), ConceptScore(concept: "urgent", score: 0.5)])
        #expect(coreError { _ = try service.predict(admin, in: acme, appID: "support", modelID: "keep", texts: ["x"]) }?.kind == .invalid,
                "a thresholder takes concepts, not text")
    }

    @Test("edits of stale data are refused; models and versions in use cannot be deleted; duplicate, star, visibility")
    func editing() throws {
        let service = fixture.service
        let created = try service.createWorkflow(admin, in: acme, appID: "support", id: "triage", name: "",
                                                 graph: graph([("n1", "tags")], [("input", "n1")]))
        var bigger = created.graph
        bigger.nodes.append(WorkflowNode(id: "n2", model: "keep"))
        bigger.edges.append(WorkflowEdge(from: "n1", to: "n2"))
        let saved = try service.updateWorkflow(admin, in: acme, appID: "support", id: "triage", graph: bigger,
                                               expectedVersion: created.version)
        #expect(saved.version == created.version + 1 && saved.graph == bigger)
        #expect(coreError { _ = try service.updateWorkflow(admin, in: acme, appID: "support", id: "triage", name: "Old",
                                                           expectedVersion: created.version) } == .stale)
        #expect(coreError { try service.deleteModel(admin, in: acme, appID: "support", id: "keep") }?.message
                == "model keep is used by workflows triage: edit or delete them first")
        var pinned = bigger
        let version = try #require(try service.model(admin, in: acme, appID: "support", id: "tags").latestTrained?.id)
        pinned.nodes[0].version = version
        _ = try service.updateWorkflow(admin, in: acme, appID: "support", id: "triage", graph: pinned)
        #expect(coreError { try service.deleteVersion(admin, in: acme, appID: "support", modelID: "tags", versionID: version) }?.kind
                == .conflict)
        let copy = try service.duplicateWorkflow(admin, in: acme, appID: "support", id: "triage", newID: "triage-2")
        #expect(copy.graph == pinned && copy.name == "triage copy")
        #expect(try service.starWorkflow(admin, in: acme, appID: "support", id: "triage", starred: true).starred)
        #expect(try service.starredWorkflows(admin).map(\.workflow.id) == ["triage"])
        let outsider = try fixture.user("outsider")
        #expect(coreError { _ = try service.workflow(outsider, in: acme, appID: "support", id: "triage") }?.kind == .notFound)
        _ = try service.setWorkflowVisibility(admin, in: acme, appID: "support", id: "triage", .public)
        #expect(try service.predictWorkflow(outsider, in: acme, appID: "support", id: "triage", text: "refund").result.count == 1,
                "a public workflow runs for anyone signed in")
        try service.deleteWorkflow(admin, in: acme, appID: "support", id: "triage-2")
        #expect(try service.workflows(admin, in: acme, appID: "support").map(\.id) == ["triage"])
    }

    @Test("duplicating an app copies its workflows, pointing at the copied versions")
    func duplicateApp() throws {
        let service = fixture.service
        let version = try #require(try service.model(admin, in: acme, appID: "support", id: "tags").latestTrained?.id)
        var pinned = graph([("n1", "tags"), ("n2", "keep")], [("input", "n1"), ("n1", "n2")])
        pinned.nodes[0].version = version
        _ = try service.createWorkflow(admin, in: acme, appID: "support", id: "triage", name: "Triage", graph: pinned)
        _ = try service.duplicateApp(admin, in: acme, id: "support", newID: "support-2", newName: nil, copyContent: true)
        let copied = try #require(try service.workflows(admin, in: acme, appID: "support-2").first)
        let copiedVersion = try service.model(admin, in: acme, appID: "support-2", id: "tags").latestTrained?.id
        #expect(copied.id == "triage" && copied.graph.nodes[0].version == copiedVersion && copiedVersion != version)
        #expect(try service.predictWorkflow(admin, in: acme, appID: "support-2", id: "triage", text: "refund").result[0].concepts
                == [ConceptScore(concept: "billing", score: 1)])
    }

    @Test("the graph's JSON is read strictly and written back the same")
    func json() throws {
        let text = #"{"nodes": [{"id": "n1", "model": "tags", "version": null}, {"id": "n2", "model": "keep", "version": "v-1"}], "edges": [{"from": "input", "to": "n1"}, {"from": "n1", "to": "n2"}]}"#
        let graph = try WorkflowGraph.parse(Data(text.utf8))
        #expect(graph.json == text && graph.nodes[1].version == "v-1")
        for bad in ["[]", "{}", #"{"nodes": [{"id": "n1"}]}"#, #"{"nodes": [], "edges": 3}"#, #"{"nodes": [], "extra": 1}"#,
                    #"{"nodes": [{"id": "n1", "model": "m", "version": 7}]}"#, "not json"] {
            #expect(coreError { _ = try WorkflowGraph.parse(Data(bad.utf8)) }?.kind == .invalid, "\(bad)")
        }
    }
}
