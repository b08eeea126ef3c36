import Foundation

/// Finds CSV records (RFC 4180 plus what the TEI releases need) in a `CSVBlock`'s bytes, in place.
///
/// Input is written into the block's room and scanned there (`scan(appended:)`); each complete record
/// is added to the block with its fields as byte ranges, so no `String` is built on the hot path. A
/// record cut by the end of the input so far is scanned again from its start once more bytes follow,
/// in the same block or at the start of another one it was carried to (`carry`). Quoted fields may
/// hold commas, quotes (`""`), LF and CRLF. Records end at LF or CRLF; blank lines are skipped; a
/// UTF-8 byte-order mark at the very start is dropped.
///
/// A record may not grow past `maximumRecordBytes`: a file without line ends (or one whose quote
/// never closes) fails at that size instead of filling memory.
final class CSVScanner {
    /// The longest record accepted. A TEI row is a few KiB; 64 MiB leaves room for any real field.
    static let maximumRecordBytes = 64 << 20

    /// Whether records with text after a closing quote are skipped up to their line end (and noted in
    /// the block) instead of failing the scan.
    private let skipsMalformed: Bool
    /// The block being scanned.
    private(set) var block: CSVBlock
    /// Offset in `block` of the first byte not yet consumed: where the record being scanned starts.
    private var start = 0
    /// The physical line number of `block.bytes[start]`.
    private var line = 1
    private var checkedByteOrderMark = false

    init(block: CSVBlock, skipsMalformed: Bool) {
        self.block = block
        self.skipsMalformed = skipsMalformed
    }

    /// The bytes of the block consumed so far: its records, and the blank lines and malformed
    /// records skipped between them.
    var consumed: Int { start }

    /// Scans the records that `count` bytes, just written at the start of `block.room`, complete.
    func scan(appended count: Int) throws {
        block.count += count
        try scan(atEOF: false)
        if block.count - start > Self.maximumRecordBytes {
            throw CSVSyntaxError(line: line, message: "a record runs past \(Self.maximumRecordBytes >> 20) MiB without ending: "
                + "this is not a CSV file, or a quote opened here never closes", isSkippable: false)
        }
    }

    /// Scans what is left once the input has ended: a last record without a newline, or an
    /// unterminated quoted field (an error).
    func finish() throws {
        try scan(atEOF: true)
    }

    /// Moves the bytes not yet consumed to the start of `target`, with room for at least `room`
    /// bytes after them, and scans on in `target`. Returns the block scanned until now, whose
    /// records stay where they are. `target` may be the block itself.
    @discardableResult
    func carry(into target: CSVBlock, room: Int) -> CSVBlock {
        let scanned = block
        let unconsumed = scanned.count - start
        if target !== scanned { target.reserve(unconsumed) }
        if start > 0 || target !== scanned {
            memmove(target.bytes, scanned.bytes + start, unconsumed)
        }
        target.count = unconsumed
        target.reserve(unconsumed + room)
        block = target
        start = 0
        return scanned
    }

    private enum Scan {
        /// A record up to `end` (past its line end), holding `newlines` line ends (LF).
        case record(end: Int, newlines: Int)
        /// A malformed record to skip, up to `end` (past its line end).
        case malformed(CSVSyntaxError, end: Int)
        case incomplete
    }

    private func scan(atEOF: Bool) throws {
        if !checkedByteOrderMark {
            // Nothing is consumed before the input's first three bytes are known.
            guard block.count >= 3 || atEOF else { return }
            checkedByteOrderMark = true
            if block.count >= 3, block.bytes[0] == 0xEF, block.bytes[1] == 0xBB, block.bytes[2] == 0xBF { start = 3 }
        }
        // Work on a local copy: appending through `block` pays a dynamic exclusivity check per field.
        var fields = block.fields
        defer { block.fields = fields }
        let bytes = UnsafeBufferPointer(start: block.bytes, count: block.count)
        while start < bytes.count {
            let recordStart = start
            let firstOffset = fields.count
            switch try scanRecord(bytes, from: recordStart, atEOF: atEOF, into: &fields) {
            case .incomplete:
                fields.removeLast(from: firstOffset)
                return
            case .malformed(let error, let end):
                fields.removeLast(from: firstOffset)
                block.append(.malformed(error))
                line += Self.countNewlines(bytes, recordStart, end)
                start = end
            case .record(let end, let newlines):
                let isBlank = fields.count - firstOffset == 2 && fields.base[firstOffset] == fields.base[firstOffset + 1]
                    && (end == recordStart || bytes[recordStart] == 0x0A || bytes[recordStart] == 0x0D)
                if isBlank {
                    fields.removeLast(from: firstOffset)
                } else {
                    block.appendRecord(firstOffset: firstOffset, fieldCount: (fields.count - firstOffset) / 2, line: line)
                }
                line += newlines
                start = end
            }
        }
    }

    private static func countNewlines(_ bytes: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int) -> Int {
        var count = 0
        for i in from..<to where bytes[i] == 0x0A { count += 1 }
        return count
    }

    /// Finds the fields of the record starting at `from` and appends their offsets to `fields`;
    /// `.incomplete` when more input is needed.
    private func scanRecord(_ bytes: UnsafeBufferPointer<UInt8>, from: Int, atEOF: Bool,
                            into fields: inout FieldOffsets) throws -> Scan {
        let firstOffset = fields.count
        let count = bytes.count
        let base = bytes.baseAddress!
        // Line ends are counted in quoted fields only (an unquoted one ends at a line end), with
        // memchr: a loop over every byte of the record cost as much as finding its fields.
        var newlines = 0
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
                    fields.append(start: contentStart, end: i, escaped: hasEscape)
                    var n = contentStart
                    while n < i, let newline = memchr(base + n, 0x0A, i - n) {
                        newlines += 1
                        n = UnsafePointer<UInt8>(newline.assumingMemoryBound(to: UInt8.self)) - base + 1
                    }
                    p = i + 1
                    break
                }
                if p < count {
                    let next = bytes[p]
                    if next != 0x2C && next != 0x0A && next != 0x0D {
                        let error = CSVSyntaxError(line: line + Self.countNewlines(bytes, from, p),
                                                   message: "unexpected text after the closing quote of field \((fields.count - firstOffset) / 2)")
                        guard skipsMalformed else { throw error }
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
                fields.append(start: p, end: j, escaped: false)
                p = j
            }
            // Separator or record end.
            if p == count {
                return atEOF ? .record(end: p, newlines: newlines) : .incomplete
            }
            switch bytes[p] {
            case 0x2C:
                p += 1
            case 0x0A:
                return .record(end: p + 1, newlines: newlines + 1)
            default: // CR, a line end when an LF follows it
                if p + 1 < count {
                    return bytes[p + 1] == 0x0A ? .record(end: p + 2, newlines: newlines + 1) : .record(end: p + 1, newlines: newlines)
                }
                return atEOF ? .record(end: p + 1, newlines: newlines) : .incomplete
            }
        }
    }
}
