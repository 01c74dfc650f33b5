import Foundation

// MARK: - Running a workflow, and its stars
extension OrgService {
    /// Runs `text` through the workflow: each node at its pinned version or its model's latest
    /// trained one, in graph order, with what each produced and how long it took. Every node run
    /// is one metered prediction, written in the transaction that resolves the versions.
    public func predictWorkflow(_ session: Session, in context: Context, appID: String, id: String,
                                text: String) throws -> WorkflowRunResult {
        guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw CoreError.invalid("text", "give a text to run the workflow on")
        }
        let (graph, resolved) = try change(bookkeeping: true) { tx -> (WorkflowGraph, [String: (versionID: String, parameters: TrainedParameters)]) in
            let workflow = try readableWorkflow(tx, session, context, appID: appID, id: id, action: .predict)
            let graph = workflow.workflow.graph
            guard !graph.nodes.isEmpty else { throw CoreError.conflict("workflow \(id) has no nodes yet: add one first") }
            var resolved: [String: (versionID: String, parameters: TrainedParameters)] = [:]
            for node in graph.nodes {
                resolved[node.id] = try nodeParameters(tx, appKey: workflow.appKey, node: node, session: session)
            }
            try meter(tx, .predict, quantity: graph.nodes.count, appKey: workflow.appKey, userID: session.user.id, source: session.source)
            return (graph, resolved)
        }
        return try WorkflowRun.run(graph, text: text, parameters: resolved)
    }

    /// The version a node runs at, with its parameters.
    private func nodeParameters(_ tx: StoreTransaction, appKey: Int64, node: WorkflowNode,
                                session: Session) throws -> (versionID: String, parameters: TrainedParameters) {
        guard let model = try tx.model(appKey: appKey, id: node.model, readerID: session.user.id) else {
            throw CoreError.conflict("node \(node.id): model \(node.model) no longer exists: edit the workflow")
        }
        let (id, parameters) = try trainedParameters(tx, model, versionID: node.version, place: "node \(node.id): ")
        return (id, parameters)
    }

    /// Stars or unstars a workflow for the session's user (anyone who may see it).
    public func starWorkflow(_ session: Session, in context: Context, appID: String, id: String, starred: Bool) throws -> Workflow {
        if isReadOnly { throw CoreError.readOnly }
        return try change { tx in
            let workflow = try readableWorkflow(tx, session, context, appID: appID, id: id, action: .seeApps)
            try tx.setWorkflowStar(userID: session.user.id, workflowKey: workflow.key, starred: starred, at: now)
            return try storedWorkflow(tx, key: workflow.key, session).workflow
        }
    }

    /// Every workflow the user starred that they may still see, newest star first.
    public func starredWorkflows(_ session: Session) throws -> [StarredWorkflow] {
        try store.read { tx in
            try tx.workflowStars(userID: session.user.id).compactMap { star -> StarredWorkflow? in
                guard let stored = try tx.workflow(key: star.workflowKey, readerID: session.user.id),
                      let (context, label) = try reachableContext(tx, session, appKey: stored.appKey),
                      (try? readableWorkflow(tx, session, context, appID: stored.workflow.appID, id: stored.workflow.id,
                                             action: .seeApps)) != nil
                else { return nil }
                return StarredWorkflow(context: context, ownerLabel: label, workflow: stored.workflow, starredAt: star.at)
            }
        }
    }

    /// The context an app is reached in by the session, with its owner's label: an
    /// organization, the session's own account, or another user's (through a collaboration).
    func reachableContext(_ tx: StoreTransaction, _ session: Session, appKey: Int64) throws -> (Context, String)? {
        guard let owner = try tx.appOwner(key: appKey) else { return nil }
        switch owner {
        case .organization(let id): return (.organization(id), id)
        case .user(let id) where id == session.user.id: return (.personal, "@" + session.user.username)
        case .user(let id):
            guard let username = try tx.user(id: id)?.user.username else { return nil }
            return (.user(username), "@" + username)
        }
    }
}
