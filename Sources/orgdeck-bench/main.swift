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
let inputCount = arguments.firstIndex(of: "--inputs").flatMap { Int(arguments[$0 + 1]) } ?? 1_000_000
let usageCount = arguments.firstIndex(of: "--usage").flatMap { Int(arguments[$0 + 1]) } ?? 5_000_000
let auditCount = arguments.firstIndex(of: "--audit").flatMap { Int(arguments[$0 + 1]) } ?? 1_000_000
let path = arguments.firstIndex(of: "--db").map { arguments[$0 + 1] }
    ?? NSTemporaryDirectory() + "orgdeck-bench-v11-\(appCount)-\(inputCount)-\(usageCount)-\(auditCount).sqlite"

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

// 1. The large database (built once, reused), by a process of its own so that the peak memory
//    below is the console's work alone.
if arguments.contains("--seed-only") {
    let seeding = try OrgService.open(path: path)
    try seeding.seedLarge(apps: appCount, users: 20_000, organizations: 200, inputs: inputCount)
    try seeding.seedLargeUsage(count: usageCount)
    try seeding.seedLargeAudit(count: auditCount)
    exit(0)
}
if rebuild { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
if !FileManager.default.fileExists(atPath: path) {
    let build = try seconds {
        let seeder = Process()
        seeder.executableURL = URL(fileURLWithPath: CommandLine.arguments[0])
        seeder.arguments = ["--seed-only", "--apps", "\(appCount)", "--inputs", "\(inputCount)", "--usage", "\(usageCount)",
                            "--audit", "\(auditCount)", "--db", path]
        try seeder.run()
        seeder.waitUntilExit()
        guard seeder.terminationStatus == 0 else {
            say("building \(path) failed")
            exit(1)
        }
    }
    say("built \(path): \(appCount) apps, 20000 users, 200 organizations, \(inputCount) inputs, \(usageCount) usage events, "
        + "\(auditCount) audit entries in \(String(format: "%.1f", build)) s")
} else {
    say("reusing \(path) (--rebuild to build it again)")
    // A database from an older schema is brought up to date here, not inside a timed first frame.
    _ = try OrgService.open(path: path)
}

// 2. First frame through a pseudo-terminal, as a user sees it: the bare curses program, then the
//    console binary beside this one on the demo and on the large database, median of eleven runs taken in turns.
let folder = NSTemporaryDirectory() + "orgdeck-bench-\(getpid())"
try FileManager.default.createDirectory(atPath: folder + "/state/orgdeck", withIntermediateDirectories: true)
// The demo admin lands in the demo organization's My Apps, the biggest list of the large database.
try Data(#"{"ada":{"context":"acme","pane":1}}"#.utf8).write(to: URL(fileURLWithPath: folder + "/state/orgdeck/places.json"))
let consoleBinary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("orgdeck").path
guard FileManager.default.isExecutableFile(atPath: consoleBinary) else {
    say("no console binary at \(consoleBinary): build it first (bash scripts/bench does)")
    exit(1)
}
// The bench's databases are written by this process (with a key of its own) and by the console
// and the server it starts (with the folder's): their audit logs are not what is measured, so the
// children seal with the key at hand instead of refusing a log sealed with another.
let ptyEnvironment = ["HOME": folder, "XDG_STATE_HOME": folder + "/state", "XDG_CONFIG_HOME": folder + "/config",
                      "XDG_DATA_HOME": folder + "/data", "TERM": "xterm-256color", "LANG": "C.UTF-8",
                      "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin", "ORGDECK_AUDIT_NEW_KEY": "1"]
let demoPath = folder + "/demo.sqlite"
try OrgService.open(path: demoPath).seedDemo()
let bareBinary = try BareCurses.build(in: folder)
let helloBinary = try SwiftHello.build(in: folder)
let floorBinary = try SwiftFloor.build(in: folder)
// The programs take turns, round after round: a machine that slows down for a while (another
// guest, a frequency change) then slows all five alike instead of skewing one ratio.
let firstFrameRounds = 11
let firstFramePrograms = [[bareBinary], [consoleBinary, "demo", "--db", demoPath], [consoleBinary, "demo", "--db", path],
                          [helloBinary], [floorBinary, demoPath]]
var firstFrameTimes = Array(repeating: [Double](), count: firstFramePrograms.count)
for _ in 0..<firstFrameRounds {
    for (index, program) in firstFramePrograms.enumerated() {
        firstFrameTimes[index].append(try PtyRun.timeToMarker(program, environment: ptyEnvironment, marker: "help", quit: "q"))
    }
}
let (bare, demoFirst, largeFirst) = (PtyRun.median(firstFrameTimes[0]), PtyRun.median(firstFrameTimes[1]),
                                     PtyRun.median(firstFrameTimes[2]))
let (hello, swiftFloor) = (PtyRun.median(firstFrameTimes[3]), PtyRun.median(firstFrameTimes[4]))
// Help ends with its subcommand list; the process exits by itself.
let helpAlone = PtyRun.median(try (0..<5).map { _ in
    try PtyRun.timeToMarker([consoleBinary, "--help"], environment: ptyEnvironment, marker: "SUBCOMMANDS", quit: "")
})
say("")
say("first frame through a pseudo-terminal (120×40, median of \(firstFrameRounds), taking turns)")
say("  bare ncurses program (C)         \(ms(bare))")
say("  Swift printing one line          \(ms(hello))   (any Swift process with Foundation)")
say("  Swift reading SQLite into curses \(ms(swiftFloor))   (\(String(format: "%.1f", swiftFloor / max(bare, 1e-9)))× bare; the floor of a Swift console)")
say("  console, demo database           \(ms(demoFirst))   (\(String(format: "%.1f", demoFirst / max(bare, 1e-9)))× bare)")
say("  console, large database          \(ms(largeFirst))   (\(String(format: "%.1f", largeFirst / max(bare, 1e-9)))× bare)")
say("  orgdeck --help alone             \(ms(helpAlone))")
// `--first-frame`: only the figures above, to check a change to start-up in a minute.
if arguments.contains("--first-frame") { exit(0) }

// 3. The console's models on the large database, in process, for the keystroke figures.
let service = try OrgService.open(path: path)
let adminSession = Session(user: try service.user(username: DemoAccounts.admin), source: .tui)
let model = ConsoleViewModel(service: service, session: adminSession)
model.switchContext(.organization(DemoAccounts.organizationID))
model.send(.firstFramePainted)

// 4. Keystrokes: each is handled by the view model and drawn into a frame, as the runtime does.
let terminal = InMemoryTerminal(width: 120, height: 40)
let runtime = ConsoleRuntime(model: model, backend: terminal, service: service, keyMap: KeyMap(),
                             theme: Theme.builtin, themeDirectories: [], memory: nil, environment: [:])
runtime.render()
/// Each key handled by the runtime and drawn into a frame, as the terminal loop does; seconds each.
@MainActor func keystrokes(_ runtime: ConsoleRuntime, _ keys: [KeyEvent]) -> [Double] {
    keys.map { key in seconds { runtime.handle(key); runtime.render() } }
}
var moves: [Double] = []
for _ in 0..<4 {
    moves += keystrokes(runtime, Array(repeating: .char("j"), count: 250))
    moves += keystrokes(runtime, Array(repeating: .char("k"), count: 250))
}
runtime.handle(.char("/"))
var filters: [Double] = []
for word in ["vision", "support", "fraud", "invoice", "speech"] {
    filters += keystrokes(runtime, word.map { .char($0) })
    filters += keystrokes(runtime, Array(repeating: .backspace, count: word.count))
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
let body = ConsoleRenderer.body(width: 120, height: 40)
model.send(.viewport(rows: body.rows, columns: body.columns))
model.send(.top)
model.send(.move(.down))
let before = renderer.render(model, theme: Theme.builtin, width: 120, height: 40).grid
model.send(.move(.down))
let after = renderer.render(model, theme: Theme.builtin, width: 120, height: 40).grid
let bytes = CursesByteMeter.bytesPerFrame(frames: [before, after])
say("")
say("terminal bytes, the organization's list view 120×40")
if bytes.count == 2 {
    say("  full first frame                 \(bytes[0]) bytes")
    say("  one-row cursor move              \(bytes[1]) bytes")
} else {
    say("  ncurses could not start for xterm-256color")
}
try LargeInputsBench.run(runtime: runtime, model: model, service: service, session: adminSession)
try BillingBench.run(runtime: runtime, model: model, service: service, session: adminSession)
say("")
say(String(format: "peak memory (resident)            %.1f MiB   (the bar: under 64 MiB; everything above, in this process)", peakMemoryMiB()))
try InputsBench.run(folder: folder)
try CorpusBench.run(folder: folder)
try SSHBench.run(binary: consoleBinary, database: demoPath, folder: folder, environment: ptyEnvironment, localFirst: demoFirst)
try? FileManager.default.removeItem(atPath: folder)
