import Foundation

/// The input rules of PRODUCT.md §4 and §6, public so front ends can check as the user types.
/// Each function returns the value to store (trimmed where the rule says so) or throws
/// `CoreError.invalid(field, message)` with a message meant for the user.
public enum Validation {
    /// Limits of PRODUCT.md §4 and §6, for front ends that show counters or truncate input.
    public static let maxIDLength = 32
    public static let maxUsernameLength = 32
    public static let maxNameLength = 100
    public static let maxDescriptionLength = 2000
    public static let maxEmailLength = 254
    public static let minPasswordLength = 8
    public static let maxPasswordLength = 128

    /// The rule, as the refusal states it (also usable as a form hint).
    public static let idRuleMessage = "ID may hold letters, digits and single - or _ between them, at most 32 characters"
    /// The username rule, as the refusal states it.
    public static let usernameRuleMessage =
        "username may hold lower-case letters, digits, - and _, must start and end with a letter or digit, at most 32 characters"

    /// App, organization, team, model… IDs: `^[A-Za-z0-9]+([-_][A-Za-z0-9]+)*$`, 1–32 characters.
    public static func identifier(_ text: String, field: String = "id") throws -> String {
        guard !text.isEmpty else { throw CoreError.invalid(field, "ID is required") }
        let scalars = Array(text.unicodeScalars)
        guard scalars.count <= maxIDLength else {
            throw CoreError.invalid(field, "ID is \(scalars.count) characters long; at most \(maxIDLength) allowed")
        }
        var previousWasSeparator = true  // so a leading separator fails
        for scalar in scalars {
            if isASCIIAlphanumeric(scalar) {
                previousWasSeparator = false
            } else if scalar == "-" || scalar == "_", !previousWasSeparator {
                previousWasSeparator = true
            } else {
                throw CoreError.invalid(field, idRuleMessage)
            }
        }
        guard !previousWasSeparator else { throw CoreError.invalid(field, idRuleMessage) }
        return text
    }

    /// Usernames: `^[a-z0-9][a-z0-9_-]{0,30}[a-z0-9]$` or a single `[a-z0-9]`.
    public static func username(_ text: String, field: String = "username") throws -> String {
        let scalars = Array(text.unicodeScalars)
        guard !scalars.isEmpty else { throw CoreError.invalid(field, "username is required") }
        guard scalars.count <= maxUsernameLength else {
            throw CoreError.invalid(field, "username is \(scalars.count) characters long; at most \(maxUsernameLength) allowed")
        }
        let isEnd: (Unicode.Scalar) -> Bool = { ("a"..."z").contains($0) || ("0"..."9").contains($0) }
        let isMiddle: (Unicode.Scalar) -> Bool = { isEnd($0) || $0 == "-" || $0 == "_" }
        guard isEnd(scalars.first!), isEnd(scalars.last!), scalars.allSatisfy(isMiddle) else {
            throw CoreError.invalid(field, usernameRuleMessage)
        }
        return text
    }

    /// An SSH key's comment (`you@host`): trimmed, at most 100 characters, no control characters;
    /// may be empty.
    public static func sshKeyComment(_ text: String) throws -> String {
        try freeText(text, field: "key", label: "key comment", max: maxNameLength, allowEmpty: true)
    }

    /// Display names and app names: trimmed, 1–100 characters, no control characters.
    public static func name(_ text: String, field: String = "name") throws -> String {
        try freeText(text, field: field, label: "name", max: maxNameLength, allowEmpty: false)
    }

    /// Descriptions: trimmed, at most 2,000 characters, no control characters; may be empty.
    public static func description(_ text: String, field: String = "description") throws -> String {
        try freeText(text, field: field, label: "description", max: maxDescriptionLength, allowEmpty: true)
    }

