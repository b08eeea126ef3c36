import Foundation
import XCTest
@testable import TEIStorage

/// `CSVReadAhead` scans the input in the blocks it reads it into and hands the blocks over as they
/// are, carrying a record cut by a block's end to the start of the next: wherever the ends fall (in a
/// record, in a quoted field holding line ends, between a CR and its LF, in a record longer than a
/// block), the importing thread must meet what a parser fed the whole input at once meets.
final class CSVReadAheadTests: XCTestCase {
    /// What the importing thread is handed, in order.
    private enum Event: Equatable {
        case record(line: Int, fields: [String])
        case malformed(CSVSyntaxError)
        /// The input ended inside a record.
        case unfinished(CSVSyntaxError)
        /// The input stopped at an error.
        case failed(CSVSyntaxError)
    }

    /// A header, CRLF and LF line ends, doubled quotes, line ends inside quotes, a blank line, a
    /// record of `long` bytes, a malformed record and a last record without a newline.
    private static func body(long: Int) -> String {
        "1,\"a \"\"quoted\"\" one\",x\r\n"
            + "2,\"multi\nline\r\nfield\",\"\"\n"
            + "3,plain,\n"
            + "\n"
            + "4,\"\(String(repeating: "long, \"\"text\"\"\n", count: long / 16))\",y\n"
            + "\"5\"junk,x\n"
            + "6,\"\",z\r\n"
            + "7,last,w"
    }

    /// The reference: `CSVParser` fed the whole input at once.
    private static func parsed(_ bytes: [UInt8], lenient: Bool) -> [Event] {
        var events: [Event] = []
        let parser = CSVParser(skipMalformed: lenient ? { events.append(.malformed($0)) } : nil)
        let collect = { (record: CSVRecord) in events.append(Self.event(record)) }
        do {
            try bytes.withUnsafeBytes { try parser.feed($0, collect) }
        } catch {
            events.append(.failed(error as! CSVSyntaxError))
            return events
        }
        do {
            try parser.finish(collect)
        } catch {
            events.append(.unfinished(error as! CSVSyntaxError))
        }
        return events
    }

    private static func event(_ record: CSVRecord) -> Event {
        .record(line: record.line, fields: (0..<record.count).map(record.string))
    }

    private struct ReadAhead {
        var events: [Event] = []
        var progress: Int64 = 0
        var size: Int64 = 0
        var digest = ""
    }

    private static func readAhead(_ file: URL, _ container: SourceInput.Container = .plain, lenient: Bool,
                                  blockBytes: Int) throws -> ReadAhead {
        let input = SourceInput(file: file, container: container, displayName: file.lastPathComponent, progressSize: 0)
        let reader = CSVReadAhead(input: input, lenient: lenient, cancellation: ImportCancellation(), blockBytes: blockBytes)
        defer { reader.stop() }
        var result = ReadAhead()
        do {
            try reader.forEach(record: { result.events.append(event($0)) }, malformed: { result.events.append(.malformed($0)) },
                               progress: { result.progress += $0 }, unfinished: { result.events.append(.unfinished($0)) })
        } catch let error as CSVSyntaxError {
            result.events.append(.failed(error))
        }
        result.size = reader.size
        result.digest = reader.sha256
        return result
    }

    private static func sha256(_ bytes: [UInt8]) -> String {
        var digest = SHA256()
        bytes.withUnsafeBytes { digest.update($0) }
        return digest.finalizeHex()
    }

    /// Blocks of 64 bytes, the input shifted byte by byte over a whole block: every block end falls
    /// at every place of every record, and the record of 700 bytes outgrows the block.
    func testEveryCutMeetsWhatAParserFedTheWholeInputMeets() throws {
        let workspace = try Workspace()
        let blockBytes = 64
        for shift in 0..<blockBytes {
            let text = "id,text,more\n0,\(String(repeating: "s", count: shift)),\n" + Self.body(long: 700)
            let bytes = Array(text.utf8)
            let file = try workspace.write("shift\(shift).csv", text)
            for lenient in [true, false] {
                let expected = Self.parsed(bytes, lenient: lenient)
                let read = try Self.readAhead(file, lenient: lenient, blockBytes: blockBytes)
                XCTAssertEqual(read.events, expected, "shift \(shift), lenient \(lenient)")
                if lenient {
                    XCTAssertEqual(read.size, Int64(bytes.count))
                    XCTAssertEqual(read.progress, Int64(bytes.count), "every byte read is counted once")
                    XCTAssertEqual(read.digest, Self.sha256(bytes), "the digest of every byte")
                }
            }
        }
    }

    /// The meaning of the reference's events, that both sides could get wrong together.
    func testTheReferenceSeesTheRecordsLinesAndProblems() {
        let events = Self.parsed(Array(("h1,h2,h3\n" + Self.body(long: 32)).utf8), lenient: true)
        XCTAssertEqual(events, [
            .record(line: 1, fields: ["h1", "h2", "h3"]),
            .record(line: 2, fields: ["1", "a \"quoted\" one", "x"]),
            .record(line: 3, fields: ["2", "multi\nline\r\nfield", ""]),
            .record(line: 6, fields: ["3", "plain", ""]),
            .record(line: 8, fields: ["4", "long, \"text\"\nlong, \"text\"\n", "y"]),
            .malformed(CSVSyntaxError(line: 11, message: "unexpected text after the closing quote of field 1")),
            .record(line: 12, fields: ["6", "", "z"]),
            .record(line: 13, fields: ["7", "last", "w"]),
        ])
    }

    /// An input cut inside a quote, and a malformed record in the last block of a strict read.
    func testErrorsInTheLastBlockComeAfterItsRecords() throws {
        let workspace = try Workspace()
        for shift in 0..<32 {
            let prefix = "id,text\n0,\(String(repeating: "s", count: shift))\n1,\"one\"\n"
            for (name, tail) in [("cut", "2,\"cut\nshort"), ("junk", "2,\"two\"junk\n3,x\n")] {
                let bytes = Array((prefix + tail).utf8)
                let file = try workspace.write("\(name)\(shift).csv", prefix + tail)
                for lenient in [true, false] {
                    let read = try Self.readAhead(file, lenient: lenient, blockBytes: 32)
                    XCTAssertEqual(read.events, Self.parsed(bytes, lenient: lenient), "\(name), shift \(shift), lenient \(lenient)")
                    XCTAssertEqual(read.events.count, name == "junk" && lenient ? 5 : 4)
                }
            }
        }
    }

    /// A gzip input is decoded into buffers of zlib's and copied into the blocks, a block's room at a time.
    func testGzipInputIsCopiedIntoTheBlocks() throws {
        let workspace = try Workspace()
        let text = "id,text,more\n" + Self.body(long: 300) + "\n" + (1...2_000).map { "\($0),\"row\n\($0)\",x\r\n" }.joined()
        let plain = try workspace.write("g.csv", text)
        let zipped = try workspace.gzip(plain)
        let read = try Self.readAhead(zipped, .gzip, lenient: true, blockBytes: 100)
        XCTAssertEqual(read.events, Self.parsed(Array(text.utf8), lenient: true))
        XCTAssertEqual(read.events.count, 2_008)
        XCTAssertEqual(read.size, Int64(text.utf8.count))
        XCTAssertEqual(read.progress, Int64(try Data(contentsOf: zipped).count), "a gzip file's progress counts its compressed bytes")
        XCTAssertEqual(read.digest, Self.sha256(Array(text.utf8)))
    }

    /// The importing thread stops listening while the reading thread waits for a block to fill:
    /// `stop` ends the thread instead of waiting for ever.
    func testStoppingMidFileEndsTheReadingThread() throws {
        let workspace = try Workspace()
        let file = try workspace.write("t.csv", "id,text\n" + (1...20_000).map { "\($0),text \($0)\n" }.joined())
        let input = SourceInput(file: file, container: .plain, displayName: "t.csv", progressSize: 0)
        for stopAt in [1, 500, 5_000] {
            let reader = CSVReadAhead(input: input, lenient: false, cancellation: ImportCancellation(), blockBytes: 256)
            var records = 0
            struct Enough: Error {}
            XCTAssertThrowsError(try reader.forEach(record: { _ in
                records += 1
                if records == stopAt { throw Enough() }
            }, malformed: { _ in }, progress: { _ in }, unfinished: { _ in })) { XCTAssertTrue($0 is Enough) }
            reader.stop()
            XCTAssertEqual(records, stopAt)
        }
    }

    /// Through a load, with the blocks of a real import: the first block ends between the CR and
    /// the LF of a quoted field, the second between the CR and the LF of a record's end, the third
    /// inside a record; a record longer than a block follows, then many blocks of records, and the
    /// last record has no newline.
    func testALoadMeetsRecordsCutByItsBlocks() throws {
        let block = CSVReadAhead.standardBlockBytes
        var text = "id,text\r\n"
        var rows: [(Int, String)] = []
        func add(_ value: String, quoted: Bool = false, end: String = "\n") {
            text += "\(rows.count + 1)," + (quoted ? "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : value) + end
            rows.append((rows.count + 1, value))
        }
        /// Adds rows until the next starts at most 200 bytes before `offset`; returns the bytes left
        /// to `offset` after that row's id and comma.
        func fill(to offset: Int) -> Int {
            while offset - text.utf8.count > 200 { add(String(repeating: "p", count: 90)) }
            return offset - text.utf8.count - "\(rows.count + 1),".utf8.count
        }
        let quotedCR = fill(to: block) - 4
        add(String(repeating: "q", count: quotedCR) + "ab\r\ncd, \"e\"\nf", quoted: true)
        let endCR = fill(to: 2 * block) - 1
        add(String(repeating: "q", count: endCR), end: "\r\n")
        add(String(repeating: "m", count: fill(to: 3 * block) + 20))
        add(String(repeating: "long \"x\",\n", count: block * 3 / 20), quoted: true)
        for n in 0..<60_000 { add("row \(n) " + String(repeating: "r", count: n % 50), quoted: n % 2 == 0) }
        add("no newline", end: "")
        let bytes = Array(text.utf8)
        XCTAssertEqual(bytes[(block - 1)...].prefix(4), [0x0D, 0x0A, 0x63, 0x64], "the first block ends inside the quoted CRLF")
        XCTAssertEqual(bytes[(2 * block - 1)...].prefix(2), [0x0D, 0x0A], "the second block ends inside the record's CRLF")
        XCTAssertEqual(bytes[(3 * block)...].prefix(21), ArraySlice(Array(String(repeating: "m", count: 20).utf8) + [0x0A]),
                       "the third block ends 20 bytes before the end of a record")
        XCTAssertGreaterThan(bytes.count, 6 * block)

        let workspace = try Workspace()
        let file = try workspace.write("cut.csv", text)
        let store = try workspace.store()
        let table = try store.load(path: file.path)
        let loaded = try store.rows(table, "id, text")
        XCTAssertEqual(loaded.count, rows.count)
        for (row, expected) in zip(loaded, rows) where row != [.integer(Int64(expected.0)), .text(expected.1)] {
            return XCTFail("row \(expected.0): \(row)")
        }
        XCTAssertEqual(table.sources.map(\.size), [Int64(bytes.count)])
    }

    /// A bad value in the last block stops the load at its line, and a lenient load skips it there;
    /// the last record, without a newline, is loaded.
    func testAnErrorInTheLastBlockIsMetAtItsLine() throws {
        let rowCount = 12_000
        var rows = (1...rowCount).map { TEICSV.tweet(["tweetid": "\($0)", "tweet_text": "text \($0)\nsecond line", "like_count": "\($0)"]) }
        rows[rowCount - 2]["like_count"] = "many"
        let text = String(TEICSV.file(header: TEICSV.header2019, rows: rows).dropLast())
        XCTAssertFalse(text.hasSuffix("\n"))
        XCTAssertGreaterThan(text.utf8.count, 3 * CSVReadAhead.standardBlockBytes)
        let badLine = 2 + 2 * (rowCount - 2)
        let workspace = try Workspace()
        let file = try workspace.write("bad.csv", text)
        XCTAssertThrowsError(try workspace.store().load(path: file.path)) { error in
            XCTAssertEqual((error as? LoadError)?.line, badLine)
            XCTAssertEqual((error as? LoadError)?.message, "like_count: expected an integer, found \"many\"")
        }
        let store = try workspace.store()
        let table = try store.load(path: file.path, options: LoadOptions(lenient: true))
        XCTAssertEqual(table.warnings, ["skipped 1 malformed row: bad.csv:\(badLine): like_count: expected an integer, found \"many\""])
        let loaded = try store.rows(table, "tweetid")
        XCTAssertEqual(loaded.count, rowCount - 1)
        XCTAssertEqual(loaded.last, [.integer(Int64(rowCount))])
    }
}
