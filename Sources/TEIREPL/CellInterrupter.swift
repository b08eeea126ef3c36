import Foundation

/// Stops the running cell (a REPL cell, or the whole run of a script) on Ctrl-C however early in
/// the cell it comes.
///
/// `sqlite3_interrupt` only reaches a statement already prepared: one that comes while the cell
/// is still being parsed, checked or prepared is forgotten when the query starts, and an import
/// forgets a request made before it started. So a request keeps interrupting until the cell ends.
/// Interrupting when no statement runs does no harm: SQLite clears the flag when it prepares the
/// next statement, and the next import clears its own.
public final class CellInterrupter: @unchecked Sendable {
    private let lock = NSLock()
    private var cellIsRunning = false
    private var isRequested = false
    private let interruptQuery: () -> Void
    private let retryInterval: useconds_t = 10_000

    /// `interruptQuery` stops the statement or import running now, if any; it is called from
    /// another thread.
    public init(interruptQuery: @escaping () -> Void) {
        self.interruptQuery = interruptQuery
    }

    /// Marks the start of a cell: requests from now on stop it.
    public func cellStarted() {
        lock.withLock {
            cellIsRunning = true
            isRequested = false
        }
    }

    /// Marks the end of a cell: no request made for it reaches the next one.
    public func cellEnded() {
        lock.withLock {
            cellIsRunning = false
            isRequested = false
        }
    }

    /// Asks the running cell to stop; does nothing between cells. Safe from any thread.
    public func request() {
        let starts = lock.withLock { () -> Bool in
            guard cellIsRunning, !isRequested else { return false }
            isRequested = true
            return true
        }
        guard starts else { return }
        DispatchQueue.global().async { self.keepInterrupting() }
    }

    private func keepInterrupting() {
        // The lock is held while interrupting, so once `cellEnded` returns no call can reach the next cell.
        while lock.withLock({ () -> Bool in
            if isRequested { interruptQuery() }
            return isRequested
        }) {
            usleep(retryInterval)
        }
    }
}
