import Foundation

extension Date {
    /// The day in UTC, `2026-11-29`: how the core's messages and every front end write a date,
    /// so a member in another time zone reads the same day.
    public var utcDay: String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day], from: self)
        return String(format: "%04d-%02d-%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0)
    }
}
