import Foundation
import Testing
@testable import OrgdeckCore

/// A log line's timestamp is UTC with milliseconds, and a message can never carry a control character.
@Suite("Log format")
struct LogFormatTests {
    @Test("timestamps are ISO 8601 in UTC with zero-padded fields and milliseconds")
    func timestamps() {
        #expect(Log.timestamp(Date(timeIntervalSince1970: 0)) == "1970-01-01T00:00:00.000Z")
        #expect(Log.timestamp(Date(timeIntervalSince1970: 1_795_000_000.042)) == "2026-11-18T11:06:40.042Z")
        // The last millisecond of a second never rounds up into the next one.
        #expect(Log.timestamp(Date(timeIntervalSince1970: 59.9999)) == "1970-01-01T00:00:59.999Z")
    }

    @Test("control characters, escapes and line breaks are written visibly on one line")
    func oneLine() {
        #expect(Log.oneLine("a\nb\u{1B}[31mc\td") == "a\\u{a}b\\u{1b}[31mc\\u{9}d")
        #expect(Log.oneLine("Zoë 漢字") == "Zoë 漢字")
    }
}
