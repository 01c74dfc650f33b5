import ArgumentParser
import Foundation
import OrgdeckCore

/// `orgdeck idp …`: the organization's SAML identity providers (PRODUCT.md §8), Admins only.
struct IdpCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "idp",
        abstract: "Import, create, show and delete SAML identity providers; export the service-provider metadata.",
        subcommands: [List.self, Import.self, Create.self, Show.self, Update.self, Delete.self, SPMetadata.self])

    static func json(_ provider: IdentityProvider) -> JSONValue {
        let certificates = provider.certificates.map { certificate -> JSONValue in
            .object([("subject", .string(certificate.subject)), ("issuer", .string(certificate.issuer)),
                     ("not_before", .date(certificate.notBefore)), ("not_after", .date(certificate.notAfter)),
                     ("key", .string(certificate.key)), ("signature_algorithm", .string(certificate.signatureAlgorithm)),
                     ("sha256_fingerprint", .string(certificate.sha256Fingerprint))])
        }
        return .object([
            ("id", .string(provider.id)), ("name", .string(provider.name)), ("entity_id", .string(provider.entityID)),
            ("sso_url", .string(provider.ssoURL)), ("sso_binding", .string(provider.ssoBinding)),
            ("certificate", certificates.first ?? .null), ("certificates", .array(certificates)),
            ("warnings", .array(provider.warnings.map { .string($0) })),
        ])
    }

    /// The bytes of the file at `path`, or `.invalid(field)` saying why not.
    static func contents(of path: String, field: String) throws -> Data {
        try Remote.serverFile(path, "the file to read")
        if path == "-" { return try FileHandle.standardInput.readToEnd() ?? Data() }
        do { return try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw CoreError.invalid(field, "cannot read \(Format.sanitize(path)): \(FileReason.reading(path, error))")
        }
    }

    /// A certificate file's text (UTF-8), or `.invalid("certificate")` saying why not.
    static func text(of path: String) throws -> String {
        try Remote.serverFile(path, "the certificate to read")
        if path == "-" { return String(decoding: try FileHandle.standardInput.readToEnd() ?? Data(), as: UTF8.self) }
        do { return try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw CoreError.invalid("certificate", "cannot read \(Format.sanitize(path)) as text: \(FileReason.reading(path, error))")
        }
    }

    static func text(_ provider: IdentityProvider) -> String {
        var lines = [
            "\(provider.id)  \(Format.sanitize(provider.name))",
            "  entity ID    \(Format.sanitize(provider.entityID))",
            "  sign-on      \(Format.sanitize(provider.ssoURL)) (\(provider.ssoBinding))",
        ]
        for (index, certificate) in provider.certificates.enumerated() {
            lines += [
                "  certificate \(index + 1)",
                "    subject    \(Format.sanitize(certificate.subject))",
                "    issuer     \(Format.sanitize(certificate.issuer))",
                "    valid      \(certificate.notBefore.utcDay) to \(certificate.notAfter.utcDay)",
                "    key        \(certificate.key), signed \(certificate.signatureAlgorithm)",
                "    SHA-256    \(certificate.sha256Fingerprint)",
            ]
        }
        lines += provider.warnings.map { "  warning: \(Format.sanitize($0))" }
        return lines.joined(separator: "\n") + "\n"
    }
}

extension IdpCommand {
    struct List: ParsableCommand, GlobalOptionsCarrying {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List the identity providers.")
        @OptionGroup var global: GlobalOptions

        func run() throws {
            let (service, session) = try global.authenticated(.securityWrite)
            let providers = try service.identityProviders(session, organizationID: try global.organizationID(service, session))
            Output.emit(json: global.json, .array(providers.map(IdpCommand.json))) {
                if providers.isEmpty { return "no identity providers\n" }
                return Format.table(["ID", "NAME", "ENTITY ID", "SIGN-ON", "CERTIFICATES", "WARNINGS"], providers.map {
                    [$0.id, $0.name, $0.entityID, $0.ssoURL, String($0.certificates.count), String($0.warnings.count)]
                })
            }
        }
    }

    struct Import: ParsableCommand, GlobalOptionsCarrying {
        static let configuration = CommandConfiguration(commandName: "import",
            abstract: "Register the identity provider a metadata XML file describes.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The metadata file the identity provider produced.") var file: String
        @Option(name: .long, help: "A name (default: the file's organization, else the entity ID's host).") var name: String?
        @Option(name: .long, help: "Which identity provider, in a file that holds several.") var entityId: String?

        func run() throws {
            let data = try IdpCommand.contents(of: file, field: "file")
            let (service, session) = try global.authenticated(.securityWrite)
            let provider = try service.importIdentityProvider(session, organizationID: try global.organizationID(service, session),
                                                              metadata: data, name: name, entityID: entityId)
            Output.emit(json: global.json, IdpCommand.json(provider)) { "imported " + IdpCommand.text(provider) }
        }
    }

