import Foundation
import OrgdeckCore

extension IdentityProvider: ListItem { public var listID: String { id } }

/// The Security pane's Identity providers section (organization context, Admins): `n` imports
/// a metadata file (Tab completes its path; a file of several providers asks which), enters a
/// provider's fields by hand, or exports this organization's SP metadata; details
/// with every certificate, edit (name, sign-on URL, binding, new certificates), delete after
/// typing the provider's ID.
public final class IdentityProvidersSection: ListSection<IdentityProvider, IdentityProvidersSection.Purpose> {
    public enum Purpose: Equatable, Sendable {
        case details
        case chooseAction
        case importFile
        case createFields
        case exportMetadata
        case chooseEntity(path: String, name: String)
        case edit(id: String)
        case delete(id: String)
    }

    init(env: PaneEnvironment) {
        super.init(env: env, title: "Identity providers", screen: .pane(.security), searchable: true, chrome: 2)
    }

    public var manageRefusal: String? { env.refusal(.manageSecurity) }
    /// Whether the role may see the providers at all: an Admin's read-only session lists them
    /// (and refuses their changes); only the role hides them.
    public var visible: Bool { Permissions.refusal(.manageSecurity, role: env.role) == nil }

    override var searchRefusal: String? { visible ? super.searchRefusal : env.refusal(.manageSecurity) }

    override func load() throws -> [IdentityProvider] {
        // Members who are not Admins see why the list is empty, not an error.
        if !visible { return [] }
        return try env.service.identityProviders(env.session, organizationID: organizationID)
    }

    override func matches(_ provider: IdentityProvider, _ text: String) -> Bool {
        provider.name.lowercased().contains(text) || provider.entityID.lowercased().contains(text)
    }

    /// The rows of a provider's details: its fields, each certificate, each warning; long
    /// values (URLs, fingerprints, warnings) continue on rows of their own rather than being cut.
    public static func details(_ provider: IdentityProvider, width: Int = 44) -> [InfoRow] {
        rows(provider).flatMap { row -> [InfoRow] in
            var pieces: [String] = []
            var rest = Substring(row.value)
            while rest.count > width {
                // Break after a space or a colon when there is one in reach, else anywhere.
                let window = rest.prefix(width)
                let cut = window.lastIndex(where: { $0 == " " || $0 == ":" || $0 == "/" }).map { rest.index(after: $0) } ?? window.endIndex
                pieces.append(String(rest[..<cut]).trimmingCharacters(in: .whitespaces))
                rest = rest[cut...]
            }
            pieces.append(String(rest))
            return pieces.enumerated().map { InfoRow($0.offset == 0 ? row.label : "", $0.element) }
        }
    }

    private static func rows(_ provider: IdentityProvider) -> [InfoRow] {
        var rows = [InfoRow("ID", provider.id), InfoRow("Entity ID", provider.entityID), InfoRow("Sign-on URL", provider.ssoURL),
                    InfoRow("Binding", provider.ssoBinding)]
        for (index, certificate) in provider.certificates.enumerated() {
            rows += [InfoRow("Certificate \(index + 1)", certificate.subject), InfoRow("  issuer", certificate.issuer),
                     InfoRow("  valid", "\(certificate.notBefore.utcDay) to \(certificate.notAfter.utcDay)"),
                     InfoRow("  key", "\(certificate.key), \(certificate.signatureAlgorithm)"),
                     InfoRow("  SHA-256", certificate.sha256Fingerprint)]
        }
        rows += provider.warnings.map { InfoRow("Warning", $0) }
        return rows
    }

