import Foundation

/// One identity provider as a SAML 2.0 metadata file describes it.
public struct IdPMetadata: Equatable, Sendable {
    public var entityID: String
    public var ssoURL: String
    /// `HTTP-Redirect` or `HTTP-POST`.
    public var ssoBinding: String
    /// The signing certificates' DER bytes, in document order (a `KeyDescriptor` without `use`
    /// signs too).
    public var certificates: [[UInt8]]
    /// The organization name the file gives, if any (a default for the provider's name).
    public var displayName: String?
}

/// Reads identity-provider metadata as vendors publish it (Okta, Entra ID, AD FS, Keycloak,
/// Google, Shibboleth, OneLogin, Auth0, PingOne): one `EntityDescriptor` or an
/// `EntitiesDescriptor` of several, namespace prefixes or none, certificates with any layout.
public enum SAMLMetadata {
    static let redirect = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect"
    static let post = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST"

    /// The identity provider in `data`; `entityID` picks one from a file that holds several.
    /// Every refusal is `.invalid` naming what is wrong.
    public static func read(_ data: Data, entityID: String? = nil) throws -> IdPMetadata {
        let root: MarkupElement
        do { root = try XMLTree.parse(data) } catch let problem as XMLProblem {
            throw CoreError.invalid("file", "the metadata is not well-formed XML: \(problem)")
        }
        let entities = ([root] + root.descendants("EntityDescriptor")).filter { $0.localName == "EntityDescriptor" }
        let providers = entities.filter { !$0.children("IDPSSODescriptor").isEmpty }
        guard !providers.isEmpty else {
            throw CoreError.invalid("file", entities.isEmpty ? "the file holds no SAML EntityDescriptor"
                                    : "the file describes no identity provider (no IDPSSODescriptor)")
        }
        let ids = providers.map { $0.attribute("entityID") ?? "" }
        let chosen: MarkupElement
        if let entityID {
            guard let index = ids.firstIndex(of: entityID) else {
                throw CoreError.invalid("entity_id", "no identity provider \(Validation.visible(entityID)) in the file; it holds "
                                        + ids.map(Validation.visible).joined(separator: ", "))
            }
            chosen = providers[index]
        } else {
            guard providers.count == 1 else {
                throw CoreError.invalid("entity_id", "the file holds \(providers.count) identity providers: choose one with "
                                        + "--entity-id (" + ids.map(Validation.visible).joined(separator: ", ") + ")")
            }
            chosen = providers[0]
        }
        return try provider(chosen)
    }

    /// The entity IDs of every identity provider in the file (for a picker).
    public static func entityIDs(_ data: Data) throws -> [String] {
        let root = try XMLTree.parse(data)
        return ([root] + root.descendants("EntityDescriptor"))
            .filter { $0.localName == "EntityDescriptor" && !$0.children("IDPSSODescriptor").isEmpty }
            .map { $0.attribute("entityID") ?? "" }
    }

    static func provider(_ entity: MarkupElement) throws -> IdPMetadata {
        guard let entityID = entity.attribute("entityID")?.trimmingCharacters(in: .whitespacesAndNewlines), !entityID.isEmpty else {
            throw CoreError.invalid("file", "the identity provider has no entityID")
        }
        let descriptor = entity.children("IDPSSODescriptor")[0]
        let services = descriptor.children("SingleSignOnService")
        func endpoint(_ binding: String) -> String? {
            services.first { $0.attribute("Binding") == binding && isHTTPS($0.attribute("Location")) }?.attribute("Location")
        }
        guard let (location, binding) = endpoint(redirect).map({ ($0, "HTTP-Redirect") }) ?? endpoint(post).map({ ($0, "HTTP-POST") }) else {
            let found = services.compactMap { $0.attribute("Location") }.map(Validation.visible)
            throw CoreError.invalid("file", "the identity provider has no https HTTP-Redirect or HTTP-POST sign-on endpoint"
                                    + (found.isEmpty ? "" : " (found " + found.joined(separator: ", ") + ")"))
        }
        let keys = descriptor.children("KeyDescriptor").filter { ($0.attribute("use") ?? "signing") == "signing" }
        let certificates = keys.flatMap { $0.descendants("X509Certificate") }.map { SigningCertificate.der(fromText: $0.text) ?? [] }
        let name = entity.descendants("OrganizationDisplayName").first?.text.trimmingCharacters(in: .whitespacesAndNewlines)
        return IdPMetadata(entityID: entityID, ssoURL: location.trimmingCharacters(in: .whitespacesAndNewlines), ssoBinding: binding,
                           certificates: certificates, displayName: name?.isEmpty == false ? name : nil)
    }

    /// An absolute https URL with a host.
    public static func isHTTPS(_ text: String?) -> Bool {
        guard let text = text?.trimmingCharacters(in: .whitespacesAndNewlines), let url = URL(string: text) else { return false }
        return url.scheme?.lowercased() == "https" && !(url.host ?? "").isEmpty
    }

    /// This organization's service-provider metadata: entity ID, assertion consumer service
    /// (HTTP-POST) and the email NameID format.
    public static func serviceProvider(baseURL: String, organizationID: String) -> String {
        let base = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        let entity = escape("\(base)/saml/\(organizationID)")
        return """
            <?xml version="1.0" encoding="UTF-8"?>
            <md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="\(entity)">
              <md:SPSSODescriptor AuthnRequestsSigned="false" WantAssertionsSigned="true" protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">
                <md:NameIDFormat>urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress</md:NameIDFormat>
                <md:AssertionConsumerService Binding="\(post)" Location="\(entity)/acs" index="0" isDefault="true"/>
              </md:SPSSODescriptor>
            </md:EntityDescriptor>

            """
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
