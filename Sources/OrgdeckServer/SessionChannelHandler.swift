import Foundation
import NIOCore
import NIOSSH
import OrgdeckCore

/// One SSH session channel: it takes the client's pseudo-terminal request, environment and
/// window changes, then a shell request (the console, signed in as the connection's user) or
/// an exec request (one scripting command as that user), and carries bytes both ways until
/// the process ends; its exit status goes back to the client. A channel that closes, a client
/// that goes away, ends the process.
final class SessionChannelHandler: ChannelDuplexHandler, @unchecked Sendable {
    typealias InboundIn = SSHChannelData
    typealias OutboundIn = SSHChannelData
    typealias OutboundOut = SSHChannelData

    let server: SSHServer
    let connection: ConnectionState
    private var terminal: (term: String, rows: Int, columns: Int)?
    private var clientEnvironment: [String: String] = [:]
    private var process: SessionProcess?
    private var context: ChannelHandlerContext?
    private var what = "session"
    /// What the client sent before the process was there to take it: bytes, and its end of input.
    private var early: [UInt8] = []
    private var earlyEnd = false
    private let gate = OutputGate()
    /// Whether the channel reads on its own; off while the process has a backlog of input.
    private var reading = true
    /// Input the process may leave unread before the client is held back (by its SSH window).
    static let inputBacklog = 1 << 20
    /// A shell or exec request was taken: a channel runs one process.
    private var starting = false
    /// The process has ended (its exit may be heard before the channel learns it started).
    private var exited = false

