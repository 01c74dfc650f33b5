import Foundation
import GRDB
import OrgdeckCore
import Testing

/// `policy`, `password change`, and token scopes as the CLI enforces them.
@Suite("Security commands")
struct SecurityCommandTests {
    let path: String
    let token: String
    let service: OrgService
    let ada: Session

    init() throws {
        (path, token) = try TrustCommandTests.privateDatabase("security")
        service = try Workspace.service(at: path)
        ada = try service.signIn(login: "ada", password: SharedDatabase.password, source: .cli)
        _ = try service.createOrganization(ada, id: "sec", name: "Sec", billingEmail: "billing@sec.example")
        _ = try service.createApp(ada, in: .organization("sec"), id: "support", name: "Support", description: "")
    }

    func run(_ arguments: [String], stdin: String? = nil, token: String? = nil) throws -> RunResult {
        try CLI.run(arguments + ["--db", path], stdin: stdin, token: token ?? self.token)
    }

    @Test func policyShowUsesSnakeCaseKeysAndSetRefusesOutOfBoundsByName() throws {
        let shown = try run(["policy", "show", "--org", "sec", "--json"])
        #expect(shown.status == 0, "\(shown)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(shown.stdout.utf8)) as? [String: Any])
        #expect(Set(object.keys) == ["organization_id", "min_length", "require_upper", "require_lower", "require_digit",
                                     "require_symbol", "reject_common", "history", "max_age_days", "lockout_after",
                                     "lockout_minutes", "max_token_days"])
        #expect(object["min_length"] as? Int == 8 && object["reject_common"] as? Bool == true)
        let set = try run(["policy", "set", "--org", "sec", "--min-length", "14", "--require-symbol", "yes", "--json"])
        #expect(set.status == 0, "\(set)")
        #expect(try service.passwordPolicy(ada, organizationID: "sec").minLength == 14)
        let bad = try run(["policy", "set", "--org", "sec", "--history", "99"])
        #expect(bad.status == 7 && bad.stderr.contains("history must be 0 to 24"), "\(bad)")
        let junk = try run(["policy", "set", "--org", "sec", "--require-digit", "maybe"])
        #expect(junk.status == 2, "\(junk)")
    }

    @Test func aPasswordThatBreaksThePolicyMustBeChangedBeforeATokenIsMade() throws {
        var policy = PasswordPolicy()
        policy.minLength = 30
        try service.setPasswordPolicy(ada, organizationID: "sec", policy)
        let refused = try run(["tokens", "create", "--user", "ada", "--password-stdin"], stdin: SharedDatabase.password + "\n")
        #expect(refused.status == 4 && refused.stderr.contains("run orgdeck password change")
                && refused.stderr.contains("min_length"), "\(refused)")
        let short = try run(["password", "change", "--user", "ada", "--password-stdin"],
                            stdin: SharedDatabase.password + "\nstill too short for this\n")
        #expect(short.status == 7 && short.stderr.contains("at least 30 characters (min_length)"), "\(short)")
        let long = "a passphrase long enough for the policy"
        let changed = try run(["password", "change", "--user", "ada", "--password-stdin"], stdin: SharedDatabase.password + "\n" + long + "\n")
        #expect(changed.status == 0, "\(changed)")
        let made = try run(["tokens", "create", "--user", "ada", "--password-stdin", "--expires-in-days", "400"], stdin: long + "\n")
        #expect(made.status == 7 && made.stderr.contains("1 to 365 days"), "\(made)")
        let token = try run(["tokens", "create", "--user", "ada", "--password-stdin", "--scopes", "apps:read"], stdin: long + "\n")
        #expect(token.status == 0 && token.stdout.hasPrefix("odk_"), "\(token)")
    }

    /// Each command with the scope it declares: admitted with that scope alone, refused (exit 4,
    /// naming it) with every other scope.
    static let commands: [([String], TokenScope)] = [
        (["apps", "list"], .appsRead),
        (["apps", "create", "scoped-app"], .appsWrite),
        (["members", "list", "--org", "sec"], .membersRead),
        (["invitations", "send", "new@sec.example", "--role", "org-user", "--org", "sec"], .membersWrite),
        (["teams", "create", "scoped-team", "--name", "Scoped", "--org", "sec"], .teamsWrite),
        (["concepts", "list", "support", "--org", "sec"], .contentRead),
        (["concepts", "create", "support", "urgent", "--org", "sec"], .contentWrite),
        (["models", "train", "support", "nothing-here", "--org", "sec"], .modelsTrain),
        (["models", "predict", "support", "nothing-here", "--text", "hi", "--org", "sec"], .predict),
        (["audit", "list"], .auditRead),
        (["billing", "summary", "--org", "sec"], .billingRead),
        (["workflows", "list", "support", "--org", "sec"], .contentRead),
        (["collaborations", "list"], .appsRead),
        (["policy", "set", "--org", "sec", "--history", "1"], .securityWrite),
        (["tokens", "list"], .securityWrite),
    ]

    @Test func eachScopeAdmitsExactlyItsCommands() throws {
        var tokens: [TokenScope: String] = [:]
        for scope in TokenScope.allCases {
            tokens[scope] = try service.createToken(ada, description: scope.rawValue, scopes: [scope.rawValue], expiresInDays: 5).secret
        }
        for (arguments, needed) in Self.commands {
            let admitted = try run(arguments, token: tokens[needed])
            #expect(admitted.status != 4 && !admitted.stderr.contains("lacks the scope"), "\(arguments) with \(needed): \(admitted)")
            for other in TokenScope.allCases where other != needed {
                let refused = try run(arguments, token: tokens[other])
                #expect(refused.status == 4 && refused.stderr.contains("lacks the scope \(needed.rawValue)"),
                        "\(arguments) with \(other): \(refused)")
            }
        }
    }

    @Test func unknownScopesAreRefusedAndOldTokensKeepEveryScope() throws {
        let bad = try run(["tokens", "create", "--user", "ada", "--password-stdin", "--scopes", "apps:read,root"],
                          stdin: SharedDatabase.password + "\n")
        #expect(bad.status == 7 && bad.stderr.contains("\"root\" is not one of apps:read"), "\(bad)")
        // A token made before scopes were enforced is stored as "*" by the migration.
        let legacy = try service.createToken(ada, description: "old", scopes: ["apps:read"], expiresInDays: 5)
        try DatabaseQueue(path: path).write { db in
            try db.execute(sql: "UPDATE tokens SET scopes = '*' WHERE id = ?", arguments: [Int(legacy.info.id.dropFirst(4))])
        }
        #expect(try run(["audit", "list"], token: legacy.secret).status == 0)
        let listed = try run(["tokens", "list"], token: legacy.secret)
        #expect(listed.status == 0 && listed.stdout.contains("all (made before scopes)"), "\(listed)")
    }

    @Test func auditListFiltersAndExportWritesCSV() throws {
        let signIns = try run(["audit", "list", "--action", "user", "--outcome", "success", "--json"])
        #expect(signIns.status == 0, "\(signIns)")
        let actions = (try JSONSerialization.jsonObject(with: Data(signIns.stdout.utf8)) as? [[String: Any]] ?? []).compactMap { $0["action"] as? String }
        #expect(!actions.isEmpty && actions.allSatisfy { $0.hasPrefix("user.") })
        #expect(try run(["audit", "list", "--outcome", "maybe"]).status == 7)
        #expect(try run(["audit", "list", "--since", "yesterday"]).status == 7)
        let csv = FileManager.default.temporaryDirectory.appendingPathComponent("orgdeck-audit-\(UUID().uuidString).csv").path
        defer { try? FileManager.default.removeItem(atPath: csv) }
        let exported = try run(["audit", "export", "--csv", csv, "--org", "sec"])
        #expect(exported.status == 0 && exported.stdout.hasPrefix("wrote "), "\(exported)")
        let text = try String(contentsOfFile: csv, encoding: .utf8)
        #expect(text.hasPrefix(AuditCSV.header + "\r\n") && text.contains(",org.create,sec,"))
    }
}
