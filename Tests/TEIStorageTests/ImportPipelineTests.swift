import Foundation
import XCTest
@testable import TEIStorage

/// What the two-stage import (records encoded into `InsertBatch`es, executed by a `BatchWriter`
/// thread) could break: order and content across many batches, errors deep in a file, interruption.
final class ImportPipelineTests: XCTestCase {
    private static let rowCount = 20_000

    /// Row `n` (1-based): dictionary values, account columns, a list and, every tenth row, a
    /// text long enough that batches are also cut by their text size.
    private static func tweet(_ n: Int) -> [String: String] {
        TEICSV.tweet([
            "tweetid": "\(n)", "userid": "user\(n % 37)", "user_screen_name": "screen\(n % 37)",
            "follower_count": "\(n % 37)", "tweet_language": ["en", "fr", "ru", "ar"][n % 4],
            "tweet_client_name": "client \(n % 11)", "like_count": "\(n)",
            "tweet_text": n % 10 == 0 ? String(repeating: "long \(n) é ", count: 300) : "text \(n)",
            "hashtags": n % 3 == 0 ? "[]" : "['a\(n)', 'b\(n % 5)', \"it's\"]",
        ])
    }

    private static func file(_ rows: [[String: String]]) -> String {
        TEICSV.file(header: TEICSV.header2019, rows: rows)
    }

    func testManyBatchesKeepEveryValueInOrder() throws {
        let workspace = try Workspace()
        let file = try workspace.write("t.csv", Self.file((1...Self.rowCount).map(Self.tweet)))
        let store = try workspace.store()
        let table = try store.load(path: file.path)
        XCTAssertEqual(table.sources.map(\.rows), [Self.rowCount])
        let rows = try store.rows(table, "\(table.layout.rowNumber!), tweetid, userid, user_screen_name, follower_count, tweet_language, "
                                  + "tweet_client_name, like_count, tweet_text, hashtags, source_file")
        XCTAssertEqual(rows.count, Self.rowCount)
        for (index, row) in rows.enumerated() {
            let n = index + 1
            let tweet = Self.tweet(n)
            let expected: [SQLValue] = [
                .integer(Int64(n)), .integer(Int64(n)), .text("user\(n % 37)"), .text("screen\(n % 37)"),
                .integer(Int64(n % 37)), .text(tweet["tweet_language"]!), .text("client \(n % 11)"), .integer(Int64(n)),
                .text(tweet["tweet_text"]!), .text(n % 3 == 0 ? "[]" : "[\"a\(n)\",\"b\(n % 5)\",\"it's\"]"), .text("t.csv"),
            ]
            guard row == expected else { return XCTFail("row \(n): \(row) is not \(expected)") }
        }
        let items = try store.database.query(
            "SELECT row, position, value FROM \(table.items(of: "hashtags")!.table.quoted) ORDER BY row, position")
        let expectedItems: [[SQLValue]] = (1...Self.rowCount).filter { $0 % 3 != 0 }.flatMap { n in
            [[.integer(Int64(n)), .integer(1), .text("a\(n)")], [.integer(Int64(n)), .integer(2), .text("b\(n % 5)")],
             [.integer(Int64(n)), .integer(3), .text("it's")]]
        }
        XCTAssertEqual(items, expectedItems)
    }

    func testBadRowDeepInTheFileNamesItsLineAndCachesNothing() throws {
        let workspace = try Workspace()
        var rows = (1...Self.rowCount).map(Self.tweet)
        rows[14_999]["like_count"] = "many"
        let file = try workspace.write("t.csv", Self.file(rows))
        XCTAssertThrowsError(try workspace.store().load(path: file.path)) { error in
            guard let error = error as? LoadError else { return XCTFail("not a LoadError: \(error)") }
            XCTAssertTrue(error.file.hasSuffix("/t.csv"), error.file)
            XCTAssertEqual(error.line, 15_001)
            XCTAssertEqual(error.message, "like_count: expected an integer, found \"many\"")
        }
        XCTAssertEqual(workspace.cacheFiles().filter { $0.contains(".sqlite") }, [])
    }

