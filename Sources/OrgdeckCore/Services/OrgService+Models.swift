import Foundation

// MARK: - An app's models: create, edit, delete, visibility, stars (PRODUCT.md §6)
extension OrgService {
    /// The app's models, by ID; `search` matches ID or name. Anyone who sees the app sees them.
    public func models(_ session: Session, in context: Context, appID: String, search: String = "") throws -> [AppModel] {
        try checkedRead { tx in
            let stored = try readableApp(tx, session, context, appID: appID, scopes: [.modelsRead], auditAction: "model.list")
            return try tx.models(appKey: stored.key, readerID: session.user.id, search: search).map(\.model)
        }
    }

    /// One model: of an app the session reaches, or a public one of any organization.
    public func model(_ session: Session, in context: Context, appID: String, id: String) throws -> AppModel {
        try checkedRead { tx in try readableModel(tx, session, context, appID: appID, modelID: id, action: .seeApps).model }
    }

    /// Creates a model. A keyword tagger needs its keywords; a classifier learns its concepts.
    public func createModel(_ session: Session, in context: Context, appID: String, id: String, name: String,
                            type: ModelType, keywords: [String: [String]] = [:],
                            thresholds: ConceptThresholds? = nil) throws -> AppModel {
        if isReadOnly { throw CoreError.readOnly }
        let id = try Validation.identifier(id)
        let name = name.trimmingCharacters(in: .whitespaces).isEmpty ? id : try Validation.name(name)
        let keywords = try KeywordList.validated(keywords)
        if type == .keywordTagger, keywords.isEmpty {
            throw CoreError.invalid("keywords", "a keyword tagger needs keywords: concept: keyword, another keyword")
        }
        if type != .keywordTagger, !keywords.isEmpty {
            throw CoreError.invalid("keywords", "keywords are for a keyword tagger; a \(type.rawValue) has none")
        }
        if type != .conceptThresholder, thresholds != nil {
            throw CoreError.invalid("threshold", "thresholds are for a concept thresholder; a \(type.rawValue) has none")
        }
        let thresholds = type == .conceptThresholder ? thresholds ?? .standard : nil
        return try change { tx in
            let (access, stored) = try contentAccess(tx, session, context, appID: appID, scope: .modelsWrite, auditAction: "model.create", target: id)
            guard try tx.model(appKey: stored.key, id: id, readerID: session.user.id) == nil else {
                throw CoreError.conflict("app \(stored.app.id) already has a model \(id)", field: "id")
            }
            let key = try tx.insertModel(appKey: stored.key, id: id, name: name, type: type, keywords: keywords,
                                         thresholds: thresholds, createdBy: session.user.id, at: now)
            try tx.appendAudit(record(session, organizationID: access.organizationID, action: "model.create",
                                      target: "\(stored.app.id)/\(id)", details: "type \(type.rawValue)"))
            try noteActivity(tx, access)
            return try storedModel(tx, key: key, session).model
        }
    }

    /// Changes a model's name and, for a keyword tagger, its keywords (the next version uses them).
    public func updateModel(_ session: Session, in context: Context, appID: String, id: String, name: String,
                            keywords: [String: [String]]? = nil, thresholds: ConceptThresholds? = nil) throws -> AppModel {
        if isReadOnly { throw CoreError.readOnly }
        let name = try Validation.name(name)
        let keywords = try keywords.map(KeywordList.validated)
        return try change { tx in
            let (access, stored, model) = try changeableModel(tx, session, context, appID: appID, modelID: id,
                                                              action: .editAppContent, auditAction: "model.update")
            if let keywords, model.model.type != .keywordTagger {
                if !keywords.isEmpty { throw CoreError.invalid("keywords", "only a keyword tagger has keywords") }
            }
            if let keywords, model.model.type == .keywordTagger, keywords.isEmpty {
                throw CoreError.invalid("keywords", "a keyword tagger needs keywords")
            }
            if thresholds != nil, model.model.type != .conceptThresholder {
                throw CoreError.invalid("threshold", "only a concept thresholder has thresholds")
            }
            try tx.updateModel(key: model.key, name: name, keywords: keywords ?? model.model.keywords,
                               thresholds: thresholds ?? model.model.thresholds, at: now)
            try tx.appendAudit(record(session, organizationID: access.organizationID, action: "model.update",
                                      target: "\(stored.app.id)/\(id)", details: "name \(name)"))
            try noteActivity(tx, access)
            return try storedModel(tx, key: model.key, session).model
        }
    }

    /// Deletes a model with its versions and stars.
    public func deleteModel(_ session: Session, in context: Context, appID: String, id: String) throws {
        if isReadOnly { throw CoreError.readOnly }
        try change { tx in
            let (access, stored, model) = try changeableModel(tx, session, context, appID: appID, modelID: id,
                                                              action: .editAppContent, auditAction: "model.delete")
            let users = try tx.workflowsUsing(appKey: stored.key, modelID: id)
            guard users.isEmpty else {
                throw CoreError.conflict("model \(id) is used by workflows \(users.joined(separator: ", ")): edit or delete them first")
            }
            try tx.deleteModel(key: model.key)
            try tx.appendAudit(record(session, organizationID: access.organizationID, action: "model.delete",
                                      target: "\(stored.app.id)/\(id)", details: "\(model.model.versionCount) versions"))
            try noteActivity(tx, access)
        }
    }

