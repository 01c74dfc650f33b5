import Foundation
import Testing
@testable import OrgdeckCore
import OrgdeckTestSupport

/// SSH keys on accounts (PRODUCT.md §12): the key types read, their fingerprints as
/// `ssh-keygen -lf` prints them, refusals by name, one account per key, sign-in and tickets.
@Suite("SSH keys")
struct SSHKeyTests {
    /// Makes a key pair with ssh-keygen; the public line and what `ssh-keygen -lf` prints.
    static func keygen(_ arguments: [String], comment: String = "me@laptop") throws -> (line: String, fingerprint: String, path: String) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("orgdeck-ssh-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("key").path
        let made = try TestSSHKeys.keygen(at: path, arguments, comment: comment)
        return (made.line, made.fingerprint, path)
    }

    @Test("Ed25519 and ECDSA keys are read with the fingerprints ssh-keygen prints", arguments: [
        ["-t", "ed25519"], ["-t", "ecdsa", "-b", "256"], ["-t", "ecdsa", "-b", "384"], ["-t", "ecdsa", "-b", "521"],
    ])
    func keyTypes(arguments: [String]) throws {
        let made = try Self.keygen(arguments)
        let key = try SSHPublicKey.parse(made.line)
        #expect(key.fingerprint == made.fingerprint)
        #expect(key.comment == "me@laptop")
        #expect(made.line.hasPrefix(key.openSSH))
        // authorized_keys options before the key are refused: the server would not honour them.
        let options = coreError { _ = try SSHPublicKey.parse("from=\"10.0.0.0/8\",no-pty " + made.line) }
        #expect(options?.message.hasPrefix("options before the key (\"from=\"10.0.0.0/8\",no-pty\") are not supported") == true,
                "\(options?.message ?? "accepted")")
    }

    @Test("RSA, DSA and junk are refused, saying what is supported or what is wrong")
    func refusals() throws {
        let rsa = try Self.keygen(["-t", "rsa", "-b", "2048"])
        #expect(coreError { _ = try SSHPublicKey.parse(rsa.line) }?.message
                == "RSA keys (ssh-rsa) are not accepted: use one of ssh-ed25519, ecdsa-sha2-nistp256, ecdsa-sha2-nistp384, ecdsa-sha2-nistp521 (ssh-keygen -t ed25519 makes one)")
        let ed = try Self.keygen(["-t", "ed25519"])
        let parts = ed.line.split(separator: " ").map(String.init)
        var blob = try #require(Data(base64Encoded: parts[1]))
        for bad in ["", "hello world", "ssh-ed25519", "ssh-ed25519 !!!notbase64!!!", "ssh-dss AAAAB3NzaC1kc3M=",
                    "ecdsa-sha2-nistp256 " + parts[1], "ssh-ed25519 " + blob.prefix(20).base64EncodedString(),
                    "ssh-ed25519 " + (blob + Data([0])).base64EncodedString(), parts[0] + " " + parts[1] + " bad\u{7}comment",
                    ed.line + "\n" + ed.line] {
            #expect(coreError { _ = try SSHPublicKey.parse(bad) }?.kind == .invalid, "\(bad)")
        }
        // A P-256 point that is not on the curve.
        let ecdsa = try Self.keygen(["-t", "ecdsa", "-b", "256"])
        blob = try #require(Data(base64Encoded: String(ecdsa.line.split(separator: " ")[1])))
        blob[blob.count - 1] ^= 0x01
        #expect(coreError { _ = try SSHPublicKey.parse("ecdsa-sha2-nistp256 " + blob.base64EncodedString()) }?.message
                == "the ecdsa-sha2-nistp256 key is damaged: its point is not on the curve")
    }

    @Test("a key belongs to one account; sign-in by name and key, audited; tickets are single-use and short-lived")
    func accountsAndTickets() throws {
        let f = try Fixture()
        let ada = try f.user("ada"), bob = try f.user("bob")
        let made = try Self.keygen(["-t", "ed25519"])
        let info = try f.service.addSSHKey(ada, line: made.line)
        #expect(info.id == "key_1" && info.fingerprint == made.fingerprint && info.type == "ssh-ed25519")
        #expect(coreError { try f.service.addSSHKey(bob, line: made.line) }?.kind == .conflict)
        let peer = SSHPeer(username: "ada", fingerprint: made.fingerprint, address: "127.0.0.1 port 5000")
        #expect(f.service.authenticateSSH(peer)?.username == "ada")
        #expect(try f.service.sshKeys(ada).first?.lastUsedAt != nil)
        #expect(f.service.authenticateSSH(SSHPeer(username: "bob", fingerprint: made.fingerprint, address: "x")) == nil)
        #expect(f.service.authenticateSSH(SSHPeer(username: "nobody", fingerprint: made.fingerprint, address: "x")) == nil)
        let audit = try f.auditActions().filter { $0.action.hasPrefix("user.ssh") }.map { "\($0.action) \($0.outcome)" }
        #expect(audit == ["user.ssh_key_add ok", "user.ssh_signin ok", "user.ssh_refused denied", "user.ssh_refused denied"])

        let ticket = try f.service.issueSSHTicket(for: ada.user, purpose: .console, peer: peer)
        #expect(coreError { _ = try f.service.redeemSSHTicket(ticket, purpose: .command) }?.kind == .notAuthenticated, "another purpose")
        let again = try f.service.issueSSHTicket(for: ada.user, purpose: .console, peer: peer)
        #expect(try f.service.redeemSSHTicket(again, purpose: .console).user.username == "ada")
        #expect(coreError { _ = try f.service.redeemSSHTicket(again, purpose: .console) }?.kind == .notAuthenticated, "used once")
        let late = try f.service.issueSSHTicket(for: ada.user, purpose: .command, peer: peer)
        f.clock.advance(OrgService.sshTicketLifetime + 1)
        #expect(coreError { _ = try f.service.redeemSSHTicket(late, purpose: .command) }?.kind == .notAuthenticated, "expired")
        try f.service.removeSSHKey(ada, id: info.id)
        #expect(f.service.authenticateSSH(peer) == nil)
        #expect(coreError { try f.service.removeSSHKey(ada, id: info.id) }?.kind == .notFound)
    }
}
