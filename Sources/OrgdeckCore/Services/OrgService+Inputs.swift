import Crypto
import Foundation

// MARK: - An app's inputs and concepts (PRODUCT.md §6)
extension OrgService {
    /// How many inputs an upload stores per transaction: a killed upload loses at most one
    /// batch, and never leaves a part of an input.
    public static let uploadBatchSize = 500

    /// The app's concepts with their input counts. Anyone who sees the app sees them (a
    /// collaborator with a scope on its inputs, concepts or models).
    public func concepts(_ session: Session, in context: Context, appID: String) throws -> [Concept] {
        try checkedRead { tx in
            let stored = try readableApp(tx, session, context, appID: appID,
                                         scopes: [.inputsRead, .inputsWrite, .conceptsWrite, .modelsRead, .modelsWrite],
                                         auditAction: "concept.list")
            return try tx.concepts(appKey: stored.key)
        }
    }

    /// Adds a concept to an app; an empty name defaults to the ID.
    public func createConcept(_ session: Session, in context: Context, appID: String, id: String, name: String) throws -> Concept {
        if isReadOnly { throw CoreError.readOnly }
        let id = try Validation.identifier(id)
        let name = name.trimmingCharacters(in: .whitespaces).isEmpty ? id : try Validation.name(name)
        return try change { tx in
            let (access, stored) = try contentAccess(tx, session, context, appID: appID, scope: .conceptsWrite, auditAction: "concept.create", target: id)
            guard try tx.conceptKey(appKey: stored.key, id: id) == nil else {
                throw CoreError.conflict("app \(stored.app.id) already has a concept \(id)", field: "id")
            }
            _ = try tx.insertConcept(appKey: stored.key, id: id, name: name, at: now)
            try tx.appendAudit(record(session, organizationID: access.organizationID, action: "concept.create",
                                      target: "\(stored.app.id)/\(id)", details: "name \(name)"))
            try noteActivity(tx, access)
            return Concept(id: id, name: name, inputCount: 0, createdAt: now)
        }
    }

    /// Gives a concept a new display name (its ID stays: inputs and models refer to it).
    /// `expectedName`: the name the new one was typed over; when another session has renamed the
    /// concept since, the rename is refused as stale (`CoreError.stale`).
    public func renameConcept(_ session: Session, in context: Context, appID: String, id: String, name: String,
                              expectedName: String? = nil) throws -> Concept {
        if isReadOnly { throw CoreError.readOnly }
        let name = try Validation.name(name)
        return try change { tx in
            let (access, stored) = try contentAccess(tx, session, context, appID: appID, scope: .conceptsWrite, auditAction: "concept.rename", target: id)
            let key = try conceptKey(tx, stored, id)
            if let expectedName, let current = try tx.conceptName(key: key), current != expectedName, current != name {
                throw CoreError.stale
            }
            try tx.renameConcept(key: key, name: name)
            try tx.appendAudit(record(session, organizationID: access.organizationID, action: "concept.rename",
                                      target: "\(stored.app.id)/\(id)", details: "name \(name)"))
            try noteActivity(tx, access)
            guard let concept = try tx.concepts(appKey: stored.key).first(where: { $0.id == id }) else {
                throw CoreError.notFound("no concept \(id) in app \(stored.app.id)")
            }
            return concept
        }
    }

    /// Deletes a concept; its inputs stay, without it. Returns how many inputs carried it.
    public func deleteConcept(_ session: Session, in context: Context, appID: String, id: String) throws -> Int {
        if isReadOnly { throw CoreError.readOnly }
        return try change { tx in
            let (access, stored) = try contentAccess(tx, session, context, appID: appID, scope: .conceptsWrite, auditAction: "concept.delete", target: id)
            let users = try tx.trainedVersionsUsing(appKey: stored.key, conceptID: id)
            guard users.isEmpty else {
                throw CoreError.conflict("concept \(id) is used by trained model versions \(users.joined(separator: ", ")); "
                                         + "delete those versions first")
            }
            let carried = try tx.deleteConcept(key: try conceptKey(tx, stored, id))
            try tx.appendAudit(record(session, organizationID: access.organizationID, action: "concept.delete",
                                      target: "\(stored.app.id)/\(id)", details: "removed from \(carried) inputs"))
            try noteActivity(tx, access)
            return carried
        }
    }

