import Foundation
import OrgdeckCore
import OrgdeckTerminal
import OrgdeckViewModels

/// The Security pane: a sidebar of its sections (Tokens, SSH keys and Sign-ins in the personal context,
/// Password policy in an organization) and the section in front.
enum SecurityView {
    /// `context` is the context's title (the organization's name), as the other panes show it.
    static func draw(_ painter: inout Painter, _ area: Rect, page: SecurityPage, context: String, now: Date) {
        let body = SidebarView.page(&painter, area, title: "Security · \(context)", page: page)
        switch page.section {
        case let tokens as TokensSection: TokensTable.draw(&painter, body, state: tokens.state, commands: tokens.commands, now: now)
        case let keys as SSHKeysSection: SSHKeysTable.draw(&painter, body, state: keys.state, commands: keys.commands, now: now)
        case let history as SignInHistorySection: SignInsTable.draw(&painter, body, state: history.state, now: now)
        case let policy as PasswordPolicySection: drawPolicy(&painter, body, state: policy.state)
        case let providers as IdentityProvidersSection:
            IdentityProvidersTable.draw(&painter, body, state: providers.state, visible: providers.visible,
                                        commands: providers.commands)
        default: painter.text("no view for \(page.section.title)", x: body.x + 1, y: body.y + 1, width: body.width - 2, .error)
        }
    }

    static func drawPolicy(_ painter: inout Painter, _ area: Rect, state: PasswordPolicyState) {
        var y = AccountView.title(&painter, area, "Password policy")
        if let error = state.error { painter.text(error, x: area.x + 2, y: y + 1, width: area.width - 3, .error); return }
        guard let policy = state.policy else { return }
        painter.text("Each member meets it from their next sign-in.", x: area.x + 1, y: y,
                     width: area.width - 2, .muted)
        y += 2
        for row in PasswordPolicySection.rows(policy) where y < area.maxY {
            painter.text(row.setting, x: area.x + 2, y: y, width: 17, .muted)
            painter.text(row.value, x: area.x + 20, y: y, width: area.width - 21, .base)
            y += 1
        }
        // An organization's Security is its settings; what is the user's own lives in the
        // personal account, which is one keystroke of the profile menu away.
        if y + 1 < area.maxY {
            painter.text("Your tokens, keys, password: personal account" + painter.keys.names.suggest(.profileMenu, " (%k 0)"),
                         x: area.x + 1, y: y + 1, width: area.width - 2, .muted)
        }
    }
}

/// The Tokens section's table.
enum TokensTable {
    static let columns = [
        TableColumn("ID", min: 5, max: 12, priority: 10, identifier: true),
        TableColumn("Description", min: 10, priority: 8),
        TableColumn("Token", min: 9, max: 9, priority: 7),
        TableColumn("Scopes", min: 6, priority: 7),
        TableColumn("Created", min: 10, max: 10, priority: 2),
        TableColumn("Expires", min: 10, max: 10, priority: 6),
        TableColumn("Last used", min: 8, max: 10, priority: 5),
        TableColumn("Status", min: 7, max: 7, priority: 9),
    ]

    /// `commands`: what works here (not in read-only), so the title and the empty list suggest
    /// `n` only where it works.
    static func draw(_ painter: inout Painter, _ area: Rect, state: ListSectionState<TokenInfo>, commands: [PaneCommand] = [], now: Date) {
        AccountView.title(&painter, area, "Personal access tokens",
                          note: "for ORGDECK_TOKEN" + painter.suggest(.new, "; %k creates one (shown once)", in: commands))
        if let error = state.error { painter.text(error, x: area.x + 2, y: area.y + 2, width: area.width - 4, .error); return }
        let rows = state.list.rows.map { token -> [String] in
            return [token.id, token.description, "odk_…" + token.lastFour, token.scopeSummary, TextLayout.day(token.createdAt),
                    TextLayout.day(token.expiresAt),
                    token.lastUsedAt.map { TextLayout.relative($0, now: now) } ?? "never", token.status(at: now)]
        }
        TableView.draw(&painter, Rect(x: area.x, y: area.y + 1, width: area.width, height: area.height - 1), columns: columns,
                       rows: rows, cursor: state.list.cursor, scrollTop: state.list.scrollTop,
                       empty: "No tokens yet." + painter.suggest(.new, " Press %k to create one.", in: commands))
    }
}

