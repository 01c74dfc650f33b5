import Crypto
import Foundation
import OrgdeckTestSupport
import Testing
@testable import OrgdeckCore

@Suite("Identity providers")
struct IdentityProviderTests {
    let f: Fixture
    let admin: Session
    let members: [Role: Session]

    init() throws {
        f = try Fixture()
        (admin, members) = try f.organization()
    }

    func fingerprint(_ der: [UInt8]) -> String {
        SHA256.hash(data: der).map { String(format: "%02X", $0) }.joined(separator: ":")
    }

    func importing(_ xml: String, entityID: String? = nil) throws -> IdentityProvider {
        try f.service.importIdentityProvider(admin, organizationID: "acme", metadata: Data(xml.utf8), entityID: entityID)
    }

    func refusal(_ xml: String) -> String? {
        coreError { _ = try importing(xml) }.map { "\($0.kind): \($0.message)" }
    }

    @Test("each vendor's shape imports as its vendor meant")
    func vendors() throws {
        let a = try TestCertificates.make("okta.example"), b = try TestCertificates.make("second.example", key: .rsa2048)
        let okta = try importing(VendorMetadata.okta(TestCertificates.base64(a)))
        #expect(okta.entityID == "http://www.okta.com/exk1fcphpbVbXq7Mv5d7" && okta.ssoBinding == "HTTP-Redirect")
        #expect(okta.ssoURL == "https://acme.okta.com/app/acme_orgdeck_1/exk1fcphpbVbXq7Mv5d7/sso/saml")
        #expect(okta.certificates.map(\.sha256Fingerprint) == [fingerprint(a)] && okta.warnings.isEmpty)
        #expect(okta.certificates[0].key == "ECDSA P-256" && okta.certificates[0].signatureAlgorithm == "ecdsaWithSHA256")
        #expect(okta.certificates[0].subject.contains("CN=okta.example") && okta.name == "www.okta.com")

        let entra = try f.service.importIdentityProvider(admin, organizationID: "acme", metadata:
            VendorMetadata.entra(TestCertificates.base64(a), TestCertificates.base64(b, width: 64)), name: "Entra ID")
        #expect(entra.certificates.map(\.sha256Fingerprint) == [fingerprint(a), fingerprint(b)], "both signing certificates, not the signature's")
        #expect(entra.certificates[1].key == "RSA 2048" && entra.certificates[1].signatureAlgorithm == "sha256WithRSAEncryption")

        let adfs = try f.service.importIdentityProvider(admin, organizationID: "acme", metadata:
            VendorMetadata.adfs(signing: TestCertificates.base64(b), encryption: TestCertificates.base64(a)), name: "AD FS")
        #expect(adfs.certificates.map(\.sha256Fingerprint) == [fingerprint(b)], "the encryption key is left out")
        #expect(adfs.ssoURL == "https://adfs.acme.example/adfs/ls/" && adfs.ssoBinding == "HTTP-Redirect")

        let keycloak = try importing(VendorMetadata.keycloak(TestCertificates.base64(a)))
        #expect(keycloak.entityID == "https://sso.acme.example/realms/acme" && keycloak.ssoBinding == "HTTP-Redirect")

        let google = try importing(VendorMetadata.google(wrapped: TestCertificates.base64(b, width: 76, indent: "          ")))
        #expect(google.certificates.map(\.sha256Fingerprint) == [fingerprint(b)], "whitespace in the base64 is ignored")
        #expect(google.ssoURL == "https://accounts.google.com/o/saml2/idp?idpid=C01abcd2e")

        let shibboleth = try importing(VendorMetadata.shibboleth(TestCertificates.base64(a, width: 64, indent: "    "),
                                                                 TestCertificates.base64(b)))
        #expect(shibboleth.certificates.count == 2, "a KeyDescriptor without use signs")
        #expect(try f.service.identityProviders(admin, organizationID: "acme").count == 6)
        #expect(shibboleth.ssoURL == "https://idp.uni.example/idp/profile/SAML2/Redirect/SSO?x=1&y=2")
        #expect(shibboleth.name == "Example University")
        let long = VendorMetadata.shibboleth(TestCertificates.base64(a), TestCertificates.base64(b))
            .replacingOccurrences(of: "idp.uni.example/idp/shibboleth", with: "idp.uni2.example/idp/shibboleth")
            .replacingOccurrences(of: ">Example University</OrganizationDisplayName>",
                                  with: ">" + String(repeating: "Very ", count: 30) + "Long</OrganizationDisplayName>")
        #expect(try importing(long).name == "idp.uni2.example", "a display name that would not do falls back to the host")
        #expect(try f.service.identityProviders(admin, organizationID: "acme").count == 7)
    }

