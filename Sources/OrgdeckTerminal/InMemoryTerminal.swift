/// A terminal in memory for tests and the benchmark: events are queued by the test, frames
/// are kept as cell grids, and the bytes a frame would cost are estimated with `AnsiEncoder`.
public final class InMemoryTerminal: TerminalBackend {
    public private(set) var width: Int
    public private(set) var height: Int
    public let colorDepth: ColorDepth
    /// The last presented frame.
    public private(set) var screen: CellGrid
    /// Every sequence given to `writeControl`, in order.
    public private(set) var controlWrites: [String] = []
    /// How many frames were presented.
    public private(set) var presentCount = 0
    /// Estimated bytes of every presented frame together.
    public private(set) var bytesWritten = 0
    /// Estimated bytes of the last presented frame.
    public private(set) var lastFrameBytes = 0
    /// True once `shutdown()` ran.
    public private(set) var isShutDown = false

    private var queue: [KeyEvent] = []
    private var decoder = KeyDecoder()
    private var needsFullRepaint = true

    public init(width: Int, height: Int, colorDepth: ColorDepth = .indexed256) {
        self.width = max(0, width)
        self.height = max(0, height)
        self.colorDepth = colorDepth
        screen = CellGrid(width: self.width, height: self.height)
    }

    /// Queues events for `nextEvent`.
    public func send(_ events: [KeyEvent]) { queue += events }

    /// Queues the events that raw terminal input decodes to (a trailing lone ESC becomes `.escape`).
    public func send(bytes: [UInt8]) {
        queue += decoder.feed(bytes)
        if decoder.awaitsEscapeTimeout { queue += decoder.flush() }
    }

    /// Changes the size and queues the `.resize` event a real terminal would produce.
    public func resize(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        queue.append(.resize(width: self.width, height: self.height))
    }

    /// Events still queued.
    public var pendingEvents: [KeyEvent] { queue }

    public func nextEvent(timeoutMilliseconds: Int) -> KeyEvent? {
        queue.isEmpty ? nil : queue.removeFirst()
    }

    public func present(_ grid: CellGrid) {
        let encoded = AnsiEncoder.encode(grid, previous: needsFullRepaint ? nil : screen)
        lastFrameBytes = encoded.utf8.count + (needsFullRepaint ? 4 : 0)   // + "ESC[2J" style clear
        bytesWritten += lastFrameBytes
        needsFullRepaint = false
        screen = grid
        presentCount += 1
    }

    public func invalidate() { needsFullRepaint = true }

    public func writeControl(_ sequence: String) { controlWrites.append(sequence) }

    public func shutdown() { isShutDown = true }
}
