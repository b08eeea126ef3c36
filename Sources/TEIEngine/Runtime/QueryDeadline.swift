import Foundation
import TEIStorage

/// Interrupts the statements running on a backend once a time has passed, unless finished first.
///
/// An interrupt that comes before a statement starts is forgotten (by SQLite, and by a server), so once the time
/// has passed the deadline interrupts again every few milliseconds until `finish`.
final class QueryDeadline {
    private let lock = NSLock()
    private var finished = false
    private var fired = false

    init(after seconds: TimeInterval, backend: QueryBackend) {
        schedule(after: seconds, backend)
    }

    private func schedule(after seconds: TimeInterval, _ backend: QueryBackend) {
        DispatchQueue.global().asyncAfter(deadline: .now() + seconds) { [weak self, backend] in
            guard let self, self.fire(backend) else { return }
            self.schedule(after: 0.005, backend)
        }
    }

    /// Stops the deadline; true when it had already fired (so an interrupt came from it).
    @discardableResult
    func finish() -> Bool {
        lock.lock()
        defer { lock.unlock() }
        finished = true
        return fired
    }

    /// Interrupts unless finished; false once finished.
    private func fire(_ backend: QueryBackend) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        // Under the lock: once `finish` returns, no interrupt can reach a later statement.
        guard !finished else { return false }
        fired = true
        backend.interrupt()
        return true
    }
}
