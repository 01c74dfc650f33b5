import OrgdeckCore

/// One labelled input of a form.
public struct FormField: Equatable, Sendable {
    public var key: String
    public var label: String
    public var value: TextField
    /// Shown as bullets (passwords).
    public var secure: Bool
    /// A short hint under the field, e.g. the ID rule.
    public var hint: String
    /// Tab completes file and folder paths in this field (like a shell) before moving on.
    public var completesPaths: Bool
    /// The only values the field takes (`yes`, `no`): Space and ←→ switch between them, a
    /// typed letter picks the one it begins; nothing else is typed.
    public var choices: [String]
    /// The value the field was opened with, trimmed: what a stale edit compares the saved
    /// value with, to say what someone else changed.
    public var original: String

    public init(key: String, label: String, value: String = "", secure: Bool = false, hint: String = "", maxLength: Int = 2_000,
                completesPaths: Bool = false, choices: [String] = []) {
        self.key = key; self.label = label; self.value = TextField(value, maxLength: maxLength)
        self.secure = secure; self.hint = hint; self.completesPaths = completesPaths; self.choices = choices
        self.original = value.trimmingCharacters(in: .whitespaces)
    }

    /// A yes-or-no field, its hint saying how to switch it.
    public static func flag(key: String, label: String, on: Bool, hint: String = "") -> FormField {
        FormField(key: key, label: label, value: on ? "yes" : "no", hint: (hint.isEmpty ? "" : hint + "; ") + "Space or ←→ switch",
                  maxLength: 3, choices: ["yes", "no"])
    }

    /// Applies an event to a field of `choices`: keys it does not use change nothing.
    mutating func choose(_ event: ConsoleEvent) {
        let current = choices.firstIndex(of: value.text) ?? 0
        let next: Int?
        switch event {
        // In a form ←→ arrive as the text cursor's moves.
        case .text(" "), .move(.right), .cursorRight: next = (current + 1) % choices.count
        case .move(.left), .cursorLeft: next = (current + choices.count - 1) % choices.count
        case .text(let typed): next = choices.firstIndex { $0.lowercased().hasPrefix(typed.lowercased()) }
        default: next = nil
        }
        if let next { value = TextField(choices[next], maxLength: value.maxLength) }
    }
}

/// A modal form: fields, the focused one, and the last error (the entered values are kept on
/// error). What the form is for is known to the pane that opened it, not to the form.
public struct FormState: Equatable, Sendable {
    public var title: String
    public var fields: [FormField]
    public var focus: Int
    public var error: String?
    /// The field `error` is about, when it names one: editing that field clears the error.
    public var errorField: String?
    /// Characters left out of the field at fault by the pastes since its last other edit: a
    /// terminal without bracketed paste delivers a paste one key at a time.
    var leftOut = 0
    public var submitLabel: String
    /// What Esc does, as the footer says it: "back" on a later step of a sequence.
    public var cancelLabel = "cancel"

    public init(title: String, fields: [FormField], submitLabel: String = "Save") {
        self.title = title; self.fields = fields
        self.focus = 0; self.error = nil; self.submitLabel = submitLabel
    }

    /// The trimmed value of the field with `key`.
    public func value(_ key: String) -> String {
        fields.first { $0.key == key }?.value.text.trimmingCharacters(in: .whitespaces) ?? ""
    }

    /// The value the field with `key` was opened with (or, after a stale save, the value saved
    /// elsewhere): what an edit is based on.
    public func original(_ key: String) -> String? { fields.first { $0.key == key }?.original }

    /// The value exactly as typed (passwords: spaces count).
    public func rawValue(_ key: String) -> String { fields.first { $0.key == key }?.value.text ?? "" }

    /// Whether the form has a field with `key` (fields the role may not change are left out).
    public func has(_ key: String) -> Bool { fields.contains { $0.key == key } }

    public mutating func focusNext() { if !fields.isEmpty { focus = (focus + 1) % fields.count } }
    public mutating func focusPrevious() { if !fields.isEmpty { focus = (focus + fields.count - 1) % fields.count } }

