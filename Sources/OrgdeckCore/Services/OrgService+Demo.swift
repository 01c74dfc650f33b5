import Foundation

// MARK: - Demo data
extension OrgService {
    /// Fills an empty database with the demo organization, members in all four roles,
    /// ~15 apps, a personal app of the admin's and a user outside the organization, teams
    /// with members and apps (one with a `hipaa` policy), labelled apps, and invitations:
    /// accepted, pending (one to the outsider) and expired.
    /// Returns the demo admin's username. Idempotent on a demo database; refuses any other
    /// database that already holds accounts (it never adds demo accounts with their public
    /// password to real data). The database is marked as a demo in the same transaction.
    @discardableResult
    public func seedDemo() throws -> String {
        let state = try store.read { tx in (demo: try tx.isDemoDatabase(), users: try tx.hasUsers()) }
        if state.demo { return DemoAccounts.admin }
        if state.users { throw Self.notADemo }
        if isReadOnly { throw CoreError.readOnly }
        // One PBKDF2 run at the configured rounds, shared by every demo account: seeding stays fast
        // and the accounts still sign in exactly as real ones do.
        let passwordHash = try hashPassword(DemoAccounts.password)
        let origin = now
        let day: TimeInterval = 86_400
        let orgID = DemoAccounts.organizationID
        try store.write { tx in
            if try tx.isDemoDatabase() { return }  // another process won the race
            if try tx.hasUsers() { throw Self.notADemo }
            try tx.markAsDemo()
            var ids: [String: Int64] = [:]
            for (i, person) in DemoData.people.enumerated() {
                let at = origin.addingTimeInterval(-100 * day + Double(i) * 3_600)
                let email = "\(person.username)@\(person.role == nil ? "example.org" : DemoData.emailDomain)"
                let user = try tx.insertUser(username: person.username, displayName: person.displayName, email: email,
                                             passwordHash: passwordHash, at: at)
                ids[person.username] = user.id
                try tx.appendAudit(AuditRecord(at: at, actor: person.username, organizationID: nil, action: "user.signup",
                                               target: person.username, details: "", source: .tui, outcome: "ok"))
            }
            let admin = DemoAccounts.admin
            let createdAt = origin.addingTimeInterval(-99 * day)
            _ = try tx.insertOrganization(id: orgID, name: DemoData.organizationName,
                                          billingEmail: "billing@\(DemoData.emailDomain)", at: createdAt)
            try tx.appendAudit(AuditRecord(at: createdAt, actor: admin, organizationID: orgID, action: "org.create",
                                           target: orgID, details: "name \(DemoData.organizationName); creator is Admin",
                                           source: .tui, outcome: "ok"))
            var joins: [(Date, AuditRecord)] = []
            for (i, person) in DemoData.people.enumerated() {
                guard let role = person.role, let userID = ids[person.username] else { continue }
                let joined = person.username == admin ? createdAt : createdAt.addingTimeInterval(Double(i) * 0.4 * day)
                try tx.insertMembership(organizationID: orgID, userID: userID, role: role, at: joined)
                try tx.setLastActive(organizationID: orgID, userID: userID,
                                     at: origin.addingTimeInterval(-Double(i % 5) * day - Double(i) * 1_800))
                if person.username != admin && person.username != DemoData.invitedMember {
                    joins.append((joined, AuditRecord(at: joined, actor: admin, organizationID: orgID, action: "member.add",
                                                      target: person.username, details: "role \(role.rawValue)",
                                                      source: .tui, outcome: "ok")))
                }
            }
            var (keys, events) = try seedDemoApps(tx, ids: ids, origin: origin)
            events += joins
            let created = Dictionary(events.filter { $0.1.action == "app.create" }.map { ($0.1.target, $0.0) },
                                     uniquingKeysWith: min)
            events += try seedDemoAdministration(tx, ids: ids, keys: keys, created: created, origin: origin)
            events += try seedDemoContent(tx, ids: ids, keys: keys, origin: origin)
            events += try seedDemoSecurity(tx, ids: ids, origin: origin)
            events += try seedDemoBilling(tx, ids: ids, keys: keys, origin: origin)
            // Logged in time order: the log is a chain in the order entries are appended.
            for (_, record) in events.sorted(by: { $0.0 < $1.0 }) {
                try tx.appendAudit(record)
            }
            try fireDemoBudgetAlerts(tx)
        }
        Log.info("seeded the demo database")
        return DemoAccounts.admin
    }

