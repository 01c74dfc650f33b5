/// A terminal colour before degradation to what the terminal supports.
public enum Color: Hashable, Sendable {
    /// The terminal's own default colour.
    case `default`
    /// One of the 16 ANSI colours (0–7 normal, 8–15 bright).
    case ansi(UInt8)
    /// One of the 256 xterm colours.
    case indexed(UInt8)
    case rgb(UInt8, UInt8, UInt8)
}

extension Color {
    /// This colour as the terminal at `depth` can show it: rgb → nearest of the 256 xterm colours
    /// (cube and grays) → nearest of 16 → nearest of 8 → `.default` when there is no colour.
    public func degraded(to depth: ColorDepth) -> Color {
        switch (self, depth) {
        case (.default, _), (_, .truecolor):
            return self
        case (_, .none):
            return .default
        case (.ansi(let n), _):
            if depth == .eight { return .ansi(n & 7) }   // bright → its normal twin
            return .ansi(min(n, 15))
        case (.indexed(let n), .indexed256):
            return .indexed(n)
        case (.indexed(let n), _):
            if n < 16 { return Color.ansi(n).degraded(to: depth) }
            return Color.nearestANSI(Palette.rgb(ofIndexed: n), limit: depth == .eight ? 8 : 16)
        case (.rgb(let r, let g, let b), .indexed256):
            return .indexed(Palette.nearestIndexed(r, g, b))
        case (.rgb(let r, let g, let b), _):
            return Color.nearestANSI((r, g, b), limit: depth == .eight ? 8 : 16)
        }
    }

    /// The colour's approximate red, green and blue (xterm's default palette); nil for `.default`.
    public var approximateRGB: (r: UInt8, g: UInt8, b: UInt8)? {
        switch self {
        case .default: return nil
        case .ansi(let n): return Palette.rgb(ofIndexed: min(n, 15))
        case .indexed(let n): return Palette.rgb(ofIndexed: n)
        case .rgb(let r, let g, let b): return (r, g, b)
        }
    }

    private static func nearestANSI(_ c: (UInt8, UInt8, UInt8), limit: Int) -> Color {
        var best = 0, bestDistance = Int.max
        for i in 0..<limit {
            let d = Palette.distance(c, Palette.ansi16[i])
            if d < bestDistance { bestDistance = d; best = i }
        }
        return .ansi(UInt8(best))
    }
}

/// The xterm palette, used to find nearest colours when degrading.
enum Palette {
    /// xterm's default values for the 16 ANSI colours.
    static let ansi16: [(UInt8, UInt8, UInt8)] = [
        (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
        (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255),
    ]
    /// The six levels of each axis of the 6×6×6 cube (indices 16–231).
    static let cubeLevels: [Int] = [0, 95, 135, 175, 215, 255]

    static func rgb(ofIndexed n: UInt8) -> (UInt8, UInt8, UInt8) {
        let i = Int(n)
        if i < 16 { return ansi16[i] }
        if i < 232 {
            let c = i - 16
            return (UInt8(cubeLevels[c / 36]), UInt8(cubeLevels[(c / 6) % 6]), UInt8(cubeLevels[c % 6]))
        }
        let v = UInt8(8 + (i - 232) * 10)
        return (v, v, v)
    }

    /// Nearest of indices 16–255 (the cube and the gray ramp); the first 16 are skipped because
    /// terminals redefine them freely.
    static func nearestIndexed(_ r: UInt8, _ g: UInt8, _ b: UInt8) -> UInt8 {
        func level(_ v: UInt8) -> Int {
            var best = 0
            for (i, l) in cubeLevels.enumerated() where abs(l - Int(v)) < abs(cubeLevels[best] - Int(v)) { best = i }
            return best
        }
        let (ri, gi, bi) = (level(r), level(g), level(b))
        let cube = UInt8(16 + 36 * ri + 6 * gi + bi)
        let average = (Int(r) + Int(g) + Int(b)) / 3
        let grayStep = max(0, min(23, (average - 3) / 10))
        let gray = UInt8(232 + grayStep)
        let c = (r, g, b)
        return distance(c, rgb(ofIndexed: gray)) < distance(c, rgb(ofIndexed: cube)) ? gray : cube
    }

    /// Weighted squared distance ("redmean" approximation of perceived difference).
    static func distance(_ a: (UInt8, UInt8, UInt8), _ b: (UInt8, UInt8, UInt8)) -> Int {
        let rMean = (Int(a.0) + Int(b.0)) / 2
        let dr = Int(a.0) - Int(b.0), dg = Int(a.1) - Int(b.1), db = Int(a.2) - Int(b.2)
        return (((512 + rMean) * dr * dr) >> 8) + 4 * dg * dg + (((767 - rMean) * db * db) >> 8)
    }
}
