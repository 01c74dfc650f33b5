import Crypto
import Foundation

// MARK: - Benchmark data
extension OrgService {
    /// Bulk-loads a large database for the benchmark: `apps` apps spread over `users` users and
    /// `organizations` organizations (raw statements in one transaction; seconds, not minutes).
    ///
    /// Seeds the demo first (idempotent), then gives the demo organization a large share of the
    /// apps (at least 20,000, or all of them when fewer are asked for) so the console's biggest
    /// list is the one the demo admin opens. The rest alternate between the new organizations
    /// and the new users' personal accounts. `inputs` labelled tickets join the demo's Support
    /// Triage app. One audit entry records the load.
    public func seedLarge(apps: Int, users: Int, organizations: Int, inputs: Int = 0) throws {
        try seedDemo()
        if isReadOnly { throw CoreError.readOnly }
        let apps = max(0, apps), users = max(0, users), organizations = max(0, organizations)
        let passwordHash = try hashPassword(DemoAccounts.password)
        let origin = now
        let year: Double = 365 * 86_400
        try store.write { tx in
            guard let admin = try tx.user(username: DemoAccounts.admin)?.user else {
                throw CoreError(.failure, "the demo admin is missing")
            }
            let base = try tx.maxUserID()
            let userIDs = try tx.bulkInsertUsers(count: users, passwordHash: passwordHash) { i in
                let n = Int(base) + i
                let first = LargeSeedWords.firstNames[n % LargeSeedWords.firstNames.count]
                let last = LargeSeedWords.lastNames[(n / LargeSeedWords.firstNames.count) % LargeSeedWords.lastNames.count]
                return ("u\(n)", "\(first) \(last)", "u\(n)@large.example", origin.addingTimeInterval(-Double(n % 700) * 43_200))
            }
            let orgBase = Int(base)
            let orgIDs = (0..<organizations).map { "org\(orgBase + $0)" }
            try tx.bulkInsertOrganizations(count: organizations) { i in
                let word = LargeSeedWords.companyWords[i % LargeSeedWords.companyWords.count]
                return (orgIDs[i], "\(word) \(orgBase + i)", "billing@\(orgIDs[i]).example", origin.addingTimeInterval(-year))
            }
            if !orgIDs.isEmpty {
                let roles: [Role] = [.admin, .orgContributor, .orgUser, .teamContributor]
                try tx.bulkInsertMemberships(count: userIDs.count) { i in
                    // The first user of each organization is its Admin; the rest cycle through the roles.
                    let role = i < orgIDs.count ? .admin : roles[(i / orgIDs.count) % roles.count]
                    return (orgIDs[i % orgIDs.count], userIDs[i], role, origin.addingTimeInterval(-year / 2))
                }
            }
            let demoShare = min(apps, max(20_000, apps / 4))
            let keyBase = Int(try tx.maxAppKey())
            try tx.bulkInsertApps(count: apps) { i in
                let n = keyBase + i
                let noun = LargeSeedWords.appNouns[n % LargeSeedWords.appNouns.count]
                let topic = LargeSeedWords.topics[(n / LargeSeedWords.appNouns.count) % LargeSeedWords.topics.count]
                let owner: Owner
                let creator: Int64
                if i < demoShare || (orgIDs.isEmpty && userIDs.isEmpty) {
                    owner = .organization(DemoAccounts.organizationID); creator = admin.id
                } else if i % 3 == 0 && !userIDs.isEmpty || orgIDs.isEmpty {
                    let userID = userIDs[i % userIDs.count]
                    owner = .user(userID); creator = userID
                } else {
                    owner = .organization(orgIDs[i % orgIDs.count])
                    creator = userIDs.isEmpty ? admin.id : userIDs[i % userIDs.count]
                }
                // A deterministic scatter over the last year, so "last updated" order is not insertion order.
                let updated = origin.addingTimeInterval(-Double((n &* 7_919) % Int(year)))
                return BulkApp(owner: owner, id: "\(topic)-\(noun)-\(n)", name: "\(topic.capitalized) \(noun) \(n)",
                               description: "\(topic.capitalized) \(noun) for benchmark workloads.", createdBy: creator,
                               createdAt: updated.addingTimeInterval(-Double(n % 90) * 86_400), updatedAt: updated)
            }
            try tx.analyze()
            try tx.appendAudit(AuditRecord(at: origin, actor: nil, organizationID: nil, action: "system.bulk_load",
                                           target: "", details: "\(apps) apps, \(users) users, \(organizations) organizations, \(inputs) inputs",
                                           source: .cli, outcome: "ok"))
        }
        try seedLargeInputs(count: max(0, inputs), origin: origin)
        store.foldWAL()
        Log.info("bulk-loaded \(apps) apps, \(users) users, \(organizations) organizations, \(inputs) inputs")
    }

    /// Adds `count` labelled text tickets to Support Triage, 100k to a transaction so the WAL
    /// stays bounded; the full-text triggers index them as an upload would.
    private func seedLargeInputs(count: Int, origin: Date) throws {
        let batch = 100_000
        let year: Double = 365 * 86_400
        for start in stride(from: 0, to: count, by: batch) {
            try store.write { tx in
                guard let admin = try tx.user(username: DemoAccounts.admin)?.user,
                      let app = try tx.appKey(owner: .organization(DemoAccounts.organizationID), id: "support-triage") else {
                    throw CoreError(.failure, "the demo's Support Triage app is missing")
                }
                let concepts = try tx.conceptKeys(appKey: app, ids: DemoSnippets.concepts, at: origin.addingTimeInterval(-year))
                for n in start..<min(count, start + batch) {
                    let ticket = DemoSnippets.bulkTicket(n)
                    let sha = Hex.encode(SHA256.hash(data: Data(ticket.text.utf8)))
                    let key = try tx.insertInput(appKey: app, id: "in-" + sha.prefix(12), kind: .text, text: ticket.text, data: nil,
                                                 mediaType: "text/plain", size: ticket.text.utf8.count, width: nil, height: nil,
                                                 sha256: sha, source: "bulk.csv:\(n + 2)", createdBy: admin.id,
                                                 at: origin.addingTimeInterval(-year + Double(n) * year / Double(max(count, 1))))
                    _ = try tx.label(inputKey: key, conceptKeys: [concepts[n % concepts.count]])
                }
                if start + batch >= count { try tx.analyze() }
            }
        }
    }
}

/// Word lists that make bulk-loaded rows look like real ones in the benchmark's screens.
enum LargeSeedWords {
    static let firstNames = ["Amara", "Bruno", "Chen", "Dara", "Elif", "Femi", "Greta", "Hiro", "Ines", "Jonas",
                             "Kaia", "Luca", "Maya", "Nikhil", "Oona", "Pavel", "Quinn", "Rosa", "Sami", "Tomas"]
    static let lastNames = ["Abe", "Berg", "Costa", "Diaz", "Eze", "Fischer", "Garcia", "Haddad", "Ivanova", "Jensen",
                            "Kowalski", "Lund", "Moreau", "Novak", "Okoro", "Park", "Rossi", "Silva", "Tanaka", "Weber"]
    static let companyWords = ["Northwind", "Bluebird", "Ironwood", "Lumen", "Cobalt", "Harbor", "Summit", "Vertex"]
    static let appNouns = ["classifier", "tagger", "detector", "triage", "search", "extractor", "moderator", "router"]
    static let topics = ["invoice", "support", "review", "defect", "contract", "ticket", "email", "receipt",
                         "claim", "resume", "chat", "forum", "log", "photo", "scan", "order"]
}
