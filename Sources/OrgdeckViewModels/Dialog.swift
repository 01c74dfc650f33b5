import OrgdeckCore

/// A modal layer a pane opens: a form, a confirm dialog, a picker or details to read.
public enum Dialog: Equatable, Sendable {
    case form(FormState)
    case confirm(ConfirmState)
    case picker(PickerState)
    case info(InfoState)

    /// The title on its border: what tells the steps of a sequence apart.
    public var title: String {
        switch self {
        case .form(let form): return form.title
        case .confirm(let confirm): return confirm.title
        case .picker(let picker): return picker.title
        case .info(let info): return info.title
        }
    }

    /// The dialog as a later step of a sequence, whose Esc goes back a step.
    var asLaterStep: Dialog {
        switch self {
        case .form(var form): form.cancelLabel = "back"; return .form(form)
        case .confirm(var confirm): confirm.cancelLabel = "back"; return .confirm(confirm)
        case .picker(var picker): picker.cancelLabel = "back"; return .picker(picker)
        case .info: return self
        }
    }

    /// This dialog, just built, with the answers `left` held when the user went back from the
    /// same question: a form's typed values (by field), a picker's marks and cursor (when its
    /// rows are the same: they may follow from the answer just changed), a confirmation's typed
    /// text. Hints, rows and limits stay as built now; a refusal shown then is not carried.
    func answered(as left: Dialog) -> Dialog {
        switch (self, left) {
        case (.form(var built), .form(let kept)) where built.fields.map(\.key) == kept.fields.map(\.key):
            for index in built.fields.indices { built.fields[index].value = kept.fields[index].value }
            built.focus = kept.focus
            return .form(built)
        case (.picker(var built), .picker(let kept)) where built.options.map(\.value) == kept.options.map(\.value):
            built.marked = kept.marked
            built.marking = kept.marking
            built.filter = kept.filter
            built.point(at: kept.cursor)
            return .picker(built)
        case (.confirm(var built), .confirm(let kept)):
            built.typed = kept.typed
            return .confirm(built)
        default: return self
        }
    }

    /// The dialog without the refusal it last showed: an earlier step gone back to was
    /// answered since, so what was wrong with it then no longer holds.
    var withoutError: Dialog {
        switch self {
        case .form(var form): form.error = nil; form.errorField = nil; return .form(form)
        case .confirm(var confirm): confirm.error = nil; return .confirm(confirm)
        case .picker(var picker): picker.error = nil; return .picker(picker)
        case .info: return self
        }
    }

    /// Whether printable keys are text while it is open.
    public var acceptsText: Bool {
        switch self {
        case .form, .confirm, .picker: return true
        case .info: return false
        }
    }

    /// What one event does to the dialog.
    func step(_ event: ConsoleEvent) -> DialogStep {
        switch self {
        case .form(var form):
            switch event {
            case .cancel, .back: return .closed(cancelled: false)
            case .submit: return .done(self)
            default: form.apply(event); return .open(.form(form))
            }
        case .confirm(var confirm):
            switch event {
            case .cancel, .back: return .closed(cancelled: true)
            case .submit:
                guard confirm.isSatisfied else {
                    confirm.error = "type \(confirm.requiredText ?? "") exactly to confirm"
                    return .open(.confirm(confirm))
                }
                return .done(self)
            default:
                confirm.typed.apply(event)
                confirm.error = nil
                return .open(.confirm(confirm))
            }
        case .picker(var picker):
            switch event {
            case .cancel, .back: return .closed(cancelled: false)
            case .move(.down), .nextFocus: picker.move(1)
            case .move(.up), .previousFocus: picker.move(-1)
            case .pageDown: picker.move(10)
            case .pageUp: picker.move(-10)
            case .top: picker.point(at: 0)
            case .bottom: picker.move(picker.visible.count)
            case .text(" ") where picker.multiple: picker.toggle()
            case .selectIndex(let index) where picker.visible.indices.contains(index):
                picker.point(at: index)
                return picker.multiple ? .open(.picker(picker)) : Dialog.picker(picker).choose()
            case .submit, .open: return Dialog.picker(picker).choose()
            default: picker.edit(event)
            }
            return .open(.picker(picker))
        case .info(var info):
            switch event {
            case .cancel, .back, .submit, .open, .quit: return .closed(cancelled: false)
            case .move(.down): info.scroll(1)
            case .move(.up): info.scroll(-1)
            case .pageDown: info.scroll(10)
            case .pageUp: info.scroll(-10)
            case .top: info.scroll(-info.lineCount)
            case .bottom: info.scroll(info.lineCount)
            default: return .open(self)
            }
            return .open(.info(info))
        }
    }