    /// Emails: trimmed, one `@`, a plausible local part and a dotted domain. Uniqueness
    /// (case-insensitive) is checked by the service.
    public static func email(_ text: String, field: String = "email") throws -> String {
        let email = text.trimmingCharacters(in: .whitespaces)
        // The reason first: a long value must not push it out of a form's error line.
        let invalid = CoreError.invalid(field, "not a valid email address: \(quoted(email))")
        guard !email.isEmpty else { throw CoreError.invalid(field, "email is required") }
        if let problem = invisibleProblem(in: email) {
            throw CoreError.invalid(field, "an email may not contain \(problem)")
        }
        if let problem = overloadedCharacter(in: email) { throw CoreError.invalid(field, "email \(problem)") }
        guard email.count <= maxEmailLength else {
            throw CoreError.invalid(field, "email is longer than \(maxEmailLength) characters")
        }
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2 else { throw invalid }
        let local = parts[0], domain = parts[1]
        guard !local.isEmpty, local.count <= 64, !local.hasPrefix("."), !local.hasSuffix("."), !local.contains(".."),
              local.unicodeScalars.allSatisfy({ $0.isASCII ? isLocalPartASCII($0) : !isControl($0) })
        else { throw invalid }
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2,
              labels.allSatisfy({ label in
                  !label.isEmpty && label.count <= 63 && !label.hasPrefix("-") && !label.hasSuffix("-")
                      && label.unicodeScalars.allSatisfy { $0.isASCII ? (isASCIIAlphanumeric($0) || $0 == "-") : !isControl($0) && !$0.properties.isWhitespace }
              }),
              let tld = labels.last, tld.count >= 2, !tld.unicodeScalars.allSatisfy({ ("0"..."9").contains($0) })
        else { throw invalid }
        return email
    }

    /// The longest compliance label.
    public static let maxLabelLength = 32
    /// The label rule, as the refusal states it.
    public static let labelRuleMessage = "a label may hold lower-case letters, digits and -, at most 32 characters"

    /// Compliance labels (`hipaa`, `gdpr`, `pci-dss`): trimmed and lower-cased, then 1–32 of
    /// `a-z`, `0-9`, `-`. Returns the stored form.
    public static func label(_ text: String, field: String = "labels") throws -> String {
        let label = text.trimmingCharacters(in: .whitespaces).lowercased()
        guard !label.isEmpty else { throw CoreError.invalid(field, "a label may not be empty") }
        let scalars = Array(label.unicodeScalars)
        guard scalars.count <= maxLabelLength,
              scalars.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" })
        else { throw CoreError.invalid(field, "not a valid label, \(labelRuleMessage): \(quoted(text))") }
        return label
    }

    /// A list of labels: each checked by `label(_:field:)`, duplicates dropped, sorted.
    /// Empty unless `allowEmpty` (a team policy may be cleared; labelling needs at least one).
    public static func labels(_ texts: [String], field: String = "labels", allowEmpty: Bool = false) throws -> [String] {
        let labels = Array(Set(try texts.map { try label($0, field: field) })).sorted()
        if labels.isEmpty && !allowEmpty { throw CoreError.invalid(field, "name at least one label") }
        return labels
    }

    /// Passwords: any Unicode, compared in NFC (so the same password typed on two keyboards
    /// that compose accents differently is one password), 8–128 characters, never truncated.
    /// Returns the normalised form, which is what gets hashed. `PasswordPolicy` adds the rules
    /// of the platform and of organizations.
    @discardableResult
    public static func password(_ text: String, field: String = "password") throws -> String {
        let normalized = normalizedPassword(text)
        guard normalized.count >= minPasswordLength else {
            throw CoreError.invalid(field, "password must be at least \(minPasswordLength) characters long")
        }
        guard normalized.count <= maxPasswordLength else {
            throw CoreError.invalid(field, "password must be at most \(maxPasswordLength) characters long")
        }
        return normalized
    }

    /// The NFC form of a password.
    public static func normalizedPassword(_ text: String) -> String { text.precomposedStringWithCanonicalMapping }

