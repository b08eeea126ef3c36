import Foundation
@testable import TEIEngine
import TEIStorage
import XCTest

/// A window in an index's order whose functions the index's reader computes (`ReadWindowFromIndex`)
/// reads the index once through `tei_index_order_window`: the same rows, values and order as the
/// window, over the docs' tweets, a Fixture release and a file of ties, missing times and a
/// missing account; a grouping by the account above it sorts nothing; PostgreSQL keeps the window.
final class ReadWindowFromIndexTests: XCTestCase {
    /// Pipelines the pass rewrites: the gaps of `lag`, `lead` with its offset written, positions,
    /// several functions in one step, a renamed key. (The rows of such a window listed as they are
    /// need the decoded account id of every row, which the index does not hold.)
    static let reading = [
        WindowInIndexOrderTests.gaps,
        "t | group userid (sort tweet_time | derive previous = lag(tweet_time), next = lead(tweet_time, 1), n = running_count(), i = row_number()) "
            + "| group userid (n = max(n), i = sum(i), p = count(previous), x = count(next), span = sum(next - previous), last = max(next))",
        "t | group userid (sort tweet_time | derive n = running_count()) | group userid (last = max(n), tweets = count())",
        "t | group userid (sort tweet_time | derive next = lead(tweet_time)) | filter next != null | group userid (typical = median(next - tweet_time))",
        "t | select who = userid, tweet_time | group who (sort tweet_time | derive previous = lag(tweet_time)) | group who (p = max(previous))",
    ]

    /// Windows the reader does not compute: they stay windows read in the index's order.
    static let windows = [
        "t | group userid (sort tweet_time | derive previous = lag(tweet_time, 2)) | group userid (p = max(previous))",
        "t | group userid (sort tweet_time | derive r = rank()) | group userid (r = max(r))",
        "t | group userid (sort tweet_time | derive total = running_sum(tweet_time - tweet_time)) | group userid (t = max(total))",
    ]

    func testReadingTheIndexGivesTheRowsOfTheWindow() throws {
        let check = try PassCheck()
        let awkward = "let t = load \"\(try SeekFirstRowsTests.awkwardFile(in: check.harness.workingDirectory))\"\n"
        try check.assertSameRows(Self.reading + Self.windows, preludes: PassCheck.preludes + [awkward])
        for pipeline in Self.reading + Self.windows {
            let text = PlanPrinter.text(Optimizer.optimize(try check.plan(pipeline, prelude: awkward), tables: check.harness.session.tables))
            XCTAssertTrue(text.contains("[in index order]"), "\(pipeline)\n\(text)")
            XCTAssertEqual(text.contains("(one pass over "), Self.reading.contains(pipeline), "\(pipeline)\n\(text)")
        }
        // The gaps of account a: two tweets tied at 09:00, then 10:00 and the next day; its tweet
        // without a time has no gap. The rows without an account are a group of their own.
        XCTAssertEqual(try check.harness.resultRows(awkward + "t | group userid (sort tweet_time | derive previous = lag(tweet_time), "
                                                    + "next = lead(tweet_time), n = running_count()) | filter userid == \"a\" "
                                                    + "| select n, tweet_time = text(tweet_time), previous = text(previous), next = text(next)"),
                       [["1", "2016-11-01 09:00", "", "2016-11-01 09:00"],
                        ["2", "2016-11-01 09:00", "2016-11-01 09:00", "2016-11-01 10:00"],
                        ["3", "2016-11-01 10:00", "2016-11-01 09:00", "2016-11-03 00:00"],
                        ["4", "2016-11-03 00:00", "2016-11-01 10:00", ""],
                        ["5", "", "2016-11-03 00:00", ""]])
    }

    /// The grouping by the account streams over the reader's rows: the one sort left is of the
    /// answer, by the decoded account id.
    func testGroupingByTheAccountSortsNothing() throws {
        let harness = try SessionHarness()
        let details = try IndexUseTests.plan(WindowInIndexOrderTests.gaps, harness)
        XCTAssertTrue(details.contains { $0.hasPrefix("SCAN w VIRTUAL TABLE") }, "\(details)")
        XCTAssertFalse(details.contains { $0.contains("GROUP BY") }, "\(details)")
        XCTAssertEqual(details.filter { $0.hasPrefix("USE TEMP B-TREE") }, ["USE TEMP B-TREE FOR ORDER BY"], "\(details)")
    }

    /// PostgreSQL has no such reader: its SQL is the window, in the index's order.
    func testPostgreSQLRunsTheWindow() throws {
        let check = try PassCheck()
        let relation = try check.plan(WindowInIndexOrderTests.gaps)
        let tables = check.harness.session.tables
        XCTAssertTrue(PlanPrinter.text(Optimizer.optimize(relation, tables: tables)).contains("(one pass over "))
        let postgres = QueryCompiler.compile(relation, tables: tables, dialect: PostgreSQLDialect()).sql
        XCTAssertFalse(postgres.contains(IndexOrderWindow.functionName), postgres)
        XCTAssertTrue(postgres.contains("lag(\"tweet_time\") OVER (PARTITION BY"), postgres)
        let sqlite = QueryCompiler.compile(relation, tables: tables).sql
        XCTAssertTrue(sqlite.contains(IndexOrderWindow.functionName), sqlite)
        XCTAssertFalse(sqlite.contains(" OVER ("), sqlite)
    }
}
