import OrgdeckTerminal
import OrgdeckViewModels

/// The first screen: sign in or sign up, centred.
enum SignInView {
    static func draw(_ painter: inout Painter, _ signIn: SignInState, flash: Flash?, readOnly: Bool) {
        let bounds = painter.grid.bounds
        let width = min(FormView.width(signIn.form, base: 56), bounds.width - 2)
        let height = FormView.height(signIn.form, width: width - 4, keys: true) + 4
        let box = bounds.centered(width: width, height: min(height, bounds.height - 1))
        painter.fill(box, .dialog)
        painter.box(box, .dialogBorder, title: signIn.form.title, titleElement: .dialogTitle)
        let inner = box.inset(2)
        let keys: String
        switch signIn.mode {
        case .changePassword: keys = "Enter change password · Esc quit"
        case .signIn: keys = "Enter sign in · ^N create an account · Esc quit"
        case .signUp: keys = "Enter sign up · ^N or Esc back to sign in"
        }
        FormView.draw(&painter, Rect(x: inner.x, y: inner.y, width: inner.width, height: inner.height + 1), form: signIn.form, keys: keys)
        if readOnly { painter.text("[read-only]", x: box.maxX - 13, y: box.maxY - 1, .lock) }
        if let flash, box.maxY < bounds.maxY {
            // The footer's colours and marks: a warning reads as one here too.
            let (element, text) = FooterView.look(flash)
            painter.text(text, x: box.x, y: box.maxY, width: box.width, element)
        }
    }
}
