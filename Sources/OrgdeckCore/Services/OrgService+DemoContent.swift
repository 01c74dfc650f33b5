import Crypto
import Foundation

// MARK: - Demo content: inputs, concepts, models with trained versions, stars
extension OrgService {
    /// Support Triage gets 3,200 labelled tickets in four concepts, a public text classifier
    /// with two trained versions (the first on half the tickets) and a keyword tagger; Weld
    /// Defects gets a few labelled PNG images; the admin and a support member star models.
    func seedDemoContent(_ tx: StoreTransaction, ids: [String: Int64], keys: [String: Int64],
                         origin: Date) throws -> [(Date, AuditRecord)] {
        let day: TimeInterval = 86_400
        let orgID = DemoAccounts.organizationID
        let admin = DemoAccounts.admin
        guard let adminID = ids[admin], let triage = keys["support-triage"] else { return [] }
        var events: [(Date, AuditRecord)] = []
        func audit(_ at: Date, _ action: String, _ target: String, _ details: String) {
            events.append((at, AuditRecord(at: at, actor: admin, organizationID: orgID, action: action, target: target,
                                           details: details, source: .tui, outcome: "ok")))
        }
        let start = origin.addingTimeInterval(-20 * day)
        let conceptKeys = try tx.conceptKeys(appKey: triage, ids: DemoSnippets.concepts, at: start)
        let byConcept = Dictionary(uniqueKeysWithValues: zip(DemoSnippets.concepts, conceptKeys))
        let tickets = DemoSnippets.generate(perConcept: 800)
        for (i, ticket) in tickets.enumerated() {
            let sha = Hex.encode(SHA256.hash(data: Data(ticket.text.utf8)))
            let at = start.addingTimeInterval(Double(i) * 300)
            let key = try tx.insertInput(appKey: triage, id: "in-" + sha.prefix(12), kind: .text, text: ticket.text, data: nil,
                                         mediaType: "text/plain", size: ticket.text.utf8.count, width: nil, height: nil, sha256: sha,
                                         source: "tickets.csv:\(i + 2)", createdBy: adminID, at: at)
            _ = try tx.label(inputKey: key, conceptKeys: [byConcept[ticket.concept]].compactMap { $0 })
        }
        audit(start, "inputs.upload", "support-triage", "\(tickets.count) added, 0 duplicates")

        let router = try tx.insertModel(appKey: triage, id: "ticket-router", name: "Ticket router", type: .textClassifier,
                                        keywords: [:], createdBy: adminID, at: origin.addingTimeInterval(-12 * day))
        let examples = tickets.map { TextClassifierTraining.Example(text: $0.text, concepts: [$0.concept]) }
        for (number, share, daysAgo) in [(1, 0.5, 10.0), (2, 1.0, 1.0)] {
            let used = Array(examples.prefix(Int(Double(examples.count) * share)))
            let result = try TextClassifierTraining.train(used)
            let at = origin.addingTimeInterval(-daysAgo * day)
            try tx.insertTrainedVersion(modelKey: router, id: "v-demo0000000\(number)", createdBy: adminID, at: at,
                                        parameters: try JSONEncoder().encode(TrainedParameters.naiveBayes(result.model)),
                                        metrics: result.metrics, concepts: result.model.classes, inputCount: used.count)
            audit(at, "model.train", "support-triage/ticket-router", "version \(number) v-demo0000000\(number) queued")
        }
        try tx.setModelVisibility(key: router, .public, at: origin.addingTimeInterval(-day))

        let keywords = ["billing": ["refund", "charged", "invoice", "receipt"], "shipping": ["parcel", "courier", "tracking", "delivery"],
                        "hardware": ["battery", "screen", "overheats", "charging port"]]
        let tagger = KeywordTagger(keywords: keywords)
        let tags = try tx.insertModel(appKey: triage, id: "urgent-words", name: "Keyword spotter", type: .keywordTagger,
                                      keywords: keywords, createdBy: adminID, at: origin.addingTimeInterval(-6 * day))
        try tx.insertTrainedVersion(modelKey: tags, id: "v-demo00000003", createdBy: adminID, at: origin.addingTimeInterval(-6 * day),
                                    parameters: try JSONEncoder().encode(TrainedParameters.keywordTagger(tagger)), metrics: nil,
                                    concepts: tagger.phrases.keys.sorted(), inputCount: 0)

        if let weld = keys["weld-defects"] {
            let weldConcepts = try tx.conceptKeys(appKey: weld, ids: ["crack", "porosity", "sound"], at: start)
            for i in 0..<6 {
                let png = DemoImages.png(width: 48 + i * 8, height: 32 + i * 4, tint: (UInt8(40 * i), 90, UInt8(200 - 30 * i)))
                let sha = Hex.encode(SHA256.hash(data: png))
                let key = try tx.insertInput(appKey: weld, id: "in-" + sha.prefix(12), kind: .image, text: nil, data: png,
                                             mediaType: "image/png", size: png.count, width: 48 + i * 8, height: 32 + i * 4,
                                             sha256: sha, source: "scans/weld-\(i + 1).png", createdBy: adminID,
                                             at: start.addingTimeInterval(Double(i) * 3_600))
                _ = try tx.label(inputKey: key, conceptKeys: [weldConcepts[i % 3]])
            }
        }
        for (username, model) in [(admin, router), (admin, tags), ("ken", router)] {
            if let userID = ids[username] { try tx.setStar(userID: userID, modelKey: model, starred: true, at: origin.addingTimeInterval(-day)) }
        }
        events += try seedDemoWorkflow(tx, ids: ids, triage: triage, origin: origin)
        return events
    }

