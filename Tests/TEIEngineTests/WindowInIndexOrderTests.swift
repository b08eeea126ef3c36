import Foundation
@testable import TEIEngine
import XCTest

/// A window over an account's tweets in time order that the index of each account's tweets holds
/// (`WindowInIndexOrder`) reads that index in its order: the same rows as sorting them, over the
/// docs' tweets, a Fixture release and a file of ties and missing values; no sort of every row.
final class WindowInIndexOrderTests: XCTestCase {
    static let gaps = "t | group userid (sort tweet_time | derive gap = tweet_time - lag(tweet_time)) | filter gap != null "
        + "| group userid (typical_gap = median(gap))"

    func testReadingTheIndexGivesTheRowsOfSorting() throws {
        let check = try PassCheck()
        let awkward = "let t = load \"\(try SeekFirstRowsTests.awkwardFile(in: check.harness.workingDirectory))\"\n"
        let pipelines = [
            Self.gaps,
            "t | group userid (sort tweet_time | derive n = running_count(), previous = lag(tweet_time)) | group userid (last = max(n), p = max(previous))",
        ]
        try check.assertSameRows(pipelines, preludes: PassCheck.preludes + [awkward])
        for pipeline in pipelines {
            let plan = try check.plan(pipeline, prelude: awkward)
            XCTAssertTrue(PlanPrinter.text(Optimizer.optimize(plan, tables: check.harness.session.tables)).contains("[in index order]"), pipeline)
        }
    }

    /// The narrow index in its order, not the table, and no sort for the window: the index holds
    /// each account's tweets with the missing times last, as tei orders them. (A window the
    /// index's reader computes reads it once instead: `ReadWindowFromIndexTests`.)
    func testReadsTheIndexWithoutSortingEveryRow() throws {
        let harness = try SessionHarness()
        let details = try IndexUseTests.plan(Self.gaps.replacingOccurrences(of: "lag(tweet_time)", with: "lag(tweet_time, 2)"), harness)
        XCTAssertTrue(details.contains("SCAN r USING COVERING INDEX rows_index_6"), "\(details)")
        XCTAssertFalse(details.contains { $0.contains("RIGHT PART OF ORDER BY") }, "\(details)")
        // The one whole sort left is of the answer, by the decoded account id.
        XCTAssertEqual(details.filter { $0 == "USE TEMP B-TREE FOR ORDER BY" }.count, 1, "\(details)")
        XCTAssertEqual(details.last, "USE TEMP B-TREE FOR ORDER BY", "\(details)")
    }
}