    override func handle(_ event: ConsoleEvent, selected: IdentityProvider?) -> [Reaction]? {
        if event == .new {
            // Each of its three actions reads or writes a file: over SSH, refused on the key.
            if let reason = manageRefusal ?? env.refusalToChange ?? env.refusalOfFiles { return refused(reason) }
            return present(.picker(PickerState(title: "Identity providers", options: [
                PickerOption(value: "import", label: "Import a metadata file", detail: "the XML your IdP exports (recommended)"),
                PickerOption(value: "create", label: "Enter the fields", detail: "entity ID, sign-on URL, a PEM certificate file"),
                PickerOption(value: "export", label: "Export this organization's SP metadata", detail: "for your IdP's admin"),
            ])), for: .chooseAction)
        }
        guard let provider = selected else { return [.open, .edit, .delete, .copyID].contains(event) ? [] : nil }
        switch event {
        case .open: return present(.info(InfoState(title: provider.name, rows: Self.details(provider))), for: .details)
        case .edit:
            if let reason = manageRefusal ?? env.refusalToChange { return refused(reason) }
            var fields = [
                FormField(key: "name", label: "Name", value: provider.name, maxLength: 100),
                FormField(key: "sso_url", label: "Sign-on URL", value: provider.ssoURL, hint: "https only", maxLength: 2_000),
                FormField(key: "binding", label: "Binding", value: provider.ssoBinding, hint: "HTTP-Redirect or HTTP-POST", maxLength: 13),
            ]
            // New certificates come from a file: over SSH it would be the server's, so the
            // field is left out and the rest stays editable.
            if env.refusalOfFiles == nil {
                fields.append(FormField(key: "certificate", label: "New signing certificates", hint: "optional: a PEM file; Tab completes",
                                        maxLength: 4_000, completesPaths: true))
            }
            return present(.form(FormState(title: "Edit \(provider.name)", fields: fields, submitLabel: "Save")),
                           for: .edit(id: provider.id))
        case .delete:
            if let reason = manageRefusal ?? env.refusalToChange { return refused(reason) }
            return present(.confirm(ConfirmState(title: "Delete identity provider",
                message: "Delete \(provider.name) (\(provider.entityID))? Type its ID, \(provider.id), to confirm.",
                requiredText: provider.id, verb: "delete")), for: .delete(id: provider.id))
        case .copyID: return [.effect(.copy(provider.entityID))]
        default: return nil
        }
    }

    /// The form each action of `n` opens.
    private func form(for action: String) -> [Reaction] {
        // Each one reads or writes a file (metadata, a certificate): not the server's.
        if let reason = env.refusalOfFiles { return refused(reason) }
        switch action {
        case "create":
            return present(.form(FormState(title: "New identity provider", fields: [
                FormField(key: "name", label: "Name", maxLength: 100),
                FormField(key: "entity_id", label: "Entity ID", hint: "as the IdP names itself", maxLength: 1_000),
                FormField(key: "sso_url", label: "Sign-on URL", hint: "https only", maxLength: 2_000),
                FormField(key: "binding", label: "Binding", value: "HTTP-Redirect", hint: "HTTP-Redirect or HTTP-POST", maxLength: 13),
                FormField(key: "certificate", label: "Signing certificate", hint: "a PEM file; Tab completes", maxLength: 4_000,
                          completesPaths: true),
            ], submitLabel: "Create")), for: .createFields)
        case "export":
            return present(.form(FormState(title: "Export service-provider metadata", fields: [
                FormField(key: "path", label: "Write to", value: "\(organizationID)-sp-metadata.xml", hint: "Tab completes; " + PathCompletion.relativeTo,
                          maxLength: 4_000, completesPaths: true),
                FormField(key: "base_url", label: "orgdeck's address", value: "https://orgdeck.example", hint: "https, as users reach it",
                          maxLength: 2_000),
            ], submitLabel: "Export")), for: .exportMetadata)
        default:
            return present(.form(FormState(title: "Import identity provider metadata", fields: [
                FormField(key: "path", label: "Metadata file", hint: "the XML your IdP exports; Tab completes", maxLength: 4_000,
                          completesPaths: true),
                FormField(key: "name", label: "Name", hint: "optional: the file's organization, else the host", maxLength: 100),
            ], submitLabel: "Import")), for: .importFile)
        }
    }

    /// The bytes of the file a form field names (`~` expanded), or `.invalid` naming the field.
    private func read(_ form: FormState, _ key: String) throws -> (path: String, data: Data) {
        try read(path: PathCompletion.expand(form.value(key)), key: key)
    }

    private func read(path: String, key: String) throws -> (path: String, data: Data) {
        do { return (path, try Data(contentsOf: URL(fileURLWithPath: path))) } catch {
            throw CoreError.invalid(key, "cannot read \(path): \(FileReason.reading(path, error))")
        }
    }

