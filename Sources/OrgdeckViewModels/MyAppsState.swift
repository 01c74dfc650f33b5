import OrgdeckCore

/// How My Apps lays out its apps.
public enum AppLayout: String, Equatable, Sendable { case grid, list }

/// Everything My Apps shows: a window of the apps of the current context around the cursor.
public struct MyAppsState: Equatable, Sendable {
    public var context: Context
    public var filter: TextField
    /// Whether keystrokes go to the filter.
    public var filtering: Bool
    public var sort: AppSort
    public var ascending: Bool
    public var layout: AppLayout
    /// The loaded window of apps; `windowOffset` is the index of its first item in the whole list.
    public var window: [App]
    public var windowOffset: Int
    /// How many apps match the filter in the whole context.
    public var total: Int
    /// False until the apps are counted (after the first frame): `total` is then a lower bound.
    public var totalIsExact: Bool
    /// The ID of the app under the cursor: the cursor follows it across re-sorts and reloads.
    /// A filter that matches nothing keeps it, so erasing the filter finds the app again.
    public var selectedID: String?
    /// The app the user last put the cursor on themselves (not where a filter moved it): an
    /// erased filter returns to it, though a keystroke in between hid it.
    public var anchorID: String?
    /// Absolute index of the cursor in the filtered list.
    public var cursor: Int
    /// The body's rows and columns, set by the screen.
    public var bodyRows: Int
    public var bodyColumns: Int
    /// First visible row (list rows, or card rows in the grid), kept so the cursor stays in view.
    public var scrollTop: Int
    /// Why the list could not be loaded, if it could not.
    public var error: String?

    public init(context: Context) {
        self.context = context
        self.filter = TextField("", maxLength: 100)
        self.filtering = false
        self.sort = .updated
        self.ascending = false
        self.layout = .grid
        self.window = []
        self.windowOffset = 0
        self.total = 0
        self.totalIsExact = true
        self.selectedID = nil
        self.cursor = 0
        self.bodyRows = 20
        self.bodyColumns = 80
        self.scrollTop = 0
        self.error = nil
    }

    /// The app under the cursor, when loaded.
    public var selected: App? {
        let index = cursor - windowOffset
        return window.indices.contains(index) ? window[index] : nil
    }

    /// The app at absolute index `index`, when it is in the loaded window.
    public func app(at index: Int) -> App? {
        let local = index - windowOffset
        return window.indices.contains(local) ? window[local] : nil
    }

    /// A card of the grid is this many columns wide and rows high (its border included).
    public static let cardWidth = 26
    public static let cardHeight = 5

    /// Visible rows: table rows under the title and header, or card rows in the grid.
    public var viewportRows: Int {
        layout == .list ? max(1, bodyRows - 2) : max(1, (bodyRows - 1) / Self.cardHeight)
    }

    /// Cards per grid row (1 in the list).
    public var gridColumns: Int { max(1, (bodyColumns - 1) / Self.cardWidth) }

    /// The label of the current order, e.g. "updated ↓".
    public var sortLabel: String {
        "\(sort == .updated ? "updated" : "name") \(ascending ? "↑" : "↓")"
    }
}
