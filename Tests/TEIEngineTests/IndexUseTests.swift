import Foundation
import TEIEngine
import TEIStorage
import XCTest

/// The standard questions that the cache's indexes serve (see `TEIFormat.tweetIndexes`) compile to
/// SQL that SQLite answers by reading an index in key order: grouping sorts no rows. A change to
/// the spelling of `date`, or to how `group` reads codes, would silently make them sort a whole
/// release again; these tests catch that.
final class IndexUseTests: XCTestCase {
    /// The details of SQLite's query plan for the last pipeline of `pipeline` after the prelude.
    static func plan(_ pipeline: String, _ harness: SessionHarness) throws -> [String] {
        let relation = try XCTUnwrap(SQLSnapshotTests.shownRelation(ExplodeSideTableTests.prelude + pipeline, harness: harness))
        let query = harness.session.compile(relation)
        let statement = try harness.session.database.prepare("EXPLAIN QUERY PLAN " + query.sql)
        try statement.bind(query.parameters)
        var details: [String] = []
        while try statement.step() {
            if case .text(let detail) = statement.value(at: 3) { details.append(detail) }
        }
        return details
    }

    /// Counts per account (and per retweeted account) read the rollups by account through their
    /// index by code, in code order: SQLite groups without sorting.
    func testCountsPerAccountReadTheRollupInCodeOrder() throws {
        let harness = try SessionHarness()
        for question in ["t | group userid (n = count()) | sort -n | take 20",
                         "t | filter not is_retweet | group userid (n = count())",
                         "t | filter is_retweet | group retweet_userid (n = count()) | sort -n | take 20"] {
            let details = try Self.plan(question, harness)
            XCTAssertTrue(details.contains { $0.contains("USING COVERING INDEX rollup_") && $0.contains("_by_code") }, "\(question): \(details)")
            XCTAssertFalse(details.contains { $0.contains("FOR GROUP BY") }, "\(question): \(details)")
        }
    }

    /// Counts alone are read from the rollups (`AggregateFromRollupTests`); with a sum of another
    /// column beside them, the rows are grouped in the order of an index.
    func testStandardQuestionsGroupByReadingAnIndex() throws {
        let harness = try SessionHarness()
        let questions = [
            "t | group userid (n = count(), likes = sum(like_count)) | sort -n | take 20",
            "t | group day = date(tweet_time) (n = count(), likes = sum(like_count))",
            "t | group day = bin(tweet_time, 1d) (n = count(), likes = sum(like_count))",
            "t | filter not is_retweet | group tweet_language (n = count(), likes = sum(like_count)) | sort -n",
            "t | filter is_retweet | group retweet_userid (n = count(), likes = sum(like_count)) | sort -n | take 20",
        ]
        for question in questions {
            let details = try Self.plan(question, harness)
            XCTAssertTrue(details.contains { $0.contains("USING") && $0.contains("INDEX") }, "\(question): \(details)")
            XCTAssertFalse(details.contains { $0.contains("FOR GROUP BY") }, "\(question): \(details)")
        }
        // A question no index serves sorts for its grouping, as the check above would notice.
        XCTAssertTrue(try Self.plan("t | group tweet_client_name (n = count())", harness).contains { $0.contains("FOR GROUP BY") })
    }

    func testDayIndexGivesTheAnswerOfAScan() throws {
        let harness = try SessionHarness()
        let indexed = harness.run(ExplodeSideTableTests.prelude + "t | group day = date(tweet_time) (n = count(), likes = sum(like_count))")
        let scanned = harness.run(ExplodeSideTableTests.prelude + "t | group day = date(tweet_time + 0s) (n = count(), likes = sum(like_count))")
        XCTAssertEqual(indexed.outcome, .success)
        XCTAssertEqual(indexed.output.printed, scanned.output.printed)
        XCTAssertGreaterThan(indexed.output.tables.last?.rows.count ?? 0, 10)
    }

    /// A bool column filters as `= 1`, and `not` of one as `= 0`, which the indexes starting with
    /// `is_retweet` can seek; the rows are those of the comparison written out.
    func testBoolColumnFiltersAreSeekableAndMeanTheSame() throws {
        let harness = try SessionHarness()
        let prelude = ExplodeSideTableTests.prelude
        XCTAssertTrue(try harness.compiledSQL(prelude + "t | filter is_retweet").contains("WHERE (\"is_retweet\" = 1)"))
        XCTAssertTrue(try harness.compiledSQL(prelude + "t | filter not is_retweet").contains("WHERE (\"is_retweet\" = 0)"))
        XCTAssertTrue(try harness.compiledSQL(prelude + "t | filter not (like_count > 3)").contains("NOT"))
        let pairs = [
            ("t | filter is_retweet | group tweet_language (n = count())", "t | filter is_retweet == true | group tweet_language (n = count())"),
            ("t | filter not is_retweet | group retweet_userid (n = count())", "t | filter is_retweet == false | group retweet_userid (n = count())"),
            ("t | derive r = is_retweet | filter not r | count", "t | filter is_retweet != true | count"),
        ]
        for (short, written) in pairs {
            let expected = try harness.resultRows(prelude + written)
            XCTAssertFalse(expected.isEmpty, written)
            XCTAssertEqual(try harness.resultRows(prelude + short), expected, short)
        }
    }
}
