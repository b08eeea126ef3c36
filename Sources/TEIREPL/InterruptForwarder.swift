import Foundation
import TEIEngine

/// Turns Ctrl-C while a cell runs into `sqlite3_interrupt` for the session's query, so the
/// query stops and the REPL returns to its prompt with the session intact. (At the prompt the
/// line editor reads Ctrl-C as a key instead.)
public final class InterruptForwarder {
    private let source: DispatchSourceSignal

    public init(session: Session) {
        signal(SIGINT, SIG_IGN)
        source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        source.setEventHandler { [weak session] in session?.interrupt() }
        source.resume()
    }

    /// Stops forwarding and restores the default Ctrl-C behaviour.
    public func cancel() {
        source.cancel()
        signal(SIGINT, SIG_DFL)
    }
}
