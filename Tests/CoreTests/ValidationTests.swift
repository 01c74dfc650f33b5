import Testing
@testable import OrgdeckCore

@Suite("Validation")
struct ValidationTests {
    @Test("IDs: letters, digits and single separators, 1–32 characters",
          arguments: ["a", "A1", "support-triage", "invoice_ocr", "a-b_c-d", "X9", String(repeating: "a", count: 32)])
    func goodIDs(id: String) throws {
        #expect(try Validation.identifier(id) == id)
    }

    @Test("IDs that break the rule",
          arguments: ["", "-a", "a-", "_a", "a_", "a--b", "a-_b", "a b", "a.b", "café", "a/b", "✨",
                      String(repeating: "a", count: 33)])
    func badIDs(id: String) {
        let error = coreError { _ = try Validation.identifier(id) }
        #expect(error?.kind == .invalid)
        #expect(error?.field == "id")
    }

    @Test("a 33-character ID says how long it is")
    func longID() {
        let error = coreError { _ = try Validation.identifier(String(repeating: "x", count: 33)) }
        #expect(error?.message == "ID is 33 characters long; at most 32 allowed")
    }

    @Test("the ID message names the rule")
    func idMessage() {
        #expect(coreError { _ = try Validation.identifier("a--b") }?.message
            == "ID may hold letters, digits and single - or _ between them, at most 32 characters")
    }

    @Test("usernames", arguments: ["a", "7", "ada", "ada-l", "ada_99", "a1", String(repeating: "z", count: 32)])
    func goodUsernames(name: String) throws {
        #expect(try Validation.username(name) == name)
    }

    @Test("bad usernames", arguments: ["", "Ada", "-ada", "ada-", "_a", "a_", "ada l", "ada.l", "é", "-",
                                       String(repeating: "z", count: 33)])
    func badUsernames(name: String) {
        #expect(coreError { _ = try Validation.username(name) }?.kind == .invalid)
    }

    @Test("names: Unicode and emoji are fine, trimmed")
    func goodNames() throws {
        #expect(try Validation.name("  Support Triage ") == "Support Triage")
        #expect(try Validation.name("Résumé 解析 🚀") == "Résumé 解析 🚀")
        #expect(try Validation.name("👩‍👩‍👧‍👦 family") == "👩‍👩‍👧‍👦 family")
        #expect(try Validation.name("می\u{200C}خواهم") == "می\u{200C}خواهم", "the non-joiner shapes Persian")
        let long = String(repeating: "\u{0}", count: 100_000)
        #expect(Validation.quoted(long).count < 1_000, "a long value is cut before it is made visible")
        #expect(Validation.quoted("short\u{1B}") == "\"short<U+001B ESC>\"")
        for blank in ["\u{200B}", "\u{FEFF}", "\u{2060}", "\u{00AD}", "\u{034F}", "\u{3164}", "\u{115F}", "\u{00A0}", "\u{3000}"] {
            let error = coreError { _ = try Validation.name("zw\(blank)x") }
            #expect(error?.message.hasPrefix("name may not contain the invisible character U+") == true, "\(error?.message ?? "accepted")")
        }
        #expect(try Validation.name(String(repeating: "é", count: 100)).count == 100)
    }

    @Test("direction overrides and isolates are refused in names and descriptions; the marks are not")
    func directionControls() throws {
        for control in ["\u{202E}", "\u{202D}", "\u{202A}", "\u{2066}", "\u{2069}"] {
            let error = coreError { _ = try Validation.name("abc\(control)evil") }
            #expect(error?.message.hasPrefix("name may not contain the direction control U+") == true, "\(error?.message ?? "accepted")")
            #expect(error?.message.contains("(at position 4)") == true)
            #expect(coreError { _ = try Validation.description("x\(control)y") }?.kind == .invalid)
        }
        #expect(try Validation.name("שלום\u{200F} 2") == "שלום\u{200F} 2", "the right-to-left mark places digits in Hebrew")
        #expect(try Validation.name("abc\u{200E}") == "abc\u{200E}")
    }

    @Test("names with control characters are refused, naming the character",
          arguments: [("evil\u{1B}[2Jname", "U+001B ESC"), ("tab\there", "U+0009 TAB"), ("line\nbreak", "U+000A LF"),
                      ("nul\u{0}", "U+0000 NUL"), ("del\u{7F}", "U+007F DEL"), ("c1\u{9B}31m", "U+009B CSI"),
                      ("c1\u{85}", "U+0085 NEL"), ("c1\u{90}", "U+0090")])
    func controlCharacters(text: String, named: String) {
        let error = coreError { _ = try Validation.name(text) }
        #expect(error?.kind == .invalid)
        #expect(error?.message.contains("control characters") == true)
        #expect(error?.message.contains(named) == true)
        #expect(coreError { _ = try Validation.description(text) }?.kind == .invalid)
    }

    @Test("empty and too-long names")
    func nameLimits() {
        #expect(coreError { _ = try Validation.name("   ") }?.message == "name is required")
        #expect(coreError { _ = try Validation.name(String(repeating: "a", count: 101)) }?.message
            == "name is 101 characters long; at most 100 allowed")
    }

    @Test("descriptions: may be empty, at most 2,000 characters")
    func descriptions() throws {
        #expect(try Validation.description("") == "")
        #expect(try Validation.description(String(repeating: "d", count: 2000)).count == 2000)
        #expect(coreError { _ = try Validation.description(String(repeating: "d", count: 2001)) }?.kind == .invalid)
    }

    @Test("emails", arguments: ["ada@example.com", "Ada.Lovelace+x@Example.CO.uk", "a@b.io", " x@y.org "])
    func goodEmails(email: String) throws {
        #expect(try Validation.email(email) == email.trimmingCharacters(in: .whitespaces))
    }

    @Test("bad emails", arguments: ["", "ada", "ada@", "@example.com", "ada@example", "ada@@example.com",
                                    "a b@example.com", "ada@exa mple.com", "ada@-x.com", "ada@example.c",
                                    "ada..l@example.com", "ada@example.com\u{1B}", "ada@1.2"])
    func badEmails(email: String) {
        #expect(coreError { _ = try Validation.email(email) }?.kind == .invalid)
    }

    @Test("a refused value is echoed after the reason, its middle elided when long")
    func longRefusedValuesKeepTheReason() {
        let long = String(repeating: "x", count: 150) + "@"
        let message = coreError { _ = try Validation.email(long) }?.message ?? ""
        #expect(message.hasPrefix("not a valid email address: \"xxxx"), "\(message)")
        #expect(message.count < 100 && message.contains("…"), "\(message)")
        #expect(coreError { _ = try Validation.email("ada@example") }?.message == "not a valid email address: \"ada@example\"")
    }

    @Test("passwords need at least 8 characters")
    func passwords() throws {
        try Validation.password("12345678")
        #expect(coreError { try Validation.password("1234567") }?.message == "password must be at least 8 characters long")
    }
}