    /// A skipped row keeps the dictionary value it introduced before failing, which later rows use.
    func testLenientLoadAcrossBatchesSkipsBadRows() throws {
        let workspace = try Workspace()
        var rows = (1...Self.rowCount).map(Self.tweet)
        for index in [9_999, 14_999] {
            rows[index]["tweet_language"] = "new\(index)"
            rows[index]["like_count"] = "many"
            rows[index + 1]["tweet_language"] = "new\(index)"
        }
        let file = try workspace.write("t.csv", Self.file(rows))
        let store = try workspace.store()
        let table = try store.load(path: file.path, options: LoadOptions(lenient: true))
        let loaded = try store.rows(table, "tweetid, tweet_language")
        XCTAssertEqual(loaded.count, Self.rowCount - 2)
        XCTAssertEqual(loaded.map { $0[0] }, (1...Self.rowCount).filter { $0 != 10_000 && $0 != 15_000 }.map { .integer(Int64($0)) })
        XCTAssertEqual(loaded[9_999], [.integer(10_001), .text("new9999")])
        XCTAssertEqual(loaded[14_998], [.integer(15_001), .text("new14999")])
        XCTAssertEqual(table.warnings, [
            "skipped 2 malformed rows: t.csv:10001: like_count: expected an integer, found \"many\"; "
                + "t.csv:15001: like_count: expected an integer, found \"many\"",
        ])
    }

    /// The records are scanned on a thread of their own, a few blocks ahead (`CSVReadAhead`): records
    /// that span lines, a malformed record and a file cut inside a quote, megabytes in, are met at
    /// the same lines, in the same order, as when the importing thread scanned them itself.
    func testCSVProblemsManyBlocksInAreFoundAtTheirLines() throws {
        let workspace = try Workspace()
        let rows = (1...Self.rowCount).map { n in
            var tweet = Self.tweet(n)
            if n % 1_000 == 0 { tweet["tweet_text"] = "first line \(n)\nsecond line" }
            return tweet
        }
        let before = Self.file(Array(rows[..<12_000]))
        let malformed = "\"7\"junk,\"x\"\n"
        let after = TEICSV.file(header: TEICSV.header2019, rows: Array(rows[12_000...])).drop { $0 != "\n" }.dropFirst()
        let text = before + malformed + after + "\"8\",\"cut short"
        XCTAssertGreaterThan(text.utf8.count, 4 << 20, "several blocks")
        let lines = { (text: String) in text.utf8.filter { $0 == 0x0A }.count }
        let malformedLine = lines(before) + 1, lastLine = lines(before + malformed + after) + 1
        let file = try workspace.write("t.csv", text)
        XCTAssertThrowsError(try workspace.store().load(path: file.path)) { error in
            XCTAssertEqual((error as? LoadError)?.line, malformedLine)
            XCTAssertEqual((error as? LoadError)?.message, "unexpected text after the closing quote of field 1")
        }
        let store = try workspace.store()
        let table = try store.load(path: file.path, options: LoadOptions(lenient: true))
        let loaded = try store.rows(table, "tweetid, tweet_text")
        XCTAssertEqual(loaded.map { $0[0] }, (1...Self.rowCount).map { .integer(Int64($0)) })
        XCTAssertEqual(loaded[12_999], [.integer(13_000), .text("first line 13000\nsecond line")])
        XCTAssertEqual(table.warnings, [
            "skipped 2 malformed rows: t.csv:\(malformedLine): unexpected text after the closing quote of field 1; "
                + "t.csv:\(lastLine): unterminated quoted field (the file may be truncated)",
        ])
    }

