import Foundation
import TEIEngine
import XCTest

/// `explode` of a list column read straight from a loaded table joins the table's item relation
/// instead of parsing the JSON list; these tests hold it to the same rows, in the same order, as
/// the JSON form, and check that it falls back to the JSON form whenever the list may have changed.
final class ExplodeSideTableTests: XCTestCase {
    static let tweets = SessionHarness.repositoryRoot
        .appendingPathComponent("Fixtures/freedonia_201901_1_tweets_csv_hashed.csv").path
    static var prelude: String { "let t = load \"\(tweets)\"\nlet users = load \"docs/data/users.csv\"\n" }

    private func sql(_ pipeline: String, _ harness: SessionHarness) throws -> String {
        try harness.normalizedSQL(Self.prelude + pipeline)
    }

    private func rows(_ pipeline: String, _ harness: SessionHarness) throws -> [[String]] {
        try harness.resultRows(Self.prelude + pipeline)
    }

    /// Each pair: a pipeline that explodes a loaded list column, and the same computation with the
    /// list renamed first (which the generator must treat as derived, so it parses JSON).
    func testSideTableGivesTheRowsAndOrderOfTheJSONForm() throws {
        let harness = try SessionHarness()
        let pairs = [
            ("t | explode hashtags as tag | select tweetid, tag",
             "t | select tweetid, h = hashtags | explode h as tag | select tweetid, tag"),
            ("t | filter like_count > 2 | sort -like_count | take 300 | explode urls as u | select tweetid, u",
             "t | derive l = urls | filter like_count > 2 | sort -like_count | take 300 | explode l as u | select tweetid, u"),
            ("t | explode hashtags as tag | explode urls as u | select tweetid, tag, u",
             "t | derive h = hashtags, l = urls | explode h as tag | explode l as u | select tweetid, tag, u"),
            ("t | sort -len(hashtags) | explode hashtags as hashtags | select tweetid, hashtags | take 500",
             "t | derive h = hashtags | sort -len(h) | explode h as hashtags | select tweetid, hashtags | take 500"),
            ("t | select tweetid, user_mentions | explode user_mentions as m | group m (n = count(), last = max(tweetid)) | sort -n",
             "t | select tweetid, um = user_mentions | explode um as m | group m (n = count(), last = max(tweetid)) | sort -n"),
        ]
        for (sideTable, json) in pairs {
            let sideSQL = try sql(sideTable, harness), jsonSQL = try sql(json, harness)
            XCTAssertFalse(sideSQL.contains("json_each"), sideTable)
            XCTAssertTrue(sideSQL.contains(" items>"), sideTable)
            XCTAssertTrue(jsonSQL.contains("json_each"), json)
            let expected = try rows(json, harness)
            XCTAssertGreaterThan(expected.count, 10, json)
            XCTAssertEqual(try rows(sideTable, harness), expected, sideTable)
        }
    }

    /// Whenever the list column may no longer hold the loaded values, or the rows no longer map
    /// one-to-one onto loaded rows, explode parses the JSON list.
    func testFallsBackToJSONWhenTheListMayHaveChanged() throws {
        let harness = try SessionHarness()
        let pipelines = [
            "t | derive hashtags = urls | explode hashtags as x",
            "t | select tweetid, hashtags = urls | explode hashtags as x",
            "t | distinct | explode hashtags as x",
            "t | join users on userid | explode hashtags as x",
            "t | append t | explode hashtags as x",
        ]
        for pipeline in pipelines {
            let text = try sql(pipeline, harness)
            XCTAssertTrue(text.contains("json_each"), pipeline)
            XCTAssertFalse(text.contains(" items>"), pipeline)
        }
        XCTAssertEqual(try rows("t | derive hashtags = urls | explode hashtags as x | count", harness),
                       try rows("t | explode urls as x | count", harness))
    }
}
