import Foundation

// MARK: - Workflows: graphs of an app's models (PRODUCT.md §6)
extension OrgService {
    /// The app's workflows, by ID; `search` matches ID or name.
    public func workflows(_ session: Session, in context: Context, appID: String, search: String = "") throws -> [Workflow] {
        try checkedRead { tx in
            let stored = try readableApp(tx, session, context, appID: appID, scopes: [.workflowsRead], auditAction: "workflow.list")
            return try tx.workflows(appKey: stored.key, readerID: session.user.id, search: search).map(\.workflow)
        }
    }

    /// One workflow: of an app the session reaches, or a public one.
    public func workflow(_ session: Session, in context: Context, appID: String, id: String) throws -> Workflow {
        try checkedRead { tx in try readableWorkflow(tx, session, context, appID: appID, id: id, action: .seeApps).workflow }
    }

    /// Creates a workflow from a graph (empty to build it in the console), checked against the
    /// app's models.
    public func createWorkflow(_ session: Session, in context: Context, appID: String, id: String, name: String,
                               graph: WorkflowGraph = WorkflowGraph()) throws -> Workflow {
        if isReadOnly { throw CoreError.readOnly }
        let id = try Validation.identifier(id)
        let name = name.trimmingCharacters(in: .whitespaces).isEmpty ? id : try Validation.name(name)
        return try change { tx in
            let (access, stored) = try contentAccess(tx, session, context, appID: appID, scope: .workflowsWrite,
                                                     auditAction: "workflow.create", target: id)
            guard try tx.workflow(appKey: stored.key, id: id, readerID: 0) == nil else {
                throw CoreError.conflict("app \(stored.app.id) already has a workflow \(id)", field: "id")
            }
            try WorkflowValidation.check(graph, models: try tx.workflowModelFacts(appKey: stored.key))
            let key = try tx.insertWorkflow(appKey: stored.key, id: id, name: name, graph: graph, createdBy: session.user.id, at: now)
            try tx.appendAudit(record(session, organizationID: access.organizationID, action: "workflow.create",
                                      target: "\(stored.app.id)/\(id)", details: "\(graph.nodes.count) nodes"))
            try noteActivity(tx, access)
            return try storedWorkflow(tx, key: key, session).workflow
        }
    }

    /// Saves a new name and graph. With `expectedVersion` (the version the editor loaded) an edit
    /// made meanwhile by someone else is refused as stale; without one it applies to the current
    /// version.
    public func updateWorkflow(_ session: Session, in context: Context, appID: String, id: String, name: String? = nil,
                               graph: WorkflowGraph? = nil, expectedVersion: Int? = nil) throws -> Workflow {
        if isReadOnly { throw CoreError.readOnly }
        let name = try name.map { try Validation.name($0) }
        return try change { tx in
            let (access, stored, workflow) = try changeableWorkflow(tx, session, context, appID: appID, id: id,
                                                                    auditAction: "workflow.update")
            if let expectedVersion, expectedVersion != workflow.workflow.version { throw CoreError.stale }
            let graph = graph ?? workflow.workflow.graph
            try WorkflowValidation.check(graph, models: try tx.workflowModelFacts(appKey: stored.key))
            guard try tx.updateWorkflow(key: workflow.key, name: name ?? workflow.workflow.name, graph: graph,
                                        expectedVersion: workflow.workflow.version, at: now) else { throw CoreError.stale }
            try tx.appendAudit(record(session, organizationID: access.organizationID, action: "workflow.update",
                                      target: "\(stored.app.id)/\(id)", details: "\(graph.nodes.count) nodes, \(graph.edges.count) edges"))
            try noteActivity(tx, access)
            return try storedWorkflow(tx, key: workflow.key, session).workflow
        }
    }

