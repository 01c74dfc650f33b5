import Foundation
import Testing

/// `signup`, `tokens create|list|revoke` and token authentication.
@Suite struct AccountCommandTests {
    @Test func signupPrintsTheNewUserAsJSON() throws {
        let db = try SharedDatabase.get()
        #expect(db.signup.status == 0)
        let user = try #require(db.signup.object, "\(db.signup)")
        #expect(Set(user.keys) == ["id", "username", "name", "email", "created_at"])
        #expect(user["id"] as? String == "alice")
        #expect(user["name"] as? String == "Alice Liddell")
        #expect(user["email"] as? String == "Alice@Example.com")
        #expect((user["created_at"] as? String)?.hasSuffix("Z") == true)
        #expect(db.signup.stderr.isEmpty)
    }

    @Test func signupWithATakenUsernameIsAConflict() throws {
        let db = try SharedDatabase.get()
        let result = try db.run(["signup", "--username", "alice", "--email", "other@example.com",
                                 "--name", "Other", "--password-stdin"], stdin: SharedDatabase.password + "\n")
        #expect(result.status == 6, "\(result)")
        #expect(result.stderr.hasPrefix("error: "))
        #expect(result.stderr.filter { $0 == "\n" }.count == 1, "one line on stderr")
        #expect(result.stdout.isEmpty)
    }

    @Test func signupWithAnInvalidUsernameIsInvalidInput() throws {
        let db = try SharedDatabase.get()
        let result = try db.run(["signup", "--json", "--username", "Not Valid!", "--email", "nv@example.com",
                                 "--name", "NV", "--password-stdin"], stdin: SharedDatabase.password + "\n")
        #expect(result.status == 7, "\(result)")
        #expect(result.errorObject?["kind"] as? String == "invalid")
    }

    @Test func signupWithoutAPasswordSourceIsAUsageError() throws {
        let db = try SharedDatabase.get()
        // stdin is a pipe, not a terminal, so there is nobody to prompt.
        let result = try db.run(["signup", "--username", "carol", "--email", "carol@example.com", "--name", "C"])
        #expect(result.status == 2, "\(result)")
        #expect(result.stderr.contains("--password-stdin"))
    }

    @Test func tokenCreateJSONHasTokenIDAndExpiry() throws {
        let db = try SharedDatabase.get()
        let object = try #require(db.tokenCreate.object, "\(db.tokenCreate)")
        #expect(Set(object.keys).isSuperset(of: ["token", "id", "expires_at"]))
        #expect((object["token"] as? String)?.hasPrefix("odk_") == true)
        #expect((object["id"] as? String)?.isEmpty == false)
        #expect((object["expires_at"] as? String)?.hasSuffix("Z") == true)
    }

    @Test func tokenCreatePrintsOnlyTheTokenAndRevokeStopsIt() throws {
        let db = try SharedDatabase.get()
        let created = try db.run(["tokens", "create", "--user", "alice@example.com", "--password-stdin",
                                  "--description", "short-lived", "--expires-in-days", "2"],
                                 stdin: SharedDatabase.password + "\n")
        #expect(created.status == 0, "\(created)")
        let lines = created.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 2 && lines[1].isEmpty, "exactly one line: \(created.stdout)")
        let secret = String(lines[0])
        #expect(secret.hasPrefix("odk_") && secret.count == 4 + 32 + 6, "\(secret)")

        // The new token works on its own, and is listed by its last four characters only.
        let listed = try db.run(["tokens", "list", "--json"], token: secret)
        #expect(listed.status == 0, "\(listed)")
        #expect(!listed.stdout.contains(secret))
        let tokens = try #require(listed.array)
        let mine = try #require(tokens.first { $0["last_four"] as? String == String(secret.suffix(4)) })
        #expect(mine["description"] as? String == "short-lived")
        let id = try #require(mine["id"] as? String)

        let revoked = try db.run(["tokens", "revoke", id, "--json"])
        #expect(revoked.status == 0, "\(revoked)")
        #expect(revoked.object?["id"] as? String == id)
        #expect(revoked.object?["revoked"] as? Bool == true)

        let after = try db.run(["apps", "list"], token: secret)
        #expect(after.status == 3, "a revoked token no longer authenticates: \(after)")
    }

    @Test func tokensListJSONShape() throws {
        let db = try SharedDatabase.get()
        let result = try db.run(["tokens", "list", "--json"])
        #expect(result.status == 0, "\(result)")
        let tokens = try #require(result.array, "\(result)")
        #expect(!tokens.isEmpty)
        for token in tokens {
            #expect(Set(token.keys) == ["id", "description", "scopes", "last_four", "created_at", "expires_at",
                                        "last_used_at", "revoked_at"])
        }
        #expect(!result.stdout.contains(db.aliceToken), "a listed token never shows its secret")
        let human = try db.run(["tokens", "list"])
        #expect(human.status == 0)
        #expect(human.stdout.hasPrefix("ID"))
        #expect(human.stdout.contains("tests"))
    }

    @Test func revokingAnUnknownTokenIsNotFound() throws {
        let db = try SharedDatabase.get()
        let result = try db.run(["tokens", "revoke", "tok_999999", "--json"])
        #expect(result.status == 5, "\(result)")
        #expect(result.errorObject?["kind"] as? String == "not_found")
    }

    @Test func wrongPasswordIsNotAuthenticated() throws {
        let db = try SharedDatabase.get()
        let result = try db.run(["tokens", "create", "--user", "alice", "--password-stdin", "--json"],
                                stdin: "not the password\n")
        #expect(result.status == 3, "\(result)")
        #expect(result.stdout.isEmpty)
        #expect(result.errorObject?["kind"] as? String == "not_authenticated")
    }

    @Test func missingTokenIsNotAuthenticatedWithAHint() throws {
        let db = try SharedDatabase.get()
        let result = try CLI.run(["apps", "list", "--db", db.path])
        #expect(result.status == 3, "\(result)")
        #expect(result.stderr == "error: not authenticated: set ORGDECK_TOKEN (create one with `orgdeck tokens create --user NAME`)\n")
    }

    @Test func malformedTokenIsNotAuthenticated() throws {
        let db = try SharedDatabase.get()
        let result = try db.run(["orgs", "show", "--json"], token: "odk_nonsense")
        #expect(result.status == 3, "\(result)")
        let error = try #require(result.errorObject, "\(result)")
        #expect(error["kind"] as? String == "not_authenticated")
        #expect((error["message"] as? String)?.isEmpty == false)
    }
}
