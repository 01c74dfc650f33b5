import Foundation

/// Amounts of money as integer micro-units (millionths) of the one currency: never floating
/// point, in storage or in arithmetic (DECISIONS.md "Money in micro-units").
public enum Money {
    /// The currency every amount is in.
    public static let currency = "USD"
    /// Micro-units in one unit of the currency.
    public static let microsPerUnit: Int64 = 1_000_000
    /// The largest amount accepted from a user: a billion, far from overflowing sums.
    public static let maximum: Int64 = 1_000_000_000 * microsPerUnit

    /// Parses a decimal string in the currency (`12.50`, `0.0004`, `3`) exactly into micro-units.
    /// Refuses signs, exponents, separators, more than six decimals and amounts above `maximum`,
    /// naming `field` and what was wrong.
    public static func parse(_ text: String, field: String) throws -> Int64 {
        let value = text.trimmingCharacters(in: .whitespaces)
        let parts = value.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let whole = parts[0], fraction = parts.count > 1 ? parts[1] : ""
        let digits = { (part: Substring) in part.allSatisfy { $0.isASCII && $0.isNumber } }
        guard !value.isEmpty else { throw CoreError.invalid(field, "an amount is required: write it like 12.50 or 0.0004") }
        guard !(whole.isEmpty && fraction.isEmpty), digits(whole), digits(fraction),
              !(parts.count > 1 && fraction.isEmpty) else {
            throw CoreError.invalid(field, "\(Validation.visible(text)) is not an amount: write it like 12.50 or 0.0004")
        }
        guard fraction.count <= 6 else {
            throw CoreError.invalid(field, "\(Validation.visible(text)) has more than 6 decimals: amounts are counted in millionths of \(currency)")
        }
        let wholeDigits = whole.drop { $0 == "0" }
        guard wholeDigits.count <= 10, let units = Int64(wholeDigits.isEmpty ? "0" : String(wholeDigits)),
              units * microsPerUnit + Int64(fraction.padding(toLength: 6, withPad: "0", startingAt: 0))! <= maximum else {
            throw CoreError.invalid(field, "\(Validation.visible(text)) is too large: at most 1000000000 \(currency)")
        }
        return units * microsPerUnit + Int64(fraction.padding(toLength: 6, withPad: "0", startingAt: 0))!
    }

    /// The exact decimal form, every micro-unit kept, trailing zeros after the cents dropped:
    /// `12.50`, `0.0004`, `1.000001`. Files and `--json` use micro-units; this is for people.
    public static func exact(_ micros: Int64) -> String {
        let sign = micros < 0 ? "-" : ""
        let magnitude = micros.magnitude
        var fraction = zeroPadded(Int(magnitude % UInt64(microsPerUnit)), 6)
        while fraction.count > 2, fraction.hasSuffix("0") { fraction.removeLast() }
        return "\(sign)\(magnitude / UInt64(microsPerUnit)).\(fraction)"
    }

    /// Rounded to the cent, half away from zero, with thousands separated: `1,234.57`. The
    /// panes show totals this way; the exact figure is in `--json` and the CSV exports.
    public static func cents(_ micros: Int64) -> String {
        let sign = micros < 0 ? "-" : ""
        let cents = (micros.magnitude + 5_000) / 10_000
        var whole = String(cents / 100)
        var grouped = ""
        while whole.count > 3 {
            grouped = "," + whole.suffix(3) + grouped
            whole.removeLast(3)
        }
        return "\(sign)\(whole)\(grouped).\(zeroPadded(Int(cents % 100), 2))"
    }

    /// `part` of `whole` in tenths of a percent, rounded half up (0 when the whole is 0).
    public static func permille(_ part: Int64, of whole: Int64) -> Int {
        guard whole > 0 else { return 0 }
        return Int((part.magnitude * 1_000 * 2 + whole.magnitude) / (whole.magnitude * 2))
    }

    /// "12.5%": a share in tenths of a percent, for tables.
    public static func percent(permille: Int) -> String { "\(permille / 10).\(permille % 10)%" }
}