    /// Copies a workflow under a new ID (and name) in the same app.
    public func duplicateWorkflow(_ session: Session, in context: Context, appID: String, id: String, newID: String,
                                  newName: String? = nil) throws -> Workflow {
        if isReadOnly { throw CoreError.readOnly }
        let newID = try Validation.identifier(newID, field: "new_id")
        let chosenName = try newName.flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : try Validation.name($0) }
        return try change { tx in
            let (access, stored, workflow) = try changeableWorkflow(tx, session, context, appID: appID, id: id,
                                                                    auditAction: "workflow.duplicate")
            guard try tx.workflow(appKey: stored.key, id: newID, readerID: 0) == nil else {
                throw CoreError.conflict("app \(stored.app.id) already has a workflow \(newID)", field: "new_id")
            }
            let key = try tx.insertWorkflow(appKey: stored.key, id: newID, name: chosenName ?? Self.copyName(of: workflow.workflow.name),
                                            graph: workflow.workflow.graph, createdBy: session.user.id, at: now)
            try tx.appendAudit(record(session, organizationID: access.organizationID, action: "workflow.duplicate",
                                      target: "\(stored.app.id)/\(newID)", details: "from \(id)"))
            try noteActivity(tx, access)
            return try storedWorkflow(tx, key: key, session).workflow
        }
    }

    public func deleteWorkflow(_ session: Session, in context: Context, appID: String, id: String) throws {
        if isReadOnly { throw CoreError.readOnly }
        try change { tx in
            let (access, stored, workflow) = try changeableWorkflow(tx, session, context, appID: appID, id: id,
                                                                    auditAction: "workflow.delete")
            try tx.deleteWorkflow(key: workflow.key)
            try tx.appendAudit(record(session, organizationID: access.organizationID, action: "workflow.delete",
                                      target: "\(stored.app.id)/\(id)", details: "\(workflow.workflow.graph.nodes.count) nodes"))
            try noteActivity(tx, access)
        }
    }

    /// Makes a workflow public (seen, starred and run by any signed-in user) or private.
    public func setWorkflowVisibility(_ session: Session, in context: Context, appID: String, id: String,
                                      _ visibility: ModelVisibility) throws -> Workflow {
        if isReadOnly { throw CoreError.readOnly }
        return try change { tx in
            let (access, stored, workflow) = try changeableWorkflow(tx, session, context, appID: appID, id: id,
                                                                    action: .setModelVisibility, auditAction: "workflow.visibility")
            try tx.setWorkflowVisibility(key: workflow.key, visibility, at: now)
            try tx.appendAudit(record(session, organizationID: access.organizationID, action: "workflow.visibility",
                                      target: "\(stored.app.id)/\(id)", details: visibility.rawValue))
            try noteActivity(tx, access)
            return try storedWorkflow(tx, key: workflow.key, session).workflow
        }
    }

    /// Checks a graph against the app's models as saving would, without saving: the console's
    /// editor asks before applying each edit, so a refused edit leaves the graph as it was.
    public func checkWorkflow(_ session: Session, in context: Context, appID: String, graph: WorkflowGraph) throws {
        try checkedRead { tx in
            let stored = try readableApp(tx, session, context, appID: appID, scopes: [.workflowsRead, .workflowsWrite],
                                         auditAction: "workflow.check")
            try WorkflowValidation.check(graph, models: try tx.workflowModelFacts(appKey: stored.key))
        }
    }

    // MARK: Reaching a workflow

    func storedWorkflow(_ tx: StoreTransaction, key: Int64, _ session: Session) throws -> StoredWorkflow {
        guard let workflow = try tx.workflow(key: key, readerID: session.user.id) else { throw CoreError.notFound("the workflow is gone") }
        return workflow
    }

    /// A workflow the session may change (edit content; or `action`), as a member or a
    /// collaborator with `workflows:write`.
    func changeableWorkflow(_ tx: StoreTransaction, _ session: Session, _ context: Context, appID: String, id: String,
                            action: Action = .editAppContent, auditAction: String) throws -> (Access, StoredApp, StoredWorkflow) {
        let (access, stored) = try contentAccess(tx, session, context, appID: appID, scope: .workflowsWrite,
                                                 auditAction: auditAction, target: id)
        if action != .editAppContent {
            try require(action, access, tx, app: stored, scopes: [.workflowsWrite], auditAction: auditAction,
                        target: "\(stored.app.id)/\(id)")
        }
        guard let workflow = try tx.workflow(appKey: stored.key, id: id, readerID: session.user.id) else {
            throw CoreError.notFound("no workflow \(Validation.visible(id)) in app \(stored.app.id)")
        }
        return (access, stored, workflow)
    }

    /// A workflow the session may see (with `.predict`, run): of an app it reaches with the
    /// permission, or a public one of any organization; out of reach reads as not there.
    func readableWorkflow(_ tx: StoreTransaction, _ session: Session, _ context: Context, appID: String, id: String,
                          action: Action) throws -> StoredWorkflow {
        let missing = CoreError.notFound("no workflow \(Validation.visible(id)) in app \(Validation.visible(appID))")
        do {
            let access = try appAccess(tx, session, context)
            let stored = try findApp(tx, access, id: appID)
            guard let workflow = try tx.workflow(appKey: stored.key, id: id, readerID: session.user.id) else { throw missing }
            if workflow.workflow.visibility == .public { return workflow }
            try require(action, access, tx, app: stored, scopes: [action == .predict ? .predict : .workflowsRead],
                        auditAction: "workflow.\(action == .predict ? "predict" : "see")", target: "\(stored.app.id)/\(id)")
            return workflow
        } catch let error as CoreError where error.kind == .notFound {
            guard case .organization(let organizationID) = context,
                  let organization = try tx.organization(id: organizationID),
                  let app = try tx.app(AppScope(owner: .organization(organization.id), readerID: session.user.id, visibility: .all),
                                       id: appID),
                  let workflow = try tx.workflow(appKey: app.key, id: id, readerID: session.user.id),
                  workflow.workflow.visibility == .public
            else { throw error }
            return workflow
        }
    }
}