    /// Enter in a picker: a refused option says why and stays open.
    private func choose() -> DialogStep {
        guard case .picker(var picker) = self else { return .done(self) }
        if !picker.multiple {
            guard let option = picker.highlighted else { return .open(self) }
            if let refusal = option.refusal { picker.error = refusal; return .open(.picker(picker)) }
        }
        if let refusal = picker.unmarkedAll { picker.error = refusal; return .open(.picker(picker)) }
        return .done(.picker(picker))
    }

    /// The dialog showing a refusal of its submission: a form keeps the values and focuses the
    /// field at fault; a picker stays open. Nil for dialogs whose refusal is a flash.
    func showing(_ error: Error) -> Dialog? {
        switch self {
        case .form(var form):
            form.error = error.userMessage
            // The core names a setting as the command line spells it (`min_length must be …`);
            // the form says it by the label the user sees beside the field.
            if let key = (error as? CoreError)?.field, let field = form.fields.first(where: { $0.key == key }),
               key.contains("_"), let message = form.error, message.hasPrefix(key + " ") {
                form.error = field.label + message.dropFirst(key.count)
            }
            form.focus(field: (error as? CoreError)?.field)
            return .form(form)
        case .picker(var picker):
            picker.error = error.userMessage
            return .picker(picker)
        case .confirm, .info:
            return nil
        }
    }

    /// The keys that act on the dialog, for the footer and `?`.
    public var commands: [PaneCommand] {
        switch self {
        case .form(let form):
            return [PaneCommand(.submit, form.submitLabel.lowercased())]
                + (form.fields.count > 1 ? [PaneCommand(.nextFocus, "next field")] : []) + [PaneCommand(.cancel, form.cancelLabel)]
        case .confirm(let confirm):
            let refusal = confirm.isSatisfied ? nil : "type \(confirm.requiredText ?? "") exactly to confirm"
            return [PaneCommand(.submit, confirm.verb, refusal: refusal), PaneCommand(.cancel, confirm.cancelLabel)]
        case .picker(let picker):
            var commands = [PaneCommand(.move(.down), "move"), PaneCommand(.text(""), "type to filter")]
            if picker.multiple { commands.append(PaneCommand(.text(" "), "mark")) }
            commands += [PaneCommand(.submit, picker.multiple && !picker.marked.isEmpty ? "take marked" : "choose",
                                     refusal: picker.unmarkedAll),
                         PaneCommand(.cancel, picker.cancelLabel)]
            return commands
        case .info(let info):
            // Scrolling is offered where the lines may not fit (a long value wraps onto many).
            return (info.lineCount > 12 ? [PaneCommand(.move(.down), "scroll"), PaneCommand(.bottom, "end")] : [])
                + [PaneCommand(.cancel, "close")]
        }
    }
}

/// What one event did to a dialog.
enum DialogStep: Equatable {
    case open(Dialog)
    case closed(cancelled: Bool)
    /// Submitted: the dialog as it was when Enter was pressed.
    case done(Dialog)
}

/// A pane's open dialog with what it is for: `Purpose` is the pane's own enum, which it
/// handles exhaustively when the dialog is submitted.
struct DialogSlot<Purpose: Equatable & Sendable>: Equatable, Sendable {
    var dialog: Dialog
    var purpose: Purpose
    /// The earlier steps of a sequence (the email before the role), as they were submitted:
    /// Esc goes back to the last one instead of throwing the answers away.
    var previous: [DialogSlot<Purpose>] = []
    /// The later steps gone back from, as they were left, nearest first: going forward again
    /// finds what was typed or marked there (a step with the same title and rows is the same
    /// question).
    var later: [DialogSlot<Purpose>] = []

