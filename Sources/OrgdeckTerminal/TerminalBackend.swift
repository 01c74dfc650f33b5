/// What the console runtime draws to and reads from. `CursesTerminal` is the real one;
/// `InMemoryTerminal` serves tests and the benchmark.
public protocol TerminalBackend: AnyObject {
    var width: Int { get }
    var height: Int { get }
    var colorDepth: ColorDepth { get }
    /// Waits up to `timeoutMilliseconds` for the next event; nil on timeout.
    func nextEvent(timeoutMilliseconds: Int) -> KeyEvent?
    /// Presents a frame, sending only what changed since the last one.
    func present(_ grid: CellGrid)
    /// Forces a full repaint on the next present (the explicit redraw key).
    func invalidate()
    /// Writes an escape sequence straight to the terminal (OSC 52 copy).
    func writeControl(_ sequence: String)
    /// Restores the terminal (idempotent).
    func shutdown()
}
