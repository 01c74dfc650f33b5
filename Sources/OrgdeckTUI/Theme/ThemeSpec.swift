import OrgdeckTerminal

/// A colour as written in a theme: a palette name, resolved late so a child theme's palette
/// recolours everything its parent styled, or a literal.
enum ColorRef: Equatable, Sendable {
    case palette(String)
    case literal(Color)
}

/// One element's style as written: every field optional, so inheritance overlays field by field.
struct StyleSpec: Equatable, Sendable {
    var fg: ColorRef?
    var bg: ColorRef?
    var bold: Bool?
    var underline: Bool?
    var reverse: Bool?
    var dim: Bool?

    /// `other`'s fields where it has them, ours elsewhere.
    func overlaid(by other: StyleSpec) -> StyleSpec {
        StyleSpec(fg: other.fg ?? fg, bg: other.bg ?? bg, bold: other.bold ?? bold,
                  underline: other.underline ?? underline, reverse: other.reverse ?? reverse, dim: other.dim ?? dim)
    }
}

/// Colour literals of the theme format.
enum ColorLiteral {
    static let ansiNames = ["black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"]

    /// `#rrggbb`, `default`, an ANSI name (`red`, `bright-blue`, `gray`) or a number 0–255 as
    /// text; nil when it is none of these.
    static func parse(_ text: String) -> Color? {
        let s = text.lowercased()
        if s == "default" || s == "none" { return .default }
        if s.hasPrefix("#"), s.count == 7, let v = UInt32(s.dropFirst(), radix: 16) {
            return .rgb(UInt8(v >> 16 & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF))
        }
        if let i = ansiNames.firstIndex(of: s) { return .ansi(UInt8(i)) }
        if s.hasPrefix("bright-"), let i = ansiNames.firstIndex(of: String(s.dropFirst(7))) { return .ansi(UInt8(i + 8)) }
        if s == "gray" || s == "grey" { return .ansi(8) }
        if let n = Int(s) { return number(n) }
        return nil
    }

    /// An xterm colour number 0–255.
    static func number(_ n: Int) -> Color? {
        (0...255).contains(n) ? .indexed(UInt8(n)) : nil
    }
}