    /// The step alone, without the sequence around it.
    var alone: DialogSlot<Purpose> { DialogSlot(dialog: dialog, purpose: purpose) }
}

/// A model that opens dialogs of its own.
protocol DialogOwner: AnyObject {
    associatedtype Purpose: Equatable & Sendable
    var open: DialogSlot<Purpose>? { get set }
    /// Carries out a submitted dialog; throwing keeps a form or picker open with the reason.
    /// It may open the next dialog of a sequence (`present`).
    func carryOut(_ purpose: Purpose, _ dialog: Dialog) throws -> [Reaction]
    /// For a picker over a list too long to load (an organization's apps): the options
    /// matching `filter`, read again as the user types. Nil keeps filtering what is loaded.
    func options(for purpose: Purpose, filter: String) -> [PickerOption]?
    /// For a later step of a sequence opened without its earlier steps (a role picker opened
    /// on a row): what cancelling it leaves undone, said in the flash. Nil says nothing.
    func abandoned(_ purpose: Purpose) -> String?
}

extension DialogOwner {
    func options(for purpose: Purpose, filter: String) -> [PickerOption]? { nil }
    func abandoned(_ purpose: Purpose) -> String? { nil }

    /// Opens a dialog for `purpose`.
    func present(_ dialog: Dialog, for purpose: Purpose) -> [Reaction] {
        open = DialogSlot(dialog: dialog, purpose: purpose)
        return []
    }

    /// Routes an event to the open dialog; nil when none is open.
    func routeDialog(_ event: ConsoleEvent) -> [Reaction]? {
        guard var slot = open else { return nil }
        switch slot.dialog.step(event) {
        case .open(var dialog):
            if case .picker(let before) = slot.dialog, case .picker(var picker) = dialog, picker.filter.text != before.filter.text,
               let options = options(for: slot.purpose, filter: picker.filter.text) {
                // What is marked stays in sight (after the rows that match), so Enter never
                // takes a mark the filter hides.
                let shown = Set(options.map(\.value))
                picker.options = options + picker.options.filter { picker.marked.contains($0.value) && !shown.contains($0.value) }
                picker.followAnchor()
                dialog = .picker(picker)
            }
            slot.dialog = dialog
            open = slot
            return []
        case .closed(let cancelled):
            // Esc on a later step of a sequence goes back one step, its answers as given.
            if event == .cancel || event == .back, var back = slot.previous.last {
                back.previous = Array(slot.previous.dropLast())
                back.later = [slot.alone] + slot.later
                open = back
                return []
            }
            open = nil
            if let undone = abandoned(slot.purpose) { return [.flash(.note(undone))] }
            return cancelled ? [.flash(.note("cancelled"))] : []
        case .done(let dialog):
            open = nil
            do {
                let reactions = try carryOut(slot.purpose, dialog)
                // A next step: it remembers this one (a step shown again, as after a refusal
                // about an earlier answer, takes the chain back to before it).
                if var next = open, next.previous.isEmpty {
                    var chain = slot.previous + [DialogSlot(dialog: dialog.withoutError, purpose: slot.purpose)]
                    if let again = chain.firstIndex(where: { $0.dialog.title == next.dialog.title }) { chain = Array(chain[..<again]) }
                    next.previous = chain
                    if !chain.isEmpty { next.dialog = next.dialog.asLaterStep }
                    // Forward again to the step gone back from: what was typed or marked there is
                    // kept, when it asks the same (a picker's rows may follow from the answer just
                    // changed: with other rows it is built afresh).
                    if let ahead = slot.later.first, ahead.dialog.title == next.dialog.title {
                        next.dialog = next.dialog.answered(as: ahead.dialog)
                        next.later = Array(slot.later.dropFirst())
                    }
                    open = next
                }
                return reactions
            } catch {
                if open == nil, let shown = dialog.showing(error) {
                    open = DialogSlot(dialog: shown, purpose: slot.purpose, previous: slot.previous, later: slot.later)
                    return []
                }
                return [.flash(.error(error.userMessage))]
            }
        }
    }

    /// The open dialog, for the screen.
    var openDialog: Dialog? { open?.dialog }
}