    init(server: SSHServer, connection: ConnectionState) {
        self.server = server; self.connection = connection
    }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
        // A client's end of input must reach a command (`echo … | ssh host inputs upload APP -`).
        context.channel.setOption(ChannelOptions.allowRemoteHalfClosure, value: true).whenFailure { _ in }
    }

    func channelInactive(context: ChannelHandlerContext) {
        process?.terminate(with: SIGHUP)
        gate.open()
        context.fireChannelInactive()
    }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        gate.open()
        context.fireChannelWritabilityChanged()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let message = unwrapInboundIn(data)
        guard case .byteBuffer(let buffer) = message.data, message.type == .channel else { return }
        guard let process else {
            early += buffer.readableBytesView
            // Nothing is dropped: past the backlog the client waits for the process to start.
            if early.count > Self.inputBacklog && reading {
                reading = false
                context.channel.setOption(ChannelOptions.autoRead, value: false).whenFailure { _ in }
            }
            return
        }
        process.send(Array(buffer.readableBytesView))
        holdBack(process, context: context)
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        switch event {
        case let request as SSHChannelRequestEvent.PseudoTerminalRequest:
            terminal = (Self.safeTerm(request.term), Self.clamp(request.terminalRowHeight), Self.clamp(request.terminalCharacterWidth))
            reply(request.wantReply, true)
        case let request as SSHChannelRequestEvent.EnvironmentRequest:
            let accepted = Self.acceptsEnvironment(request.name, request.value) && clientEnvironment.count < 16
            if accepted { clientEnvironment[request.name] = request.value }
            reply(request.wantReply, accepted)
        case let request as SSHChannelRequestEvent.WindowChangeRequest:
            terminal?.rows = Self.clamp(request.terminalRowHeight)
            terminal?.columns = Self.clamp(request.terminalCharacterWidth)
            if let terminal { process?.resize(rows: terminal.rows, columns: terminal.columns) }
        case let request as SSHChannelRequestEvent.ShellRequest:
            start(purpose: .console, arguments: server.consoleArguments, wantReply: request.wantReply)
        case let request as SSHChannelRequestEvent.ExecRequest:
            switch ExecCommand.arguments(request.command) {
            case .success(let arguments):
                what = "command '" + arguments.prefix(2).joined(separator: " ") + "'"
                start(purpose: .command, arguments: arguments, wantReply: request.wantReply)
            case .failure(let refusal):
                reply(request.wantReply, true)
                fail("orgdeck: \(refusal.message)\n", status: 2)
            }
        case let request as SSHChannelRequestEvent.SignalRequest:
            if let signal = ["INT": SIGINT, "TERM": SIGTERM, "HUP": SIGHUP, "KILL": SIGKILL][request.signal] { process?.signal(signal) }
        case let event as ChannelEvent where event == .inputClosed:
            if let process { process.closeInput() } else { earlyEnd = true }
        default:
            if let request = event as? SSHChannelRequestEvent.SubsystemRequest { reply(request.wantReply, false) }
            context.fireUserInboundEventTriggered(event)
        }
    }

    /// Only what changes how things look, never anything that would change what runs or what is
    /// read: a theme by name (a path would name a file on the server), short plain values.
    static func acceptsEnvironment(_ name: String, _ value: String) -> Bool {
        guard value.utf8.count <= 256, !value.contains("\0") else { return false }
        if name == "ORGDECK_THEME" {
            return !value.isEmpty && value.count <= 40 && value.unicodeScalars.allSatisfy {
                $0.isASCII && (CharacterSet.alphanumerics.contains($0) || $0 == "-" || $0 == "_")
            }
        }
        let plainName = name.count <= 32 && name.unicodeScalars.allSatisfy { $0.isASCII && (CharacterSet.uppercaseLetters.contains($0) || $0 == "_") }
        guard plainName else { return false }
        if name == "LANG" || name.hasPrefix("LC_") { return isLocaleName(value) }
        return ["NO_COLOR", "COLORTERM"].contains(name)
    }

    /// A locale's name (`de_DE.UTF-8`, `sr_RS@latin`, `C`), never a path: the C library loads
    /// locale data from a path given as a name.
    static func isLocaleName(_ value: String) -> Bool {
        !value.isEmpty && value.count <= 64 && !value.hasPrefix(".") && !value.contains("..")
            && value.unicodeScalars.allSatisfy { $0.isASCII && (CharacterSet.alphanumerics.contains($0) || "_.@-".unicodeScalars.contains($0)) }
    }

    /// A terminal's rows or columns, at most 500 (a 4K screen in a small font is about 400
    /// columns by 120 rows): a client cannot make each session draw, and hold, a grid of
    /// millions of cells (0, unknown, is left to the console's own default).
    static func clamp(_ cells: Int) -> Int { min(max(cells, 0), 500) }

    /// The client's TERM when it is a plain terminfo name, else xterm-256color: the name
    /// becomes a path in the terminfo database.
    static func safeTerm(_ term: String) -> String {
        let plain = !term.isEmpty && term.count <= 64
            && term.unicodeScalars.allSatisfy { $0.isASCII && (CharacterSet.alphanumerics.contains($0) || "._+-".unicodeScalars.contains($0)) }
        return plain && !term.hasPrefix(".") ? term : "xterm-256color"
    }

    /// Stops reading from the client while the process has a backlog of its input: the SSH
    /// window then stays shut and the client waits, instead of the server buffering for it.
    private func holdBack(_ process: SessionProcess, context: ChannelHandlerContext) {
        guard reading, process.unread > Self.inputBacklog else { return }
        reading = false
        context.channel.setOption(ChannelOptions.autoRead, value: false).whenFailure { _ in }
        resumeReading(when: process, channel: context.channel)
    }

    /// Reads from the client again once `process` has taken all it was sent.
    private func resumeReading(when process: SessionProcess, channel: Channel) {
        process.whenInputDrained { [self] in
            channel.eventLoop.execute {
                self.reading = true
                channel.setOption(ChannelOptions.autoRead, value: true).whenFailure { _ in }
                channel.read()
            }
        }
    }

    private func reply(_ wanted: Bool, _ success: Bool) {
        guard wanted, let context else { return }
        context.triggerUserOutboundEvent(success ? ChannelSuccessEvent() : ChannelFailureEvent(), promise: nil)
    }

    /// Starts the session's process, once per channel, within the server's limit of sessions.
    private func start(purpose: SSHTicketPurpose, arguments: [String], wantReply: Bool) {
        guard !starting, let context, let (user, peer) = connection.account else { return reply(wantReply, false) }
        starting = true
        if purpose == .console && terminal == nil {
            reply(wantReply, true)
            return fail("orgdeck: the console needs a terminal: connect with ssh -t, or give a command (ssh HOST apps list)\n", status: 2)
        }
        if server.isStopping {
            reply(wantReply, true)
            return fail("orgdeck: the server is stopping\n", status: 1)
        }
        switch server.sessions.reserve(for: user.username) {
        case nil: break
        case .full:
            reply(wantReply, true)
            return fail("orgdeck: the server holds its most sessions (\(server.configuration.maxSessions)); try again soon\n", status: 1)
        case .userFull:
            reply(wantReply, true)
            return fail("orgdeck: you hold \(server.sessions.userLimit) sessions, the most one account may; end one first\n", status: 1)
        }
        reply(wantReply, true)
        let loop = context.eventLoop
        let channel = context.channel
        // Read here, on the channel's loop, what the process is started with elsewhere.
        let size = terminal.map { (rows: $0.rows, columns: $0.columns) }
        let environment = server.environment(term: terminal?.term ?? "dumb", client: clientEnvironment)
        server.queue.async { [self] in
            do {
                let ticket = try server.service.issueSSHTicket(for: user, purpose: purpose, peer: peer)
                let started = try SessionProcess(
                    executable: server.configuration.executable, arguments: arguments, environment: environment,
                    ticket: ticket, terminal: size,
                    output: { [gate] stream, bytes in
                        loop.execute {
                            var buffer = channel.allocator.buffer(capacity: bytes.count)
                            buffer.writeBytes(bytes)
                            channel.writeAndFlush(SSHChannelData(type: stream == .stderr ? .stdErr : .channel, data: .byteBuffer(buffer)),
                                                  promise: nil)
                        }
                        gate.wait(for: channel)
                    },
                    finished: { [self] status in
                        server.sessions.release(for: user.username)
                        server.queue.async { [server, what] in
                            server.service.recordSSHSessionEnd(peer, detail: "\(what) ended, exit \(status)")
                        }
                        loop.execute {
                            self.exited = true
                            if let process = self.process { self.server.sessions.forget(process) }
                            // A console a signal killed before it could put the client's terminal back.
                            if purpose == .console && Self.leavesTerminalUnrestored(status) { self.write(Self.terminalReset, stream: .channel) }
                            self.finish(status: status)
                        }
                    })
                loop.execute { [self] in
                    process = started
                    if !exited { server.sessions.track(started) }
                    if !early.isEmpty { started.send(early); early = [] }
                    if earlyEnd { started.closeInput() }
                    if !reading { resumeReading(when: started, channel: channel) }
                    if !channel.isActive { started.terminate(with: SIGHUP) }
                }
            } catch {
                server.sessions.release(for: user.username)
                loop.execute { [self] in fail("orgdeck: the session could not start: \(error)\n", status: 1) }
            }
        }
    }

    /// Leaves the alternate screen, shows the cursor, ends mouse reporting, bracketed paste and
    /// colours: what a console that exits normally does itself.
    static let terminalReset = "\u{1B}[?1000l\u{1B}[?1002l\u{1B}[?1006l\u{1B}[?2004l\u{1B}[0m\u{1B}[?25h\u{1B}[?1049l\r\n"

    /// Whether the console ended by a signal it does not catch (SIGKILL, SIGQUIT, …): it restores
    /// the terminal itself on SIGINT, SIGTERM and SIGHUP, and on SIGSEGV, SIGABRT, SIGILL, SIGTRAP and SIGBUS.
    static func leavesTerminalUnrestored(_ status: Int32) -> Bool {
        status > 128 && ![SIGHUP, SIGINT, SIGTERM, SIGSEGV, SIGABRT, SIGILL, SIGTRAP, SIGBUS].contains(status - 128)
    }

    private func write(_ text: String, stream: SSHChannelData.DataType) {
        guard let context else { return }
        var buffer = context.channel.allocator.buffer(capacity: text.utf8.count)
        buffer.writeString(text)
        context.channel.write(SSHChannelData(type: stream, data: .byteBuffer(buffer)), promise: nil)
    }

    /// Sends the exit status after everything written, then closes the channel.
    private func finish(status: Int32) {
        guard let context else { return }
        let channel = context.channel
        let flushed = channel.writeAndFlush(SSHChannelData(type: .channel, data: .byteBuffer(channel.allocator.buffer(capacity: 0))))
        flushed.whenComplete { _ in
            channel.triggerUserOutboundEvent(SSHChannelRequestEvent.ExitStatus(exitStatus: Int(status))).whenComplete { _ in
                channel.close(mode: .output, promise: nil)
                channel.close(promise: nil)
            }
        }
    }

    /// Tells the client why on its standard error, then ends the channel with `status`.
    private func fail(_ message: String, status: Int32) {
        write(message, stream: .stdErr)
        finish(status: status)
    }
}
