import Foundation

/// What an SSH exec request asks for, as the arguments of one orgdeck command: the command line
/// split as a POSIX shell would split plain words (single and double quotes, backslashes), with
/// a leading `orgdeck` dropped. The console, the demo, the server itself, signing up, the
/// database-wide checks and a line that begins with an option are not run this way: an SSH user
/// is signed in by their key, and works on the server's database only.
enum ExecCommand {
    static let refused: Set<String> = ["console", "demo", "serve", "signup", "info"]

    /// The arguments, or why they are not run.
    static func arguments(_ command: String) -> Result<[String], ExecRefusal> {
        guard let words = split(command) else { return .failure(ExecRefusal("unbalanced quotes in the command")) }
        var arguments = words
        if arguments.first == "orgdeck" { arguments.removeFirst() }
        guard let first = arguments.first else {
            return .failure(ExecRefusal("give a command, like: ssh HOST apps list --json (ssh HOST alone opens the console)"))
        }
        if refused.contains(first) { return .failure(ExecRefusal("'\(first)' is not run over SSH")) }
        // An option first would reach the console launcher, which reads no ticket-bound options.
        if first.hasPrefix("-") { return .failure(ExecRefusal("begin with a command, like: apps list --json")) }
        // Checks of the whole file are the server administrator's, on the server.
        if arguments.count > 1, ["audit", "billing"].contains(first), arguments[1] == "verify" {
            return .failure(ExecRefusal("'\(first) verify' checks the whole database: it is run on the server"))
        }
        return .success(arguments)
    }

    /// Words as a shell splits them; nil when a quote is left open.
    static func split(_ line: String) -> [String]? {
        var words: [String] = [], current = "", inWord = false
        var quote: Character?, escaped = false
        for character in line {
            if escaped { current.append(character); escaped = false; inWord = true; continue }
            if let open = quote {
                if character == open { quote = nil }
                else if character == "\\" && open == "\"" { escaped = true }
                else { current.append(character) }
                continue
            }
            switch character {
            case "\\": escaped = true; inWord = true
            case "'", "\"": quote = character; inWord = true
            case " ", "\t", "\n":
                if inWord { words.append(current); current = ""; inWord = false }
            default: current.append(character); inWord = true
            }
        }
        guard quote == nil, !escaped else { return nil }
        if inWord { words.append(current) }
        return words
    }
}

/// Why an exec request is not run, as the client reads it.
struct ExecRefusal: Error {
    let message: String
    init(_ message: String) { self.message = message }
}
