import Foundation

/// A SAML identity provider of an organization (PRODUCT.md §8).
public struct IdentityProvider: Equatable, Sendable, Identifiable {
    /// `idp_<n>`.
    public var id: String
    public var organizationID: String
    public var name: String
    public var entityID: String
    public var ssoURL: String
    /// `HTTP-Redirect` or `HTTP-POST`.
    public var ssoBinding: String
    /// The usable signing certificates, judged when read.
    public var certificates: [CertificateInfo]
    /// What the user should know: certificates expiring soon, left out, or no longer usable.
    public var warnings: [String]
    public var createdAt: Date
}
