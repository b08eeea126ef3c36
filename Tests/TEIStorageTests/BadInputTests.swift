import XCTest
import ZIPFoundation
@testable import TEIStorage

/// Bad input fails with a clear `LoadError` (file, line, message) and leaves no cache behind.
final class BadInputTests: XCTestCase {
    private func assertLoadFails(_ workspace: Workspace, _ path: String, options: LoadOptions = LoadOptions(),
                                 line: Int?, message: String, file: StaticString = #filePath, sourceLine: UInt = #line) {
        XCTAssertThrowsError(try workspace.store().load(path: path, options: options), file: file, line: sourceLine) { error in
            guard let error = error as? LoadError else { return XCTFail("not a LoadError: \(error)", file: file, line: sourceLine) }
            XCTAssertTrue(error.file.hasPrefix(workspace.sources.path), error.file, file: file, line: sourceLine)
            XCTAssertEqual(error.line, line, file: file, line: sourceLine)
            XCTAssertEqual(error.message, message, file: file, line: sourceLine)
        }
        XCTAssertEqual(workspace.cacheFiles().filter { $0.contains(".sqlite") }, [], "no partial cache", file: file, line: sourceLine)
    }

    private func tweetsFile(extraLines: String) -> String {
        TEICSV.file(header: TEICSV.header2019, rows: [TEICSV.tweet([:])]) + extraLines
    }

    func testUnterminatedQuote() throws {
        let workspace = try Workspace()
        let file = try workspace.write("t.csv", tweetsFile(extraLines: "\"1\",\"2\nmore"))
        assertLoadFails(workspace, file.path, line: 3, message: "unterminated quoted field (the file may be truncated)")
    }

    func testWrongFieldCount() throws {
        let workspace = try Workspace()
        let file = try workspace.write("t.csv", tweetsFile(extraLines: TEICSV.line(["1", "2", "multi\nline"]) + "\n"))
        assertLoadFails(workspace, file.path, line: 3, message: "expected 31 fields, found 3")
    }

    func testBadTypedValueNamesTheColumn() throws {
        let workspace = try Workspace()
        let file = try workspace.write("t.csv", TEICSV.file(header: TEICSV.header2019, rows: [
            TEICSV.tweet([:]), TEICSV.tweet(["tweet_time": "yesterday"]),
        ]))
        assertLoadFails(workspace, file.path, line: 3, message: "tweet_time: expected a timestamp, found \"yesterday\"")
    }

    func testMissingRequiredColumn() throws {
        let workspace = try Workspace()
        let header = TEICSV.header2019.filter { $0 != "tweet_time" }
        let file = try workspace.write("t.csv", TEICSV.file(header: header, rows: [TEICSV.tweet([:])]))
        assertLoadFails(workspace, file.path, line: 1, message: "missing required TEI column: tweet_time")
    }

    func testEmptyAndMissingFiles() throws {
        let workspace = try Workspace()
        let empty = try workspace.write("empty.csv", "")
        assertLoadFails(workspace, empty.path, line: nil, message: "the file is empty")
        let blank = try workspace.write("blank.csv", "\n\n")
        assertLoadFails(workspace, blank.path, line: nil, message: "the file is empty")
        assertLoadFails(workspace, workspace.sources.path + "/absent.csv", line: nil, message: "no such file")
        assertLoadFails(workspace, workspace.sources.path + "/*.zip", line: nil, message: "no files match this pattern")
    }