    private func conceptKey(_ tx: StoreTransaction, _ stored: StoredApp, _ id: String) throws -> Int64 {
        guard let key = try tx.conceptKey(appKey: stored.key, id: id) else {
            throw CoreError.notFound("no concept \(Validation.visible(id)) in app \(stored.app.id)")
        }
        return key
    }

    /// One window of the app's inputs (a search, a concept, or only the unlabelled). A search is
    /// one metered query, written in the transaction that reads it (bookkeeping, so read-only
    /// mode meters too); `metered: false` reads another window of a search already metered, or
    /// the console's results while the query is still being typed.
    public func inputs(_ session: Session, in context: Context, appID: String, query: InputQuery,
                       metered: Bool = true) throws -> Page<Input> {
        let search = !query.search.trimmingCharacters(in: .whitespaces).isEmpty
        let body = { (tx: StoreTransaction) throws -> Page<Input> in
            let stored = try self.readableApp(tx, session, context, appID: appID, scopes: [.inputsRead], auditAction: "inputs.list")
            let page = try tx.inputWindow(appKey: stored.key, query: query)
            if search && metered {
                try self.meter(tx, .search, quantity: 1, appKey: stored.key, userID: session.user.id, source: session.source)
            }
            return page
        }
        return search && metered ? try change(bookkeeping: true, body) : try checkedRead(body)
    }

    /// Where input `inputID` now stands among the inputs `query` matches (0 the newest), or nil
    /// when it is gone or no longer matches; never metered (it re-reads a search already shown).
    public func inputPosition(_ session: Session, in context: Context, appID: String, query: InputQuery,
                              inputID: String) throws -> Int? {
        try checkedRead { tx in
            let stored = try self.readableApp(tx, session, context, appID: appID, scopes: [.inputsRead], auditAction: "inputs.list")
            return try tx.inputPosition(appKey: stored.key, query: query, id: inputID)
        }
    }

    /// Reads the files at `paths` and stores what they hold, `uploadBatchSize` inputs per
    /// transaction. Inputs already in the app (same SHA-256) are skipped and counted, so running
    /// the same upload again after a kill or a cancel stores only what is missing. Concepts
    /// named in the files, or in `concepts` for every input, are created when the app lacks them.
    /// `isCancelled` is asked before each input; `progress` hears after each batch. `names`
    /// says how a path is named in the inputs' sources and in refusals: standard input, copied
    /// to a temporary file to be read, is `stdin`, not that file.
    public func uploadInputs(_ session: Session, in context: Context, appID: String, paths: [String],
                             concepts: [String] = [], names: [String: String] = [:], isCancelled: () -> Bool = { false },
                             progress: (UploadProgress) -> Void = { _ in }) throws -> UploadReport {
        if isReadOnly { throw CoreError.readOnly }
        let extra = try InputFormats.concepts(concepts)
        // Refused before any file is read: the permission, and the app's existence.
        _ = try checkedRead { tx in
            try contentAccess(tx, session, context, appID: appID, scope: .inputsWrite, auditAction: "inputs.upload", target: appID,
                              touch: false)
        }
        var report = UploadReport(added: 0, duplicates: 0, refused: [], cancelled: false)
        var batch: [InputCandidate] = []
        var currentPath = ""
        func flush() throws {
            guard !batch.isEmpty else { return }
            let (added, duplicates) = try storeBatch(batch, session: session, context: context, appID: appID)
            report.added += added
            report.duplicates += duplicates
            batch.removeAll(keepingCapacity: true)
            progress(UploadProgress(added: report.added, duplicates: report.duplicates, refused: report.refused.count,
                                    path: currentPath))
        }
        do {
            for path in paths {
                currentPath = names[path] ?? path
                do {
                    try InputSource.read(path, concepts: extra, take: { candidate in
                        if isCancelled() { throw CancellationError() }
                        var candidate = candidate
                        candidate.path = names[candidate.path] ?? candidate.path
                        batch.append(candidate)
                        if batch.count >= Self.uploadBatchSize { try flush() }
                    }, refuse: { refusal in
                        var refusal = refusal
                        refusal.path = names[refusal.path] ?? refusal.path
                        report.refused.append(refusal)
                    })
                } catch let error as CoreError where error.kind == .notFound || error.kind == .failure {
                    // A path that is not there, or a folder that cannot be listed, is refused like
                    // a bad file: the other paths still go in.
                    report.refused.append(InputRefusal(path: names[path] ?? path, reason: error.message))
                }
            }
            try flush()
        } catch is CancellationError {
            try flush()
            report.cancelled = true
        }
        Log.info("upload to \(appID): \(report.added) added, \(report.duplicates) duplicates, \(report.refused.count) refused")
        return report
    }

