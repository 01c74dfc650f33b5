/// A rectangle of cells. Sizes are never negative: initialisers and operations clamp to zero.
public struct Rect: Equatable, Hashable, Sendable {
    public var x: Int, y: Int, width: Int, height: Int
    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x; self.y = y; self.width = max(0, width); self.height = max(0, height)
    }
    public var maxX: Int { x + width }
    public var maxY: Int { y + height }
    public var isEmpty: Bool { width <= 0 || height <= 0 }

    /// Shrinks by `by` on every side (never below zero size).
    public func inset(_ by: Int) -> Rect {
        let w = max(0, width - 2 * by), h = max(0, height - 2 * by)
        return Rect(x: x + min(by, width / 2), y: y + min(by, height / 2), width: w, height: h)
    }

    /// The top `rows` rows, and the rest.
    public func splitTop(_ rows: Int) -> (Rect, Rect) {
        let r = max(0, min(rows, height))
        return (Rect(x: x, y: y, width: width, height: r), Rect(x: x, y: y + r, width: width, height: height - r))
    }

    /// The bottom `rows` rows, and the rest above.
    public func splitBottom(_ rows: Int) -> (Rect, Rect) {
        let r = max(0, min(rows, height))
        return (Rect(x: x, y: maxY - r, width: width, height: r), Rect(x: x, y: y, width: width, height: height - r))
    }

    /// The left `columns` columns, and the rest.
    public func splitLeft(_ columns: Int) -> (Rect, Rect) {
        let c = max(0, min(columns, width))
        return (Rect(x: x, y: y, width: c, height: height), Rect(x: x + c, y: y, width: width - c, height: height))
    }

    /// A rectangle of at most width×height centred in this one.
    public func centered(width w: Int, height h: Int) -> Rect {
        let cw = max(0, min(w, width)), ch = max(0, min(h, height))
        return Rect(x: x + (width - cw) / 2, y: y + (height - ch) / 2, width: cw, height: ch)
    }

    /// The part of both rectangles.
    public func intersection(_ other: Rect) -> Rect {
        let left = max(x, other.x), top = max(y, other.y)
        let right = min(maxX, other.maxX), bottom = min(maxY, other.maxY)
        return Rect(x: left, y: top, width: right - left, height: bottom - top)
    }

    /// True when the cell at (px, py) lies inside (for mouse hits).
    public func contains(x px: Int, y py: Int) -> Bool {
        px >= x && px < maxX && py >= y && py < maxY
    }
}
