import Foundation
import OrgdeckCore
import OrgdeckTestSupport
import Testing

/// `orgdeck idp …` with vendor-shaped metadata files.
@Suite("Identity provider commands")
struct IdpCommandTests {
    let path: String
    let token: String
    let folder: URL

    init() throws {
        (path, token) = try TrustCommandTests.privateDatabase("idp")
        let service = try Workspace.service(at: path)
        let ada = try service.signIn(login: "ada", password: SharedDatabase.password, source: .cli)
        _ = try service.createOrganization(ada, id: "sso", name: "SSO", billingEmail: "billing@sso.example")
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("orgdeck-idp-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    func run(_ arguments: [String]) throws -> RunResult {
        try CLI.run(arguments + ["--db", path, "--org", "sso"], token: token)
    }

    func file(_ name: String, _ text: String) throws -> String {
        let url = folder.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    @Test func importShowsTheProviderInTheDocumentedShapeAndDeleteNeedsYes() throws {
        let cert = try TestCertificates.make("idp.okta.example", key: .rsa2048)
        let imported = try run(["idp", "import", try file("okta.xml", VendorMetadata.okta(TestCertificates.base64(cert))),
                                "--name", "Okta", "--json"])
        #expect(imported.status == 0, "\(imported)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(imported.stdout.utf8)) as? [String: Any])
        #expect(Set(object.keys) == ["id", "name", "entity_id", "sso_url", "sso_binding", "certificate", "certificates", "warnings"])
        let first = try #require(object["certificate"] as? [String: Any])
        #expect(Set(first.keys) == ["subject", "issuer", "not_before", "not_after", "key", "signature_algorithm", "sha256_fingerprint"])
        #expect(first["key"] as? String == "RSA 2048" && object["sso_binding"] as? String == "HTTP-Redirect")
        let id = try #require(object["id"] as? String)
        let shown = try run(["idp", "show", id])
        #expect(shown.status == 0 && shown.stdout.contains("SHA-256") && shown.stdout.contains("CN=idp.okta.example"), "\(shown)")
        #expect(try run(["idp", "list"]).stdout.contains("Okta"))
        #expect(try run(["idp", "delete", id]).status == 2)
        #expect(try run(["idp", "delete", id, "--yes"]).status == 0)
        #expect(try run(["idp", "show", id]).status == 5)
    }

    @Test func refusalsAreExit7WithTheReason() throws {
        let cert = TestCertificates.base64(try TestCertificates.make("fed.example"))
        let several = try run(["idp", "import", try file("fed.xml", VendorMetadata.federation(cert))])
        #expect(several.status == 7 && several.stderr.contains("holds 3 identity providers: choose one with --entity-id"), "\(several)")
        let chosen = try run(["idp", "import", try file("fed2.xml", VendorMetadata.federation(cert)), "--entity-id", "https://idp.three.example/idp"])
        #expect(chosen.status == 0, "\(chosen)")
        let doctype = try run(["idp", "import", try file("evil.xml", "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/shadow\">]><x>&e;</x>")])
        #expect(doctype.status == 7 && doctype.stderr.contains("DOCTYPE"), "\(doctype)")
        let expired = TestCertificates.base64(try TestCertificates.make("old.example", until: Date(timeIntervalSinceNow: -86_400)))
        let old = try run(["idp", "import", try file("old.xml", VendorMetadata.plain(certificates: [expired]))])
        #expect(old.status == 7 && old.stderr.contains("expired on"), "\(old)")
        let missing = try run(["idp", "import", folder.appendingPathComponent("none.xml").path])
        #expect(missing.status == 7 && missing.stderr.contains("cannot read"), "\(missing)")
    }

    @Test func createFromFieldsAndExportTheServiceProviderMetadata() throws {
        let der = try TestCertificates.make("manual.example")
        let pem = try file("idp.pem", "-----BEGIN CERTIFICATE-----\n" + TestCertificates.base64(der, width: 64) + "\n-----END CERTIFICATE-----\n")
        let made = try run(["idp", "create", "--name", "Manual", "--entity-id", "urn:manual", "--sso-url", "https://manual.example/sso",
                            "--certificate", pem, "--json"])
        #expect(made.status == 0 && made.stdout.contains("\"entity_id\": \"urn:manual\""), "\(made)")
        let http = try run(["idp", "create", "--name", "Bad", "--entity-id", "urn:bad", "--sso-url", "http://bad.example/sso",
                            "--certificate", pem])
        #expect(http.status == 7 && http.stderr.contains("https"), "\(http)")
        let out = folder.appendingPathComponent("sp.xml").path
        let exported = try run(["idp", "sp-metadata", "--out", out, "--base-url", "https://deck.sso.example"])
        #expect(exported.status == 0, "\(exported)")
        let xml = try String(contentsOfFile: out, encoding: .utf8)
        #expect(xml.contains("entityID=\"https://deck.sso.example/saml/sso\"") && xml.contains("/saml/sso/acs"))
    }
}