    @Test("a file with several identity providers needs the entity ID, and says how many it holds")
    func several() throws {
        let xml = VendorMetadata.federation(TestCertificates.base64(try TestCertificates.make("fed.example")))
        #expect(refusal(xml) == "invalid: the file holds 3 identity providers: choose one with --entity-id "
                + "(https://idp.one.example/idp, https://idp.two.example/idp, https://idp.three.example/idp)")
        #expect(try importing(xml, entityID: "https://idp.two.example/idp").ssoURL == "https://idp.two.example/idp/sso")
        #expect(coreError { _ = try importing(xml, entityID: "https://nope.example") }?.field == "entity_id")
        #expect(try SAMLMetadata.entityIDs(Data(xml.utf8)).count == 3)
    }

    @Test("malformed XML, a DOCTYPE and any entity are refused before anything is expanded")
    func hostileXML() throws {
        let cert = TestCertificates.base64(try TestCertificates.make("x.example"))
        let good = VendorMetadata.plain(certificates: [cert])
        #expect(refusal(String(good.dropLast(20)))?.hasPrefix("invalid: the metadata is not well-formed XML: line 1:") == true)
        let external = "<?xml version=\"1.0\"?>\n<!DOCTYPE md [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n" + good
        #expect(refusal(external) == "invalid: the metadata is not well-formed XML: line 2: a DOCTYPE or entity declaration "
                + "is not accepted in metadata (it could expand entities)")
        let nested = "<!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;\">]>" + good
        #expect(refusal(nested)?.contains("DOCTYPE or entity declaration") == true)
        #expect(refusal("<!doctype x SYSTEM \"http://evil.example/x.dtd\">" + good)?.contains("DOCTYPE") == true)
        let undeclared = good.replacingOccurrences(of: "https://idp.plain.example/sso", with: "https://idp.plain.example/&xxe;")
        #expect(refusal(undeclared)?.contains("the entity &xxe; is not defined") == true)
        #expect(refusal("<a><b></a>")?.contains("</a> closes <b>") == true)
        let escape = good.replacingOccurrences(of: "entityID=\"https://idp.plain.example\"", with: "entityID=\"&#27;]0;owned&#7;\"")
        #expect(refusal(escape)?.contains("&#27; is not a character XML allows") == true)
        let raw = good.replacingOccurrences(of: "entityID=\"https://idp.plain.example\"", with: "entityID=\"a\u{1B}b\"")
        #expect(refusal(raw)?.contains("control character U+001B is not allowed") == true)
        #expect(refusal(good.replacingOccurrences(of: "https://idp.plain.example\"", with: "&#99999999999;\""))?
                .contains("is not a character XML allows") == true)
        #expect(refusal("<md:EntityDescriptor xmlns:md=\"x\"/>") == "invalid: the file describes no identity provider (no IDPSSODescriptor)")
    }

    @Test("certificates that are expired, not yet valid, SHA-1, MD5 or small RSA are refused; http sign-on too")
    func refusedCertificates() throws {
        let now = f.clock.now
        func only(_ der: [UInt8]) -> String? { refusal(VendorMetadata.plain(certificates: [TestCertificates.base64(der)])) }
        let expired = try TestCertificates.make("old.example", until: now.addingTimeInterval(-86_400))
        #expect(only(expired) == "invalid: no usable signing certificate: the signing certificate: expired on "
                + now.addingTimeInterval(-86_400).utcDay)
        let future = try TestCertificates.make("new.example", from: now.addingTimeInterval(10 * 86_400))
        #expect(only(future)?.contains("not valid until \(now.addingTimeInterval(10 * 86_400).utcDay)") == true)
        let sha1 = try TestCertificates.make("sha1.example", key: .rsa2048, sha1: true)
        #expect(only(sha1)?.contains("signed with SHA-1, which is broken") == true)
        let md5 = TestCertificates.md5Labelled(try TestCertificates.make("md5.example", key: .rsa2048))
        #expect(only(md5)?.contains("signed with MD5, which is broken (md5WithRSAEncryption)") == true, "\(only(md5) ?? "")")
        let small = try TestCertificates.make("small.example", key: .rsa1024)
        #expect(only(small)?.contains("an RSA key of 1024 bits (at least 2048 are needed)") == true)
        let good = TestCertificates.base64(try TestCertificates.make("good.example"))
        #expect(refusal(VendorMetadata.plain(certificates: [good], location: "http://idp.plain.example/sso"))
                == "invalid: the identity provider has no https HTTP-Redirect or HTTP-POST sign-on endpoint (found http://idp.plain.example/sso)")
        #expect(coreError {
            _ = try f.service.createIdentityProvider(admin, organizationID: "acme", name: "X", entityID: "x", ssoURL: "http://x.example",
                                                     certificatePEM: good)
        }?.field == "sso_url")
    }

    @Test("usable certificates are kept beside refused ones, which are named; one expiring soon is warned about")
    func partial() throws {
        let now = f.clock.now
        let good = try TestCertificates.make("good.example")
        let soon = try TestCertificates.make("soon.example", until: now.addingTimeInterval(12 * 86_400 + 60))
        let expired = try TestCertificates.make("old.example", until: now.addingTimeInterval(-86_400))
        let provider = try importing(VendorMetadata.plain(certificates: [good, soon, expired].map { TestCertificates.base64($0) }))
        #expect(provider.certificates.map(\.sha256Fingerprint) == [fingerprint(good), fingerprint(soon)])
        #expect(provider.warnings == [
            "signing certificate 2 expires in 12 days (\(now.addingTimeInterval(12 * 86_400 + 60).utcDay))",
            "not imported: signing certificate 3: expired on \(now.addingTimeInterval(-86_400).utcDay)",
        ])
        f.clock.advance(13 * 86_400)
        let later = try f.service.identityProvider(admin, organizationID: "acme", id: provider.id)
        #expect(later.certificates.count == 1 && later.warnings.first?.hasPrefix("signing certificate 2 is no longer usable: expired on") == true)
    }

    @Test("only Admins manage providers; duplicates are conflicts; the SP metadata reads back")
    func adminsAndExport() throws {
        let cert = TestCertificates.base64(try TestCertificates.make("x.example"))
        let xml = VendorMetadata.plain(certificates: [cert])
        let contributor = try #require(members[.orgContributor])
        #expect(coreError { _ = try f.service.importIdentityProvider(contributor, organizationID: "acme", metadata: Data(xml.utf8)) }?.kind
                == .forbidden)
        #expect(coreError { _ = try f.service.identityProviders(contributor, organizationID: "acme") }?.kind == .forbidden)
        let provider = try importing(xml)
        #expect(coreError { _ = try importing(xml) }?.message == "identity provider https://idp.plain.example is already registered")
        let pem = "-----BEGIN CERTIFICATE-----\n" + TestCertificates.base64(try TestCertificates.make("y.example"), width: 64)
            + "\n-----END CERTIFICATE-----\n"
        let made = try f.service.createIdentityProvider(admin, organizationID: "acme", name: "Manual", entityID: "urn:manual",
                                                        ssoURL: "https://manual.example/sso", certificatePEM: pem)
        #expect(made.certificates.count == 1 && made.ssoBinding == "HTTP-Redirect")
        try f.service.deleteIdentityProvider(admin, organizationID: "acme", id: provider.id)
        #expect(try f.service.identityProviders(admin, organizationID: "acme").map(\.name) == ["Manual"])
        #expect(try f.lastAudit()?.action == "idp.delete")

        let metadata = try f.service.serviceProviderMetadata(admin, organizationID: "acme", baseURL: "https://orgdeck.acme.example/")
        let root = try XMLTree.parse(Data(metadata.utf8))
        #expect(root.attribute("entityID") == "https://orgdeck.acme.example/saml/acme")
        #expect(root.descendants("AssertionConsumerService").first?.attribute("Location") == "https://orgdeck.acme.example/saml/acme/acs")
        #expect(root.descendants("NameIDFormat").first?.text == "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress")
    }

    @Test("an edit changes the name, sign-on URL, binding or certificates, each checked as on import")
    func edit() throws {
        let provider = try importing(VendorMetadata.plain(certificates: [TestCertificates.base64(try TestCertificates.make("a.example"))]))
        let renamed = try f.service.updateIdentityProvider(admin, organizationID: "acme", id: provider.id, name: "Plain IdP",
                                                           binding: "HTTP-POST")
        #expect(renamed.name == "Plain IdP" && renamed.ssoBinding == "HTTP-POST" && renamed.entityID == provider.entityID)
        #expect(coreError { _ = try f.service.updateIdentityProvider(admin, organizationID: "acme", id: provider.id, ssoURL: "http://x") }?
                .field == "sso_url")
        let expired = try TestCertificates.make("old.example", until: f.clock.now.addingTimeInterval(-60))
        let pem = "-----BEGIN CERTIFICATE-----\n\(TestCertificates.base64(expired, width: 64))\n-----END CERTIFICATE-----\n"
        #expect(coreError { _ = try f.service.updateIdentityProvider(admin, organizationID: "acme", id: provider.id, certificatePEM: pem) }?
                .message.hasPrefix("no usable signing certificate: the signing certificate: expired on") == true)
        let fresh = try TestCertificates.make("b.example")
        let replaced = try f.service.updateIdentityProvider(admin, organizationID: "acme", id: provider.id, certificatePEM:
            "-----BEGIN CERTIFICATE-----\n\(TestCertificates.base64(fresh, width: 64))\n-----END CERTIFICATE-----\n")
        #expect(replaced.certificates.map(\.sha256Fingerprint) == [fingerprint(fresh)])
        let both = try f.service.updateIdentityProvider(admin, organizationID: "acme", id: provider.id, certificatePEM: pem + 
            "-----BEGIN CERTIFICATE-----\n\(TestCertificates.base64(fresh, width: 64))\n-----END CERTIFICATE-----\n")
        #expect(both.warnings.first?.hasPrefix("not imported: signing certificate 1: expired on") == true)
        #expect(try f.lastAudit()?.action == "idp.update")
        let contributor = try #require(members[.orgContributor])
        #expect(coreError { _ = try f.service.updateIdentityProvider(contributor, organizationID: "acme", id: provider.id, name: "X") }?
                .kind == .forbidden)
    }
}