/// The SSH keys section's table.
enum SSHKeysTable {
    static let columns = [
        TableColumn("ID", min: 5, max: 8, priority: 9, identifier: true),
        // The fingerprint is what a user compares with ssh-keygen -l: whole before anything but the ID.
        TableColumn("Type", min: 11, max: 19, priority: 3),
        TableColumn("Fingerprint", min: 50, max: 50, priority: 10),
        TableColumn("Comment", min: 7, priority: 7),
        TableColumn("Added", min: 10, max: 10, priority: 4),
        TableColumn("Last used", min: 8, max: 10, priority: 5),
    ]

    /// `commands`: what works here (not in read-only), so the title and the empty list suggest
    /// `n` only where it works.
    static func draw(_ painter: inout Painter, _ area: Rect, state: ListSectionState<SSHKeyInfo>, commands: [PaneCommand] = [], now: Date) {
        AccountView.title(&painter, area, "SSH keys",
                          note: "sign you in to orgdeck serve" + painter.suggest(.new, "; %k adds one", in: commands))
        if let error = state.error { painter.text(error, x: area.x + 2, y: area.y + 2, width: area.width - 4, .error); return }
        let rows = state.list.rows.map { key -> [String] in
            [key.id, key.type, key.fingerprint, key.comment, TextLayout.day(key.addedAt),
             key.lastUsedAt.map { TextLayout.relative($0, now: now) } ?? "never"]
        }
        TableView.draw(&painter, Rect(x: area.x, y: area.y + 1, width: area.width, height: area.height - 1), columns: columns,
                       rows: rows, cursor: state.list.cursor, scrollTop: state.list.scrollTop,
                       empty: "No SSH keys." + painter.suggest(.new, " Press %k and paste your .pub line, or: orgdeck keys add ~/.ssh/id_ed25519.pub",
                                                               in: commands))
    }
}

/// The Sign-ins section's table.
enum SignInsTable {
    static let columns = [
        TableColumn("When", min: 20, max: 20, priority: 10),
        TableColumn("Source", min: 6, max: 6, priority: 8),
        TableColumn("Outcome", min: 12, priority: 9),
        TableColumn("Ago", min: 6, max: 10, priority: 4),
    ]

    static func draw(_ painter: inout Painter, _ area: Rect, state: ListSectionState<AuditEntry>, now: Date) {
        let y = AccountView.title(&painter, area, "Recent sign-ins", counting: state)
        if let error = state.error { painter.text(error, x: area.x + 2, y: y + 1, width: area.width - 3, .error); return }
        let rows = state.list.rows.map { entry -> [String] in
            [entry.at.utcMinute, entry.source.rawValue, SignInHistorySection.outcome(entry), TextLayout.relative(entry.at, now: now)]
        }
        TableView.draw(&painter, Rect(x: area.x, y: y, width: area.width, height: area.maxY - y), columns: columns, rows: rows,
                       cursor: state.list.cursor, scrollTop: state.list.scrollTop, empty: "No sign-in recorded yet.")
    }
}

/// The Identity providers section's table.
enum IdentityProvidersTable {
    static let columns = [
        TableColumn("Name", min: 8, priority: 9),
        TableColumn("Entity ID", min: 12, priority: 10, identifier: true),
        TableColumn("Binding", min: 9, max: 13, priority: 4),
        TableColumn("Certs", min: 5, max: 5, priority: 5, alignRight: true),   // the details list them
        TableColumn("Expires", min: 10, max: 10, priority: 7),
        TableColumn("Warnings", min: 8, max: 8, priority: 8, alignRight: true),
    ]

    static func draw(_ painter: inout Painter, _ area: Rect, state: ListSectionState<IdentityProvider>, visible: Bool,
                     commands: [PaneCommand] = []) {
        let list = state.list
        let y = visible ? AccountView.title(&painter, area, "Identity providers", counting: state)
            : AccountView.title(&painter, area, "Identity providers")
        guard visible else {
            painter.text("Only Admins see and register the organization's identity providers.", x: area.x + 2, y: y + 1,
                         width: area.width - 3, .empty)
            return
        }
        if let error = state.error { painter.text(error, x: area.x + 2, y: y + 1, width: area.width - 3, .error); return }
        let rows = list.rows.map { provider -> [String] in
            [provider.name, provider.entityID, provider.ssoBinding, String(provider.certificates.count),
             provider.certificates.map(\.notAfter).min().map(TextLayout.day) ?? "—",
             provider.warnings.isEmpty ? "—" : "\(provider.warnings.count)"]
        }
        TableView.draw(&painter, Rect(x: area.x, y: y, width: area.width, height: area.maxY - y), columns: columns, rows: rows,
                       cursor: list.cursor, scrollTop: list.scrollTop,
                       empty: list.search.isEmpty
                           ? "No identity providers." + painter.suggest(.new, " Press %k to import your IdP's metadata file.", in: commands)
                           : "None matches.")
    }
}