    /// C0 (U+0000–U+001F), DEL (U+007F) and C1 (U+0080–U+009F): the characters a terminal
    /// may act on, which must never be stored in text shown to others.
    public static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }

    /// The first control character of `text`, described for an error message.
    public static func controlCharacterProblem(in text: String) -> String? {
        for (offset, scalar) in text.unicodeScalars.enumerated() where isControl(scalar) {
            return "control character \(describe(scalar)) at position \(offset + 1)"
        }
        return nil
    }

    private static func freeText(_ text: String, field: String, label: String, max: Int, allowEmpty: Bool) throws -> String {
        if let problem = controlCharacterProblem(in: text) {
            throw CoreError.invalid(field, "\(label) may not contain control characters (found \(problem))")
        }
        if let problem = separatorProblem(in: text) {
            throw CoreError.invalid(field, "\(label) must be one line (found \(problem))")
        }
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty && !allowEmpty { throw CoreError.invalid(field, "\(label) is required") }
        guard trimmed.count <= max else {
            throw CoreError.invalid(field, "\(label) is \(trimmed.count) characters long; at most \(max) allowed")
        }
        if let problem = overloadedCharacter(in: trimmed) {
            throw CoreError.invalid(field, "\(label) \(problem)")
        }
        if let problem = blankProblem(in: trimmed) {
            throw CoreError.invalid(field, "\(label) may not contain \(problem): it would look like another")
        }
        if let problem = directionProblem(in: trimmed) {
            throw CoreError.invalid(field, "\(label) may not contain \(problem): it shows text in another order than "
                                    + "it is stored (the marks U+200E and U+200F are allowed)")
        }
        return trimmed
    }

    /// The first character of `text` that shows as nothing at all, or as a plain space (a
    /// zero-width space, a word joiner, a byte-order mark, a soft hyphen, an invisible operator,
    /// a Hangul filler, a no-break or ideographic space), described; nil when
    /// there is none. `zw\u{200B}x` would pass for `zwx`. The joiners that shape a script or
    /// an emoji (U+200C, U+200D) stay allowed; the bidi controls are `directionProblem`'s.
    static func blankProblem(in text: String) -> String? {
        for (offset, scalar) in text.unicodeScalars.enumerated() {
            let blank: Bool
            switch scalar.properties.generalCategory {
            case .format: blank = scalar.value != 0x200C && scalar.value != 0x200D && !isReordering(scalar)
            // A space other than the plain one (no-break, ideographic…) passes for a plain one.
            case .spaceSeparator: blank = scalar != " "
            default:
                // The combining grapheme joiner and the Hangul fillers draw nothing.
                blank = [0x034F, 0x115F, 0x1160, 0x3164, 0xFFA0].contains(scalar.value)
            }
            if blank { return "the invisible character \(describe(scalar)) (at position \(offset + 1))" }
        }
        return nil
    }

    /// The first direction embedding, override or isolate of `text` (U+202A–U+202E,
    /// U+2066–U+2069), described; nil when there is none. They reorder what follows them, the
    /// trick of "Trojan Source" spoofing; the console and the CLI show them by their code, so a
    /// name holding one could never read right anyway. The right-to-left and left-to-right
    /// marks (U+200E, U+200F, U+061C), which languages written right to left use, stay allowed.
    static func directionProblem(in text: String) -> String? {
        for (offset, scalar) in text.unicodeScalars.enumerated()
        where (0x202A...0x202E).contains(scalar.value) || (0x2066...0x2069).contains(scalar.value) {
            return "the direction control \(describe(scalar)) (at position \(offset + 1))"
        }
        return nil
    }

    /// At most this many combining marks on one character: every living script needs fewer
    /// (Vietnamese two, Indic clusters three), while "Zalgo" text stacks hundreds.
    public static let maxMarksPerCharacter = 4
    /// At most this many code points in one character: the longest emoji sequences (a family
    /// with skin tones, a subdivision flag) take eleven.
    public static let maxScalarsPerCharacter = 16

    /// Why one character of `text` is too heavy, or nil. Limits count characters as users see
    /// them, so without this a single letter with 60,000 marks would pass as one character.
    static func overloadedCharacter(in text: String) -> String? {
        for (offset, character) in text.enumerated() {
            let scalars = character.unicodeScalars
            let marks = scalars.filter(isCombiningMark).count
            if marks > maxMarksPerCharacter {
                return "has \(marks) combining marks on character \(offset + 1); at most \(maxMarksPerCharacter) allowed"
            }
            if scalars.count > maxScalarsPerCharacter {
                return "has \(scalars.count) code points in character \(offset + 1); at most \(maxScalarsPerCharacter) allowed"
            }
        }
        return nil
    }

    static func isCombiningMark(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return true
        default: return false
        }
    }

    /// The first line or paragraph separator (U+2028, U+2029) of `text`, described.
    static func separatorProblem(in text: String) -> String? {
        for (offset, scalar) in text.unicodeScalars.enumerated() {
            switch scalar.properties.generalCategory {
            case .lineSeparator, .paragraphSeparator: return "separator \(describe(scalar)) at position \(offset + 1)"
            default: continue
            }
        }
        return nil
    }

    /// The first character that shows as nothing or changes how text around it is shown —
    /// format characters (bidi controls, zero-width spaces and joiners, the soft hyphen, the
    /// byte-order mark), separators and spaces — described; nil when there is none. An email
    /// holding one looks like another address.
    static func invisibleProblem(in text: String) -> String? {
        for (offset, scalar) in text.unicodeScalars.enumerated() {
            switch scalar.properties.generalCategory {
            case .spaceSeparator where scalar == " ": continue
            case .format, .lineSeparator, .paragraphSeparator, .spaceSeparator:
                return "the invisible character \(describe(scalar)) (at position \(offset + 1))"
            default: continue
            }
        }
        return nil
    }

    private static func isASCIIAlphanumeric(_ s: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(s) || ("A"..."Z").contains(s) || ("0"..."9").contains(s)
    }

    private static func isLocalPartASCII(_ s: Unicode.Scalar) -> Bool {
        isASCIIAlphanumeric(s) || "!#$%&'*+-/=?^_`{|}~.".unicodeScalars.contains(s)
    }

    private static let controlNames: [UInt32: String] = [
        0x00: "NUL", 0x07: "BEL", 0x08: "BS", 0x09: "TAB", 0x0A: "LF", 0x0D: "CR", 0x1B: "ESC", 0x7F: "DEL",
        0x85: "NEL", 0x9B: "CSI",
    ]

    /// `U+001B ESC`: how error messages name a control character.
    static func describe(_ scalar: Unicode.Scalar) -> String {
        let code = "U+" + String(format: "%04X", scalar.value)
        if let name = controlNames[scalar.value] { return "\(code) \(name)" }
        return code
    }

    /// `text` made visible and quoted for a message, its middle elided past 64 characters.
    public static func quoted(_ text: String) -> String {
        // A value can be megabytes long: when its first 65 scalars already show as more than 64
        // characters, only its two ends are made visible.
        let scalars = text.unicodeScalars
        func shown(_ part: Substring.UnicodeScalarView) -> String { visible(String(String.UnicodeScalarView(part))) }
        if scalars.count > 64, shown(scalars.prefix(65)).count > 64 {
            return "\"\(shown(scalars.prefix(40)).prefix(40))…\(shown(scalars.suffix(20)).suffix(20))\""
        }
        let shown = visible(text)
        guard shown.count > 64 else { return "\"\(shown)\"" }
        return "\"\(shown.prefix(40))…\(shown.suffix(20))\""
    }

    /// Text safe to quote in a message: control, bidi and separator characters replaced by
    /// their code, so a quoted value cannot reorder or break the message around it.
    static func visible(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            if isControl(scalar) || isReordering(scalar) { out += "<\(describe(scalar))>" } else { out.unicodeScalars.append(scalar) }
        }
        return out
    }

    /// Bidi controls and line or paragraph separators.
    static func isReordering(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069, 0x2028, 0x2029: return true
        default: return false
        }
    }
}