    /// Stores one batch in one transaction, audited with what it added.
    private func storeBatch(_ batch: [InputCandidate], session: Session, context: Context, appID: String) throws -> (Int, Int) {
        try change { tx in
            let (access, stored) = try contentAccess(tx, session, context, appID: appID, scope: .inputsWrite, auditAction: "inputs.upload", target: appID)
            var added = 0, duplicates = 0
            var seen = Set<String>()
            for candidate in batch {
                let (kind, text, data, mediaType, width, height): (Input.Kind, String?, Data?, String, Int?, Int?)
                switch candidate.content {
                case .text(let value): (kind, text, data, mediaType, width, height) = (.text, value, nil, "text/plain", nil, nil)
                case .image(let header, let bytes):
                    (kind, text, data, mediaType, width, height) = (.image, nil, bytes, header.mediaType, header.width, header.height)
                }
                let bytes = data ?? Data((text ?? "").utf8)
                let sha = Hex.encode(SHA256.hash(data: bytes))
                guard seen.insert(sha).inserted, try !tx.inputExists(appKey: stored.key, sha256: sha) else {
                    duplicates += 1
                    continue
                }
                let source = candidate.line.map { "\(candidate.path):\($0)" } ?? candidate.path
                let key = try tx.insertInput(appKey: stored.key, id: "in-" + sha.prefix(12), kind: kind, text: text, data: data,
                                             mediaType: mediaType, size: bytes.count, width: width, height: height,
                                             sha256: sha, source: source, createdBy: session.user.id, at: now)
                _ = try tx.label(inputKey: key, conceptKeys: try tx.conceptKeys(appKey: stored.key, ids: candidate.concepts, at: now))
                added += 1
            }
            try meter(tx, .upload, quantity: added, appKey: stored.key, userID: session.user.id, source: session.source)
            if added > 0 {
                try tx.appendAudit(record(session, organizationID: access.organizationID, action: "inputs.upload",
                                          target: stored.app.id, details: "\(added) added, \(duplicates) duplicates"))
                try noteActivity(tx, access)
            }
            return (added, duplicates)
        }
    }

    /// Adds `concepts` (created when missing) to each of `inputIDs`; returns how many labels were new.
    public func labelInputs(_ session: Session, in context: Context, appID: String, inputIDs: [String],
                            concepts: [String]) throws -> Int {
        try relabelInputs(session, context, appID, inputIDs, concepts, action: "inputs.label", creatingConcepts: true) { tx, key, conceptKeys in
            try tx.label(inputKey: key, conceptKeys: conceptKeys)
        }
    }

    /// Removes `concepts` from each of `inputIDs`; returns how many labels were removed.
    public func unlabelInputs(_ session: Session, in context: Context, appID: String, inputIDs: [String],
                              concepts: [String]) throws -> Int {
        try relabelInputs(session, context, appID, inputIDs, concepts, action: "inputs.unlabel", creatingConcepts: false) { tx, key, conceptKeys in
            try tx.unlabel(inputKey: key, conceptKeys: conceptKeys)
        }
    }

