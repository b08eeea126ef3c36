import Foundation

/// A malformed record found by `CSVParser`: the physical line it starts on and what was wrong.
struct CSVSyntaxError: Error, Equatable {
    var line: Int
    var message: String
    /// Whether a lenient load may skip the record and go on (false for a record without end).
    var isSkippable = true
}

/// One record as the parser saw it: field byte ranges into the parser's buffer, valid only during
/// the callback that receives it.
struct CSVRecord {
    /// The buffer the ranges point into.
    let bytes: UnsafeBufferPointer<UInt8>
    /// Start and end offsets of each field's content (between the quotes of a quoted field).
    let starts: UnsafeBufferPointer<Int>
    let ends: UnsafeBufferPointer<Int>
    /// Whether a field holds a doubled quote (`""`) that must be collapsed before use.
    let escaped: UnsafeBufferPointer<Bool>
    /// The physical line (1-based) the record starts on.
    let line: Int

    var count: Int { starts.count }

    /// The raw bytes of field `index` (quotes not yet collapsed when `escaped[index]`).
    func raw(_ index: Int) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: bytes[starts[index]..<ends[index]])
    }

    /// Field `index` as a `String`, quotes collapsed, invalid UTF-8 replaced (slow path: headers,
    /// messages and inference only).
    func string(_ index: Int) -> String {
        var scratch: [UInt8] = []
        FieldCleaner.clean(raw(index), escaped: escaped[index], into: &scratch)
        return String(decoding: scratch, as: UTF8.self)
    }
}

/// A push-based, byte-level CSV parser (RFC 4180 plus what the TEI releases need).
///
/// Bytes arrive in chunks of any size (`feed`), from a file, a gzip stream or a zip entry; each
/// complete record is handed to a callback with its fields as byte ranges, so no `String` is
/// built on the hot path. A record cut by a chunk boundary is kept and re-scanned when the next
/// chunk arrives. Quoted fields may hold commas, quotes (`""`), LF and CRLF. Records end at LF or
/// CRLF; blank lines are skipped; a UTF-8 byte-order mark at the very start is dropped.
///
/// A record may not grow past `maximumRecordBytes`: a file without line ends (or one whose quote
/// never closes) fails at that size instead of filling memory.
final class CSVParser {
    /// The longest record accepted. A TEI row is a few KiB; 64 MiB leaves room for any real field.
    static let maximumRecordBytes = 64 << 20

    /// Receives the records that `scanRecord` found malformed (text after a closing quote): they are
    /// skipped up to their line end and parsing goes on. Without it, the parser throws.
    private let skipMalformed: ((CSVSyntaxError) throws -> Void)?

    private var buffer: [UInt8] = []
    /// Offset in `buffer` of the first byte not yet consumed.
    private var start = 0
    /// The physical line number of `buffer[start]`.
    private var line = 1
    private var sawFirstChunk = false
    private var starts: [Int] = []
    private var ends: [Int] = []
    private var escaped: [Bool] = []

    init(skipMalformed: ((CSVSyntaxError) throws -> Void)? = nil) {
        self.skipMalformed = skipMalformed
        buffer.reserveCapacity(1 << 20)
    }

    /// Parses the complete records in `chunk` (plus any carried-over partial record).
    func feed(_ chunk: UnsafeRawBufferPointer, _ emit: (CSVRecord) throws -> Void) throws {
        guard chunk.count > 0 else { return }
        if start > 0 {
            buffer.removeSubrange(0..<start)
            start = 0
        }
        buffer.append(contentsOf: chunk.bindMemory(to: UInt8.self))
        if !sawFirstChunk, buffer.count >= 3 {
            sawFirstChunk = true
            if buffer.starts(with: [0xEF, 0xBB, 0xBF]) { start = 3 }
        }
        try parse(atEOF: false, emit)
        if buffer.count - start > Self.maximumRecordBytes {
            throw CSVSyntaxError(line: line, message: "a record runs past \(Self.maximumRecordBytes >> 20) MiB without ending: "
                + "this is not a CSV file, or a quote opened here never closes", isSkippable: false)
        }
    }

    /// Parses what is left once the input has ended: a last record without a newline, or an
    /// unterminated quoted field (an error).
    func finish(_ emit: (CSVRecord) throws -> Void) throws {
        if !sawFirstChunk {
            sawFirstChunk = true
            if buffer.starts(with: [0xEF, 0xBB, 0xBF]) { start = 3 }
        }
        try parse(atEOF: true, emit)
        buffer.removeAll()
        start = 0
    }

