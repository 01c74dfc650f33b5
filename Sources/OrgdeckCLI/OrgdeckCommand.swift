import ArgumentParser
import Foundation
import OrgdeckCore

/// The `orgdeck` command tree. Without a subcommand it opens the console.
struct OrgdeckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "orgdeck",
        abstract: "A terminal console for running an AI platform's organizations.",
        discussion: """
            Without a subcommand orgdeck opens the console: orgdeck [--theme NAME] [--readonly]
            [--mouse | --no-mouse] [--db PATH] (see 'orgdeck help console').
            Scripting commands authenticate with a personal access token in ORGDECK_TOKEN.
            orgdeck --version prints the version.
            Exit codes: 0 ok, 1 failure, 2 usage, 3 not authenticated, 4 forbidden,
            5 not found, 6 conflict, 7 invalid input.
            """,
        subcommands: [
            ConsoleCommand.self, DemoCommand.self, InfoCommand.self, SignupCommand.self,
            TokensCommand.self, OrgsCommand.self, MembersCommand.self, InvitationsCommand.self,
            TeamsCommand.self, AppsCommand.self, InputsCommand.self, ConceptsCommand.self, ModelsCommand.self,
            StarsCommand.self, WorkflowsCommand.self, CollaboratorsCommand.self, CollaborationsCommand.self,
            BillingCommand.self, AuditCommand.self, PolicyCommand.self, IdpCommand.self,
            PasswordCommand.self, KeysCommand.self, ServeCommand.self,
        ],
        defaultSubcommand: ConsoleCommand.self)
}

/// Runs the command line and exits with the status PRODUCT.md §9 defines.
///
/// argument-parser's own `main()` exits with 64 (`EX_USAGE`) on a usage error and prints
/// usage text over several lines; scripts expect 2 and one line, so parsing and errors are
/// handled here.
public enum OrgdeckMain {
    /// Parses `CommandLine.arguments`, runs the command and terminates the process.
    public static func run() -> Never {
        let status = run(arguments: Array(CommandLine.arguments.dropFirst()))
        exit(status)
    }

    /// Parses and runs `arguments` (without the program name) and returns the exit status.
    public static func run(arguments: [String]) -> Int32 {
        // Before parsing succeeds the options are unknown; a literal `--json` is the best guess.
        var json = arguments.contains("--json")
        // `orgdeck --version` alone: the parser's own flag would be listed in every subcommand's
        // help, beside `--version N`, the expected version of an edit.
        if arguments == ["--version"] {
            Output.out(OrgdeckVersion.current + "\n")
            return 0
        }
        do {
            if let launch = ConsoleLaunch.quick(arguments) {
                // A log that cannot be opened must never stop a command.
                try? Log.shared.start(path: launch.paths.logFile)
                try launch.run()
                return 0
            }
            var command = try OrgdeckCommand.parseAsRoot(arguments)
            if let carrying = command as? GlobalOptionsCarrying {
                json = carrying.global.json
                // `info` only reports; it must not create the state folder it names.
                if !(command is InfoCommand) {
                    // A log that cannot be opened must never stop a command.
                    try? Log.shared.start(path: carrying.global.paths.logFile)
                }
            }
            try command.run()
            return 0
        } catch let error as CoreError {
            return fail(Failure(error), json: json)
        } catch let error as CLIError {
            return fail(Failure(error), json: json)
        } catch let code as ExitCode {
            return code.rawValue
        } catch {
            return handleParserError(error, json: json)
        }
    }

    private static func fail(_ failure: Failure, json: Bool) -> Int32 {
        failure.report(json: json)
        return failure.exitCode
    }

    /// Help requests print to stdout and succeed; usage errors become one line and exit 2.
    private static func handleParserError(_ error: Error, json: Bool) -> Int32 {
        let code = OrgdeckCommand.exitCode(for: error)
        if code == .success {
            Output.out(OrgdeckCommand.fullMessage(for: error) + "\n")
            return 0
        }
        let message = OrgdeckCommand.message(for: error)
        if code == .validationFailure {
            let hint = message.contains("--yes") ? "" : " (see --help)"
            return fail(Failure(kind: "usage", message: message + hint, exitCode: 2), json: json)
        }
        let text = message.isEmpty ? String(describing: error) : message
        return fail(Failure(kind: "failure", message: text, exitCode: 1), json: json)
    }
}
