/// One screen cell: a grapheme cluster (or "" for the right half of a wide character), its width and style.
public struct Cell: Equatable, Sendable {
    public var text: String
    public var width: UInt8
    public var style: Style
    public init(text: String = " ", width: UInt8 = 1, style: Style = .plain) { self.text = text; self.width = width; self.style = style }

    /// True for the right half of a wide character, which the terminal paints with the left half.
    public var isContinuation: Bool { width == 0 }
}