    /// Makes a model public (seen, starred and used by any signed-in user) or private.
    public func setModelVisibility(_ session: Session, in context: Context, appID: String, id: String,
                                   _ visibility: ModelVisibility) throws -> AppModel {
        if isReadOnly { throw CoreError.readOnly }
        return try change { tx in
            let (access, stored, model) = try changeableModel(tx, session, context, appID: appID, modelID: id,
                                                              action: .setModelVisibility, auditAction: "model.visibility")
            try tx.setModelVisibility(key: model.key, visibility, at: now)
            try tx.appendAudit(record(session, organizationID: access.organizationID, action: "model.visibility",
                                      target: "\(stored.app.id)/\(id)", details: visibility.rawValue))
            try noteActivity(tx, access)
            return try storedModel(tx, key: model.key, session).model
        }
    }

    /// Stars or unstars a model for the session's user (anyone who may see it).
    public func starModel(_ session: Session, in context: Context, appID: String, id: String, starred: Bool) throws -> AppModel {
        if isReadOnly { throw CoreError.readOnly }
        return try change { tx in
            let model = try readableModel(tx, session, context, appID: appID, modelID: id, action: .seeApps)
            try tx.setStar(userID: session.user.id, modelKey: model.key, starred: starred, at: now)
            return try storedModel(tx, key: model.key, session).model
        }
    }

    /// Every model the user starred that they may still see, newest star first.
    public func starredModels(_ session: Session) throws -> [StarredModel] {
        try store.read { tx in
            try tx.stars(userID: session.user.id).compactMap { star -> StarredModel? in
                guard let model = try tx.model(key: star.modelKey, readerID: session.user.id),
                      let owner = try tx.appOwner(key: model.appKey) else { return nil }
                let context: Context
                let label: String
                switch owner {
                case .user(let id):
                    // Another user's personal app cannot be reached by name; only one's own.
                    guard id == session.user.id else { return nil }
                    (context, label) = (.personal, "@" + session.user.username)
                case .organization(let id):
                    (context, label) = (.organization(id), id)
                    if model.model.visibility == .private {
                        guard (try? readableModel(tx, session, context, appID: model.model.appID, modelID: model.model.id,
                                                  action: .seeApps)) != nil else { return nil }
                    }
                }
                return StarredModel(context: context, ownerLabel: label, model: model.model, starredAt: star.at)
            }
        }
    }

    // MARK: Reaching a model

    func storedModel(_ tx: StoreTransaction, key: Int64, _ session: Session) throws -> StoredModel {
        guard let model = try tx.model(key: key, readerID: session.user.id) else { throw CoreError.notFound("the model is gone") }
        return model
    }

    /// A model the session may change with `action` (edit content, train, visibility).
    func changeableModel(_ tx: StoreTransaction, _ session: Session, _ context: Context, appID: String, modelID: String,
                         action: Action, auditAction: String) throws -> (Access, StoredApp, StoredModel) {
        let access = try appAccess(tx, session, context)
        let stored = try findApp(tx, access, id: appID)
        let scope: CollaboratorScope = action == .trainModels ? .modelsTrain : .modelsWrite
        try require(action, access, tx, app: stored, scopes: [scope], auditAction: auditAction, target: "\(stored.app.id)/\(modelID)")
        guard let model = try tx.model(appKey: stored.key, id: modelID, readerID: session.user.id) else {
            throw CoreError.notFound("no model \(Validation.visible(modelID)) in app \(stored.app.id)")
        }
        // Every caller writes: the app's content changed (see `contentAccess`).
        try tx.touchApp(key: stored.key, at: now)
        return (access, stored, model)
    }

    /// A model the session may see (and, with `.predict`, use): one of an app it reaches with
    /// the permission, or a public one, whoever owns it. A private model out of reach is
    /// `.notFound`, as if it did not exist.
    func readableModel(_ tx: StoreTransaction, _ session: Session, _ context: Context, appID: String, modelID: String,
                       action: Action) throws -> StoredModel {
        let missing = CoreError.notFound("no model \(Validation.visible(modelID)) in app \(Validation.visible(appID))")
        do {
            let access = try appAccess(tx, session, context)
            let stored = try findApp(tx, access, id: appID)
            guard let model = try tx.model(appKey: stored.key, id: modelID, readerID: session.user.id) else { throw missing }
            if model.model.visibility == .public { return model }
            try require(action, access, tx, app: stored, scopes: [action == .predict ? .predict : .modelsRead], auditAction: "model.\(action == .predict ? "predict" : "see")",
                        target: "\(stored.app.id)/\(modelID)")
            return model
        } catch let error as CoreError where error.kind == .notFound {
            guard case .organization(let organizationID) = context,
                  let organization = try tx.organization(id: organizationID),
                  let app = try tx.app(AppScope(owner: .organization(organization.id), readerID: session.user.id, visibility: .all),
                                       id: appID),
                  let model = try tx.model(appKey: app.key, id: modelID, readerID: session.user.id),
                  model.model.visibility == .public
            else { throw error }
            return model
        }
    }
}
