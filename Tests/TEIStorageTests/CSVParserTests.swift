import XCTest
@testable import TEIStorage

final class CSVParserTests: XCTestCase {
    /// Parses `text` fed in chunks of `chunk` bytes; returns (line, fields) per record.
    private func parse(_ text: String, chunk: Int = 3) throws -> [(Int, [String])] {
        try parse(bytes: Array(text.utf8), chunk: chunk)
    }

    private func parse(bytes: [UInt8], chunk: Int = 3) throws -> [(Int, [String])] {
        let parser = CSVParser()
        var records: [(Int, [String])] = []
        let collect: (CSVRecord) throws -> Void = { record in
            records.append((record.line, (0..<record.count).map { record.string($0) }))
        }
        var offset = 0
        while offset < bytes.count {
            let end = min(bytes.count, offset + chunk)
            try bytes[offset..<end].withUnsafeBytes { try parser.feed($0, collect) }
            offset = end
        }
        try parser.finish(collect)
        return records
    }

    func testQuotedFieldsWithCommasQuotesAndNewlines() throws {
        for chunk in [1, 2, 7, 1000] {
            let records = try parse("\"a\",\"b\"\n\"x, y\",\"say \"\"hi\"\"\nnext line\"\n\"3\",\"4\"\n", chunk: chunk)
            XCTAssertEqual(records.map(\.1), [["a", "b"], ["x, y", "say \"hi\"\nnext line"], ["3", "4"]], "chunk \(chunk)")
            XCTAssertEqual(records.map(\.0), [1, 2, 4])
        }
    }

    func testCRLFRecordsAndCRLFInsideFields() throws {
        let records = try parse("\"a\",\"b\"\r\n\"1\r\n2\",\"3\"\r\n")
        XCTAssertEqual(records.map(\.1), [["a", "b"], ["1\r\n2", "3"]])
        XCTAssertEqual(records.map(\.0), [1, 2])
    }

    func testEmptyFieldsUnquotedFieldsAndNoFinalNewline() throws {
        let records = try parse("a,,\"\"\n1,2,3")
        XCTAssertEqual(records.map(\.1), [["a", "", ""], ["1", "2", "3"]])
    }

    func testBlankAndTrailingEmptyLinesAreSkipped() throws {
        let records = try parse("\"a\"\n\n\"b\"\n\n")
        XCTAssertEqual(records.map(\.1), [["a"], ["b"]])
        XCTAssertEqual(records.map(\.0), [1, 3])
    }

    func testByteOrderMarkIsDropped() throws {
        let records = try parse(bytes: [0xEF, 0xBB, 0xBF] + Array("\"id\"\n\"1\"\n".utf8), chunk: 1)
        XCTAssertEqual(records.map(\.1), [["id"], ["1"]])
    }

    func testUnterminatedQuoteReportsTheRecordsFirstLine() throws {
        XCTAssertThrowsError(try parse("\"a\"\n\"1\"\n\"2\n3\n4")) { error in
            XCTAssertEqual(error as? CSVSyntaxError, CSVSyntaxError(line: 3, message: "unterminated quoted field (the file may be truncated)"))
        }
    }

    func testTextAfterClosingQuoteIsAnError() throws {
        XCTAssertThrowsError(try parse("\"a\"\n\"1\"x\n")) { error in
            XCTAssertEqual((error as? CSVSyntaxError)?.line, 2)
        }
    }

    func testCleaningDropsNULAndReplacesInvalidUTF8() throws {
        let raw: [UInt8] = [0x61, 0x00, 0x62, 0xFF, 0x63, 0xD0, 0x96, 0xE0, 0x80, 0x80]
        var output: [UInt8] = []
        let repairs = raw.withUnsafeBufferPointer { FieldCleaner.clean($0, escaped: false, into: &output) }
        XCTAssertEqual(String(decoding: output, as: UTF8.self), "ab\u{FFFD}cЖ\u{FFFD}\u{FFFD}\u{FFFD}")
        XCTAssertEqual(repairs.droppedNULs, 1)
        XCTAssertEqual(repairs.replacedSequences, 4)
        XCTAssertFalse(Array("Жёлтый 🇷🇺".utf8).withUnsafeBufferPointer { FieldCleaner.needsCleaning($0, escaped: false) })
    }
}
