import OrgdeckCore
import Testing
@testable import OrgdeckViewModels

@Suite struct PickerTests {
    /// The role picker as it opens for an Organization User.
    func rolePicker() -> PickerState {
        PickerState(title: "Role", options: Role.options, selected: Role.orgUser.rawValue)
    }

    func type(_ text: String, into picker: inout PickerState) {
        for character in text { picker.edit(.text(String(character))) }
    }

    @Test func theCursorComesBackToItsOptionWhenTheFilterIsCleared() {
        var picker = rolePicker()
        #expect(picker.highlighted?.value == Role.orgUser.rawValue)
        type("j", into: &picker)
        #expect(picker.visible.isEmpty)
        picker.edit(.backspace)
        #expect(picker.highlighted?.value == Role.orgUser.rawValue, "not back on the first role")
        // A filter hiding it puts the cursor on the first match; clearing it comes back.
        type("con", into: &picker)
        #expect(picker.highlighted?.value == Role.orgContributor.rawValue)
        for _ in 0..<3 { picker.edit(.backspace) }
        #expect(picker.highlighted?.value == Role.orgUser.rawValue)
    }

    @Test func theCursorStaysOnItsOptionWhileTheFilterShowsIt() {
        var picker = rolePicker()
        picker.move(1)
        #expect(picker.highlighted?.value == Role.teamContributor.rawValue)
        type("con", into: &picker)
        #expect(picker.visible.map(\.value) == [Role.orgContributor.rawValue, Role.teamContributor.rawValue])
        #expect(picker.highlighted?.value == Role.teamContributor.rawValue, "still on the one the user chose")
        // Moving re-anchors: the cursor then follows the new choice.
        picker.move(-1)
        for _ in 0..<3 { picker.edit(.backspace) }
        #expect(picker.highlighted?.value == Role.orgContributor.rawValue)
    }

    @Test func markingARefusedOptionSaysWhy() {
        var picker = PickerState(title: "Apps", options: [
            PickerOption(value: "a", label: "a", detail: ""),
            PickerOption(value: "b", label: "b", detail: "", refusal: "not labelled hipaa, which this team requires"),
        ], multiple: true)
        picker.move(1)
        picker.toggle()
        #expect(picker.marked.isEmpty)
        #expect(picker.error == "not labelled hipaa, which this team requires")
        picker.move(-1)
        picker.toggle()
        #expect(picker.marked == ["a"] && picker.error == nil)
    }

    @Test func enterAfterEveryMarkWasTakenOffAgainTakesNothing() {
        let options = ["predict", "members:read", "apps:write"].map { PickerOption(value: $0, label: $0) }
        var quick = Dialog.picker(PickerState(title: "Scopes", options: options, multiple: true))
        guard case .done(.picker(let taken)) = quick.step(.submit) else { Issue.record("a quick Enter takes the highlighted"); return }
        #expect(taken.chosen == ["predict"])
        quick = Dialog.picker(PickerState(title: "Scopes", options: options, multiple: true))
        for event: ConsoleEvent in [.move(.down), .text(" "), .text(" ")] {
            if case .open(let next) = quick.step(event) { quick = next }
        }
        guard case .open(.picker(let refused)) = quick.step(.submit) else { Issue.record("the unmarked scope was taken"); return }
        #expect(refused.error == "nothing is marked: Space marks an option, or Esc")
        #expect(quick.commands.first { $0.event == .submit }?.refusal == refused.error, "greyed with the reason")
    }

    @Test func detailsWithOneLongValueOfferScrollingAndEndGoesToItsEnd() {
        var details = Dialog.info(InfoState(title: "Input in_1", rows: [InfoRow("Text", String(repeating: "word ", count: 400))]))
        #expect(details.commands.map(\.label) == ["scroll", "end", "close"], "one row, but a long one")
        if case .open(let moved) = details.step(.bottom) { details = moved }
        guard case .info(let info) = details else { Issue.record("closed"); return }
        #expect(info.top == info.lineCount - 1 && info.lineCount > 40)
        #expect(Dialog.info(InfoState(title: "Short", rows: [InfoRow("ID", "in_1")])).commands.map(\.label) == ["close"])
    }
}
