import Testing
@testable import OrgdeckViewModels

/// The one-line field every form, filter and the palette type into. A terminal delivers a
/// character made of several code points one code point at a time; the field must keep its
/// cursor on a character boundary however they combine.
@Suite struct TextFieldTests {
    /// Types `scalars` one code point at a time, as the terminal delivers them.
    private func typed(_ scalars: [Unicode.Scalar], into field: inout TextField) {
        for scalar in scalars { field.insert(String(Character(scalar))) }
    }

    @Test func aSkinToneModifierJoinsTheEmojiBeforeItAndTheCursorStaysAtTheEnd() {
        var field = TextField()
        typed(["👍", "\u{1F3FD}"], into: &field)
        #expect(field.text == "👍🏽")
        #expect(field.text.count == 1)
        #expect(field.cursor == 1)
        field.insert("x")
        #expect(field.text == "👍🏽x")
        field.backspace(); field.backspace()
        #expect(field.text.isEmpty)
        #expect(field.cursor == 0)
    }

    @Test func aJoinerSequenceTypedInTheMiddleOfTheTextKeepsEveryEditWithinBounds() {
        var field = TextField("ab")
        field.moveLeft()
        typed(["👩", "\u{200D}", "🔬"], into: &field)
        #expect(field.text == "a👩‍🔬b")
        #expect(field.cursor == 2)
        field.moveRight(); field.moveRight()
        #expect(field.cursor == field.text.count)
        field.deleteWord()
        #expect(field.text.isEmpty)
    }

    @Test func aCombiningMarkAfterTheCursorIsNotSplitFromItsLetter() {
        var field = TextField("e\u{301}")  // é as a letter and a combining accent
        field.moveHome()
        field.insert("\u{301}")  // a lone combining accent at the start
        #expect(field.cursor <= field.text.count)
        field.moveEnd()
        field.insert("!")
        #expect(field.text.hasSuffix("!"))
        #expect(field.cursor == field.text.count)
    }

    @Test func ctrlUDeletesEverythingBeforeTheCursor() {
        var field = TextField("orgdeck demo")
        for _ in 0..<5 { field.moveLeft() }
        field.apply(.deleteToStart)
        #expect(field.text == " demo")
        #expect(field.cursor == 0)
    }

    @Test func aPasteLongerThanTheFieldIsCutAtItsLimit() {
        var field = TextField(maxLength: 3)
        field.insert("abcdef")
        #expect(field.text == "abc")
        #expect(field.cursor == 3)
        field.insert("z")
        #expect(field.text == "abc")
    }
}
