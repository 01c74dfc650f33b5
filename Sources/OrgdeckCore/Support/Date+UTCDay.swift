import Foundation

extension Date {
    /// The day in UTC, `2026-11-29`: how the core's messages and every front end write a date,
    /// so a member in another time zone reads the same day.
    public var utcDay: String {
        let t = utcFields
        return "\(zeroPadded(t.year, 4))-\(zeroPadded(t.month, 2))-\(zeroPadded(t.day, 2))"
    }

    /// The minute in UTC, `2026-11-29 14:05 UTC`, for events within a day (sign-ins).
    public var utcMinute: String {
        let t = utcFields
        return utcDay + " \(zeroPadded(t.hour, 2)):\(zeroPadded(t.minute, 2)) UTC"
    }

    /// `2026-11-29T14:05:09Z`: the moment in UTC to the second, for files (CSV exports).
    public var utcISO8601: String {
        let t = utcFields
        return utcDay + "T\(zeroPadded(t.hour, 2)):\(zeroPadded(t.minute, 2)):\(zeroPadded(t.second, 2))Z"
    }

    /// The calendar fields of this moment in UTC, from the C library: no ICU calendar is loaded
    /// for them (that cost about a millisecond the first time, before the console's first frame).
    var utcFields: (year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int) {
        var time = time_t(timeIntervalSince1970.rounded(.down))
        var parts = tm()
        gmtime_r(&time, &parts)
        return (Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1, Int(parts.tm_mday),
                Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec))
    }
}

/// `value` in decimal with leading zeros up to `width` digits.
func zeroPadded(_ value: Int, _ width: Int) -> String {
    let digits = String(value)
    return String(repeating: "0", count: max(0, width - digits.count)) + digits
}
