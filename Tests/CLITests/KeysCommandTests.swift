import Foundation
import OrgdeckCore
import OrgdeckTestSupport
import Testing

/// `orgdeck keys …` (PRODUCT.md §12), `orgdeck serve`'s options, and what an SSH session's
/// command refuses (another database, files on the server).
@Suite("SSH keys and serve commands")
struct KeysCommandTests {
    let path: String
    let token: String
    let service: OrgService
    let folder: URL

    init() throws {
        (path, token) = try TrustCommandTests.privateDatabase("keys")
        service = try Workspace.service(at: path)
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("orgdeck-keys-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    func run(_ arguments: [String], token: String? = nil, environment: [String: String] = [:]) throws -> RunResult {
        try CLI.run(arguments + ["--db", path], token: token ?? self.token, environment: environment)
    }

    /// A key made by ssh-keygen: its .pub path and the fingerprint ssh-keygen prints for it.
    func keygen(_ name: String, _ arguments: [String] = ["-t", "ed25519"]) throws -> (pub: String, fingerprint: String) {
        let key = folder.appendingPathComponent(name).path
        return (key + ".pub", try TestSSHKeys.keygen(at: key, arguments, comment: "\(name)@laptop").fingerprint)
    }

    @Test func addListAndRemoveAKeyByFileAndByLine() throws {
        let ed = try keygen("ed")
        let added = try run(["keys", "add", ed.pub])
        #expect(added.status == 0 && added.stdout == "added ssh-ed25519 \(ed.fingerprint) as key_1\n", "\(added)")
        let ecdsa = try keygen("ec", ["-t", "ecdsa", "-b", "384"])
        let line = try String(contentsOfFile: ecdsa.pub, encoding: .utf8)
        let byLine = try run(["keys", "add", "--key", line, "--json"])
        #expect(byLine.status == 0, "\(byLine)")
        #expect(byLine.object?["fingerprint"] as? String == ecdsa.fingerprint && byLine.object?["type"] as? String == "ecdsa-sha2-nistp384")
        let listed = try run(["keys", "list", "--json"])
        #expect(listed.array?.map { $0["fingerprint"] as? String } == [ed.fingerprint, ecdsa.fingerprint])
        #expect(listed.array?.first?["comment"] as? String == "ed@laptop" && listed.array?.first?["last_used_at"] is NSNull)
        let table = try run(["keys", "list"])
        #expect(table.stdout.contains("key_2  ecdsa-sha2-nistp384  \(ecdsa.fingerprint)  ec@laptop"), "\(table)")

        let unconfirmed = try run(["keys", "remove", "key_1"])
        #expect(unconfirmed.status == 2 && unconfirmed.stderr.contains("--yes"), "\(unconfirmed)")
        #expect(try run(["keys", "remove", "key_1", "--yes"]).status == 0)
        let missing = try run(["keys", "remove", "key_1", "--yes"])
        #expect(missing.status == 5 && missing.stderr == "error: you have no SSH key key_1\n", "\(missing)")
        #expect(try run(["keys", "list", "--json"]).array?.count == 1)
    }

    @Test func rsaJunkAndAKeyOnAnotherAccountAreRefusedByName() throws {
        let rsa = try keygen("rsa", ["-t", "rsa", "-b", "2048"])
        let refused = try run(["keys", "add", rsa.pub])
        #expect(refused.status == 7 && refused.stderr.contains("ssh-ed25519") && refused.stderr.contains("ecdsa-sha2-nistp256")
                && refused.stderr.contains("RSA"), "\(refused)")
        let junk = try run(["keys", "add", "--key", "ssh-ed25519 not-base64!"])
        #expect(junk.status == 7, "\(junk)")
        let nothing = try run(["keys", "add"])
        #expect(nothing.status == 2, "\(nothing)")

        let ed = try keygen("shared")
        #expect(try run(["keys", "add", ed.pub]).status == 0)
        let bob = try service.signUp(username: "bob", displayName: "Bob", email: "bob@example.com", password: SharedDatabase.password, source: .cli)
        let bobToken = try service.createToken(Session(user: bob, source: .cli), description: "b", scopes: [], expiresInDays: 9).secret
        let taken = try run(["keys", "add", ed.pub], token: bobToken)
        #expect(taken.status == 6 && taken.stderr.contains("a key belongs to one account"), "\(taken)")
        // Adding needs the security:write scope.
        let readOnly = try service.createToken(Session(user: bob, source: .cli), description: "r", scopes: ["apps:read"], expiresInDays: 9).secret
        #expect(try run(["keys", "list"], token: readOnly).status == 4)
    }

