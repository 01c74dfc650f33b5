import Foundation

// MARK: - SAML identity providers (PRODUCT.md §8), Admins only
extension OrgService {
    public func identityProviders(_ session: Session, organizationID: String) throws -> [IdentityProvider] {
        try checkedRead { tx in
            let orgID = try securityAccess(tx, session, organizationID, auditAction: "idp.list", target: organizationID)
            return try tx.identityProviders(organizationID: orgID).map { provider($0) }
        }
    }

    public func identityProvider(_ session: Session, organizationID: String, id: String) throws -> IdentityProvider {
        try checkedRead { tx in
            let orgID = try securityAccess(tx, session, organizationID, auditAction: "idp.show", target: id)
            return provider(try storedProvider(tx, orgID, id))
        }
    }

    /// Registers the identity provider a metadata file describes (`entityID` picks one from a
    /// file of several). Its usable signing certificates are kept; the rest are named in the
    /// result's warnings. Audited as `idp.import`.
    @discardableResult
    public func importIdentityProvider(_ session: Session, organizationID: String, metadata: Data, name: String? = nil,
                                       entityID: String? = nil) throws -> IdentityProvider {
        if isReadOnly { throw CoreError.readOnly }
        let parsed = try SAMLMetadata.read(metadata, entityID: entityID)
        // A name given is checked as given; the file's own is only a default, so one that would
        // not do (too long, a line break) falls back to the entity ID's host.
        let name = try name.map { try Validation.name($0) }
            ?? parsed.displayName.flatMap { try? Validation.name($0) } ?? Validation.name(Self.hostName(parsed.entityID))
        return try addIdentityProvider(session, organizationID: organizationID, name: name, entityID: parsed.entityID,
                                       ssoURL: parsed.ssoURL, binding: parsed.ssoBinding, certificates: parsed.certificates,
                                       action: "idp.import")
    }

    /// Registers an identity provider from its fields; `certificatePEM` holds one or more PEM
    /// certificates. Audited as `idp.create`.
    @discardableResult
    public func createIdentityProvider(_ session: Session, organizationID: String, name: String, entityID: String, ssoURL: String,
                                       binding: String = "HTTP-Redirect", certificatePEM: String) throws -> IdentityProvider {
        if isReadOnly { throw CoreError.readOnly }
        return try addIdentityProvider(session, organizationID: organizationID, name: try Validation.name(name), entityID: entityID,
                                       ssoURL: ssoURL, binding: try Self.checkedBinding(binding),
                                       certificates: SigningCertificate.certificates(inPEM: certificatePEM), action: "idp.create")
    }

    /// Edits a provider: its name, sign-on URL and binding, and (when `certificatePEM` is given)
    /// its signing certificates, checked as on import. Audited as `idp.update` with what changed.
    @discardableResult
    public func updateIdentityProvider(_ session: Session, organizationID: String, id: String, name: String? = nil,
                                       ssoURL: String? = nil, binding: String? = nil, certificatePEM: String? = nil) throws -> IdentityProvider {
        if isReadOnly { throw CoreError.readOnly }
        let name = try name.map { try Validation.name($0) }
        let ssoURL = try ssoURL.map(Self.checkedSignOnURL)
        let binding = try binding.map(Self.checkedBinding)
        let checked = try certificatePEM.map { try usableCertificates(SigningCertificate.certificates(inPEM: $0)) }
        let pems = checked?.kept.joined()
        try change { tx in
            let orgID = try securityAccess(tx, session, organizationID, auditAction: "idp.update", target: id)
            let stored = try storedProvider(tx, orgID, id)
            let newName = name ?? stored.name
            if newName != stored.name, try tx.identityProviderClash(organizationID: orgID, name: newName) != nil {
                throw CoreError.conflict("an identity provider named \(newName) already exists", field: "name")
            }
            var changes: [String] = []
            if newName != stored.name { changes.append("name \(stored.name) → \(newName)") }
            if let ssoURL, ssoURL != stored.ssoURL { changes.append("sign-on URL \(ssoURL)") }
            if let binding, binding != stored.ssoBinding { changes.append("binding \(binding)") }
            if let pems, pems != stored.certificatesPEM { changes.append("signing certificates replaced") }
            guard !changes.isEmpty else { return }
            try tx.updateIdentityProvider(rowID: stored.rowID, name: newName, ssoURL: ssoURL ?? stored.ssoURL,
                                          ssoBinding: binding ?? stored.ssoBinding, certificatesPEM: pems ?? stored.certificatesPEM,
                                          at: now)
            try tx.appendAudit(record(session, organizationID: orgID, action: "idp.update", target: id,
                                      details: changes.joined(separator: "; ")))
        }
        var provider = try identityProvider(session, organizationID: organizationID, id: id)
        provider.warnings += (checked?.refusals ?? []).map { "not imported: \($0)" }
        return provider
    }

