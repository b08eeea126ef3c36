import Foundation

/// A buffer of CSV input and the records `CSVScanner` found in it, in place: what the reading thread
/// hands to the importing thread without copying a record (`CSVReadAhead`).
///
/// The bytes after the last record (a record cut by the end of the input so far) are carried by the
/// scanner to the start of the next block. Field ranges are two 32-bit offsets per field in one flat
/// array, so scanning a record appends to one buffer and allocates nothing.
final class CSVBlock: @unchecked Sendable {
    /// What happened between two records, replayed in its place.
    enum Note {
        /// A malformed record a lenient scan skipped.
        case malformed(CSVSyntaxError)
        /// Bytes of the input consumed, for the progress bar.
        case progress(Int64)
    }

    private struct Record {
        /// Its first field's start offset in `fields`.
        var firstOffset: Int
        var fieldCount: Int
        var line: Int
    }

    /// Bytes `0..<count` hold input; the rest is room for more.
    private(set) var bytes: UnsafeMutablePointer<UInt8>
    private(set) var capacity: Int
    var count = 0
    /// The field ranges of `records`, written by the scanner.
    var fields = FieldOffsets()
    private var records: [Record] = []
    private var notes: [(beforeRecord: Int, note: Note)] = []

    init(capacity: Int) {
        self.capacity = capacity
        bytes = .allocate(capacity: capacity)
    }

    deinit {
        bytes.deallocate()
        fields.deallocate()
    }

    /// The room after the input, where the next bytes are read.
    var room: UnsafeMutableRawBufferPointer {
        UnsafeMutableRawBufferPointer(start: bytes + count, count: capacity - count)
    }

    /// Adds a record whose `fieldCount` fields' offsets start at `fields[firstOffset]`.
    func appendRecord(firstOffset: Int, fieldCount: Int, line: Int) {
        records.append(Record(firstOffset: firstOffset, fieldCount: fieldCount, line: line))
    }

    /// Adds `note` after the records so far.
    func append(_ note: Note) {
        notes.append((records.count, note))
    }

    /// Makes room for `needed` bytes in all, keeping the input.
    func reserve(_ needed: Int) {
        guard needed > capacity else { return }
        let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: max(needed, capacity * 2))
        grown.update(from: bytes, count: count)
        bytes.deallocate()
        bytes = grown
        capacity = max(needed, capacity * 2)
    }

    /// Hands each record to `record` and each note to `note`, in the order the scanner met them.
    func replay(record: (CSVRecord) throws -> Void, note: (Note) throws -> Void) throws {
        let input = UnsafeBufferPointer(start: bytes, count: count)
        let offsets = UnsafeBufferPointer(start: fields.base, count: fields.count)
        var nextNote = 0
        for (index, entry) in records.enumerated() {
            while nextNote < notes.count, notes[nextNote].beforeRecord == index {
                try note(notes[nextNote].note)
                nextNote += 1
            }
            try record(CSVRecord(bytes: input, fields: UnsafeBufferPointer(rebasing: offsets[entry.firstOffset..<(entry.firstOffset + 2 * entry.fieldCount)]),
                                 line: entry.line))
        }
        for (_, remaining) in notes[nextNote...] { try note(remaining) }
    }

    /// Forgets the records and notes, keeping the input.
    func removeRecords() {
        records.removeAll(keepingCapacity: true)
        notes.removeAll(keepingCapacity: true)
        fields.removeAll()
    }

    /// Empties the block for reuse, giving back what a record longer than `capacity` made it grow to.
    func reset(capacity standard: Int) {
        removeRecords()
        count = 0
        guard capacity > standard else { return }
        bytes.deallocate()
        bytes = .allocate(capacity: standard)
        capacity = standard
    }
}

/// The field ranges of scanned records: a start and an end offset per field, appended without the
/// uniqueness check a Swift array makes on every append. The end's high bit is set when the field
/// holds a doubled quote (`CSVRecord.escaped`). Owned by its `CSVBlock`, which deallocates it.
struct FieldOffsets {
    private(set) var base: UnsafeMutablePointer<Int32>
    private(set) var count = 0
    private var capacity = 1 << 12

    init() {
        base = .allocate(capacity: capacity)
    }

    /// Offsets fit in 32 bits: a block holds at most a few chunks and one record of
    /// `CSVScanner.maximumRecordBytes`.
    mutating func append(start: Int, end: Int, escaped: Bool) {
        if count + 2 > capacity { grow() }
        base[count] = Int32(truncatingIfNeeded: start)
        base[count + 1] = Int32(truncatingIfNeeded: end) | (escaped ? Int32.min : 0)
        count += 2
    }

    /// Drops the offsets from `index` on (a record that turned out incomplete, blank or malformed).
    mutating func removeLast(from index: Int) {
        count = index
    }

    mutating func removeAll() {
        count = 0
    }

    func deallocate() {
        base.deallocate()
    }

    private mutating func grow() {
        let grown = UnsafeMutablePointer<Int32>.allocate(capacity: capacity * 2)
        grown.update(from: base, count: count)
        base.deallocate()
        base = grown
        capacity *= 2
    }
}
