import Foundation
import TEIStorage

/// Runs the statements of a grouping split over ranges of rows (`RangeStatements`) at once, each
/// on a connection of its own and a thread of its own, and keeps their partial results in a
/// temporary table of the session's connection for the merge to read.
///
/// An interrupt (Ctrl-C, the kernel's interrupt) reaches every connection running a range; a
/// range that fails interrupts the others, and the run throws that failure once, not the
/// interrupts it caused.
final class RangeRunner {
    private let lock = NSLock()
    /// The connections running ranges now.
    private var running: [Database] = []

    /// Runs `statements` on connections `openReader` makes, then fills the table of partial
    /// results on `database`; returns when every range has ended.
    func run(_ statements: RangeStatements, on database: Database, openReader: () throws -> Database) throws {
        let readers = try statements.ranges.map { _ in try openReader() }
        let results = RangeResults(count: readers.count)
        lock.withLock { running = readers }
        defer { lock.withLock { running = [] } }
        let finished = DispatchGroup()
        for (index, range) in statements.ranges.enumerated() {
            finished.enter()
            let thread = Thread { [self] in
                let result = Result { try Self.rows(of: range, on: readers[index]) }
                results.set(result, at: index)
                if case .failure(let failure) = result, !((failure as? SQLiteError)?.isInterrupt ?? false) { interrupt() }
                finished.leave()
            }
            // SQLite's parser and sorter need more than a secondary thread's default stack.
            thread.stackSize = 8 << 20
            thread.start()
        }
        finished.wait()
        let rows = try results.rowsOrFirstFailure()
        try database.execute(statements.createPartials)
        try database.transaction {
            let insert = try database.prepare(statements.insertPartial)
            for row in rows.joined() {
                try insert.bind(row)
                _ = try insert.step()
                insert.reset()
            }
        }
    }

    /// Interrupts every range running now.
    func interrupt() {
        lock.withLock {
            for reader in running { reader.interrupt() }
        }
    }

    private static func rows(of range: RangeStatements.Range, on reader: Database) throws -> [[SQLValue]] {
        let statement = try reader.prepare(range.sql)
        try statement.bind(range.parameters)
        var rows: [[SQLValue]] = []
        while try statement.step() { rows.append(statement.row()) }
        return rows
    }
}

/// What each range's thread gave, filled in by the threads.
private final class RangeResults: @unchecked Sendable {
    private let lock = NSLock()
    private var results: [Result<[[SQLValue]], Error>?]

    init(count: Int) {
        results = Array(repeating: nil, count: count)
    }

    func set(_ result: Result<[[SQLValue]], Error>, at index: Int) {
        lock.withLock { results[index] = result }
    }

    /// Every range's rows, in range order; or the first failure that was not an interrupt (the
    /// others were interrupted because of it), else the first interrupt.
    func rowsOrFirstFailure() throws -> [[[SQLValue]]] {
        let all = lock.withLock { results }
        var interrupted: Error?
        var rows: [[[SQLValue]]] = []
        for result in all {
            switch result {
            case .success(let part)?: rows.append(part)
            case .failure(let failure)? where (failure as? SQLiteError)?.isInterrupt == true: interrupted = interrupted ?? failure
            case .failure(let failure)?: throw failure
            case nil: preconditionFailure("every range's thread ended before its result was read")
            }
        }
        if let interrupted { throw interrupted }
        return rows
    }
}
