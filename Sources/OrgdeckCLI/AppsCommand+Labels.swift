import ArgumentParser
import Foundation
import OrgdeckCore

/// `orgdeck apps label|unlabel`: compliance labels that team policies check.
extension AppsCommand {
    struct Label: ParsableCommand, GlobalOptionsCarrying {
        static let configuration = CommandConfiguration(commandName: "label", abstract: "Add compliance labels to an app.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The app's ID.") var id: String
        @Argument(help: ArgumentHelp("The labels to add.", valueName: "label")) var labels: [String] = []

        func validate() throws { try Arguments.labels(labels, command: "apps label") }

        func run() throws {
            let (service, session) = try global.authenticated(.appsWrite)
            let app = try service.labelApp(session, in: global.context, id: id, labels: labels)
            AppsCommand.print(app, service: service, json: global.json,
                              human: "app \(Format.sanitize(app.id)) labels: \(Format.sanitize(Format.list(app.labels)))\n")
        }
    }

    /// Refused while a team whose policy requires the label holds the app.
    struct Unlabel: ParsableCommand, GlobalOptionsCarrying {
        static let configuration = CommandConfiguration(
            commandName: "unlabel",
            abstract: "Remove compliance labels from an app.",
            discussion: "Refused when a team holding the app requires one of the labels.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The app's ID.") var id: String
        @Argument(help: ArgumentHelp("The labels to remove.", valueName: "label")) var labels: [String] = []

        func validate() throws { try Arguments.labels(labels, command: "apps unlabel") }

        func run() throws {
            let (service, session) = try global.authenticated(.appsWrite)
            let app = try service.unlabelApp(session, in: global.context, id: id, labels: labels)
            AppsCommand.print(app, service: service, json: global.json,
                              human: "app \(Format.sanitize(app.id)) labels: \(Format.sanitize(Format.list(app.labels)))\n")
        }
    }
}
