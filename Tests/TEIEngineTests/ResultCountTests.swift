import Foundation
import TEIEngine
import TEIStorage
import XCTest

/// A shown result longer than the preview reports how many rows it has in all: counted by stepping
/// on for a result a little longer than the preview, and by a `COUNT(*)` without the final ORDER BY
/// for a long one. Both must give what `count` gives.
final class ResultCountTests: XCTestCase {
    private func shownTotal(_ pipeline: String, _ harness: SessionHarness) throws -> Int {
        let (outcome, output) = harness.run(ExplodeSideTableTests.prelude + pipeline)
        XCTAssertEqual(outcome, .success, output.standardError.joined(separator: "\n"))
        let table = try XCTUnwrap(output.tables.last)
        XCTAssertEqual(table.rows.count, 100, "the preview")
        return table.totalRows
    }

    private func counted(_ pipeline: String, _ harness: SessionHarness) throws -> Int {
        let rows = try harness.resultRows(ExplodeSideTableTests.prelude + pipeline + " | count")
        return try XCTUnwrap(Int(try XCTUnwrap(rows.first?.first)))
    }

    func testTotalsOfShortAndLongResults() throws {
        let harness = try SessionHarness()
        let short = "t | group tweetid (n = count())"
        let long = "t | join t on userid | select tweetid"
        XCTAssertLessThan(try counted(short, harness), 10_100, "counted by stepping")
        XCTAssertGreaterThan(try counted(long, harness), 10_100, "counted by COUNT(*)")
        for pipeline in [short, long, "t | sort -like_count | take 5000", "t"] {
            XCTAssertEqual(try shownTotal(pipeline, harness), try counted(pipeline, harness), pipeline)
        }
    }

    /// A total that takes a `COUNT(*)` comes after a `.preview` of the same rows; one counted by
    /// stepping comes at once, as the only event.
    func testTheRowsOfALongResultArePreviewedBeforeItsTotal() throws {
        let harness = try SessionHarness()
        let (_, short) = harness.run(ExplodeSideTableTests.prelude + "t | group tweetid (n = count())")
        XCTAssertEqual(short.previews.count, 0)
        let (outcome, long) = harness.run(ExplodeSideTableTests.prelude + "t | join t on userid | select tweetid")
        XCTAssertEqual(outcome, .success, long.standardError.joined(separator: "\n"))
        let preview = try XCTUnwrap(long.previews.first)
        let table = try XCTUnwrap(long.tables.last)
        XCTAssertEqual(long.previews.count, 1)
        XCTAssertEqual(preview.rows, table.rows)
        XCTAssertEqual(preview.totalRows, 10_100, "the rows seen before the count")
        XCTAssertFalse(preview.totalIsExact)
        XCTAssertTrue(table.totalIsExact)
        XCTAssertGreaterThan(table.totalRows, 10_100)
    }

    func testTheCountingStatementHasNoFinalOrder() throws {
        let harness = try SessionHarness()
        let relation = try XCTUnwrap(SQLSnapshotTests.shownRelation(ExplodeSideTableTests.prelude + "t | sort -like_count", harness: harness))
        let query = harness.session.compile(relation)
        XCTAssertTrue(query.sql.hasSuffix("NULLS LAST"), query.sql)
        let last = try XCTUnwrap(query.countSQL.components(separatedBy: "\n").last)
        XCTAssertTrue(last.hasPrefix("SELECT COUNT(*) FROM "), query.countSQL)
        XCTAssertFalse(last.contains("ORDER BY"), query.countSQL)
    }

    func testACountThatTakesTooLongGivesALowerBound() throws {
        // A counting time of zero: the deadline passes before COUNT(*) of the long join ends.
        let harness = try SessionHarness(countingTime: 0)
        let long = "t | join t on tweet_language | select tweetid"
        let (outcome, output) = harness.run(ExplodeSideTableTests.prelude + long)
        XCTAssertEqual(outcome, .success, output.standardError.joined(separator: "\n"))
        let table = try XCTUnwrap(output.tables.last)
        XCTAssertFalse(table.totalIsExact)
        XCTAssertEqual(table.totalRows, 10_100, "one less than the rows seen: the preview and the rows stepped past it")
        XCTAssertTrue(try XCTUnwrap(output.standardOutput.last).hasSuffix("showing first 100 of more than 10,100 rows"))
        // The session goes on: the interrupt of the count reaches no later statement.
        XCTAssertEqual(try harness.resultRows("1 + 1"), [["2"]])
    }

    func testLargeSortsSpillIntoTheCacheFolderOnceALoadHasMadeIt() throws {
        let harness = try SessionHarness()
        let folder = harness.workingDirectory.appendingPathComponent("cache/tmp").path
        XCTAssertFalse(FileManager.default.fileExists(atPath: harness.workingDirectory.appendingPathComponent("cache").path),
                       "a session that has loaded nothing has not made the cache folder")
        let (outcome, output) = harness.run("load \"docs/data/users.csv\" | count")
        XCTAssertEqual(outcome, .success, output.standardError.joined(separator: "\n"))
        XCTAssertEqual(try harness.session.database.query("PRAGMA temp_store_directory").first?.first, .text(folder))
        var isFolder: ObjCBool = false
        XCTAssertTrue(FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder) && isFolder.boolValue)
    }
}
