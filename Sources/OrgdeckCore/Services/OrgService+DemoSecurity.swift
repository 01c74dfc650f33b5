import Foundation

// MARK: - Demo security: a policy, an identity provider, scoped tokens, sign-in history
extension OrgService {
    /// Acme's password policy (which the demo password meets), the identity provider of the
    /// shipped Okta-shaped metadata file, two tokens of the admin's with scopes (their secrets
    /// are random and never shown: the demo's tokens exist to be listed) and a fortnight of
    /// sign-ins, one of them failed.
    func seedDemoSecurity(_ tx: StoreTransaction, ids: [String: Int64], origin: Date) throws -> [(Date, AuditRecord)] {
        let day: TimeInterval = 86_400
        let orgID = DemoAccounts.organizationID
        let admin = DemoAccounts.admin
        guard let adminID = ids[admin] else { return [] }
        var events: [(Date, AuditRecord)] = []
        func audit(_ at: Date, _ actor: String, _ org: String?, _ action: String, _ target: String, _ details: String,
                   source: AuditSource = .tui, outcome: String = "ok") {
            events.append((at, AuditRecord(at: at, actor: actor, organizationID: org, action: action, target: target,
                                           details: details, source: source, outcome: outcome)))
        }

        var policy = PasswordPolicy()
        policy.minLength = 12
        policy.history = 3
        policy.lockoutAfter = 5
        policy.lockoutMinutes = 15
        policy.maxTokenDays = 180
        try tx.setPasswordPolicy(organizationID: orgID, policy, at: origin.addingTimeInterval(-30 * day))
        audit(origin.addingTimeInterval(-30 * day), admin, orgID, "policy.update", orgID,
              Self.policyChanges(PasswordPolicy(), policy))

        let metadata = try SAMLMetadata.read(Data(PackageResources.demo_idp_metadata_xml))
        let pems = try usableCertificates(metadata.certificates).kept
        let importedAt = origin.addingTimeInterval(-25 * day)
        let idp = try tx.insertIdentityProvider(organizationID: orgID, name: metadata.displayName ?? "Okta", entityID: metadata.entityID,
                                                ssoURL: metadata.ssoURL, ssoBinding: metadata.ssoBinding, certificatesPEM: pems.joined(),
                                                at: importedAt)
        audit(importedAt, admin, orgID, "idp.import", "idp_\(idp)", "\(metadata.displayName ?? "Okta") (\(metadata.entityID)); "
              + "\(pems.count) signing certificate")

        for (description, scopes, daysAgo) in [("dashboards", [TokenScope.appsRead, .contentRead, .predict], 9.0),
                                                 ("ci deploys", TokenScope.allCases, 4.0)] {
            let at = origin.addingTimeInterval(-daysAgo * day)
            let secret = TokenCodec.generate()
            let info = try tx.insertToken(userID: adminID, description: description, scopes: scopes.map(\.rawValue),
                                          sha256: TokenCodec.storedHash(of: secret), lastFour: String(secret.suffix(4)),
                                          createdAt: at, expiresAt: at.addingTimeInterval(90 * day))
            audit(at, admin, nil, "token.create", info.id, "expires in 90 days; scopes " + scopes.map(\.rawValue).joined(separator: " "))
        }

        for (daysAgo, source, failed) in [(13.0, AuditSource.tui, false), (8.2, .cli, true), (8.1, .cli, false), (3.0, .tui, false),
                                          (1.0, .cli, false)] {
            let at = origin.addingTimeInterval(-daysAgo * day)
            if failed {
                audit(at, admin, nil, "user.signin_failed", admin, "failure 1", source: source, outcome: "denied")
            } else {
                audit(at, admin, nil, "user.signin", admin, "", source: source)
            }
        }
        return events
    }
}
