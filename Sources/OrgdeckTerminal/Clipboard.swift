import Foundation

/// OSC 52 clipboard sequence, wrapped in a DCS passthrough under tmux, capped in size.
public enum Clipboard {
    /// Largest text (in UTF-8 bytes) sent; terminals drop or truncate bigger OSC 52 payloads.
    public static let maxBytes = 100_000

    /// nil when the text is over `maxBytes`.
    public static func osc52(_ text: String, tmux: Bool) -> String? {
        let bytes = Array(text.utf8)
        guard bytes.count <= maxBytes else { return nil }
        let payload = "\u{1B}]52;c;" + Data(bytes).base64EncodedString() + "\u{07}"
        guard tmux else { return payload }
        // tmux forwards a DCS "tmux;" passthrough to the outer terminal once every ESC inside
        // is doubled.
        let escaped = payload.replacingOccurrences(of: "\u{1B}", with: "\u{1B}\u{1B}")
        return "\u{1B}Ptmux;" + escaped + "\u{1B}\\"
    }

    /// Whether to wrap for tmux: `$TMUX` is set.
    public static func insideTmux(environment: [String: String]) -> Bool {
        !(environment["TMUX"] ?? "").isEmpty
    }
}