    /// The refusal to treat a database that holds accounts as a demo.
    public static let notADemo = CoreError.conflict("this database was not created by orgdeck demo: it holds accounts, "
                                             + "so it is not seeded or opened without a password")

    /// Whether the database was created as a demo (only then may the console open it signed in).
    public func isDemo() throws -> Bool { try store.read { tx in try tx.isDemoDatabase() } }

    /// What the file at `path` is, without creating, migrating or changing it.
    public static func databaseKind(at path: String) throws -> DatabaseKind { try DatabaseProbe.kind(of: path) }

    /// The apps, created and last updated at varied times. Returns the app keys by ID and the
    /// audit records, which the caller appends in time order.
    private func seedDemoApps(_ tx: StoreTransaction, ids: [String: Int64],
                              origin: Date) throws -> ([String: Int64], [(Date, AuditRecord)]) {
        let day: TimeInterval = 86_400
        let orgID = DemoAccounts.organizationID
        let contributors = DemoData.people.filter { $0.role == .admin || $0.role == .orgContributor }.map(\.username)
        struct Planned { let app: DemoData.DemoApp; let owner: Owner; let creator: String; let created: Date; let updated: Date }
        var planned: [Planned] = DemoData.apps.enumerated().map { i, app in
            let updated = origin.addingTimeInterval(-app.updatedDaysAgo * day)
            let created = min(updated, origin.addingTimeInterval(-(40 + Double(i % 12)) * day))
            return Planned(app: app, owner: .organization(orgID), creator: contributors[i % contributors.count],
                           created: created, updated: updated)
        }
        for (username, app) in [(DemoAccounts.admin, DemoData.adminPersonalApp), ("olivia", DemoData.outsiderPersonalApp)] {
            guard let userID = ids[username] else { continue }
            let updated = origin.addingTimeInterval(-app.updatedDaysAgo * day)
            planned.append(Planned(app: app, owner: .user(userID), creator: username,
                                   created: updated.addingTimeInterval(-20 * day), updated: updated))
        }
        var keys: [String: Int64] = [:]
        var events: [(Date, AuditRecord)] = []
        for plan in planned.sorted(by: { $0.created < $1.created }) {
            let stored = try tx.insertApp(owner: plan.owner, id: plan.app.id, name: plan.app.name,
                                          description: plan.app.description, createdBy: ids[plan.creator] ?? 0,
                                          createdAt: plan.created, updatedAt: plan.updated)
            keys[plan.app.id] = stored.key
            let org: String? = plan.owner == .organization(orgID) ? orgID : nil
            events.append((plan.created, AuditRecord(at: plan.created, actor: plan.creator, organizationID: org,
                                                     action: "app.create", target: plan.app.id,
                                                     details: "name \(plan.app.name)", source: .tui, outcome: "ok")))
            if plan.updated > plan.created {
                events.append((plan.updated, AuditRecord(at: plan.updated, actor: plan.creator, organizationID: org,
                                                         action: "app.update", target: plan.app.id,
                                                         details: "description", source: .tui, outcome: "ok")))
            }
        }
        for (username, appID) in DemoData.pins {
            guard let userID = ids[username], let key = keys[appID] else { continue }
            let at = origin.addingTimeInterval(-0.05 * day)
            try tx.setPinned(userID: userID, appKey: key, pinned: true, at: at)
            events.append((at, AuditRecord(at: at, actor: username, organizationID: orgID, action: "app.pin",
                                           target: appID, details: "", source: .tui, outcome: "ok")))
        }
        return (keys, events)
    }

