import Foundation
import OrgdeckTerminal

/// How `y` copies, from `clipboard` in the config or `ORGDECK_CLIPBOARD`.
public enum ClipboardMode: String, CaseIterable, Sendable {
    /// OSC 52 to the terminal; inside tmux, whatever tmux lets through (see `CopyMethod.choose`).
    case auto
    /// Always the plain OSC 52 sequence.
    case osc52
    /// Always the tmux buffer (`tmux load-buffer -w -`).
    case tmux
    /// Never copy; the flash says so.
    case none
}

/// How one copy is delivered.
enum CopyMethod: Equatable {
    case osc52
    /// OSC 52 inside tmux's passthrough wrapper (only when `allow-passthrough` is on).
    case osc52Wrapped
    case tmuxBuffer
    /// Nothing can be copied, and why.
    case unavailable(String)

    /// The method for a mode in an environment. Inside tmux, `auto` asks tmux: with
    /// `set-clipboard on` tmux takes a plain OSC 52 (and forwards it); with passthrough allowed
    /// the wrapped sequence reaches the outer terminal; otherwise the text goes to tmux's buffer,
    /// which `-w` also hands to the outer terminal's clipboard when tmux may.
    static func choose(mode: ClipboardMode, environment: [String: String], isTerminal: Bool,
                       tmuxOption: (String) -> String?) -> CopyMethod {
        let inTmux = Clipboard.insideTmux(environment: environment)
        switch mode {
        case .none: return .unavailable("copying is off (clipboard = \"none\")")
        case .tmux: return inTmux ? .tmuxBuffer : .unavailable("not inside tmux (clipboard = \"tmux\")")
        case .osc52: return isTerminal ? .osc52 : .unavailable("not a terminal")
        case .auto:
            guard isTerminal else { return .unavailable("not a terminal") }
            guard inTmux else { return .osc52 }
            if tmuxOption("set-clipboard") == "on" { return .osc52 }
            if let passthrough = tmuxOption("allow-passthrough"), passthrough == "on" || passthrough == "all" { return .osc52Wrapped }
            return .tmuxBuffer
        }
    }
}

/// Delivers `y`'s text and says truthfully what happened.
public final class Copier {
    let mode: ClipboardMode
    let environment: [String: String]
    let isTerminal: Bool
    /// tmux's answer for an option, and loading its buffer (tests replace both).
    let tmuxOption: (String) -> String?
    let loadBuffer: (String) -> Bool

    public init(mode: ClipboardMode, environment: [String: String], isTerminal: Bool,
                tmuxOption: @escaping (String) -> String? = Copier.tmuxOption,
                loadBuffer: @escaping (String) -> Bool = Copier.loadTmuxBuffer) {
        self.mode = mode; self.environment = environment; self.isTerminal = isTerminal
        self.tmuxOption = tmuxOption; self.loadBuffer = loadBuffer
    }

    /// Copies `text`; `write` sends a control sequence to the terminal. Returns the flash, which
    /// names the text as `shown` when given (a secret is never echoed), else shows its start.
    func copy(_ text: String, shown: String? = nil, write: (String) -> Void) -> (ok: Bool, message: String) {
        let shown = shown ?? (text.count > 40 ? String(text.prefix(39)) + "…" : text)
        // Asked at every copy: tmux's options can change while the console runs, and a flash
        // saying where the text went must be about this copy.
        let method = CopyMethod.choose(mode: mode, environment: environment, isTerminal: isTerminal, tmuxOption: tmuxOption)
        switch method {
        case .unavailable(let reason): return (false, "could not copy \(shown): \(reason)")
        case .osc52, .osc52Wrapped:
            guard let sequence = Clipboard.osc52(text, tmux: method == .osc52Wrapped) else {
                return (false, "could not copy \(shown): too long for the terminal's clipboard")
            }
            write(sequence)
            // Asked for by name inside a tmux that drops it: sent, but said as a warning.
            if mode == .osc52, method == .osc52, Clipboard.insideTmux(environment: environment), tmuxOption("set-clipboard") != "on" {
                return (false, "sent \(shown) to the terminal, but tmux's set-clipboard is not on: tmux may drop it "
                               + "(clipboard = \"auto\" uses the tmux buffer)")
            }
            return (true, "sent \(shown) to the terminal's clipboard")
        case .tmuxBuffer:
            return loadBuffer(text) ? (true, "copied \(shown) to the tmux buffer")
                                             : (false, "could not copy \(shown): tmux load-buffer failed")
        }
    }

    /// `tmux show -v` of a server option (`set-clipboard`) or a pane option (`allow-passthrough`).
    public static func tmuxOption(_ name: String) -> String? {
        let scope = name == "allow-passthrough" ? "-pv" : "-sv"
        guard let output = run(["show", scope, name], input: nil) else { return nil }
        return output.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    public static func loadTmuxBuffer(_ text: String) -> Bool { run(["load-buffer", "-w", "-"], input: Data(text.utf8)) != nil }

    /// Runs tmux with `arguments`; its stdout, or nil when it failed or is not installed.
    static func run(_ arguments: [String], input: Data?) -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["tmux"] + arguments
        let output = Pipe(), stdin = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        process.standardInput = stdin
        do { try process.run() } catch { return nil }
        if let input { stdin.fileHandleForWriting.write(input) }
        try? stdin.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return process.terminationStatus == 0 ? String(decoding: data, as: UTF8.self) : nil
    }
}
