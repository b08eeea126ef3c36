import Foundation

/// The pipe the SIGINT handler writes to; a signal handler can reach no other state.
private var interruptPipeWriteEnd: Int32 = -1

/// Turns Ctrl-C into a call of `onInterrupt` on a thread of ours: in the REPL, `Notebook.interrupt()`,
/// so the running cell stops and the prompt returns with the session intact (at the prompt the line
/// editor reads Ctrl-C as a key instead); for a script, a request to stop its run.
///
/// A plain `sigaction` handler writes a byte to a pipe and a thread of ours reads it: a
/// `DispatchSource` signal source on Linux blocks the signal in whichever thread first takes
/// it, which lost Ctrl-C presses depending on the thread the kernel picked.
public final class InterruptForwarder {
    private let readEnd: Int32
    private let writeEnd: Int32
    private var isCancelled = false

    /// Starts forwarding; nil when no pipe can be made, and then Ctrl-C keeps its default effect.
    public init?(onInterrupt: @escaping () -> Void) {
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else { return nil }
        (readEnd, writeEnd) = (ends[0], ends[1])
        _ = fcntl(writeEnd, F_SETFL, fcntl(writeEnd, F_GETFL) | O_NONBLOCK)
        _ = fcntl(readEnd, F_SETFD, FD_CLOEXEC)
        _ = fcntl(writeEnd, F_SETFD, FD_CLOEXEC)
        interruptPipeWriteEnd = writeEnd
        let readEnd = readEnd
        let thread = Thread {
            var byte: UInt8 = 0
            while true {
                let count = read(readEnd, &byte, 1)
                if count == 1 {
                    onInterrupt()
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
        action.__sigaction_u.__sa_handler = { _ in Self.signalHandler() }
        #else
        action.__sigaction_handler.sa_handler = { _ in InterruptForwarder.signalHandler() }
        #endif
        action.sa_flags = SA_RESTART
        sigemptyset(&action.sa_mask)
        sigaction(SIGINT, &action, nil)
    }

    /// Async-signal-safe: one `write`, errors ignored (a full pipe already holds a request).
    private static func signalHandler() {
        var byte: UInt8 = 1
        let saved = errno
        _ = write(interruptPipeWriteEnd, &byte, 1)
        errno = saved
    }

    /// Stops forwarding and restores the default Ctrl-C behaviour.
    public func cancel() {
        guard !isCancelled else { return }
        isCancelled = true
        signal(SIGINT, SIG_DFL)
        interruptPipeWriteEnd = -1
        // The reading thread sees the end of the pipe, stops, and closes its end.
        close(writeEnd)
    }

    deinit { cancel() }
}