    @Test func theOperatorRegistersAUsersFirstKeyWithoutAToken() throws {
        let ed = try keygen("first")
        _ = try service.signUp(username: "kim", displayName: "Kim", email: "kim@example.com", password: SharedDatabase.password, source: .cli)
        let added = try CLI.run(["keys", "add", ed.pub, "--for", "kim", "--db", path])
        #expect(added.status == 0 && added.stdout.hasPrefix("added ssh-ed25519 \(ed.fingerprint)"), "\(added)")
        let kim = try service.signIn(login: "kim", password: SharedDatabase.password, source: .cli)
        #expect(try service.sshKeys(kim).map(\.fingerprint) == [ed.fingerprint])
        // The account's own Sign-ins history shows who added it.
        let entry = try #require(try service.signInHistory(kim).first { $0.action == "user.ssh_key_add" })
        #expect(entry.actor == nil && entry.details.hasSuffix("(by the server's operator)"))
        let nobody = try CLI.run(["keys", "add", "--key", try String(contentsOfFile: ed.pub, encoding: .utf8), "--for", "nobody", "--db", path])
        #expect(nobody.status == 5, "\(nobody)")
        // Over SSH a user cannot act as the operator.
        let remote = try CLI.run(["keys", "add", "-", "--for", "kim"], environment: ["ORGDECK_SSH_TICKET_FD": "9", "ORGDECK_DB": path])
        #expect(remote.status == 2 && remote.stderr.contains("--for is the server operator's"), "\(remote)")
    }

    @Test func serveRefusesABadListenAddressAndLimits() throws {
        let bad = try run(["serve", "--listen", "localhost"])
        #expect(bad.status == 2 && bad.stderr.contains("--listen takes HOST:PORT"), "\(bad)")
        #expect(try run(["serve", "--listen", "127.0.0.1:70000"]).status == 2)
        #expect(try run(["serve", "--max-sessions", "0"]).status == 2)
        // A host key others can read is refused rather than used.
        let key = folder.appendingPathComponent("host_key").path
        try Data("orgdeck ssh host key ed25519\nAAAA\n".utf8).write(to: URL(fileURLWithPath: key))
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: key)
        let open = try run(["serve", "--listen", "127.0.0.1:0", "--host-key", key])
        #expect(open.status == 7 && open.stderr.contains("can be read by others"), "\(open)")
    }

    @Test func anSSHSessionsCommandTakesNoOtherDatabaseAndNoFileOnTheServer() throws {
        // What the server sets for a session's process; no ticket is on descriptor 9 here.
        let remote = ["ORGDECK_SSH_TICKET_FD": "9"]
        let database = try CLI.run(["apps", "list", "--db", path], environment: remote)
        #expect(database.status == 2 && database.stderr.contains("--db is not taken"), "\(database)")
        let file = try CLI.run(["keys", "add", "/etc/hostname"], environment: remote.merging(["ORGDECK_DB": path]) { $1 })
        #expect(file.status == 2 && file.stderr.contains("reads and writes no file on its server"), "\(file)")
        let noTicket = try CLI.run(["apps", "list"], environment: remote.merging(["ORGDECK_DB": path]) { $1 })
        #expect(noTicket.status == 3 && noTicket.stderr.contains("ticket"), "\(noTicket)")
    }
}
