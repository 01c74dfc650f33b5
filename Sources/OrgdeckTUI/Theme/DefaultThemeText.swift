// Generated from themes/default.toml; a test checks the two stay identical.
extension Theme {
    /// The text of `themes/default.toml`, compiled in so the console needs no theme files.
    static let defaultTOML = #"""
# orgdeck — default dark theme. The console has a built-in copy of this file, so it also
# runs with no theme files at all. Other themes inherit it and change the palette.
description = "Dark, GitHub-like blues on the terminal's own background"

[palette]
bg = "default"          # the terminal's background
fg = "#c9d1d9"
muted = "#8b949e"
accent = "#58a6ff"
accent2 = "#d2a8ff"
ok = "#3fb950"
warn = "#d29922"
danger = "#f85149"
bar = "#161b22"         # header and footer
panel = "#1c2128"       # sidebars, dialogs, menus
field = "#262c36"       # inputs and buttons
line = "#6e7681"        # borders
select = "#1f6feb"
select-fg = "#ffffff"
badge-fg = "#0d1117"

[ui.base]
fg = "fg"
bg = "bg"

[ui.header]
fg = "fg"
bg = "bar"
[ui."header.context"]
fg = "accent"
bold = true
[ui."header.user"]
fg = "accent2"
[ui.tab]
fg = "muted"
bg = "bar"
[ui."tab.active"]
fg = "select-fg"
bg = "select"
bold = true
[ui.badge]
fg = "badge-fg"
bg = "warn"
bold = true
[ui.lock]
fg = "danger"
bg = "bar"
bold = true

[ui.footer]
fg = "muted"
bg = "bar"
[ui."footer.key"]
fg = "accent"
bold = true
[ui."flash.info"]
fg = "ok"
bg = "bar"
[ui."flash.warn"]
fg = "warn"
bg = "bar"
bold = true
[ui."flash.error"]
fg = "danger"
bg = "bar"
bold = true

[ui.border]
fg = "line"
[ui."border.focus"]
fg = "accent"
[ui.title]
fg = "accent"
bold = true
[ui.muted]
fg = "muted"

[ui."table.header"]
fg = "accent2"
bold = true
[ui."table.row"]
fg = "fg"
[ui."table.cursor"]
fg = "select-fg"
bg = "select"
bold = true
[ui."table.sort"]
fg = "warn"
bold = true

[ui.card]
fg = "fg"
[ui."card.cursor"]
fg = "accent"
bold = true
[ui."card.title"]
fg = "fg"
bold = true
[ui.pinned]
fg = "warn"

[ui.sidebar]
fg = "fg"
bg = "panel"
[ui."sidebar.active"]
fg = "select-fg"
bg = "select"
bold = true

[ui.dialog]
fg = "fg"
bg = "panel"
[ui."dialog.border"]
fg = "accent"
bg = "panel"
[ui."dialog.title"]
fg = "accent"
bg = "panel"
bold = true
[ui.input]
fg = "fg"
bg = "field"
[ui."input.focus"]
fg = "select-fg"
bg = "field"
underline = true
[ui.button]
fg = "fg"
bg = "field"
[ui."button.focus"]
fg = "select-fg"
bg = "select"
bold = true

[ui.menu]
fg = "fg"
bg = "panel"
[ui."menu.cursor"]
fg = "select-fg"
bg = "select"
bold = true
[ui."menu.section"]
fg = "muted"
bg = "panel"
bold = true

[ui."help.key"]
fg = "accent"
bold = true
[ui.error]
fg = "danger"
bold = true
[ui.control]
fg = "danger"
[ui.empty]
fg = "muted"
"""#
}
