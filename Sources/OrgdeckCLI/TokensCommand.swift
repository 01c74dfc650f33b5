import ArgumentParser
import Foundation
import OrgdeckCore

/// `orgdeck tokens …`: personal access tokens (PRODUCT.md §8).
struct TokensCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tokens",
        abstract: "Create, list and revoke personal access tokens.",
        subcommands: [Create.self, List.self, Revoke.self])
}

extension TokensCommand {
    /// Signs in with a password (there is no token yet) and prints the new token alone,
    /// so `export ORGDECK_TOKEN=$(orgdeck tokens create …)` works.
    struct Create: ParsableCommand, GlobalOptionsCarrying {
        static let configuration = CommandConfiguration(
            commandName: "create",
            abstract: "Sign in with a password and print a new token (shown once).")

        @OptionGroup var global: GlobalOptions

        @Option(name: .long, help: "Username or email to sign in as.")
        var user: String

        @Flag(name: .long, help: "Read the password from stdin: all of it, without its final line break.")
        var passwordStdin = false

        @Option(name: .long, help: "What the token is for.")
        var description: String = "command line"

        @Option(name: .long, help: "Days until it expires (1-365, or your organization's max_token_days).")
        var expiresInDays: Int = 90

        @Option(name: .long, help: ArgumentHelp(
            "What the token may do, comma separated (default: every scope): "
                + TokenScope.allCases.map(\.rawValue).joined(separator: ", ") + ".", valueName: "scopes"))
        var scopes: String?

        @Option(name: .long, parsing: .singleValue, help: ArgumentHelp("One scope (repeatable); the same as --scopes.", visibility: .hidden))
        var scope: [String] = []

        func run() throws {
            let password = try PasswordInput.read(fromStdin: passwordStdin, confirm: false)
            let (service, session) = try global.signIn(user: user, password: password)
            let listed = (scopes ?? "").split(separator: ",").map(String.init) + scope
            let token = try service.createToken(session, description: description, scopes: listed,
                                                expiresInDays: expiresInDays)
            // The shape of `tokens list`, plus the secret shown this once.
            Output.emit(json: global.json, ModelJSON.token(token.info, secret: token.secret)) { token.secret + "\n" }
        }
    }

    /// Lists the signed-in user's tokens: never the secrets, only their last four characters.
    struct List: ParsableCommand, GlobalOptionsCarrying {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List your tokens.")

        @OptionGroup var global: GlobalOptions

        func run() throws {
            let (service, session) = try global.authenticated(.securityWrite)
            let tokens = try service.tokens(session)
            Output.emit(json: global.json, .array(tokens.map(ModelJSON.token))) {
                if tokens.isEmpty { return "no tokens\n" }
                return Format.table(
                    ["ID", "DESCRIPTION", "TOKEN", "SCOPES", "CREATED", "EXPIRES", "LAST USED", "STATUS"],
                    tokens.map { token in
                        [token.id, token.description, "…" + token.lastFour, token.scopeSummary, Format.short(token.createdAt),
                         Format.short(token.expiresAt), Format.short(token.lastUsedAt), token.status(at: Date())]
                    })
            }
        }
    }

    /// Revokes one token by its ID (`tok_…`); it stops working at once.
    struct Revoke: ParsableCommand, GlobalOptionsCarrying {
        static let configuration = CommandConfiguration(commandName: "revoke", abstract: "Revoke a token.")

        @OptionGroup var global: GlobalOptions

        @Argument(help: "The token's ID, as `tokens list` shows it.")
        var id: String

        func run() throws {
            let (service, session) = try global.authenticated(.securityWrite)
            let result = try service.revokeToken(session, id: id)
            Output.emit(json: global.json, .object([("id", .string(result.id)), ("revoked", .bool(true)),
                                                     ("already_revoked", .bool(result.already)),
                                                     ("revoked_at", .date(result.revokedAt))])) {
                result.already ? "\(result.id) was already revoked on \(Format.short(result.revokedAt)) UTC\n"
                               : "revoked \(result.id)\n"
            }
        }
    }
}