    /// A thresholder keeping the router's confident answers, a workflow of three nodes (the
    /// router, then the thresholder; the keyword tagger beside them), starred by the admin, and
    /// Support Triage shared with Olivia, who is outside the organization.
    private func seedDemoWorkflow(_ tx: StoreTransaction, ids: [String: Int64], triage: Int64,
                                  origin: Date) throws -> [(Date, AuditRecord)] {
        let day: TimeInterval = 86_400
        let admin = DemoAccounts.admin, orgID = DemoAccounts.organizationID
        guard let adminID = ids[admin] else { return [] }
        let confident = ConceptThresholds(defaultThreshold: 0.6)
        let keep = try tx.insertModel(appKey: triage, id: "confident", name: "Confident answers", type: .conceptThresholder,
                                      keywords: [:], thresholds: confident, createdBy: adminID, at: origin.addingTimeInterval(-3 * day))
        try tx.insertTrainedVersion(modelKey: keep, id: "v-demo00000004", createdBy: adminID, at: origin.addingTimeInterval(-3 * day),
                                    parameters: try JSONEncoder().encode(TrainedParameters.thresholds(confident)), metrics: nil,
                                    concepts: [], inputCount: 0)
        let graph = WorkflowGraph(
            nodes: [WorkflowNode(id: "route", model: "ticket-router"), WorkflowNode(id: "confident", model: "confident"),
                    WorkflowNode(id: "keywords", model: "urgent-words")],
            edges: [WorkflowEdge(from: WorkflowGraph.input, to: "route"), WorkflowEdge(from: "route", to: "confident"),
                    WorkflowEdge(from: WorkflowGraph.input, to: "keywords")])
        let created = origin.addingTimeInterval(-2 * day)
        let workflow = try tx.insertWorkflow(appKey: triage, id: "triage-flow", name: "Ticket triage", graph: graph,
                                             createdBy: adminID, at: created)
        try tx.setWorkflowStar(userID: adminID, workflowKey: workflow, starred: true, at: created)
        var events: [(Date, AuditRecord)] = [(created, AuditRecord(at: created, actor: admin, organizationID: orgID, action: "workflow.create",
                                                                   target: "support-triage/triage-flow", details: "3 nodes", source: .tui,
                                                                   outcome: "ok"))]
        if let olivia = ids["olivia"] {
            let scopes: Set<CollaboratorScope> = [.inputsRead, .modelsRead, .workflowsRead, .predict]
            try tx.setCollaborator(appKey: triage, userID: olivia, scopes: scopes, by: adminID, at: created.addingTimeInterval(3_600))
            events.append((created.addingTimeInterval(3_600), AuditRecord(
                at: created.addingTimeInterval(3_600), actor: admin, organizationID: orgID, action: "collaborator.add",
                target: "support-triage/olivia", details: CollaboratorScope.text(scopes), source: .tui, outcome: "ok")))
        }
        return events
    }
}
