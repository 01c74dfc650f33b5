import OrgdeckTerminal
import OrgdeckViewModels

/// The invitations the user has received, to accept (`a`) or decline (`d`).
enum InboxView {
    static func draw(_ painter: inout Painter, _ inbox: InboxState) {
        let box = OverlayView.dialog(&painter, title: "Invitations for you", width: 66, height: max(7, inbox.invitations.count * 2 + 5))
        let inner = box.inset(2)
        var y = inner.y
        if inbox.invitations.isEmpty {
            painter.text("No pending invitations.", x: inner.x, y: y, width: inner.width, .empty)
        }
        for (index, invitation) in inbox.invitations.enumerated() where y + 1 < inner.maxY {
            let selected = index == inbox.list.cursor
            let line = Rect(x: inner.x, y: y, width: inner.width, height: 1)
            painter.fill(line, selected ? .menuCursor : .dialog)
            painter.text("\(invitation.organizationName) (\(invitation.organizationID)) as \(invitation.role.title)",
                         x: inner.x + 1, y: y, width: inner.width - 2, selected ? .menuCursor : .base)
            painter.text("from \(invitation.invitedBy), expires \(TextLayout.day(invitation.expiresAt))", x: inner.x + 3, y: y + 1,
                         width: inner.width - 4, .muted)
            painter.hit(line, .selectIndex(index))
            y += 2
        }
        if let error = inbox.error { painter.text(error, x: inner.x, y: inner.maxY - 1, width: inner.width, .error) }
    }
}
