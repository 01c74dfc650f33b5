import ArgumentParser
import Foundation
import OrgdeckCore

/// `orgdeck keys …`: the SSH public keys that sign you in to `orgdeck serve` (PRODUCT.md §12).
struct KeysCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys", abstract: "Add, list and remove the SSH keys that sign you in to orgdeck serve.",
        subcommands: [List.self, Add.self, Remove.self])

    static func json(_ key: SSHKeyInfo) -> JSONValue {
        .object([("id", .string(key.id)), ("type", .string(key.type)), ("fingerprint", .string(key.fingerprint)),
                 ("comment", .string(key.comment)), ("added_at", .date(key.addedAt)), ("last_used_at", .date(key.lastUsedAt))])
    }
}

extension KeysCommand {
    struct List: ParsableCommand, GlobalOptionsCarrying {
        static let configuration = CommandConfiguration(commandName: "list",
            abstract: "Your SSH keys, by SHA-256 fingerprint.")

        @OptionGroup var global: GlobalOptions

        func run() throws {
            let (service, session) = try global.authenticated(.securityWrite)
            let keys = try service.sshKeys(session)
            Output.emit(json: global.json, .array(keys.map(KeysCommand.json))) {
                guard !keys.isEmpty else { return "no SSH keys: orgdeck keys add ~/.ssh/id_ed25519.pub\n" }
                return Format.table(["ID", "TYPE", "FINGERPRINT", "COMMENT", "ADDED", "LAST USED"], keys.map {
                    [$0.id, $0.type, $0.fingerprint, $0.comment, Format.short($0.addedAt), $0.lastUsedAt.map(Format.short) ?? "never"]
                }, maxWidth: 60)
            }
        }
    }

    struct Add: ParsableCommand, GlobalOptionsCarrying {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: "Register a public key: a .pub file, or --key \"ssh-ed25519 AAAA… you@host\" (Ed25519 or ECDSA).")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "A public key file (one line), or - for standard input.") var file: String?
        @Option(name: .long, help: "The public key line itself.") var key: String?
        @Option(name: .customLong("for"), help: ArgumentHelp(
            "Register a user's first key for them, as the server's operator (no token: whoever can open the database file).",
            valueName: "username"))
        var forUser: String?

        func validate() throws {
            guard (file == nil) != (key == nil) else { throw ValidationError("give a public key file or --key LINE (one of them)") }
            if forUser != nil && Remote.isActive { throw ValidationError("--for is the server operator's, on the server") }
        }

        func run() throws {
            var line = key ?? ""
            if let file {
                try Remote.serverFile(file, "the key to read")
                let read = file == "-" ? try FileHandle.standardInput.read(upToCount: 16_385) : FileManager.default.contents(atPath: file)
                guard let data = read, data.count <= 16_384 else {
                    throw CoreError.invalid("key", "cannot read \(Format.sanitize(file)) (a public key file is one short line)")
                }
                line = String(decoding: data, as: UTF8.self)
            }
            let added: SSHKeyInfo
            if let forUser {
                added = try global.openService(create: false).addSSHKeyAsOperator(username: forUser, line: line)
            } else {
                let (service, session) = try global.authenticated(.securityWrite)
                added = try service.addSSHKey(session, line: line)
            }
            Output.emit(json: global.json, KeysCommand.json(added)) { "added \(added.type) \(added.fingerprint) as \(added.id)\n" }
        }
    }

    struct Remove: ParsableCommand, GlobalOptionsCarrying {
        static let configuration = CommandConfiguration(commandName: "remove",
            abstract: "Remove one of your SSH keys (its ID from keys list).")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The key's ID (key_3).") var id: String
        @Flag(name: .long, help: "Confirm (required).") var yes = false

        func validate() throws { try Arguments.requireYes(yes, "removing SSH key \(Format.sanitize(id)) stops it signing you in") }

        func run() throws {
            let (service, session) = try global.authenticated(.securityWrite)
            try service.removeSSHKey(session, id: id)
            Output.emit(json: global.json, .object([("removed", .string(id))])) { "removed SSH key \(Format.sanitize(id))\n" }
        }
    }
}
