import Foundation

/// Executes the `InsertBatch`es of an import on a thread of its own, in the order they are handed
/// over, with the prepared statements it owns.
///
/// It exists so that SQLite's share of an import (binding, stepping, B-tree and page writes) runs
/// on a second core while the importing thread parses and encodes the next records. The output
/// does not depend on timing: one thread executes every operation, in order, on the one
/// connection. At most `batchCount` batches exist: one being filled, the others queued or being
/// executed, so memory stays flat whatever the file size; they are recycled, not reallocated.
///
/// The connection is shared with the importing thread but never used by both at once: the
/// importing thread touches it only before the writer starts and after `finish` or `stop` return.
/// A statement that fails stops the writer; its error is thrown by the next `exchange` or by
/// `finish`.
final class BatchWriter: @unchecked Sendable {
    private static let batchCount = 3

    private var statements: [Statement]
    private let condition = NSCondition()
    /// Batches handed over and not yet executed, oldest first.
    private var queued: [InsertBatch] = []
    /// Emptied batches ready to be filled again.
    private var spare: [InsertBatch]
    /// No batch will be handed over any more: the thread ends once `queued` is empty.
    private var closed = false
    /// Queued batches are to be dropped, not executed (the import failed or was interrupted).
    private var discarding = false
    private var failure: Error?
    private var finished = false

    /// Starts the writer thread; `statements` are the ones an operation's index refers to.
    init(statements: [Statement]) {
        self.statements = statements
        spare = Array(repeating: InsertBatch(), count: Self.batchCount - 1)
        let thread = Thread { [self] in work() }
        thread.name = "tei.storage.writer"
        thread.start()
    }

    /// Hands `batch` over for execution and replaces it with an empty one, waiting while every
    /// batch is in use.
    ///
    /// - Throws: the error of a statement that failed in an earlier batch.
    func exchange(_ batch: inout InsertBatch) throws {
        condition.lock()
        defer { condition.unlock() }
        if let failure { throw failure }
        queued.append(batch)
        condition.broadcast()
        while spare.isEmpty && failure == nil { condition.wait() }
        if let failure { throw failure }
        batch = spare.removeLast()
    }

    /// Executes `last` after the batches handed over, then waits for the thread to end.
    ///
    /// - Throws: the error of the statement that failed, if one did.
    func finish(_ last: InsertBatch) throws {
        condition.lock()
        if !last.isEmpty { queued.append(last) }
        condition.unlock()
        try end(discarding: false)
    }

    /// Drops the batches not yet executed and waits for the thread to end (it finishes the batch
    /// it is executing). Does nothing once the thread has ended.
    func stop() {
        try? end(discarding: true)
    }

    private func end(discarding: Bool) throws {
        condition.lock()
        defer { condition.unlock() }
        closed = true
        if discarding { self.discarding = true }
        condition.broadcast()
        while !finished { condition.wait() }
        // Release the statements on this thread, which goes on using the connection.
        statements = []
        if !discarding, let failure { throw failure }
    }

    private func work() {
        condition.lock()
        while true {
            while queued.isEmpty && !closed { condition.wait() }
            if queued.isEmpty || discarding { break }
            var batch = queued.removeFirst()
            condition.unlock()
            let error = execute(batch)
            batch.removeAll()
            condition.lock()
            spare.append(batch)
            if let error {
                failure = error
                break
            }
            condition.broadcast()
        }
        queued = []
        finished = true
        condition.broadcast()
        condition.unlock()
    }

    /// Binds and steps every operation of `batch` in order; returns the first error.
    private func execute(_ batch: InsertBatch) -> Error? {
        let statements = self.statements
        do {
            try batch.arena.withUnsafeBufferPointer { arena in
                var next = 0
                for operation in batch.operations {
                    let statement = statements[Int(operation.statement)]
                    statement.reset()
                    for parameter in 0..<Int(operation.valueCount) {
                        switch batch.values[next + parameter] {
                        case .null: try statement.bindNull(at: parameter + 1)
                        case .integer(let value): try statement.bind(value, at: parameter + 1)
                        case .real(let value): try statement.bind(.real(value), at: parameter + 1)
                        case .text(let offset, let count):
                            try statement.bindText(UnsafeBufferPointer(rebasing: arena[offset..<(offset + count)]),
                                                   at: parameter + 1)
                        }
                    }
                    next += Int(operation.valueCount)
                    try statement.step()
                }
            }
            return nil
        } catch {
            return error
        }
    }
}
