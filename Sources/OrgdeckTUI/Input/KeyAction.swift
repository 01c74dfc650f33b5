import OrgdeckTerminal
import OrgdeckViewModels

/// Every action a key can be bound to. The names are what `config.toml`'s `[keys]` table uses,
/// and the help overlay is generated from this list.
public enum KeyAction: String, CaseIterable, Sendable {
    case up, down, left, right, top, bottom
    case pageUp = "page-up", pageDown = "page-down"
    case open, back
    case nextFocus = "next-focus", previousFocus = "previous-focus"
    case pane1 = "pane-1", pane2 = "pane-2", pane3 = "pane-3", pane4 = "pane-4", pane5 = "pane-5", pane6 = "pane-6"
    case profile, help, palette, filter
    case new, edit, delete, duplicate, transfer
    case copyID = "copy-id"
    case star, pin
    case toggleView = "toggle-view"
    case sort, refresh, redraw, quit
    case leave, inbox, accept
    case train, visibility, upload, label, unlabel, mark
    case cancelJob = "cancel-job"
    case export, verify
    case previousMonth = "previous-month", nextMonth = "next-month"
    case save

    /// The console event this action sends.
    public var event: ConsoleEvent {
        switch self {
        case .up: return .move(.up)
        case .down: return .move(.down)
        case .left: return .move(.left)
        case .right: return .move(.right)
        case .top: return .top
        case .bottom: return .bottom
        case .pageUp: return .pageUp
        case .pageDown: return .pageDown
        case .open: return .open
        case .back: return .back
        case .nextFocus: return .nextFocus
        case .previousFocus: return .previousFocus
        case .pane1: return .selectPane(.myApps)
        case .pane2: return .selectPane(.collaborations)
        case .pane3: return .selectPane(.starred)
        case .pane4: return .selectPane(.account)
        case .pane5: return .selectPane(.billing)
        case .pane6: return .selectPane(.security)
        case .profile: return .profileMenu
        case .help: return .help
        case .palette: return .palette
        case .filter: return .filter
        case .new: return .new
        case .edit: return .edit
        case .delete: return .delete
        case .duplicate: return .duplicate
        case .transfer: return .transfer
        case .copyID: return .copyID
        case .star: return .star
        case .pin: return .pin
        case .toggleView: return .toggleView
        case .sort: return .cycleSort
        case .refresh: return .refresh
        case .redraw: return .redraw
        case .quit: return .quit
        case .leave: return .leave
        case .inbox: return .inbox
        case .accept: return .accept
        case .train: return .train
        case .visibility: return .visibility
        case .upload: return .upload
        case .label: return .label
        case .unlabel: return .unlabel
        case .mark: return .mark
        case .cancelJob: return .cancelJob
        case .export: return .export
        case .verify: return .verify
        case .previousMonth: return .previousPeriod
        case .nextMonth: return .nextPeriod
        case .save: return .save
        }
    }

    /// The line the help overlay shows.
    public var summary: String {
        switch self {
        case .up: return "move up"
        case .down: return "move down"
        case .left: return "move left (grid, sidebar)"
        case .right: return "move right (grid, sidebar)"
        case .top: return "go to the top"
        case .bottom: return "go to the bottom"
        case .pageUp: return "page up"
        case .pageDown: return "page down"
        case .open: return "open, or show details"
        case .back: return "back, close, clear filter"
        case .nextFocus: return "next field or section"
        case .previousFocus: return "previous field or section"
        case .pane1: return "My Apps"
        case .pane2: return "Collaborations"
        case .pane3: return "Starred"
        case .pane4: return "Account"
        case .pane5: return "Billing"
        case .pane6: return "Security"
        case .profile: return "profile menu: switch context, add organization, sign out"
        case .help: return "this help"
        case .palette: return "command palette (:apps, :org ID, :theme NAME)"
        case .filter: return "filter as you type"
        case .new: return "new"
        case .edit: return "edit"
        case .delete: return "delete (always confirmed)"
        case .duplicate: return "duplicate app"
        case .transfer: return "transfer personal app to an organization"
        case .copyID: return "copy ID to the clipboard (OSC 52)"
        case .star: return "star"
        case .pin: return "pin / unpin app (pinned come first)"
        case .toggleView: return "grid / list view"
        case .sort: return "cycle sort: updated, name, ascending, descending"
        case .refresh: return "refresh from the database"
        case .redraw: return "repaint the whole screen"
        case .quit: return "quit"
        case .leave: return "leave the organization (asks first)"
        case .inbox: return "invitations you received: accept or decline"
        case .accept: return "accept (an invitation you received)"
        case .train: return "train a new version of the model"
        case .visibility: return "make the model public or private"
        case .upload: return "upload files, folders, CSV or JSON Lines"
        case .label: return "add a concept to the selected inputs"
        case .unlabel: return "remove a concept from the selected inputs"
        case .mark: return "select / unselect the input under the cursor"
        case .cancelJob: return "cancel the running upload or training"
        case .export: return "export what is shown as CSV (Activity, Billing)"
        case .verify: return "check the audit log's chain (Activity)"
        case .previousMonth: return "previous month (Billing)"
        case .nextMonth: return "next month (Billing)"
        case .save: return "save (a workflow's graph)"
        }
    }

    /// Default bindings (PRODUCT.md §3).
    public var defaultKeys: [String] {
        switch self {
        case .up: return ["up", "k"]
        case .down: return ["down", "j"]
        case .left: return ["left", "h"]
        case .right: return ["right", "l"]
        case .top: return ["g", "home"]
        case .bottom: return ["G", "end"]
        case .pageUp: return ["pgup", "ctrl-b"]
        case .pageDown: return ["pgdn", "ctrl-f"]
        case .open: return ["enter"]
        case .back: return ["esc"]
        case .nextFocus: return ["tab"]
        case .previousFocus: return ["shift-tab"]
        case .pane1: return ["1"]
        case .pane2: return ["2"]
        case .pane3: return ["3"]
        case .pane4: return ["4"]
        case .pane5: return ["5"]
        case .pane6: return ["6"]
        case .profile: return ["p"]
        case .help: return ["?"]
        case .palette: return [":"]
        case .filter: return ["/"]
        case .new: return ["n"]
        case .edit: return ["e"]
        case .delete: return ["d"]
        case .duplicate: return ["D"]
        case .transfer: return ["t"]
        case .copyID: return ["y"]
        case .star: return ["s"]
        case .pin: return ["P"]
        case .toggleView: return ["v"]
        case .sort: return ["o"]
        case .refresh: return ["r"]
        case .redraw: return ["ctrl-l"]
        case .quit: return ["q", "ctrl-c"]
        case .leave: return ["L"]
        case .inbox: return ["i"]
        case .accept: return ["a"]
        case .train: return ["T"]
        case .visibility: return ["V"]
        case .upload: return ["u"]
        case .label: return ["+"]
        case .unlabel: return ["-"]
        case .mark: return ["space"]
        case .cancelJob: return ["x"]
        case .export: return ["X"]
        case .verify: return ["C"]
        case .previousMonth: return ["["]
        case .nextMonth: return ["]"]
        case .save: return ["w", "ctrl-s"]
        }
    }
}
