import Foundation
import OrgdeckCore
import OrgdeckTestSupport
import Testing
@testable import OrgdeckViewModels

/// The Security pane: tokens with scopes, sign-in history, and the organization's password
/// policy, by events in and whole state out.
@Suite struct SecurityPaneTests {
    @Test func personalSecurityHasTokensAndSignInsAndAnOrganizationItsPolicy() throws {
        let fixture = try Fixture()
        let console = fixture.console()
        console.send(.selectPane(.security))
        #expect(try #require(console.security).sections.map(\.title) == ["Tokens", "SSH keys", "Sign-ins"])
        console.switchContext(.organization("acme"))
        console.send(.selectPane(.security))
        #expect(try #require(console.security).sections.map(\.title) == ["Password policy", "Identity providers"])
    }

    @Test func aTokenIsCreatedWithTheScopesPickedAndShownOnce() throws {
        let fixture = try Fixture()
        let console = fixture.console()
        console.send(.selectPane(.security))
        console.send(.new)
        console.type("deploys")
        console.send(.submit)
        guard case .picker(var picker) = console.front?.dialog else { Issue.record("no scope picker"); return }
        #expect(picker.options.map(\.value) == TokenScope.allCases.map(\.rawValue) + [TokensSection.everyScope])
        #expect(picker.options.first?.detail == "list and read apps", "each scope with what it allows")
        for scope in ["apps:read", "predict"] {
            console.send(.selectIndex(try #require(picker.visible.firstIndex { $0.value == scope })))
            console.send(.text(" "))
            guard case .picker(let marked) = console.front?.dialog else { Issue.record("the picker closed"); return }
            picker = marked
        }
        #expect(picker.marked == ["apps:read", "predict"])
        console.send(.submit)
        guard case .secret(let title, let secret) = console.state.overlay else {
            Issue.record("the token is not shown: \(String(describing: console.state.overlay))")
            return
        }
        #expect(title == "New token (apps:read, predict) — shown once, copy it now" && secret.hasPrefix("odk_"))
        #expect(console.send(.copyID) == [.copySecret(secret, what: "the secret")], "copied, never echoed in a flash")
        console.send(.submit)
        let tokens = try #require(console.security?.section as? TokensSection)
        #expect(tokens.state.list.rows.map(\.scopes) == [["apps:read", "predict"]])
        #expect(try fixture.service.authenticate(token: secret, source: .cli).scopes == [.appsRead, .predict])
    }

    @Test func everyScopeIsARowAndABadExpiryStaysInTheForm() throws {
        let fixture = try Fixture()
        let console = fixture.console()
        console.send(.selectPane(.security))
        console.send(.new)
        console.type("ci")
        console.send(.nextFocus)
        for _ in 0..<2 { console.send(.backspace) }
        console.type("400")
        console.send(.submit)
        guard case .form(let form) = console.front?.dialog else { Issue.record("the form closed"); return }
        #expect(form.error == "a token expires after 1 to 365 days")
        console.send(.backspace)
        console.send(.backspace)
        console.send(.submit)
        guard case .picker(let picker) = console.front?.dialog else { Issue.record("no scope picker"); return }
        console.send(.selectIndex(try #require(picker.visible.firstIndex { $0.value == TokensSection.everyScope })))
        console.send(.submit)
        let tokens = try #require(console.security?.section as? TokensSection)
        #expect(tokens.state.list.rows.first?.scopes == TokenScope.allCases.map(\.rawValue), "every scope, chosen as a row")
    }

    @Test func signInsListSuccessesAndFailuresNewestFirst() throws {
        let fixture = try Fixture()
        _ = try? fixture.service.signIn(login: "ada", password: "not the password", source: .cli)
        let console = fixture.console()
        console.send(.selectPane(.security))
        console.send(.selectSection(2))
        let history = try #require(console.security?.section as? SignInHistorySection)
        #expect(history.state.list.rows.map(SignInHistorySection.outcome) == ["failed: wrong password", "signed in"])
        #expect(history.state.list.rows.map(\.source) == [.cli, .tui])
        console.send(.open)
        guard case .info(let info) = console.front?.dialog else { Issue.record("no details"); return }
        #expect(info.rows.map(\.label) == ["When", "Source", "Outcome", "Details"])
    }

    @Test func anAdminEditsThePolicyAndOthersAreRefusedOnTheKey() throws {
        let fixture = try Fixture()
        let bob = fixture.console(fixture.bob)
        bob.switchContext(.organization("acme"))
        bob.send(.selectPane(.security))
        bob.send(.edit)
        #expect(bob.front?.dialog == nil)
        #expect(bob.state.flash == .warn("managing security settings requires role Admin"))

        let ada = fixture.console()
        ada.switchContext(.organization("acme"))
        ada.send(.selectPane(.security))
        ada.send(.edit)
        guard case .form(let form) = ada.front?.dialog else { Issue.record("no policy form"); return }
        #expect(form.fields.map(\.key).first == "min_length" && form.fields[0].value.text == "8")
        for _ in 0..<1 { ada.send(.backspace) }
        ada.type("4")
        ada.send(.submit)
        #expect(ada.formState?.error == "Minimum length must be 8 to 128", "the setting named as its label, not as the CLI spells it")
        ada.send(.backspace)
        #expect(ada.formState?.error == nil, "editing the field at fault clears what was wrong with it")
        ada.type("14")
        ada.send(.nextFocus); ada.send(.nextFocus); ada.send(.nextFocus)
        for _ in 0..<2 { ada.send(.backspace) }
        #expect(ada.formState?.fields[3].value.text == "no", "a yes/no field takes no free editing")
        ada.type("ok")
        #expect(ada.formState?.fields[3].value.text == "no", "o, k: no choice begins with them")
        ada.send(.text(" "))
        #expect(ada.formState?.fields[3].value.text == "yes", "Space switches")
        ada.send(.cursorLeft)
        #expect(ada.formState?.fields[3].value.text == "no", "← switches too (in a form the arrows arrive as the cursor's moves)")
        ada.send(.cursorRight)
        #expect(ada.formState?.fields[3].value.text == "yes")
        ada.send(.submit)
        #expect(ada.front?.dialog == nil)
        let policy = try fixture.service.passwordPolicy(fixture.bob, organizationID: "acme")
        #expect(policy.minLength == 14 && policy.requireDigit && !policy.requireUpper)
        let section = try #require(ada.security?.section as? PasswordPolicySection)
        #expect(section.state.policy == policy)
    }

    @Test func anAdminImportsAProviderChoosingOneFromAFileOfSeveral() throws {
        let fixture = try Fixture()
        let cert = TestCertificates.base64(try TestCertificates.make("fed.example"))
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("orgdeck-fed-\(UUID().uuidString).xml")
        try Data(VendorMetadata.federation(cert).utf8).write(to: file)
        let console = fixture.console()
        console.switchContext(.organization("acme"))
        console.send(.selectPane(.security))
        console.send(.selectSection(1))
        let section = try #require(console.security?.section as? IdentityProvidersSection)
        console.send(.new)
        guard case .picker(let actions) = console.front?.dialog else { Issue.record("no choice of action"); return }
        #expect(actions.options.map(\.value) == ["import", "create", "export"])
        console.send(.submit)
        console.type(file.path)
        console.send(.submit)
        guard case .picker(let picker) = console.front?.dialog else { Issue.record("no picker of entities"); return }
        #expect(picker.title == "The file holds 3 identity providers: which one?" && picker.options.count == 3)
        console.send(.move(.down))
        console.send(.submit)
        #expect(console.front?.dialog == nil)
        #expect(section.state.list.rows.map(\.entityID) == ["https://idp.two.example/idp"])
        console.send(.open)
        guard case .info(let info) = console.front?.dialog else { Issue.record("no details"); return }
        #expect(info.rows.map(\.label).contains("  SHA-256"))
        console.send(.cancel)
        console.send(.edit)
        for _ in 0..<"idp.two.example".count { console.send(.backspace) }
        console.type("Two")
        console.send(.submit)
        #expect(console.front?.dialog == nil && section.state.list.rows.map(\.name) == ["Two"])

        let bob = fixture.console(fixture.bob)
        bob.switchContext(.organization("acme"))
        bob.send(.selectPane(.security))
        bob.send(.selectSection(1))
        bob.send(.new)
        #expect(bob.front?.dialog == nil && bob.state.flash == .warn("managing security settings requires role Admin"))
    }

    @Test func anAdminEntersAProviderByHandAndExportsTheServiceProviderMetadata() throws {
        let fixture = try Fixture()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("orgdeck-idp-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let pem = folder.appendingPathComponent("idp.pem")
        try Data(("-----BEGIN CERTIFICATE-----\n" + TestCertificates.base64(try TestCertificates.make("hand.example"), width: 64)
                  + "\n-----END CERTIFICATE-----\n").utf8).write(to: pem)
        let console = fixture.console()
        console.switchContext(.organization("acme"))
        console.send(.selectPane(.security))
        console.send(.selectSection(1))
        let section = try #require(console.security?.section as? IdentityProvidersSection)
        console.send(.new); console.send(.move(.down)); console.send(.submit)
        console.type("By hand"); console.send(.nextFocus)
        console.type("urn:by-hand"); console.send(.nextFocus)
        console.type("https://hand.example/sso"); console.send(.nextFocus); console.send(.nextFocus)
        func formError() -> String? { if case .form(let form) = console.front?.dialog { return form.error } else { return nil } }
        console.send(.submit)
        #expect(formError() == "a signing certificate is needed: the path of a PEM file (Tab completes)")
        console.type(folder.path)
        console.send(.submit)
        #expect(formError() == "cannot read \(folder.path): it is a folder, not a file")
        for _ in 0..<folder.path.count { console.send(.backspace) }
        console.type(pem.path)
        console.send(.submit)
        #expect(console.front?.dialog == nil, "\(String(describing: console.front?.dialog))")
        #expect(section.state.list.rows.map(\.entityID) == ["urn:by-hand"] && section.state.list.rows[0].certificates.count == 1)

        let out = folder.appendingPathComponent("sp.xml")
        console.send(.new); console.send(.move(.down)); console.send(.move(.down)); console.send(.submit)
        guard case .form(let form) = console.front?.dialog else { Issue.record("no export form"); return }
        #expect(form.value("path") == "acme-sp-metadata.xml")
        for _ in 0..<form.value("path").count { console.send(.backspace) }
        console.type(out.path)
        console.send(.nextFocus)
        for _ in 0..<"orgdeck.example".count { console.send(.backspace) }
        console.type("deck.acme.example")
        console.send(.submit)
        #expect(console.front?.dialog == nil)
        #expect(try String(contentsOf: out, encoding: .utf8).contains("entityID=\"https://deck.acme.example/saml/acme\""))
    }
}

/// The Security pane's SSH keys: added by pasting a line, refused with the core's reason in the
/// form, details, removed after typing the ID; refused in read-only mode.
@Suite struct SSHKeysPaneTests {
    @Test func aPastedKeyIsAddedShownAndRemovedAfterTypingItsID() throws {
        let fixture = try Fixture()
        let console = fixture.console()
        console.send(.selectPane(.security))
        console.send(.selectSection(1))
        let section = try #require(console.security?.section as? SSHKeysSection)
        #expect(section.state.list.rows.isEmpty)
        console.send(.new)
        console.type(try TestSSHKeys.ed25519(seed: 1))
        console.send(.submit)
        #expect(console.front?.dialog == nil)
        let key = try #require(section.state.list.rows.first)
        #expect(key.id == "key_1" && key.type == "ssh-ed25519" && key.comment == "ada@laptop" && key.fingerprint.hasPrefix("SHA256:"))
        #expect(console.state.flash == .info("added ssh-ed25519 \(key.fingerprint)"))
        console.send(.open)
        guard case .info(let info) = console.front?.dialog else { Issue.record("no details"); return }
        #expect(info.rows.map(\.label) == ["Type", "Fingerprint", "Comment", "Added", "Last used"])
        #expect(info.rows.map(\.value)[4] == "never")
        console.send(.cancel)

        // An RSA key, and the same key again, are refused in the form with the core's words.
        console.send(.new)
        console.type("ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQ me@old")
        console.send(.submit)
        guard case .form(let form) = console.front?.dialog else { Issue.record("the form closed on an RSA key"); return }
        #expect(form.error?.hasPrefix("RSA keys (ssh-rsa) are not accepted: use one of ssh-ed25519") == true)
        console.send(.cancel)
        console.send(.new)
        console.type(try TestSSHKeys.ed25519(seed: 1, comment: "again"))
        console.send(.submit)
        guard case .form(let again) = console.front?.dialog else { Issue.record("the form closed on a duplicate"); return }
        #expect(again.error?.contains("is registered already; a key belongs to one account") == true)
        console.send(.cancel)

        console.send(.delete)
        guard case .confirm(let confirm) = console.front?.dialog else { Issue.record("no confirmation"); return }
        #expect(confirm.requiredText == "key_1" && confirm.message.contains("It is your only key"))
        console.send(.submit)
        #expect(console.front?.dialog != nil, "not removed before the ID is typed")
        console.type("key_1")
        console.send(.submit)
        #expect(console.front?.dialog == nil && section.state.list.rows.isEmpty)
        #expect(try fixture.service.sshKeys(fixture.ada).isEmpty)
    }

    @Test func readOnlyRefusesAddingAndRemovingOnTheKey() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("orgdeck-ro-keys-\(UUID().uuidString)/db.sqlite").path
        let writer = try OrgService.open(path: path, options: .init(passwordRounds: 1_000))
        let ada = try writer.signUp(username: "ada", displayName: "Ada", email: "ada@example.com", password: Fixture.password, source: .tui)
        try writer.addSSHKey(Session(user: ada, source: .tui), line: try TestSSHKeys.ed25519(seed: 2))
        let service = try OrgService.open(path: path, options: .init(readOnly: true, passwordRounds: 1_000))
        let console = ConsoleViewModel(service: service, session: Session(user: ada, source: .tui))
        console.send(.firstFramePainted)
        console.send(.selectPane(.security))
        console.send(.selectSection(1))
        #expect(console.security?.section is SSHKeysSection)
        for event in [ConsoleEvent.new, .delete] {
            console.send(event)
            #expect(console.front?.dialog == nil, "\(event)")
            #expect(console.state.flash == .warn("read-only mode: changes are disabled"), "\(event)")
        }
        #expect(try service.sshKeys(Session(user: ada, source: .tui)).count == 1)
    }

    @Test func overSSHProvidersAreEditedWithoutAFileAndNotAddedFromOne() throws {
        let fixture = try Fixture()
        let cert = TestCertificates.base64(try TestCertificates.make("idp.plain.example"))
        _ = try fixture.service.importIdentityProvider(fixture.ada, organizationID: "acme",
                                                       metadata: Data(VendorMetadata.plain(certificates: [cert]).utf8), name: "Plain")
        let console = ConsoleViewModel(service: fixture.service, session: fixture.ada, remote: true)
        console.send(.firstFramePainted)
        console.switchContext(.organization("acme"))
        console.send(.selectPane(.security))
        console.send(.selectSection(1))
        let section = try #require(console.security?.section as? IdentityProvidersSection)
        #expect(section.commands.first { $0.event == .new }?.refusal?.hasPrefix("over SSH") == true, "n is greyed with the reason")
        console.send(.new)
        #expect(console.front?.dialog == nil, "import, create and export all need a file: refused on the key")
        #expect(console.state.flash?.text.hasPrefix("over SSH, files would be read and written on the server") == true)
        console.send(.edit)
        let form = try #require(console.formState)
        #expect(form.fields.map(\.key) == ["name", "sso_url", "binding"], "no certificate file over SSH")
        console.send(.cursorEnd)
        console.type(" IdP")
        console.send(.submit)
        #expect(console.front?.dialog == nil)
        #expect(section.state.list.rows.map(\.name) == ["Plain IdP"])
    }
}