    override func carryOut(_ purpose: Purpose, _ dialog: Dialog) throws -> [Reaction] {
        switch (purpose, dialog) {
        case (.chooseAction, .picker(let picker)):
            return form(for: picker.highlighted?.value ?? "import")
        case (.createFields, .form(let form)):
            guard !form.value("certificate").isEmpty else {
                throw CoreError.invalid("certificate", "a signing certificate is needed: the path of a PEM file (Tab completes)")
            }
            let pem = String(decoding: try read(form, "certificate").data, as: UTF8.self)
            let provider = try env.service.createIdentityProvider(env.session, organizationID: organizationID, name: form.value("name"),
                                                                  entityID: form.value("entity_id"), ssoURL: form.value("sso_url"),
                                                                  binding: form.value("binding"), certificatePEM: pem)
            reload(selecting: provider.id)
            return [.flash(provider.warnings.isEmpty ? .info("created \(provider.name)")
                                                     : .warn("created \(provider.name); " + provider.warnings.joined(separator: "; ")))]
        case (.exportMetadata, .form(let form)):
            let path = try PathCompletion.exportTarget(form)
            let xml = try env.service.serviceProviderMetadata(env.session, organizationID: organizationID, baseURL: form.value("base_url"))
            do { try Data(xml.utf8).write(to: URL(fileURLWithPath: path), options: .atomic) } catch {
                throw CoreError.invalid("path", "cannot write \(path): \(FileReason.writing(path, error))")
            }
            return [.flash(.info("wrote the service-provider metadata to \(path)"))]
        case (.importFile, .form(let form)):
            let (path, data) = try read(form, "path")
            let name = form.value("name")
            let entities = (try? SAMLMetadata.entityIDs(data)) ?? []
            if entities.count > 1 {
                return present(.picker(PickerState(title: "The file holds \(entities.count) identity providers: which one?",
                                                   options: entities.map { PickerOption(value: $0, label: $0) })),
                               for: .chooseEntity(path: path, name: name))
            }
            return try importing(data, name: name, entityID: nil)
        case (.chooseEntity(let path, let name), .picker(let picker)):
            guard let entityID = picker.highlighted?.value else { return [] }
            return try importing(try read(path: path, key: "path").data, name: name, entityID: entityID)
        case (.edit(let id), .form(let form)):
            let pem = form.value("certificate").isEmpty ? nil : String(decoding: try read(form, "certificate").data, as: UTF8.self)
            let updated = try env.service.updateIdentityProvider(env.session, organizationID: organizationID, id: id,
                                                                 name: form.value("name"), ssoURL: form.value("sso_url"),
                                                                 binding: form.value("binding"), certificatePEM: pem)
            reload(selecting: updated.id)
            return [.flash(.info("saved \(updated.name)"))]
        case (.delete(let id), .confirm):
            try env.service.deleteIdentityProvider(env.session, organizationID: organizationID, id: id)
            _ = reload()
            return [.flash(.info("deleted identity provider \(id)"))]
        case (.details, _), (.chooseAction, _), (.importFile, _), (.createFields, _), (.exportMetadata, _), (.chooseEntity, _),
             (.edit, _), (.delete, _):
            return []
        }
    }

    private func importing(_ data: Data, name: String, entityID: String?) throws -> [Reaction] {
        let provider = try env.service.importIdentityProvider(env.session, organizationID: organizationID, metadata: data,
                                                              name: name.isEmpty ? nil : name, entityID: entityID)
        reload(selecting: provider.id)
        let note = provider.warnings.isEmpty ? "" : "; " + provider.warnings.joined(separator: "; ")
        return [.flash(provider.warnings.isEmpty ? .info("imported \(provider.name)") : .warn("imported \(provider.name)\(note)"))]
    }

    override var listCommands: [PaneCommand] {
        let none = needsItem("identity provider")
        let manage = manageRefusal ?? env.refusalToChange
        return [PaneCommand(.new, "import, create, export", refusal: manage ?? env.refusalOfFiles), PaneCommand(.open, "details", refusal: none),
                PaneCommand(.edit, "edit", refusal: none ?? manage),
                PaneCommand(.delete, "delete", refusal: none ?? manage), PaneCommand(.filter, "search"),
                PaneCommand(.copyID, "copy entity ID", refusal: none)]
    }
}
