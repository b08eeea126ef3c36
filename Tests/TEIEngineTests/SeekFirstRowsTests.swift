import Foundation
@testable import TEIEngine
import TEIStorage
import XCTest

/// `group k (sort t | take N)` over a loaded table with an index on (k, t missing, t) seeks each group's first
/// rows (`SeekFirstRowsPerGroup`): the same rows, numbers and order as numbering every row, over the
/// docs' tweets, a Fixture release, and a file made for the cases the index orders on its own
/// (times tied within an account, missing times, a missing account id, rows out of time order).
final class SeekFirstRowsTests: XCTestCase {
    /// Pipelines the pass rewrites: ascending and descending, a range, a renamed key, a filter after.
    static let seeking = [
        "t | group userid (sort tweet_time | take 1) | select userid, tweetid, tweet_time",
        "t | group userid (sort -tweet_time | take 2) | select userid, tweetid, tweet_time",
        "t | group userid (sort tweet_time | take 2..3) | select tweetid, userid",
        "t | select tweetid, who = userid, tweet_time | group who (sort tweet_time | take 1)",
        "t | group userid (sort tweet_time | take 1) | filter like_count >= 0 | select tweetid, like_count",
    ]

    /// The columns of a tweets file, as the docs' file has them.
    private static func header() throws -> [String] {
        let docs = SessionHarness.repositoryRoot.appendingPathComponent("docs/data/tweets.csv")
        let first = try XCTUnwrap(try String(contentsOf: docs, encoding: .utf8).split(separator: "\n").first)
        return first.split(separator: ",").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "\"")) }
    }

    /// A tweets file whose rows tie, miss times and an account, and come out of time order.
    static func awkwardFile(in folder: URL) throws -> String {
        let columns = try header()
        let rows: [(id: Int, user: String, time: String)] = [
            (1, "a", "2016-11-01 10:00"), (2, "b", "2016-11-01 09:00"), (3, "a", "2016-11-01 09:00"),
            (4, "a", "2016-11-01 09:00"), (5, "a", ""), (6, "b", ""), (7, "", "2016-11-02 08:00"),
            (8, "", "2016-11-01 08:00"), (9, "c", ""), (10, "c", ""), (11, "b", "2016-11-01 09:00"),
            (12, "a", "2016-11-03 00:00"), (13, "", ""), (14, "d", "2016-11-01 07:00"),
        ]
        var lines = [columns.map { "\"\($0)\"" }.joined(separator: ",")]
        for row in rows {
            let fields: [String: String] = ["tweetid": String(100 + row.id), "userid": row.user, "tweet_text": "t\(row.id)",
                                            "tweet_time": row.time, "is_retweet": "false", "like_count": String(row.id % 3)]
            lines.append(columns.map { "\"\(fields[$0] ?? "")\"" }.joined(separator: ","))
        }
        let path = folder.appendingPathComponent("awkward_tweets.csv").path
        try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func testSeekingGivesTheRowsOfNumberingEveryRow() throws {
        let check = try PassCheck()
        let awkward = "let t = load \"\(try Self.awkwardFile(in: check.harness.workingDirectory))\"\n"
        try check.assertSameRows(Self.seeking, preludes: PassCheck.preludes + [awkward])
        for pipeline in Self.seeking {
            let plan = try check.plan(pipeline, prelude: awkward)
            XCTAssertTrue(PlanPrinter.text(Optimizer.optimize(plan, tables: check.harness.session.tables)).contains("(seek "), pipeline)
        }
        // The first tweet of each account: tied times in file order, missing times last, the rows without an account a group.
        XCTAssertEqual(try check.harness.resultRows(awkward + "t | group userid (sort tweet_time | take 1) | select userid, tweetid"),
                       [["a", "103"], ["b", "102"], ["c", "109"], ["d", "114"], ["", "108"]])
        XCTAssertEqual(try check.harness.resultRows(awkward + "t | group userid (sort -tweet_time | take 2) | select tweetid"),
                       [["112"], ["101"], ["102"], ["111"], ["109"], ["110"], ["114"], ["107"], ["108"]])
    }

    /// With one row a group, every kept row is numbered 1: the rows are not numbered (nor sorted to
    /// be); with more, they are, among themselves.
    func testOneRowAGroupIsNotNumbered() throws {
        let check = try PassCheck()
        func optimized(_ pipeline: String) throws -> String {
            PlanPrinter.text(Optimizer.optimize(try check.plan(pipeline, prelude: PassCheck.preludes[0]), tables: check.harness.session.tables))
        }
        let first = try optimized(Self.seeking[0])
        XCTAssertTrue(first.contains("(seek ") && !first.contains("row_number"), first)
        let firstTwo = try optimized(Self.seeking[1])
        XCTAssertTrue(firstTwo.contains("(seek ") && firstTwo.contains("row_number"), firstTwo)
    }

    /// The index is read per account, and the account ids are decoded for the rows kept alone. The
    /// first tweet's id, account and time are read from the index (which holds the tweet id after
    /// the row number), one seek a column, and no row of the table is read.
    func testSeekingReadsTheIndexPerAccount() throws {
        let harness = try SessionHarness()
        let details = try IndexUseTests.plan("t | group userid (sort tweet_time | take 1) | select userid, tweetid, tweet_time", harness)
        // The keys from the account ids' dictionary, not from every row, then per key a seek of its
        // rows, which the index holds in the group's order (missing times last): no range on the time, no sort.
        XCTAssertTrue(details.contains { $0.hasPrefix("SCAN tei_") && $0.hasSuffix(".dict_0") }, "\(details)")
        XCTAssertFalse(details.contains { $0.hasPrefix("SCAN r") }, "\(details)")
        // The tweet id, the account id (decoded from its code), the time, and the row number twice
        // (whether the key has rows, and its value).
        XCTAssertEqual(details.filter { $0.contains("rows_index_6") }, Array(repeating: "SEARCH r USING COVERING INDEX rows_index_6 (c1=?)", count: 5),
                       "\(details)")
        XCTAssertFalse(details.contains { $0.hasPrefix("SEARCH r USING INTEGER PRIMARY KEY") }, "\(details)")
    }

    /// A column the index does not hold (the like count) has each first row read from the table by
    /// its row number; more than one row a group too.
    func testAColumnTheIndexLacksReadsTheRow() throws {
        let harness = try SessionHarness()
        for pipeline in [Self.seeking[4], Self.seeking[1]] {
            let details = try IndexUseTests.plan(pipeline, harness)
            XCTAssertEqual(details.filter { $0.contains("rows_index_6") }.count, 1, "\(details)")
            XCTAssertTrue(details.contains { $0.hasPrefix("SEARCH r USING INTEGER PRIMARY KEY (rowid=?)") }, "\(details)")
        }
        let check = try PassCheck()
        func optimized(_ pipeline: String) throws -> String {
            PlanPrinter.text(Optimizer.optimize(try check.plan(pipeline, prelude: PassCheck.preludes[0]), tables: check.harness.session.tables))
        }
        XCTAssertTrue(try optimized(Self.seeking[0]).contains(", the index alone)"))
        XCTAssertTrue(try optimized(Self.seeking[3]).contains(", the index alone)"))
        XCTAssertFalse(try optimized(Self.seeking[4]).contains(", the index alone)"))
    }
}