    struct Create: ParsableCommand, GlobalOptionsCarrying {
        static let configuration = CommandConfiguration(commandName: "create",
            abstract: "Register an identity provider from its fields.")
        @OptionGroup var global: GlobalOptions
        @Option(name: .long, help: "Its name.") var name: String
        @Option(name: .long, help: "Its SAML entity ID.") var entityId: String
        @Option(name: .long, help: "Its sign-on URL (https).") var ssoUrl: String
        @Option(name: .long, help: "HTTP-Redirect or HTTP-POST.") var binding = "HTTP-Redirect"
        @Option(name: .long, help: "A PEM file with its signing certificate(s).") var certificate: String

        func run() throws {
            let pem = try IdpCommand.text(of: certificate)
            let (service, session) = try global.authenticated(.securityWrite)
            let provider = try service.createIdentityProvider(session, organizationID: try global.organizationID(service, session),
                                                              name: name, entityID: entityId, ssoURL: ssoUrl, binding: binding,
                                                              certificatePEM: pem)
            Output.emit(json: global.json, IdpCommand.json(provider)) { "created " + IdpCommand.text(provider) }
        }
    }

    struct Show: ParsableCommand, GlobalOptionsCarrying {
        static let configuration = CommandConfiguration(commandName: "show",
            abstract: "Show an identity provider and its certificates.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Its ID (idp_…).") var id: String

        func run() throws {
            let (service, session) = try global.authenticated(.securityWrite)
            let provider = try service.identityProvider(session, organizationID: try global.organizationID(service, session), id: id)
            Output.emit(json: global.json, IdpCommand.json(provider)) { IdpCommand.text(provider) }
        }
    }

    struct Update: ParsableCommand, GlobalOptionsCarrying {
        static let configuration = CommandConfiguration(commandName: "update",
            abstract: "Edit an identity provider; what is not given stays.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Its ID (idp_…).") var id: String
        @Option(name: .long, help: "A new name.") var name: String?
        @Option(name: .long, help: "A new sign-on URL (https).") var ssoUrl: String?
        @Option(name: .long, help: "HTTP-Redirect or HTTP-POST.") var binding: String?
        @Option(name: .long, help: "A PEM file whose certificates replace the signing certificates.") var certificate: String?

        func run() throws {
            let pem = try certificate.map { try IdpCommand.text(of: $0) }
            let (service, session) = try global.authenticated(.securityWrite)
            let provider = try service.updateIdentityProvider(session, organizationID: try global.organizationID(service, session), id: id,
                                                              name: name, ssoURL: ssoUrl, binding: binding, certificatePEM: pem)
            Output.emit(json: global.json, IdpCommand.json(provider)) { "saved " + IdpCommand.text(provider) }
        }
    }

    struct Delete: ParsableCommand, GlobalOptionsCarrying {
        static let configuration = CommandConfiguration(commandName: "delete", abstract: "Delete an identity provider.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Its ID (idp_…).") var id: String
        @Flag(name: .long, help: "Confirm the deletion.") var yes = false

        func run() throws {
            guard yes else { throw ValidationError("deleting identity provider '\(Format.sanitize(id))': add --yes to confirm") }
            let (service, session) = try global.authenticated(.securityWrite)
            try service.deleteIdentityProvider(session, organizationID: try global.organizationID(service, session), id: id)
            Output.emit(json: global.json, .object([("id", .string(id)), ("deleted", .bool(true))])) {
                "deleted identity provider \(Format.sanitize(id))\n"
            }
        }
    }

    struct SPMetadata: ParsableCommand, GlobalOptionsCarrying {
        static let configuration = CommandConfiguration(
            commandName: "sp-metadata", abstract: "Write this organization's service-provider metadata XML to a path.")
        @OptionGroup var global: GlobalOptions
        @Option(name: .long, help: "Where to write it (- for standard output).") var out: String
        @Option(name: .long, help: "The https address users reach orgdeck at.") var baseUrl = "https://orgdeck.example"

        func run() throws {
            let (service, session) = try global.authenticated(.securityWrite)
            let orgID = try global.organizationID(service, session)
            let xml = try service.serviceProviderMetadata(session, organizationID: orgID, baseURL: baseUrl)
            try Remote.serverFile(out, "the metadata to write")
            if out == "-" { return Output.out(xml) }
            do { try Data(xml.utf8).write(to: URL(fileURLWithPath: out), options: .atomic) } catch {
                throw CoreError.invalid("out", "cannot write \(Format.sanitize(out)): \(error.localizedDescription)")
            }
            Output.emit(json: global.json, .object([("path", .string(out)), ("organization_id", .string(orgID))])) {
                "wrote the service-provider metadata of \(orgID) to \(Format.sanitize(out))\n"
            }
        }
    }
}