    func testZipWithoutCSVAndTruncatedZip() throws {
        let workspace = try Workspace()
        let zip = workspace.sources.appendingPathComponent("notes.zip")
        let archive = try Archive(url: zip, accessMode: .create)
        try archive.addEntry(with: "readme.txt", type: .file, uncompressedSize: Int64(2), provider: { _, _ in Data("hi".utf8) })
        assertLoadFails(workspace, zip.path, line: nil, message: "the zip holds no CSV file")

        let full = workspace.sources.appendingPathComponent("full.zip")
        let data = Data(TEICSV.file(header: TEICSV.header2019, rows: (1...300).map { TEICSV.tweet(["tweetid": "\($0)"]) }).utf8)
        try Archive(url: full, accessMode: .create).addEntry(
            with: "t.csv", type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate,
            provider: { position, size in data[Int(position)..<Int(position) + size] })
        let bytes = try Data(contentsOf: full)
        let truncated = try workspace.write("truncated.zip", bytes.prefix(bytes.count / 2))
        assertLoadFails(workspace, truncated.path, line: nil, message: "the zip file is damaged or truncated")
    }

    func testAZipEntryWhoseBytesNoLongerMatchItsChecksumIsRefused() throws {
        let workspace = try Workspace()
        let stored = workspace.sources.appendingPathComponent("stored.zip")
        let data = Data(TEICSV.file(header: TEICSV.header2019, rows: (1...30).map { TEICSV.tweet(["tweetid": "\($0)"]) }).utf8)
        try Archive(url: stored, accessMode: .create).addEntry(
            with: "t.csv", type: .file, uncompressedSize: Int64(data.count), compressionMethod: .none,
            provider: { position, size in data[Int(position)..<Int(position) + size] })
        // An uncompressed entry with one letter of a text changed still reads, as 30 plausible rows.
        var bytes = try Data(contentsOf: stored)
        let text = try XCTUnwrap(bytes.range(of: Data("hello".utf8)))
        bytes[text.lowerBound] = UInt8(ascii: "j")
        let damaged = try workspace.write("damaged.zip", bytes)
        assertLoadFails(workspace, damaged.path, line: nil, message: "the zip entry is damaged (its CRC-32 does not match the archive's)")
    }

    func testTruncatedGzip() throws {
        let workspace = try Workspace()
        let plain = try workspace.write("t.csv", TEICSV.file(header: TEICSV.header2019, rows: (1...300).map { TEICSV.tweet(["tweetid": "\($0)"]) }))
        let bytes = try Data(contentsOf: try workspace.gzip(plain))
        let cut = try workspace.write("cut.csv.gz", bytes.prefix(bytes.count / 2))
        assertLoadFails(workspace, cut.path, line: nil, message: "the gzip file is truncated")
    }

    func testMixedKinds() throws {
        let workspace = try Workspace()
        try workspace.write("a.csv", TEICSV.file(header: TEICSV.header2019, rows: [TEICSV.tweet([:])]))
        try workspace.write("b.csv", TEICSV.file(header: Array(TEICSV.header2018[1...10]), rows: [TEICSV.tweet([:])]))
        assertLoadFails(workspace, workspace.sources.path + "/*.csv", line: nil,
                        message: "this is a tei users file but a.csv is a tei tweets file")
    }

    func testLenientModeSkipsBadRowsAndSaysWhere() throws {
        let workspace = try Workspace()
        let file = try workspace.write("t.csv", TEICSV.file(header: TEICSV.header2019, rows: [
            TEICSV.tweet(["tweetid": "1"]), TEICSV.tweet(["tweetid": "2", "like_count": "many"]), TEICSV.tweet(["tweetid": "3"]),
        ]) + TEICSV.line(["4", "short"]) + "\n" + TEICSV.line(["5"]).dropLast() + "\n")
        let store = try workspace.store()
        let table = try store.load(path: file.path, options: LoadOptions(lenient: true))
        XCTAssertEqual(try store.rows(table, "tweetid"), [[.integer(1)], [.integer(3)]])
        XCTAssertEqual(table.warnings, [
            "skipped 3 malformed rows: t.csv:3: like_count: expected an integer, found \"many\"; "
                + "t.csv:5: expected 31 fields, found 2; t.csv:6: unterminated quoted field (the file may be truncated)",
        ])
    }
}
