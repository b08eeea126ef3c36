import Foundation
import TEIEngine
import XCTest

/// `group` by a dictionary-encoded column of a loaded table (account ids, language, client) groups
/// by the stored integer code and decodes once per group; these tests hold it to the same rows, in
/// the same order, as grouping by a computed copy of the column, and check that it only does so
/// while the column still holds the loaded values.
final class GroupByCodeTests: XCTestCase {
    static var prelude: String { ExplodeSideTableTests.prelude }

    /// Each pair: a pipeline grouping by a loaded dictionary column, and the same computation
    /// grouping by a copy made with `++ ""` (a computed value, which has no codes).
    func testGroupingByCodeGivesTheRowsOfGroupingByValue() throws {
        let harness = try SessionHarness()
        let pairs = [
            ("t | group userid (n = count(), likes = sum(like_count))",
             "t | derive k = userid ++ \"\" | group userid = k (n = count(), likes = sum(like_count))"),
            ("t | filter not is_retweet | group tweet_language, tweet_client_name (n = count()) | sort -n",
             "t | filter not is_retweet | group tweet_language = tweet_language ++ \"\", tweet_client_name = tweet_client_name ++ \"\" (n = count()) | sort -n"),
            ("t | select who = retweet_userid, is_retweet | filter is_retweet | group who (n = count()) | sort -n | take 15",
             "t | select who = retweet_userid ++ \"\", is_retweet | filter is_retweet | group who (n = count()) | sort -n | take 15"),
            ("t | group retweet_userid (n = count()) | sort -n | take 5",
             "t | group retweet_userid = retweet_userid ++ \"\" (n = count()) | sort -n | take 5"),
            ("t | explode hashtags as tag | group userid, tag (n = count()) | sort -n | take 20",
             "t | explode hashtags as tag | group userid = userid ++ \"\", tag (n = count()) | sort -n | take 20"),
            ("t | join anti users on userid | group userid (n = count()) | sort -n | take 10",
             "t | join anti users on userid | group userid = userid ++ \"\" (n = count()) | sort -n | take 10"),
            ("t | sort -like_count | take 200 | group tweet_language (n = count(), top = max(like_count))",
             "t | sort -like_count | take 200 | group tweet_language = tweet_language ++ \"\" (n = count(), top = max(like_count))"),
            // Through joins: a column either side outputs unchanged, a table joined with itself, a left join's right side.
            ("t | filter is_retweet | select account = userid, retweet_tweetid | join (t | filter is_retweet | select partner = userid, "
                + "rt = retweet_tweetid) on retweet_tweetid == rt and account < partner | group a = account, b = partner (n = count())",
             "t | filter is_retweet | select account = userid ++ \"\", retweet_tweetid | join (t | filter is_retweet | select partner = "
                + "userid ++ \"\", rt = retweet_tweetid) on retweet_tweetid == rt and account < partner | group a = account, b = partner (n = count())"),
            ("t | join (t | select id = tweetid, lang = tweet_language) on tweetid == id | group userid, lang (n = count()) | sort -n",
             "t | join (t | select id = tweetid, lang = tweet_language) on tweetid == id | group userid = userid ++ \"\", lang = lang ++ \"\" "
                + "(n = count()) | sort -n"),
            ("t | join left (t | filter tweet_language == \"en\" | select who = userid, id = tweetid) on tweetid == id | group who (n = count())",
             "t | join left (t | filter tweet_language == \"en\" | select who = userid, id = tweetid) on tweetid == id "
                + "| group who = who ++ \"\" (n = count())"),
        ]
        for (coded, computed) in pairs {
            XCTAssertTrue(try harness.normalizedSQL(Self.prelude + coded).contains(" dictionary>"), coded)
            XCTAssertFalse(try harness.normalizedSQL(Self.prelude + computed).contains(" dictionary>"), computed)
            let expected = try harness.resultRows(Self.prelude + computed)
            XCTAssertGreaterThan(expected.count, 1, computed)
            XCTAssertEqual(try harness.resultRows(Self.prelude + coded), expected, coded)
        }
    }

    /// A window partitioned by a loaded dictionary column (`WindowPartitionByCode`) gives the rows of
    /// the same window partitioned by a computed copy, and so does a group after it.
    func testWindowPartitionedByCodeGivesTheRowsOfPartitioningByValue() throws {
        let harness = try SessionHarness()
        let pairs = [
            ("t | group userid (sort tweet_time | take 2) | select userid, tweetid",
             "t | derive k = userid ++ \"\" | group k (sort tweet_time | take 2) | select userid, tweetid"),
            ("t | group userid (sort tweet_time | derive gap = tweet_time - lag(tweet_time)) | filter gap != null | group userid (g = median(gap))",
             "t | derive k = userid ++ \"\" | group k (sort tweet_time | derive gap = tweet_time - lag(tweet_time)) | filter gap != null "
                + "| group userid = k (g = median(gap))"),
        ]
        for (coded, computed) in pairs {
            let sql = try harness.normalizedSQL(Self.prelude + coded)
            // By the code, with `+` unless the index of an account's tweets in time order holds the rows (`WindowInIndexOrder`),
            // or read from that index by the code in one pass (`ReadWindowFromIndex`).
            XCTAssertTrue(sql.contains("PARTITION BY +\"__tei_code_") || sql.contains("PARTITION BY \"__tei_code_")
                          || sql.contains("w.\"key\" AS \"__tei_code_"), sql)
            let expected = try harness.resultRows(Self.prelude + computed)
            XCTAssertGreaterThan(expected.count, 1, computed)
            XCTAssertEqual(try harness.resultRows(Self.prelude + coded), expected, coded)
        }
    }

    /// A grouped column replaced by a computed value, or whose rows were combined, groups by its
    /// values. (A column merely renamed, or passed on by a join, keeps its codes.)
    func testGroupsByValueWhenTheColumnMayHaveChanged() throws {
        let harness = try SessionHarness()
        let pipelines = [
            "t | derive userid = user_screen_name | group userid (n = count())",
            "t | select tweetid, tweet_language = lower(tweet_client_name) | group tweet_language (n = count())",
            "t | distinct | group userid (n = count())",
            "t | append t | group userid (n = count())",
        ]
        for pipeline in pipelines {
            XCTAssertFalse(try harness.normalizedSQL(Self.prelude + pipeline).contains(" dictionary>"), pipeline)
        }
        XCTAssertEqual(try harness.resultRows(Self.prelude + "t | derive userid = user_screen_name | group userid (n = count()) | count"),
                       try harness.resultRows(Self.prelude + "t | group user_screen_name (n = count()) | count"))
    }
}
