import Foundation

/// The pipe the signal handler writes to; a signal handler can reach no other state.
private var interruptPipeWriteEnd: Int32 = -1

/// Turns Ctrl-C (SIGINT), and the signals that end a process politely (SIGTERM from `kill`, SIGHUP
/// when the terminal closes), into a call of `onSignal` on a thread of ours: in the REPL,
/// `Notebook.interrupt()`, so the running cell stops and the prompt returns with the session intact
/// (at the prompt the line editor reads Ctrl-C as a key instead); for a script, a request to stop
/// its run. SIGTERM and SIGHUP stop the run the same way, so its temporary files are removed before
/// tei exits with 128 + the signal's number.
///
/// A plain `sigaction` handler writes the signal's number to a pipe and a thread of ours reads it: a
/// `DispatchSource` signal source on Linux blocks the signal in whichever thread first takes
/// it, which lost Ctrl-C presses depending on the thread the kernel picked.
public final class InterruptForwarder {
    /// The signals forwarded.
    public static let signals: [Int32] = [SIGINT, SIGTERM, SIGHUP]

    private let readEnd: Int32
    private let writeEnd: Int32
    private var isCancelled = false
    private let lock = NSLock()
    private var firstEnding: Int32?

    /// Starts forwarding; nil when no pipe can be made, and then the signals keep their default effect.
    public init?(onSignal: @escaping (Int32) -> Void) {
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else { return nil }
        (readEnd, writeEnd) = (ends[0], ends[1])
        _ = fcntl(writeEnd, F_SETFL, fcntl(writeEnd, F_GETFL) | O_NONBLOCK)
        _ = fcntl(readEnd, F_SETFD, FD_CLOEXEC)
        _ = fcntl(writeEnd, F_SETFD, FD_CLOEXEC)
        interruptPipeWriteEnd = writeEnd
        let readEnd = readEnd
        let thread = Thread { [weak self] in
            var byte: UInt8 = 0
            while true {
                let count = read(readEnd, &byte, 1)
                if count == 1 {
                    let signal = Int32(byte)
                    self?.noteEnding(signal)
                    onSignal(signal)
                } else if count == 0 || errno != EINTR {
                    break
                }
            }
            close(readEnd)
        }
        thread.name = "tei-interrupts"
        thread.start()
        var action = sigaction()
        #if canImport(Darwin)
        action.__sigaction_u.__sa_handler = { Self.signalHandler($0) }
        #else
        action.__sigaction_handler.sa_handler = { InterruptForwarder.signalHandler($0) }
        #endif
        action.sa_flags = SA_RESTART
        sigemptyset(&action.sa_mask)
        for number in Self.signals { sigaction(number, &action, nil) }
    }

    /// The first SIGTERM or SIGHUP received, if any: the run ends with status 128 + it.
    public var endingSignal: Int32? { lock.withLock { firstEnding } }

    private func noteEnding(_ signal: Int32) {
        guard signal != SIGINT else { return }
        lock.withLock { if firstEnding == nil { firstEnding = signal } }
    }

    /// Async-signal-safe: one `write`, errors ignored (a full pipe already holds a request).
    private static func signalHandler(_ signal: Int32) {
        var byte = UInt8(truncatingIfNeeded: signal)
        let saved = errno
        _ = write(interruptPipeWriteEnd, &byte, 1)
        errno = saved
    }

    /// Stops forwarding and restores the signals' default behaviour.
    public func cancel() {
        guard !isCancelled else { return }
        isCancelled = true
        for number in Self.signals { signal(number, SIG_DFL) }
        interruptPipeWriteEnd = -1
        // The reading thread sees the end of the pipe, stops, and closes its end.
        close(writeEnd)
    }

    deinit { cancel() }
}