    private enum Scan {
        case record(end: Int)
        /// A malformed record to skip, up to `end` (past its line end).
        case malformed(CSVSyntaxError, end: Int)
        case incomplete
    }

    private func parse(atEOF: Bool, _ emit: (CSVRecord) throws -> Void) throws {
        try buffer.withUnsafeBufferPointer { bytes in
            while start < bytes.count {
                let recordStart = start
                switch try scanRecord(bytes, from: recordStart, atEOF: atEOF) {
                case .incomplete:
                    return
                case .malformed(let error, let end):
                    try skipMalformed?(error)
                    line += Self.countNewlines(bytes, recordStart, end)
                    start = end
                case .record(let end):
                    let newlines = Self.countNewlines(bytes, recordStart, end)
                    let isBlank = starts.count == 1 && ends[0] == starts[0] && !escaped[0]
                        && (end == recordStart || bytes[recordStart] == 0x0A || bytes[recordStart] == 0x0D)
                    if !isBlank {
                        try starts.withUnsafeBufferPointer { s in
                            try ends.withUnsafeBufferPointer { e in
                                try escaped.withUnsafeBufferPointer { q in
                                    try emit(CSVRecord(bytes: bytes, starts: s, ends: e, escaped: q, line: line))
                                }
                            }
                        }
                    }
                    line += newlines
                    start = end
                }
            }
        }
    }

    private static func countNewlines(_ bytes: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int) -> Int {
        var count = 0
        for i in from..<to where bytes[i] == 0x0A { count += 1 }
        return count
    }

    /// Finds the fields of the record starting at `from`; `.incomplete` when more input is needed.
    private func scanRecord(_ bytes: UnsafeBufferPointer<UInt8>, from: Int, atEOF: Bool) throws -> Scan {
        // Work on local arrays: appending through `self` pays a dynamic exclusivity check per field.
        var starts: [Int] = [], ends: [Int] = [], escaped: [Bool] = []
        swap(&starts, &self.starts)
        swap(&ends, &self.ends)
        swap(&escaped, &self.escaped)
        defer {
            swap(&starts, &self.starts)
            swap(&ends, &self.ends)
            swap(&escaped, &self.escaped)
        }
        starts.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
        escaped.removeAll(keepingCapacity: true)
        let count = bytes.count
        let base = bytes.baseAddress!
        var p = from
        while true {
            if p < count, bytes[p] == 0x22 {
                // Quoted field: jump from quote to quote with memchr.
                let contentStart = p + 1
                var q = contentStart
                var hasEscape = false
                while true {
                    guard q < count, let hit = memchr(base + q, 0x22, count - q) else {
                        if atEOF {
                            throw CSVSyntaxError(line: line, message: "unterminated quoted field (the file may be truncated)")
                        }
                        return .incomplete
                    }
                    let i = UnsafePointer<UInt8>(hit.assumingMemoryBound(to: UInt8.self)) - base
                    if i + 1 < count, bytes[i + 1] == 0x22 {
                        hasEscape = true
                        q = i + 2
                        continue
                    }
                    if i + 1 == count, !atEOF { return .incomplete }
                    starts.append(contentStart)
                    ends.append(i)
                    escaped.append(hasEscape)
                    p = i + 1
                    break
                }
                if p < count {
                    let next = bytes[p]
                    if next != 0x2C && next != 0x0A && next != 0x0D {
                        let error = CSVSyntaxError(line: line + Self.countNewlines(bytes, from, p),
                                                   message: "unexpected text after the closing quote of field \(starts.count)")
                        guard skipMalformed != nil else { throw error }
                        guard let newline = memchr(base + p, 0x0A, count - p) else {
                            return atEOF ? .malformed(error, end: count) : .incomplete
                        }
                        return .malformed(error, end: UnsafePointer<UInt8>(newline.assumingMemoryBound(to: UInt8.self)) - base + 1)
                    }
                }
            } else {
                // Unquoted field: runs to the next comma or line end.
                var j = p
                while j < count {
                    let b = bytes[j]
                    if b == 0x2C || b == 0x0A || b == 0x0D { break }
                    j += 1
                }
                if j == count, !atEOF { return .incomplete }
                starts.append(p)
                ends.append(j)
                escaped.append(false)
                p = j
            }
            // Separator or record end.
            if p == count {
                return atEOF ? .record(end: p) : .incomplete
            }
            switch bytes[p] {
            case 0x2C:
                p += 1
            case 0x0A:
                return .record(end: p + 1)
            default: // CR
                if p + 1 < count {
                    return .record(end: bytes[p + 1] == 0x0A ? p + 2 : p + 1)
                }
                return atEOF ? .record(end: p + 1) : .incomplete
            }
        }
    }
}