    func testInterruptionWithBatchesInFlightCachesNothing() throws {
        let workspace = try Workspace()
        let file = try workspace.write("t.csv", Self.file((1...Self.rowCount).map(Self.tweet)))
        let store = try workspace.store()
        var interruptedAt: Int64 = 0
        // Reports come at most every 0.1 s: pausing in the handler makes the next chunk report,
        // until enough rows for several batches have been encoded.
        store.progressHandler = { [unowned store] progress in
            guard !progress.isFinished else { return }
            if progress.rows < 6_000 {
                Thread.sleep(forTimeInterval: 0.11)
            } else if interruptedAt == 0 {
                interruptedAt = progress.rows
                store.interruptImport()
            }
        }
        XCTAssertThrowsError(try store.load(path: file.path)) { error in
            XCTAssertEqual((error as? LoadError)?.message, "the import was interrupted")
        }
        XCTAssertGreaterThan(interruptedAt, 0)
        XCTAssertLessThan(interruptedAt, Int64(Self.rowCount))
        XCTAssertEqual(workspace.cacheFiles().filter { $0.contains(".sqlite") }, [])
        store.progressHandler = nil
        let table = try store.load(path: file.path)
        XCTAssertEqual(try store.scalar("SELECT count(*) FROM \(table.relationSQL)"), .integer(Int64(Self.rowCount)))
    }

    /// A statement that fails on the writer thread stops it; its error reaches the importing thread,
    /// and the operations before it were executed, those after it not.
    func testWriterErrorIsThrownToTheImportingThread() throws {
        let database = try Database()
        try database.execute("CREATE TABLE t(id INTEGER PRIMARY KEY, value TEXT NOT NULL)")
        let writer = BatchWriter(inserts: [try BatchWriter.Insert(database: database, table: "t", valueCount: 2)])
        var batch = InsertBatch()
        for id in [1, 2, 2, 3] {
            var text = "value \(id)"
            let value = text.withUTF8 { batch.text($0) }
            batch.append(0, .integer(Int64(id)), value)
        }
        try writer.exchange(&batch)
        XCTAssertTrue(batch.isEmpty, "an empty batch comes back")
        batch.append(0, .integer(4), .null)
        XCTAssertThrowsError(try writer.finish(batch)) { error in
            XCTAssertTrue((error as? SQLiteError)?.message.contains("UNIQUE constraint failed") == true, "\(error)")
        }
        writer.stop()
        XCTAssertEqual(try database.query("SELECT id, value FROM t ORDER BY id"),
                       [[.integer(1), .text("value 1")], [.integer(2), .text("value 2")]])
    }

    /// Rows go several to a statement: a failing row fails its statement, whose error reaches the
    /// importing thread; the statements before it were executed, the failing one and those after not.
    func testWriterErrorInAMultiRowStatement() throws {
        let database = try Database()
        try database.execute("CREATE TABLE t(id INTEGER PRIMARY KEY, value TEXT NOT NULL)")
        let insert = try BatchWriter.Insert(database: database, table: "t", valueCount: 2)
        XCTAssertGreaterThan(insert.rowsAtOnce, 1)
        let writer = BatchWriter(inserts: [insert])
        var batch = InsertBatch()
        // The second statement's rows end with a duplicate of the first statement's first row.
        let n = insert.rowsAtOnce
        let ids = Array(1...n) + Array((n + 1)..<(2 * n)) + [1] + Array((2 * n + 1)...(3 * n))
        for id in ids {
            var text = "value \(id)"
            let value = text.withUTF8 { batch.text($0) }
            batch.append(0, .integer(Int64(id)), value)
        }
        XCTAssertThrowsError(try writer.finish(batch)) { error in
            XCTAssertTrue((error as? SQLiteError)?.message.contains("UNIQUE constraint failed") == true, "\(error)")
        }
        writer.stop()
        XCTAssertEqual(try database.query("SELECT id, value FROM t ORDER BY id"),
                       (1...n).map { [.integer(Int64($0)), .text("value \($0)")] })
    }
}
