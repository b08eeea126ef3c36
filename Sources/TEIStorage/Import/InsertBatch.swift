/// The INSERTs that `TableBuilder` made of a few thousand records, in order, waiting for
/// `BatchWriter` to execute them.
///
/// It exists so that an import uses two cores: the importing thread parses, cleans and encodes
/// records into batches while the writer thread binds and steps the SQLite statements of the
/// previous ones. An operation names a statement by its index in the writer; the texts it binds
/// are copied into one byte arena owned by the batch, so a batch does not depend on the parser's
/// buffers. A batch is emptied and reused with its capacity, never reallocated per batch.
struct InsertBatch {
    /// One value to bind.
    enum Value {
        case null
        case integer(Int64)
        case real(Double)
        /// UTF-8 text: `count` bytes at `offset` in the arena.
        case text(offset: Int, count: Int)
    }

    /// One execution of a statement: its index in the writer and how many of the next `values` it binds.
    struct Operation {
        var statement: Int32
        var valueCount: Int32
    }

    /// A batch is handed over once it holds this many operations…
    static let operationLimit = 8192
    /// …or this many text bytes, which keeps batches of long texts small.
    static let textLimit = 4 << 20

    private(set) var operations: [Operation] = []
    /// The values of every operation, one after another.
    private(set) var values: [Value] = []
    /// The bytes of every text value.
    private(set) var arena: [UInt8] = []

    var isEmpty: Bool { operations.isEmpty }
    var isFull: Bool { operations.count >= Self.operationLimit || arena.count >= Self.textLimit }

    /// Copies `bytes` into the arena and returns the value that binds them.
    mutating func text(_ bytes: UnsafeBufferPointer<UInt8>) -> Value {
        let offset = arena.count
        arena.append(contentsOf: bytes)
        return .text(offset: offset, count: bytes.count)
    }

    /// Records an execution of `statement` binding `a`, `b` (and `c`) to ?1, ?2 (and ?3).
    mutating func append(_ statement: Int, _ a: Value, _ b: Value) {
        values.append(a)
        values.append(b)
        operations.append(Operation(statement: Int32(statement), valueCount: 2))
    }

    mutating func append(_ statement: Int, _ a: Value, _ b: Value, _ c: Value) {
        values.append(a)
        values.append(b)
        values.append(c)
        operations.append(Operation(statement: Int32(statement), valueCount: 3))
    }

    /// Records an execution of `statement` binding `bound` to ?1, ?2, … in order.
    mutating func append(_ statement: Int, _ bound: [Value]) {
        values.append(contentsOf: bound)
        operations.append(Operation(statement: Int32(statement), valueCount: Int32(bound.count)))
    }

    /// Empties the batch for reuse, keeping its capacity.
    mutating func removeAll() {
        operations.removeAll(keepingCapacity: true)
        values.removeAll(keepingCapacity: true)
        arena.removeAll(keepingCapacity: true)
    }
}
