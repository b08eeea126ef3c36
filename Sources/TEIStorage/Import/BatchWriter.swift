import Foundation

/// Executes the `InsertBatch`es of an import on a thread of its own, in the order they are handed
/// over, with the prepared statements it owns.
///
/// It exists so that SQLite's share of an import (binding, stepping, B-tree and page writes) runs
/// on a second core while the importing thread parses and encodes the next records. The output
/// does not depend on timing: one thread executes every operation on the one connection. Within
/// a batch, the operations are executed table by table, each table's in their order, several rows
/// per statement (`Insert`): every INSERT of an import names its row's key (row number, id, row and
/// position), so the order between tables changes no table. At most `batchCount` batches exist:
/// one being filled, the others queued or being executed, so memory stays flat whatever the file
/// size; they are recycled, not reallocated.
///
/// The connection is shared with the importing thread but never used by both at once: the
/// importing thread touches it only before the writer starts and after `finish` or `stop` return.
/// A statement that fails stops the writer; its error is thrown by the next `exchange` or by
/// `finish`.
final class BatchWriter: @unchecked Sendable {
    /// The INSERT of one table, prepared for one row and for `rowsAtOnce` rows: a statement run
    /// per row pays its reset, the VM's start and its halt per row, which a multi-row VALUES pays
    /// once per `rowsAtOnce` rows (a million rows of 20 columns and their items, in C: 6.1–7.1 s
    /// one row a statement, 4.2 s 64 rows a statement).
    struct Insert {
        let one: Statement
        let many: Statement?
        let valueCount: Int
        let rowsAtOnce: Int

        /// Past this many rows a statement gains little; 999 is the fewest parameters a SQLite
        /// build may allow.
        private static let mostRows = 64
        private static let mostParameters = 999

        /// `INSERT INTO table VALUES (…)` binding `valueCount` values a row.
        init(database: Database, table: String, valueCount: Int) throws {
            func sql(rows: Int) -> String {
                let row = "(" + Array(repeating: "?", count: valueCount).joined(separator: ", ") + ")"
                return "INSERT INTO \(table) VALUES " + Array(repeating: row, count: rows).joined(separator: ", ")
            }
            self.valueCount = valueCount
            rowsAtOnce = max(1, min(Self.mostRows, Self.mostParameters / max(1, valueCount)))
            one = try database.prepare(sql(rows: 1))
            many = rowsAtOnce > 1 ? try database.prepare(sql(rows: rowsAtOnce)) : nil
        }
    }

    private static let batchCount = 3

    private var inserts: [Insert]
    /// Per insert, where the values of each of its operations in the batch being executed start,
    /// in their order: reused from batch to batch.
    private var grouped: [[Int]]
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

    /// Starts the writer thread; `inserts` are the ones an operation's index refers to.
    init(inserts: [Insert]) {
        self.inserts = inserts
        grouped = inserts.map { _ in [] }
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
        inserts = []
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

    /// Binds and steps every operation of `batch`, table by table; returns the first error.
    private func execute(_ batch: InsertBatch) -> Error? {
        var next = 0
        for operation in batch.operations {
            grouped[Int(operation.statement)].append(next)
            next += Int(operation.valueCount)
        }
        defer { for n in grouped.indices { grouped[n].removeAll(keepingCapacity: true) } }
        do {
            try batch.arena.withUnsafeBufferPointer { arena in
                for (insert, starts) in zip(inserts, grouped) where !starts.isEmpty {
                    var done = 0
                    if let many = insert.many {
                        while starts.count - done >= insert.rowsAtOnce {
                            many.reset()
                            for row in 0..<insert.rowsAtOnce {
                                try bind(batch, starts[done + row], insert.valueCount, arena,
                                         to: many, from: row * insert.valueCount + 1)
                            }
                            try many.step()
                            done += insert.rowsAtOnce
                        }
                    }
                    for start in starts[done...] {
                        insert.one.reset()
                        try bind(batch, start, insert.valueCount, arena, to: insert.one, from: 1)
                        try insert.one.step()
                    }
                }
            }
            return nil
        } catch {
            return error
        }
    }

    /// Binds the `count` values of `batch` from `first` on to the parameters of `statement` from
    /// `parameter` on; texts are read in place from the batch's arena.
    @inline(__always)
    private func bind(_ batch: InsertBatch, _ first: Int, _ count: Int, _ arena: UnsafeBufferPointer<UInt8>,
                      to statement: Statement, from parameter: Int) throws {
        for n in 0..<count {
            switch batch.values[first + n] {
            case .null: try statement.bindNull(at: parameter + n)
            case .integer(let value): try statement.bind(value, at: parameter + n)
            case .real(let value): try statement.bind(.real(value), at: parameter + n)
            case .text(let offset, let length):
                try statement.bindTextInPlace(UnsafeBufferPointer(rebasing: arena[offset..<(offset + length)]), at: parameter + n)
            }
        }
    }
}