    public func deleteIdentityProvider(_ session: Session, organizationID: String, id: String) throws {
        if isReadOnly { throw CoreError.readOnly }
        try change { tx in
            let orgID = try securityAccess(tx, session, organizationID, auditAction: "idp.delete", target: id)
            let stored = try storedProvider(tx, orgID, id)
            try tx.deleteIdentityProvider(rowID: stored.rowID)
            try tx.appendAudit(record(session, organizationID: orgID, action: "idp.delete", target: id,
                                      details: "\(stored.name) (\(stored.entityID))"))
        }
    }

    /// This organization's service-provider metadata XML, for the identity provider's admin.
    public func serviceProviderMetadata(_ session: Session, organizationID: String, baseURL: String) throws -> String {
        let baseURL = baseURL.trimmingCharacters(in: .whitespacesAndNewlines)
        guard SAMLMetadata.isHTTPS(baseURL) else {
            throw CoreError.invalid("base_url", "the service's base URL must be https (got \(Validation.visible(baseURL)))")
        }
        return try checkedRead { tx in
            let orgID = try securityAccess(tx, session, organizationID, auditAction: "idp.sp_metadata", target: organizationID)
            return SAMLMetadata.serviceProvider(baseURL: baseURL, organizationID: orgID)
        }
    }

    // MARK: Shared

    private func addIdentityProvider(_ session: Session, organizationID: String, name: String, entityID: String, ssoURL: String,
                                     binding: String, certificates: [[UInt8]], action: String) throws -> IdentityProvider {
        let at = now
        let entityID = try Self.checkedEntityID(entityID)
        let ssoURL = try Self.checkedSignOnURL(ssoURL)
        let (kept, refusals) = try usableCertificates(certificates)
        let rowID = try change { tx -> Int64 in
            let orgID = try securityAccess(tx, session, organizationID, auditAction: action, target: entityID)
            if let clash = try tx.identityProviderClash(organizationID: orgID, name: name, entityID: entityID) {
                throw CoreError.conflict(clash == "name" ? "an identity provider named \(name) already exists"
                                                         : "identity provider \(entityID) is already registered", field: clash)
            }
            let rowID = try tx.insertIdentityProvider(organizationID: orgID, name: name, entityID: entityID, ssoURL: ssoURL,
                                                      ssoBinding: binding, certificatesPEM: kept.joined(), at: at)
            try tx.appendAudit(record(session, organizationID: orgID, action: action, target: "idp_\(rowID)",
                                      details: "\(name) (\(entityID)); \(kept.count) signing certificate\(kept.count == 1 ? "" : "s")"
                                          + (refusals.isEmpty ? "" : "; \(refusals.count) left out")))
            return rowID
        }
        // What is kept, judged as any read judges it (expiring soon), and what was left out.
        var provider = try identityProvider(session, organizationID: organizationID, id: "idp_\(rowID)")
        provider.warnings += refusals.map { "not imported: \($0)" }
        return provider
    }