    /// Labels, teams (members, apps, a policy) and invitations, with their audit records; an app
    /// is labelled or added to a team only after `created` says it was made, and an accepted
    /// invitation was sent before its invitee joined, so the history reads in causal order.
    private func seedDemoAdministration(_ tx: StoreTransaction, ids: [String: Int64], keys: [String: Int64],
                                        created: [String: Date], origin: Date) throws -> [(Date, AuditRecord)] {
        let day: TimeInterval = 86_400
        let orgID = DemoAccounts.organizationID
        let admin = DemoAccounts.admin
        var events: [(Date, AuditRecord)] = []
        func audit(_ at: Date, _ actor: String, _ action: String, _ target: String, _ details: String) {
            events.append((at, AuditRecord(at: at, actor: actor, organizationID: orgID, action: action, target: target,
                                           details: details, source: .tui, outcome: "ok")))
        }
        // Labels first: the compliance team's policy needs them before its app joins.
        let labelled = origin.addingTimeInterval(-58.9 * day)
        for (appID, labels) in DemoData.labels {
            guard let key = keys[appID] else { continue }
            try tx.addAppLabels(key: key, labels: labels)
            audit(max(labelled, (created[appID] ?? labelled).addingTimeInterval(60)), admin, "app.label", appID,
                  labels.joined(separator: ", "))
        }
        var teamKeys: [String: Int64] = [:]
        for (i, team) in DemoData.teams.enumerated() {
            let teamCreated = origin.addingTimeInterval(-58.8 * day + Double(i) * 600)
            _ = try tx.insertTeam(organizationID: orgID, id: team.id, name: team.name, at: teamCreated)
            guard let stored = try tx.team(organizationID: orgID, id: team.id) else { continue }
            teamKeys[team.id] = stored.key
            audit(teamCreated, admin, "team.create", team.id, "name \(team.name)")
            if !team.requiredLabels.isEmpty {
                try tx.setTeamRequiredLabels(key: stored.key, labels: team.requiredLabels)
                audit(teamCreated.addingTimeInterval(60), admin, "team.policy", team.id,
                      "requires \(team.requiredLabels.joined(separator: ", "))")
            }
            for (j, (appID, role)) in team.apps.enumerated() {
                guard let key = keys[appID] else { continue }
                let at = max(teamCreated.addingTimeInterval(120 + Double(j) * 30),
                             (created[appID] ?? teamCreated).addingTimeInterval(120))
                try tx.setTeamApp(teamKey: stored.key, appKey: key, role: role, at: at)
                audit(at, admin, "team.app_add", team.id, "app \(appID) as \(role.rawValue)")
            }
            for username in team.members where username != DemoData.invitedMember || team.id != "compliance" {
                guard let userID = ids[username] else { continue }
                // Members join teams once they are in the organization (a few days in).
                let at = origin.addingTimeInterval(-50 * day + Double(i) * 3_600)
                try tx.addTeamMember(teamKey: stored.key, userID: userID, at: at)
                audit(at, admin, "team.member_add", team.id, "member \(username)")
            }
        }
        let expiry = invitationLifetime
        for invitation in DemoData.invitations {
            var sent = origin.addingTimeInterval(-invitation.sentDaysAgo * day)
            if invitation.accepted, let userID = ids[DemoData.invitedMember],
               let joined = try tx.member(organizationID: orgID, userID: userID)?.joinedAt {
                sent = min(sent, joined.addingTimeInterval(-3_600))
            }
            let key = try tx.insertInvitation(organizationID: orgID, email: invitation.email, role: invitation.role,
                                              teams: invitation.teams, invitedBy: admin, sentAt: sent,
                                              expiresAt: sent.addingTimeInterval(expiry))
            let id = StoreTransaction.invitationID(key)
            audit(sent, admin, "invitation.send", id, "to \(invitation.email) as \(invitation.role.rawValue)"
                    + (invitation.teams.isEmpty ? "" : "; teams \(invitation.teams.joined(separator: ", "))"))
            guard invitation.accepted, let userID = ids[DemoData.invitedMember],
                  let joined = try tx.member(organizationID: orgID, userID: userID)?.joinedAt else { continue }
            try tx.setInvitationState(key: key, .accepted, at: joined)
            for teamID in invitation.teams {
                guard let teamKey = teamKeys[teamID] else { continue }
                try tx.addTeamMember(teamKey: teamKey, userID: userID, at: joined)
            }
            events.append((joined, AuditRecord(at: joined, actor: DemoData.invitedMember, organizationID: orgID,
                                               action: "invitation.accept", target: id,
                                               details: "joined as \(invitation.role.rawValue)"
                                                   + (invitation.teams.isEmpty ? "" : "; teams \(invitation.teams.joined(separator: ", "))"),
                                               source: .tui, outcome: "ok")))
        }
        return events
    }
}
