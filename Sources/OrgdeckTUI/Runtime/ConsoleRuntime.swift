import Foundation
import OrgdeckCore
import OrgdeckTerminal
import OrgdeckViewModels

/// The run loop: reads events from a terminal backend, feeds them to the console view model,
/// performs the effects, notices changes made by other processes, and presents frames.
/// Every terminal call happens on the thread that calls `step`/`run`.
public final class ConsoleRuntime {
    public let model: ConsoleViewModel
    let backend: TerminalBackend
    let service: OrgService
    let router: InputRouter
    var theme: Theme
    let themeDirectories: [String]
    let memory: ThemeMemory?
    let noColor: Bool
    let environment: [String: String]
    let copier: Copier
    /// The body size last told to the model.
    var lastViewport: (rows: Int, columns: Int)?
    var firstFrameDone = false
    /// The clock for relative times and flash fading; tests fix it.
    let clock: () -> Date
    var lastPainter: Painter?
    var lastChangeToken: Int64?
    var lastPoll = Date.distantPast
    var flashShownAt: Date?
    var lastFlash: Flash?
    var lastContextKey: String?
    /// The theme the run started with (the config's, or the default): where a context with no
    /// theme of its own, or another user after a sign-out, comes back to.
    let startTheme: Theme
    /// A theme named for this run (`--theme`, `ORGDECK_THEME`) holds over the remembered ones.
    public var themeIsFixed = false
    var dirty = true
    public private(set) var isFinished = false
    /// Uploads and training, off this loop.
    let jobs: BackgroundJobs

    /// How long a flash stays, and how often other sessions' changes are looked for.
    static let flashSeconds: TimeInterval = 4
    static let pollSeconds: TimeInterval = 0.3

    public init(model: ConsoleViewModel, backend: TerminalBackend, service: OrgService, keyMap: KeyMap, theme: Theme,
                themeDirectories: [String], memory: ThemeMemory?, environment: [String: String],
                clipboard: ClipboardMode = .auto, isTerminal: Bool = true, copier: Copier? = nil,
                clock: @escaping () -> Date = { Date() }) {
        self.model = model
        self.backend = backend
        self.service = service
        self.router = InputRouter(keyMap: keyMap)
        self.themeDirectories = themeDirectories
        self.memory = memory
        self.environment = environment
        self.noColor = ColorDepth.noColorRequested(environment: environment)
        self.clock = clock
        self.theme = theme.resolving(depth: backend.colorDepth, noColor: noColor)
        self.startTheme = self.theme
        self.copier = copier ?? Copier(mode: clipboard, environment: environment, isTerminal: isTerminal)
        self.jobs = BackgroundJobs(service: service)
    }

    /// Runs until the user quits or a termination signal arrives.
    public func run() {
        paintFirstFrame()
        // The worker that trains queued versions, here and from the CLI, while the console is open.
        jobs.startTrainer()
        jobs.startMetering()
        while !isFinished {
            if TerminalSignals.pendingTermination { break }
            step(timeoutMilliseconds: 100)
        }
        jobs.stop()
    }

    /// The first frame, in the theme last chosen in the context the console opens in (a
    /// restored place or a demo's), then what the frame did not wait for.
    public func paintFirstFrame() {
        rememberContextTheme()
        render()
        finishFirstFrame()
    }

    /// Once the first frame is on screen: what it did not wait for — the theme names for `:theme`,
    /// the change token to poll against, and the model's deferred counts and badges.
    public func finishFirstFrame() {
        guard !firstFrameDone else { return }
        firstFrameDone = true
        // Background work starts after this: reads get their own connections again.
        service.startupFinished()
        model.themeNames = ThemeCatalog(searchPaths: themeDirectories).names()
        lastChangeToken = try? service.changeToken()
        lastPoll = Date()
        model.send(.firstFramePainted)
        dirty = true
        render()
    }

    /// One turn of the loop: at most one input event, a change poll, the flash fade, a frame if needed.
    public func step(timeoutMilliseconds: Int) {
        if let key = backend.nextEvent(timeoutMilliseconds: timeoutMilliseconds) {
            handle(key)
        } else if firstFrameDone && !model.isSettled {
            // The keyboard rested for a whole timeout: now the work typing skipped.
            model.send(.idle)
            dirty = true
        }
        deliverJobReports()
        pollForChanges()
        fadeFlash()
        if dirty { render() }
    }

    /// Hands what background work reported to the model, in order.
    func deliverJobReports() {
        for report in jobs.drain() {
            perform(model.send(.job(report)))
            dirty = true
        }
    }

