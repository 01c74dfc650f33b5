// orgdeck-bench: measures the bars of PRODUCT.md §11 on a large database and prints them.
// Figures are printed, never asserted: timing belongs here, not in the test suite.
import Foundation
import OrgdeckCore
import OrgdeckTerminal
import OrgdeckTUI
import OrgdeckViewModels

let arguments = CommandLine.arguments
let rebuild = arguments.contains("--rebuild")
let appCount = arguments.firstIndex(of: "--apps").flatMap { Int(arguments[$0 + 1]) } ?? 100_000
let path = arguments.firstIndex(of: "--db").map { arguments[$0 + 1] }
    ?? NSTemporaryDirectory() + "orgdeck-bench-\(appCount).sqlite"

/// Prints a line at once (stdout to a file is block-buffered, and curses runs in between).
func say(_ line: String) { FileHandle.standardOutput.write(Data((line + "\n").utf8)) }

func seconds(_ work: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try work()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

func ms(_ value: Double) -> String { String(format: "%8.3f ms", value * 1000) }

func percentile(_ samples: [Double], _ p: Double) -> Double {
    let sorted = samples.sorted()
    guard !sorted.isEmpty else { return 0 }
    return sorted[min(sorted.count - 1, Int((Double(sorted.count - 1) * p).rounded()))]
}

func peakMemoryMiB() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_maxrss) / 1024
}

// 1. The large database (built once, reused).
if rebuild { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
if !FileManager.default.fileExists(atPath: path) {
    let build = try seconds {
        let service = try OrgService.open(path: path)
        try service.seedLarge(apps: appCount, users: 20_000, organizations: 200)
    }
    say("built \(path): \(appCount) apps, 20000 users, 200 organizations in \(String(format: "%.1f", build)) s")
} else {
    say("reusing \(path) (--rebuild to build it again)")
}

// 2. A bare ncurses program: start curses, paint one blank frame, end — through the same meter
//    (output to a file, so no terminal is needed).
func bareCursesFrame() -> Double {
    let blank = CellGrid(width: 120, height: 40)
    return seconds { _ = CursesByteMeter.bytesPerFrame(frames: [blank]) }
}

// 3. The console's first frame: open the database, sign in the demo admin, build the view
//    models, render, paint through real ncurses.
func consoleFirstFrame(path: String, context: Context) throws -> (Double, ConsoleViewModel, OrgService) {
    var model: ConsoleViewModel!
    var service: OrgService!
    let time = try seconds {
        service = try OrgService.open(path: path)
        let user = try service.user(username: DemoAccounts.admin)
        model = ConsoleViewModel(service: service, session: Session(user: user, source: .tui))
        if context != .personal { model.switchContext(context) }
        let renderer = ConsoleRenderer(keyMap: KeyMap(), now: Date())
        let painter = renderer.render(model, theme: Theme.builtin, width: 120, height: 40)
        _ = CursesByteMeter.bytesPerFrame(frames: [painter.grid])
    }
    return (time, model, service)
}

let bare = (0..<5).map { _ in bareCursesFrame() }.min() ?? 0
let demoPath = NSTemporaryDirectory() + "orgdeck-bench-demo.sqlite"
if !FileManager.default.fileExists(atPath: demoPath) { try OrgService.open(path: demoPath).seedDemo() }
let demoFirst = try (0..<3).map { _ in try consoleFirstFrame(path: demoPath, context: .organization(DemoAccounts.organizationID)).0 }.min() ?? 0
var largeFirst = Double.infinity
var model: ConsoleViewModel!
for _ in 0..<3 {
    let (time, m, _) = try consoleFirstFrame(path: path, context: .organization(DemoAccounts.organizationID))
    largeFirst = min(largeFirst, time)
    model = m
}
say("")
say("first frame (120×40)")
say("  bare ncurses init + refresh      \(ms(bare))")
say("  console, demo database           \(ms(demoFirst))   (\(String(format: "%.1f", demoFirst / max(bare, 1e-9)))× bare)")
say("  console, large database          \(ms(largeFirst))   (\(String(format: "%.1f", largeFirst / max(bare, 1e-9)))× bare; \(model.myApps?.state.total ?? 0) apps in the context)")

// 4. Keystrokes: each is handled by the view model and drawn into a frame, as the runtime does.
let terminal = InMemoryTerminal(width: 120, height: 40)
let runtime = ConsoleRuntime(model: model, backend: terminal, service: try OrgService.open(path: path), keyMap: KeyMap(),
                             theme: Theme.builtin, themeDirectories: [], memory: nil, environment: [:])
runtime.render()
@MainActor func keystrokes(_ keys: [KeyEvent]) -> [Double] {
    keys.map { key in seconds { runtime.handle(key); runtime.render() } }
}
var moves: [Double] = []
for _ in 0..<4 {
    moves += keystrokes(Array(repeating: .char("j"), count: 250))
    moves += keystrokes(Array(repeating: .char("k"), count: 250))
}
runtime.handle(.char("/"))
var filters: [Double] = []
for word in ["vision", "support", "fraud", "invoice", "speech"] {
    filters += keystrokes(word.map { .char($0) })
    filters += keystrokes(Array(repeating: .backspace, count: word.count))
}
runtime.handle(.escape)
say("")
say("keystroke handled and drawn (large database)")
say("  cursor move   p50 \(ms(percentile(moves, 0.5)))   p99 \(ms(percentile(moves, 0.99)))   (\(moves.count) keys)")
say("  filter key    p50 \(ms(percentile(filters, 0.5)))   p99 \(ms(percentile(filters, 0.99)))   (\(filters.count) keys)")

// 5. Bytes ncurses writes for a one-row cursor move in the list view at 120×40.
model.send(.toggleView)
if model.myApps?.state.layout != .list { model.send(.toggleView) }
let renderer = ConsoleRenderer(keyMap: KeyMap(), now: Date())
model.send(.viewport(rows: ConsoleRenderer.appsViewport(width: 120, height: 40, layout: .list).rows, gridColumns: 1))
model.send(.top)
model.send(.move(.down))
let before = renderer.render(model, theme: Theme.builtin, width: 120, height: 40).grid
model.send(.move(.down))
let after = renderer.render(model, theme: Theme.builtin, width: 120, height: 40).grid
let bytes = CursesByteMeter.bytesPerFrame(frames: [before, after])
say("")
say("terminal bytes, list view 120×40")
if bytes.count == 2 {
    say("  full first frame                 \(bytes[0]) bytes")
    say("  one-row cursor move              \(bytes[1]) bytes")
} else {
    say("  ncurses could not start for xterm-256color")
}
say("")
say(String(format: "peak memory (resident)            %.1f MiB", peakMemoryMiB()))
say("note: inputs and usage events are not part of the schema yet, so the large database holds apps, users and organizations only")