    /// Deletes inputs, all or none: an unknown ID refuses the whole call.
    public func deleteInputs(_ session: Session, in context: Context, appID: String, inputIDs: [String]) throws -> Int {
        if isReadOnly { throw CoreError.readOnly }
        return try change { tx in
            let (access, stored) = try contentAccess(tx, session, context, appID: appID, scope: .inputsWrite, auditAction: "inputs.delete", target: appID)
            let keys = try inputKeys(tx, stored, Array(Set(inputIDs)).sorted())
            for key in keys { try tx.deleteInput(key: key) }
            try tx.appendAudit(record(session, organizationID: access.organizationID, action: "inputs.delete",
                                      target: stored.app.id, details: "\(keys.count) deleted"))
            try noteActivity(tx, access)
            return keys.count
        }
    }

    private func relabelInputs(_ session: Session, _ context: Context, _ appID: String, _ inputIDs: [String], _ concepts: [String],
                               action: String, creatingConcepts: Bool,
                               _ apply: (StoreTransaction, Int64, [Int64]) throws -> Int) throws -> Int {
        if isReadOnly { throw CoreError.readOnly }
        let concepts = try InputFormats.concepts(concepts)
        guard !concepts.isEmpty else { throw CoreError.invalid("concepts", "name at least one concept") }
        return try change { tx in
            let (access, stored) = try contentAccess(tx, session, context, appID: appID, scope: .inputsWrite, auditAction: action, target: appID)
            let keys = try inputKeys(tx, stored, inputIDs)
            let conceptKeys: [Int64]
            if creatingConcepts {
                conceptKeys = try tx.conceptKeys(appKey: stored.key, ids: concepts, at: now)
            } else {
                conceptKeys = try concepts.compactMap { try tx.conceptKey(appKey: stored.key, id: $0) }
            }
            let changed = try keys.reduce(0) { $0 + (try apply(tx, $1, conceptKeys)) }
            try tx.appendAudit(record(session, organizationID: access.organizationID, action: action, target: stored.app.id,
                                      details: "\(keys.count) inputs, concepts \(concepts.joined(separator: ", "))"))
            try noteActivity(tx, access)
            return changed
        }
    }

    /// The keys of `ids` in the app; the first unknown one is refused by name.
    private func inputKeys(_ tx: StoreTransaction, _ stored: StoredApp, _ ids: [String]) throws -> [Int64] {
        try ids.map { id in
            guard let key = try tx.inputKey(appKey: stored.key, id: id) else {
                throw CoreError.notFound("no input \(Validation.visible(id)) in app \(stored.app.id)")
            }
            return key
        }
    }

    /// The app, and the session's right to change its content (a Team Contributor only where a
    /// team grants `contributor`; a collaborator with `scope`). In a write (`touch`), the app is
    /// marked updated: My Apps sorts by it, and content is what changes most.
    func contentAccess(_ tx: StoreTransaction, _ session: Session, _ context: Context, appID: String,
                       scope: CollaboratorScope, auditAction: String, target: String, touch: Bool = true) throws -> (Access, StoredApp) {
        let access = try appAccess(tx, session, context)
        let stored = try findApp(tx, access, id: appID)
        try require(.editAppContent, access, tx, app: stored, scopes: [scope], auditAction: auditAction, target: target)
        if touch { try tx.touchApp(key: stored.key, at: now) }
        return (access, stored)
    }

    /// An app the session may read a part of: any member who sees it, or a collaborator holding
    /// one of `scopes` (anything else of a shared app stays out of sight).
    func readableApp(_ tx: StoreTransaction, _ session: Session, _ context: Context, appID: String,
                     scopes: [CollaboratorScope], auditAction: String) throws -> StoredApp {
        let access = try appAccess(tx, session, context)
        let stored = try findApp(tx, access, id: appID)
        if stored.sharedOnly {
            try require(.seeApps, access, tx, app: stored, scopes: scopes, auditAction: auditAction, target: stored.app.id)
        }
        return stored
    }
}