    /// Handles one decoded key, mouse or resize event.
    public func handle(_ key: KeyEvent) {
        dirty = true
        switch key {
        case .resize: return
        case .mouse(let mouse) where !isTooSmall: handleMouse(mouse); return
        case .mouse: return
        default: break
        }
        guard let event = router.event(for: key, acceptsText: model.acceptsText) else { return }
        // While the console is hidden behind the size notice a key would act unseen (submit a
        // form, confirm a dialog): only quitting and redrawing are taken.
        if isTooSmall && event != .quit && event != .redraw { return }
        // A theme dropped into a themes folder while the console runs is offered by `:theme`.
        if event == .palette && firstFrameDone { model.themeNames = ThemeCatalog(searchPaths: themeDirectories).names() }
        perform(model.send(event))
        rememberContextTheme()
    }

    /// Whether the terminal is below the size the console draws in, so the size notice shows.
    var isTooSmall: Bool {
        backend.width < ConsoleRenderer.minimumWidth || backend.height < ConsoleRenderer.minimumHeight
    }

    func handleMouse(_ mouse: MouseEvent) {
        switch mouse.kind {
        case .wheelUp: perform(model.send(.move(.up)))
        case .wheelDown: perform(model.send(.move(.down)))
        case .press:
            if let event = lastPainter?.event(atX: mouse.x, y: mouse.y) {
                let before = model.myApps?.state.cursor
                perform(model.send(event))
                // A click on the row already selected opens it, like a double click.
                if case .selectIndex = event, model.state.overlay == .none, model.myApps?.state.cursor == before,
                   model.state.screen == .pane(.myApps) {
                    perform(model.send(.open))
                }
            }
        }
    }

    func perform(_ effects: [Effect]) {
        for effect in effects {
            switch effect {
            case .quit: isFinished = true
            case .redraw: backend.invalidate()
            case .copy(let text): copy(text, shown: nil)
            case .copySecret(let secret, let what): copy(secret, shown: what)
            case .applyTheme(let name): applyTheme(name, remember: true)
            case .job(let request): jobs.perform(request, session: model.state.session)
            }
        }
    }

    /// Copies `text` and says where it went (naming it as `shown` when given: a secret).
    private func copy(_ text: String, shown: String?) {
        let result = copier.copy(text, shown: shown) { backend.writeControl($0) }
        model.flash(result.ok ? .info(result.message) : .warn(result.message))
    }

    /// Loads and applies a theme; a broken file keeps the current theme and says why.
    public func applyTheme(_ name: String, remember: Bool) {
        do {
            // Over SSH, names only: a path would open the server's files for a remote user.
            let loaded = try Theme.load(named: name, searchPaths: themeDirectories, paths: !model.remote)
            theme = loaded.resolving(depth: backend.colorDepth, noColor: noColor)
            backend.invalidate()
            if remember, let key = contextKey {
                try? memory?.remember(name, for: key)
                model.flash(.info("theme \(name)"))
            }
        } catch {
            model.flash(.error("\(error)"))
        }
        dirty = true
    }

    var contextKey: String? {
        guard let user = model.state.session?.user.username else { return nil }
        return ThemeMemory.key(user: user, context: model.state.context.description)
    }

    /// After a context switch, a sign-in or a sign-out, brings back the theme last chosen in
    /// that context by that user, else the run's own: one user's theme does not follow the next
    /// user who signs in at the same terminal.
    func rememberContextTheme() {
        let key = contextKey
        guard key != lastContextKey else { return }
        lastContextKey = key
        guard !themeIsFixed else { return }
        if let key, let name = memory?.theme(for: key) {
            guard name != theme.name else { return }
            let flash = model.state.flash
            applyTheme(name, remember: false)
            if model.state.flash?.level != .error { model.flash(flash) }
        } else if theme.name != startTheme.name {
            theme = startTheme
            backend.invalidate()
            dirty = true
        }
    }

    /// Looks for commits by other connections (other SSH sessions, the CLI) a few times a second.
    func pollForChanges() {
        guard firstFrameDone else { return }
        let now = Date()
        guard now.timeIntervalSince(lastPoll) >= Self.pollSeconds else { return }
        lastPoll = now
        guard let token = try? service.changeToken() else { return }
        if let last = lastChangeToken, token != last {
            model.send(.externalChange)
            dirty = true
        }
        lastChangeToken = token
    }

    func fadeFlash() {
        let now = clock()
        if model.state.flash != lastFlash {
            lastFlash = model.state.flash
            flashShownAt = now
            dirty = true
        } else if lastFlash != nil, let shown = flashShownAt, now.timeIntervalSince(shown) > Self.flashSeconds {
            model.flash(nil)
            lastFlash = nil
            dirty = true
        }
    }

    /// Draws the state and presents it; the backend sends only what changed.
    public func render() {
        let width = backend.width, height = backend.height
        let body = ConsoleRenderer.body(width: width, height: height)
        if lastViewport.map({ $0 != body }) ?? true {
            lastViewport = body
            model.send(.viewport(rows: body.rows, columns: body.columns))
        }
        let renderer = ConsoleRenderer(keyMap: router.keyMap, now: clock())
        let painter = renderer.render(model, theme: theme, width: width, height: height)
        backend.present(painter.grid)
        lastPainter = painter
        dirty = false
    }
}