    /// The usable certificates as PEM, and why each other one is not; refused when none is usable.
    func usableCertificates(_ certificates: [[UInt8]]) throws -> (kept: [String], refusals: [String]) {
        var kept: [String] = [], refusals: [String] = []
        for (index, der) in certificates.enumerated() {
            switch SigningCertificate.inspect(der: der, at: now) {
            case .usable(let info, _): kept.append(info.pem)
            case .refused(let reason): refusals.append("\(SigningCertificate.label(index, of: certificates.count)): \(reason)")
            }
        }
        guard !certificates.isEmpty else { throw CoreError.invalid("certificate", "the identity provider gives no signing certificate") }
        guard !kept.isEmpty else {
            throw CoreError.invalid("certificate", "no usable signing certificate: " + refusals.joined(separator: "; "))
        }
        return (kept, refusals)
    }

    /// The organization's provider `id`, or `.notFound`.
    private func storedProvider(_ tx: StoreTransaction, _ orgID: String, _ id: String) throws -> StoredIdentityProvider {
        guard let stored = try tx.identityProvider(organizationID: orgID, publicID: id) else {
            throw CoreError.notFound("no identity provider \(Validation.visible(id)) in \(orgID)")
        }
        return stored
    }

    /// The organization's ID once the session may manage its security (Admins); denials audited.
    private func securityAccess(_ tx: StoreTransaction, _ session: Session, _ organizationID: String,
                                auditAction: String, target: String) throws -> String {
        let access = try access(tx, session, .organization(organizationID))
        try require(.manageSecurity, access, tx, auditAction: auditAction, target: target)
        return access.organizationID ?? organizationID
    }

    /// A provider as shown: each stored certificate judged now.
    private func provider(_ stored: StoredIdentityProvider) -> IdentityProvider {
        let blocks = SigningCertificate.pemBlocks(stored.certificatesPEM)
        var infos: [CertificateInfo] = [], warnings: [String] = []
        for (index, der) in blocks.enumerated() {
            let label = SigningCertificate.label(index, of: blocks.count)
            switch SigningCertificate.inspect(der: der, at: now) {
            case .usable(let info, let warning):
                infos.append(info)
                if let warning { warnings.append("\(label) \(warning)") }
            case .refused(let reason): warnings.append("\(label) is no longer usable: \(reason)")
            }
        }
        return IdentityProvider(id: "idp_\(stored.rowID)", organizationID: stored.organizationID, name: stored.name,
                                entityID: stored.entityID, ssoURL: stored.ssoURL, ssoBinding: stored.ssoBinding,
                                certificates: infos, warnings: warnings, createdAt: stored.createdAt)
    }

    /// An entity ID as stored: trimmed, at most 1,024 characters, nothing a terminal would act on.
    static func checkedEntityID(_ text: String) throws -> String {
        let id = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !id.isEmpty, id.count <= 1_024 else { throw CoreError.invalid("entity_id", "an entity ID has 1 to 1,024 characters") }
        if let problem = Validation.controlCharacterProblem(in: id) { throw CoreError.invalid("entity_id", "the entity ID holds a \(problem)") }
        return id
    }

    /// `HTTP-Redirect` or `HTTP-POST`, else `.invalid`.
    static func checkedBinding(_ binding: String) throws -> String {
        guard ["HTTP-Redirect", "HTTP-POST"].contains(binding) else {
            throw CoreError.invalid("binding", "the binding is HTTP-Redirect or HTTP-POST")
        }
        return binding
    }

    /// A sign-on URL as stored: trimmed, https with a host, at most 2,048 characters, no controls.
    static func checkedSignOnURL(_ text: String) throws -> String {
        let url = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard SAMLMetadata.isHTTPS(url), url.count <= 2_048 else {
            throw CoreError.invalid("sso_url", "the sign-on URL must be an https URL (got \(Validation.visible(url)))")
        }
        if let problem = Validation.controlCharacterProblem(in: url) { throw CoreError.invalid("sso_url", "the sign-on URL holds a \(problem)") }
        return url
    }

    /// "idp.example.com" from an entity ID URL, else the ID itself: a default name.
    static func hostName(_ entityID: String) -> String {
        URL(string: entityID)?.host ?? String(entityID.prefix(100))
    }
}