    /// Applies an editing event to the focused field.
    public mutating func edit(_ apply: (inout TextField) -> Void) {
        guard fields.indices.contains(focus) else { return }
        let before = fields[focus].value.text
        fields[focus].value.cut = 0
        apply(&fields[focus].value)
        // The refusal was about this field's value, which the user is now changing.
        if fields[focus].value.text != before, errorField == fields[focus].key { error = nil; errorField = nil }
        let field = fields[focus]
        guard field.value.cut > 0 else { leftOut = 0; return }
        leftOut = (errorField == field.key ? leftOut : 0) + field.value.cut
        error = "\(field.label) takes \(field.value.maxLength) characters at most: \(leftOut) more "
            + (leftOut == 1 ? "was" : "were") + " left out"
        errorField = field.key
    }

    /// Moves focus to the field a validation error names, if any; that error goes once the
    /// field is edited.
    public mutating func focus(field: String?) {
        errorField = nil
        if let field, let index = fields.firstIndex(where: { $0.key == field }) { focus = index; errorField = field }
    }

    /// Text editing and focus moves: Tab and ↑↓ move between fields, the rest edits the field.
    public mutating func apply(_ event: ConsoleEvent) {
        switch event {
        case .nextFocus where fields.indices.contains(focus) && fields[focus].completesPaths:
            if !completePath() { focusNext() }
        case .nextFocus, .move(.down): focusNext()
        // A click on a field.
        case .selectIndex(let index) where fields.indices.contains(index): focus = index
        case .previousFocus, .move(.up): focusPrevious()
        case _ where fields.indices.contains(focus) && !fields[focus].choices.isEmpty:
            // A field of choices takes no free text.
            fields[focus].choose(event)
        default: edit { $0.apply(event) }
        }
    }

    /// Completes the last path of the focused field (paths are separated by spaces; a name with
    /// spaces is typed with `\ `, as in a shell): the one match in full, or what several matches
    /// share, listing them in the hint. False when there was nothing to complete, or when the
    /// same matches were listed by the Tab before: a folder given whole (`data/`) lists its
    /// files once, and the next Tab goes on to the next field as the footer says.
    mutating func completePath() -> Bool {
        let text = fields[focus].value.text
        let (head, last) = PathCompletion.split(text)
        // A file named whole is done, though longer names start with it (`t.csv`, `t.csv.old`):
        // Tab goes on to the next field, as the footer says.
        if let typed = PathCompletion.paths(last).first, !typed.hasSuffix("/"), PathCompletion.isFile(typed) { return false }
        guard let completion = PathCompletion.complete(last) else { return false }
        let listed = completion.candidates.count > 1 ? completion.candidates.prefix(8).joined(separator: "  ")
            + (completion.candidates.count > 8 ? "  …" : "") : ""
        let listedBefore = fields[focus].hint == listed
        fields[focus].hint = listed
        guard completion.text != last else { return completion.candidates.count > 1 && !listedBefore }
        fields[focus].value = TextField(head + completion.text, maxLength: fields[focus].value.maxLength)
        return true
    }
}

extension FormState {
    /// The form as typed, refused because someone saved the thing meanwhile: it stays open with
    /// nothing lost, saying what Enter now does (saves the typed values over the other save) and
    /// what the other save changed (`saved`, by field key, against the values the form was
    /// opened with). The caller bases the next Enter on the version it read `saved` from.
    func keptOverStale(_ saved: [String: String]) -> FormState {
        let changed = fields.filter { field in saved[field.key].map { $0 != field.original } ?? false }
        let differing = changed.map { field -> String in
            let value = saved[field.key] ?? ""
            let shown = value.count > 30 ? String(value.prefix(29)) + "…" : value
            return "\(field.label.lowercased()) \(value.isEmpty ? "empty" : Validation.quoted(shown))"
        }
        var form = self
        // The next stale save is told against this one.
        for index in form.fields.indices { if let value = saved[form.fields[index].key] { form.fields[index].original = value } }
        // What to do first: the error has two lines, and the saved values may be long. It is
        // about the whole save, not a field: editing keeps it.
        form.errorField = nil
        form.error = "Saved elsewhere meanwhile: Enter saves yours over it, Esc keeps theirs"
            + (differing.isEmpty ? "" : ". Now: " + differing.joined(separator: "; "))
        return form
    }
}
