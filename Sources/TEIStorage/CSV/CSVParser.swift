import Foundation

/// A malformed record found by `CSVScanner`: the physical line it starts on and what was wrong.
struct CSVSyntaxError: Error, Equatable {
    var line: Int
    var message: String
    /// Whether a lenient load may skip the record and go on (false for a record without end).
    var isSkippable = true
}

/// One record as the scanner found it: field byte ranges into the buffer it was scanned in, valid
/// only during the callback that receives it.
struct CSVRecord {
    /// The buffer the ranges point into.
    let bytes: UnsafeBufferPointer<UInt8>
    /// Two offsets into `bytes` per field: the start and end of its content (between the quotes of a
    /// quoted field), the end's high bit set when the field holds a doubled quote (see `FieldOffsets`).
    let fields: UnsafeBufferPointer<Int32>
    /// The physical line (1-based) the record starts on.
    let line: Int

    var count: Int { fields.count / 2 }

    /// The raw bytes of field `index` (quotes not yet collapsed when `escaped[index]`).
    func raw(_ index: Int) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: bytes[Int(fields[2 * index])..<Int(fields[2 * index + 1] & Int32.max)])
    }

    /// Whether a field holds a doubled quote (`""`) that must be collapsed before use.
    var escaped: Escapes { Escapes(fields: fields) }

    struct Escapes {
        let fields: UnsafeBufferPointer<Int32>

        subscript(index: Int) -> Bool { fields[2 * index + 1] < 0 }
    }

    /// Field `index` as a `String`, quotes collapsed, invalid UTF-8 replaced (slow path: headers,
    /// messages and inference only).
    func string(_ index: Int) -> String {
        var scratch: [UInt8] = []
        FieldCleaner.clean(raw(index), escaped: escaped[index], into: &scratch)
        return String(decoding: scratch, as: UTF8.self)
    }
}

/// A push-based CSV parser over `CSVScanner`, for the passes that read a stream on their own thread
/// (the header, type inference): bytes arrive in chunks of any size (`feed`), from a file, a gzip
/// stream or a zip entry, and each complete record is handed to a callback.
final class CSVParser {
    /// Receives the records the scanner found malformed (text after a closing quote): they are
    /// skipped up to their line end and parsing goes on. Without it, the parser throws.
    private let skipMalformed: ((CSVSyntaxError) throws -> Void)?
    private let scanner: CSVScanner

    init(skipMalformed: ((CSVSyntaxError) throws -> Void)? = nil) {
        self.skipMalformed = skipMalformed
        scanner = CSVScanner(block: CSVBlock(capacity: 1 << 20), skipsMalformed: skipMalformed != nil)
    }

    /// Parses the complete records in `chunk` (plus any carried-over partial record).
    func feed(_ chunk: UnsafeRawBufferPointer, _ emit: (CSVRecord) throws -> Void) throws {
        guard chunk.count > 0 else { return }
        scanner.carry(into: scanner.block, room: chunk.count)
        scanner.block.room.copyMemory(from: chunk)
        try replay(afterScanning: { try scanner.scan(appended: chunk.count) }, emit)
    }

    /// Parses what is left once the input has ended: a last record without a newline, or an
    /// unterminated quoted field (an error).
    func finish(_ emit: (CSVRecord) throws -> Void) throws {
        try replay(afterScanning: scanner.finish, emit)
    }

    /// Hands the records `scan` finds to `emit` and the malformed ones to `skipMalformed`, then
    /// throws the error that stopped `scan`, if one did: in the order the input holds them.
    private func replay(afterScanning scan: () throws -> Void, _ emit: (CSVRecord) throws -> Void) throws {
        var failure: Error?
        do { try scan() } catch { failure = error }
        defer { scanner.block.removeRecords() }
        try scanner.block.replay(record: emit, note: { note in
            if case .malformed(let error) = note { try skipMalformed?(error) }
        })
        if let failure { throw failure }
    }
}
