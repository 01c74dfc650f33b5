import ArgumentParser
import Testing
@testable import OrgdeckCLI

/// Every command names itself. Without a `commandName`, argument-parser derives the name from
/// the type with `String(describing:)`, a runtime search through every protocol conformance of
/// the binary, for each of the 130 commands on every run: it was two thirds of a scripting
/// command's start (34 ms of `orgdeck info`, 10 ms with the names written).
@Suite("Command names")
struct CommandNamesTests {
    /// The commands under `root`, depth first, with their paths.
    static func walk(_ root: ParsableCommand.Type, path: [String] = []) -> [(path: String, type: ParsableCommand.Type)] {
        let name = root.configuration.commandName ?? "?"
        let here = path + [name]
        return [(here.joined(separator: " "), root)]
            + root.configuration.subcommands.flatMap { walk($0, path: here) }
    }

    @Test("every command in the tree has its name written out")
    func named() {
        let commands = Self.walk(OrgdeckCommand.self)
        #expect(commands.count > 100)
        let unnamed = commands.filter { $0.type.configuration.commandName == nil }.map(\.path)
        #expect(unnamed.isEmpty, "derived at run time: \(unnamed)")
    }

    @Test("the written names are the ones the help has always shown", arguments: [
        ("orgdeck teams members add", TeamsCommand.AddMember.self as ParsableCommand.Type),
        ("orgdeck models delete-version", ModelsCommand.DeleteVersion.self),
        ("orgdeck billing budget set", BillingCommand.BudgetCommand.Set.self),
    ])
    func spelled(path: String, type: ParsableCommand.Type) throws {
        let found = try #require(Self.walk(OrgdeckCommand.self).first { $0.type == type })
        #expect(found.path == path)
    }
}
