import CZMQ
import Foundation
import TEIEngine
import TEIREPL
import TEIRender

/// The kernel's sockets and threads. The shell thread owns the shell and stdin sockets and runs
/// cells one at a time; the calling thread owns control (interrupt, shutdown) and watches the
/// parent process and the stop signals; the heartbeat thread echoes pings. Iopub is shared,
/// behind a lock: cells publish their outputs on it, control its busy and idle.
public final class KernelServer {
    private let codec: MessageCodec
    private let session = UUID().uuidString.lowercased()
    private let context: ZMQContext
    private let shell: ZMQSocket
    private let control: ZMQSocket
    private let stdin: ZMQSocket
    private let iopub: ZMQSocket
    private let heartbeat: ZMQSocket
    private let iopubLock = NSLock()
    private let requests: KernelRequests
    private let state = KernelState()
    /// The process that started the kernel: when it is gone, so is the kernel.
    private let parent = getppid()

    /// Binds every channel of `connection`, for a notebook over a session with `options` whose
    /// relative paths resolve in `baseDirectory` (the notebook's folder: Jupyter starts the kernel
    /// there), on the local cache or on the backend `backend` makes (a server).
    public init(connection: ConnectionInfo, options: SessionOptions, maxRows: Int,
                baseDirectory: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath),
                backend: BackendMaker? = nil) throws {
        let sink = StreamSink()
        // Text and charts as `tei run` prints them into a file (80 columns, whole cells), so a
        // notebook's text shows what the script shows; diagnostics in colour, which Jupyter renders.
        let text = TerminalInfo(width: TerminalInfo.defaultWidth, height: maxRows + 8, fitsTables: false)
        let notebook = Notebook(session: try Session(options: options, backend: backend), sink: sink, terminal: text,
                                colorDiagnostics: true, baseDirectory: baseDirectory)
        notebook.maxRows = maxRows
        codec = MessageCodec(key: connection.key)
        context = try ZMQContext()
        shell = try ZMQSocket(context: context, type: ZMQ_ROUTER, endpoint: connection.endpoint(port: connection.shellPort))
        control = try ZMQSocket(context: context, type: ZMQ_ROUTER, endpoint: connection.endpoint(port: connection.controlPort))
        stdin = try ZMQSocket(context: context, type: ZMQ_ROUTER, endpoint: connection.endpoint(port: connection.stdinPort))
        iopub = try ZMQSocket(context: context, type: ZMQ_PUB, endpoint: connection.endpoint(port: connection.iopubPort))
        heartbeat = try ZMQSocket(context: context, type: ZMQ_REP, endpoint: connection.endpoint(port: connection.heartbeatPort))
        requests = KernelRequests(notebook: notebook, sink: sink)
    }

    /// Asks the kernel to stop as a shutdown request would; safe from any thread (a signal's).
    public func requestStop() { state.requestStop() }

    /// Stops the running cell, if any, as an interrupt request would; safe from any thread.
    public func interrupt() { requests.notebook.interrupt() }

    /// Serves until a shutdown request, a stop signal or the parent's death; then closes every
    /// socket (sending what is queued) and returns.
    public func run() {
        let heartbeatThread = Thread { [heartbeat] in
            while let ping = heartbeat.receive() { heartbeat.send(ping) }
            heartbeat.close()
        }
        heartbeatThread.name = "tei-kernel-heartbeat"
        heartbeatThread.start()
        let shellDone = DispatchSemaphore(value: 0)
        let shellThread = Thread { [self] in
            serveShell()
            shellDone.signal()
        }
        shellThread.name = "tei-kernel-shell"
        shellThread.start()
        publish("status", ["execution_state": "starting"], parent: nil)
        serveControl()
        // A cell still running is interrupted until the shell thread has finished it and stopped.
        while shellDone.wait(timeout: .now() + .milliseconds(10)) == .timedOut {
            requests.notebook.interrupt()
        }
        control.close()
        iopubLock.withLock { iopub.close() }
        context.terminate()
    }

    // MARK: - Channels

    private func serveShell() {
        while !state.isStopping {
            guard let ready = ZMQSocket.poll([shell, stdin], milliseconds: 100) else { break }
            if ready.contains(1) { _ = stdin.receive() }  // tei never asks for input; replies are dropped.
            guard ready.contains(0), let frames = shell.receive() else { continue }
            guard let message = decode(frames, channel: "shell") else { continue }
            if case .abort(let waiting) = handleShell(message) { abort(waiting) }
        }
        shell.close()
        stdin.close()
    }

    /// The requests waiting on the shell socket now, taken off it.
    private func takeWaitingRequests() -> [KernelMessage] {
        var waiting: [KernelMessage] = []
        while let ready = ZMQSocket.poll([shell], milliseconds: 0), ready.contains(0), let frames = shell.receive() {
            if let message = decode(frames, channel: "shell") { waiting.append(message) }
        }
        return waiting
    }

    /// Answers the requests that were waiting behind a failed cell: cells get an `aborted` reply
    /// without running, other requests their usual answer.
    private func abort(_ waiting: [KernelMessage]) {
        for message in waiting {
            guard message.type == "execute_request" else {
                _ = handleShell(message)
                continue
            }
            publish("status", ["execution_state": "busy"], parent: message)
            reply(on: shell, "execute_reply", ["status": "aborted", "execution_count": NSNull()], to: message)
            publish("status", ["execution_state": "idle"], parent: message)
        }
    }

    private func serveControl() {
        while !state.isStopping {
            guard let ready = ZMQSocket.poll([control], milliseconds: 200) else { break }
            if getppid() != parent {
                logLine("the process that started the kernel has ended; shutting down")
                state.requestStop()
            }
            guard ready.contains(0), let frames = control.receive(), let message = decode(frames, channel: "control") else { continue }
            handleControl(message)
        }
    }

    /// What the shell does after a request.
    private enum AfterRequest {
        case goOn
        /// A cell failed and asked (`stop_on_error`, the default) that the cells queued behind it
        /// not run, as Jupyter expects ("Run All" stops at the first error): these were waiting.
        case abort([KernelMessage])
    }

    private func handleShell(_ request: KernelMessage) -> AfterRequest {
        publish("status", ["execution_state": "busy"], parent: request)
        defer { publish("status", ["execution_state": "idle"], parent: request) }
        let publishForRequest = { [self] (type: String, content: [String: Any]) in publish(type, content, parent: request) }
        switch request.type {
        case "kernel_info_request":
            reply(on: shell, "kernel_info_reply", KernelRequests.kernelInfo, to: request)
        case "execute_request":
            let content = requests.execute(request.content, publish: publishForRequest)
            let stops = content["status"] as? String == "error" && request.content["stop_on_error"] as? Bool ?? true
            // Taken before the reply goes out: a cell sent once the client knows of the failure runs.
            let waiting = stops ? takeWaitingRequests() : []
            reply(on: shell, "execute_reply", content, to: request)
            if !waiting.isEmpty { return .abort(waiting) }
        case "complete_request":
            reply(on: shell, "complete_reply", requests.complete(request.content), to: request)
        case "inspect_request":
            reply(on: shell, "inspect_reply", requests.inspect(request.content), to: request)
        case "is_complete_request":
            reply(on: shell, "is_complete_reply", requests.isComplete(request.content), to: request)
        case "history_request":
            reply(on: shell, "history_reply", requests.history(request.content), to: request)
        case "comm_info_request":
            reply(on: shell, "comm_info_reply", ["status": "ok", "comms": [String: Any]()], to: request)
        case "shutdown_request":
            shutDown(replyingTo: request, on: shell)
        default:
            logLine("ignored a '\(request.type)' message on shell: the kernel does not handle it")
        }
        return .goOn
    }

    private func handleControl(_ request: KernelMessage) {
        publish("status", ["execution_state": "busy"], parent: request)
        defer { publish("status", ["execution_state": "idle"], parent: request) }
        switch request.type {
        case "kernel_info_request":
            reply(on: control, "kernel_info_reply", KernelRequests.kernelInfo, to: request)
        case "interrupt_request":
            requests.notebook.interrupt()
            reply(on: control, "interrupt_reply", ["status": "ok"], to: request)
        case "shutdown_request":
            shutDown(replyingTo: request, on: control)
        default:
            logLine("ignored a '\(request.type)' message on control: the kernel does not handle it")
        }
    }

    private func shutDown(replyingTo request: KernelMessage, on socket: ZMQSocket) {
        let content: [String: Any] = ["status": "ok", "restart": request.content["restart"] as? Bool ?? false]
        reply(on: socket, "shutdown_reply", content, to: request)
        publish("shutdown_reply", content, parent: request)
        state.requestStop()
    }

    // MARK: - Messages

    private func decode(_ frames: [[UInt8]], channel: String) -> KernelMessage? {
        do {
            return try codec.decode(frames)
        } catch {
            logLine("dropped a message on \(channel): \(error)")
            return nil
        }
    }

    private func reply(on socket: ZMQSocket, _ type: String, _ content: [String: Any], to request: KernelMessage) {
        socket.send(codec.encode(KernelMessage(type: type, content: content, parent: request, session: session)))
    }

    private func publish(_ type: String, _ content: [String: Any], parent: KernelMessage?) {
        var message = KernelMessage(type: type, content: content, parent: parent, session: session)
        // Iopub is a broadcast: its first frame is a topic, not a reply's identities.
        message.identities = [Array("kernel.\(session).\(type)".utf8)]
        let frames = codec.encode(message)
        iopubLock.withLock { _ = iopub.send(frames) }
    }
}

/// Whether the kernel is stopping, shared by its threads.
private final class KernelState: @unchecked Sendable {
    private let lock = NSLock()
    private var stopping = false

    var isStopping: Bool { lock.withLock { stopping } }

    func requestStop() { lock.withLock { stopping = true } }
}

/// Writes a line to standard error, which Jupyter keeps in its log.
func logLine(_ message: String) {
    FileHandle.standardError.write(Data("tei-kernel: \(message)\n".utf8))
}
