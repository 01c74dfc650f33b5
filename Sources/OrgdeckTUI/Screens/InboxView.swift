import OrgdeckTerminal
import OrgdeckViewModels

/// Overlays for choosing: the invitations received, and a picker (a member's role).
enum InboxView {
    static func draw(_ painter: inout Painter, _ inbox: InboxState) {
        let box = OverlayView.dialog(&painter, title: "Invitations for you", width: 66, height: max(8, inbox.invitations.count * 2 + 6))
        let inner = box.inset(2)
        var y = inner.y
        if inbox.invitations.isEmpty {
            painter.text("No pending invitations.", x: inner.x, y: y, width: inner.width, .empty)
        }
        for (index, invitation) in inbox.invitations.enumerated() where y + 1 < inner.maxY {
            let selected = index == inbox.cursor
            let line = Rect(x: inner.x, y: y, width: inner.width, height: 1)
            painter.fill(line, selected ? .menuCursor : .dialog)
            painter.text("\(invitation.organizationName) (\(invitation.organizationID)) as \(invitation.role.title)",
                         x: inner.x + 1, y: y, width: inner.width - 2, selected ? .menuCursor : .base)
            painter.text("from \(invitation.invitedBy), expires \(TextLayout.day(invitation.expiresAt))", x: inner.x + 3, y: y + 1, width: inner.width - 4, .muted)
            painter.hit(line, .selectIndex(index))
            y += 2
        }
        if let error = inbox.error { painter.text(error, x: inner.x, y: inner.maxY - 2, width: inner.width, .error) }
        painter.text("Enter accept · d decline · Esc later", x: inner.x, y: inner.maxY - 1, width: inner.width, .muted)
    }
}

extension OverlayView {
    static func drawPicker(_ painter: inout Painter, _ picker: PickerState) {
        let box = dialog(&painter, title: picker.title, width: 64, height: picker.options.count + 5)
        let inner = box.inset(2)
        for (index, option) in picker.options.enumerated() where inner.y + index < inner.maxY {
            let y = inner.y + index
            let selected = index == picker.cursor
            let line = Rect(x: inner.x, y: y, width: inner.width, height: 1)
            painter.fill(line, selected ? .menuCursor : .dialog)
            let used = painter.text((selected ? "▸ " : "  ") + option.label, x: inner.x, y: y, width: 28, selected ? .menuCursor : .base)
            painter.text(option.detail, x: inner.x + max(used, 28) + 1, y: y, width: inner.width - 29, selected ? .menuCursor : .muted)
            painter.hit(line, .selectIndex(index))
        }
        painter.text("Enter choose · Esc cancel", x: inner.x, y: inner.maxY, width: inner.width, .muted)
    }
}
