import Foundation
import TEIEngine
import XCTest

/// `SeekJoinSideByIndex`: a join's right side is read in place when an index of its table starts
/// with columns the join (and the side's `column == constant` filters) bind by equality, so that
/// SQLite seeks the index per left row; the rows stay those of the side read as a temporary table.
final class SeekJoinSideTests: XCTestCase {
    static var prelude: String { ExplodeSideTableTests.prelude }

    /// `co_retweet_pairs`' join, as the standard library writes it.
    static let coRetweets = "t | filter is_retweet | select account = userid, retweet_tweetid, tweet_time "
        + "| join (t | filter is_retweet | select partner = userid, rt = retweet_tweetid, at = tweet_time) on retweet_tweetid == rt "
        + "and account < partner and tweet_time - at <= 1d and at - tweet_time <= 1d "
        + "| group account_a = account, account_b = partner (shared = count_distinct(retweet_tweetid), first = min(tweet_time)) "
        + "| sort -shared, account_a, account_b"

    /// The retweets of each left retweet's tweet within the day around it are one range of the
    /// index on (is_retweet, retweet_tweetid, tweet_time, userid), which holds all the join reads:
    /// no automatic index, no copy of either side, and the account pairs grouped by code.
    func testCoRetweetJoinSeeksARangeOfTheIndex() throws {
        let harness = try SessionHarness()
        let details = try IndexUseTests.plan(Self.coRetweets, harness)
        let range = try NSRegularExpression(pattern: #"USING COVERING INDEX \S+ \(\w+=\? AND \w+=\? AND \w+>\? AND \w+<\?\)"#)
        XCTAssertTrue(details.contains { range.firstMatch(in: $0, range: NSRange($0.startIndex..., in: $0)) != nil }, "\(details)")
        XCTAssertFalse(details.contains { $0.contains("AUTOMATIC") || $0.contains("MATERIALIZE") }, "\(details)")
        XCTAssertTrue(try harness.normalizedSQL(Self.prelude + Self.coRetweets).contains(" dictionary>"))
    }

    /// The index holds the retweets alone, so a question about the original tweets (the texts of
    /// `duplicate_text_clusters`) never reads them through it, in time order instead of file order.
    func testOriginalTweetsAreNotReadThroughTheRetweetsIndex() throws {
        let harness = try SessionHarness()
        let join = try IndexUseTests.plan(Self.coRetweets, harness)
        let range = try NSRegularExpression(pattern: #"USING COVERING INDEX (\S+) \(\w+=\? AND \w+=\?"#)
        let names = join.compactMap { detail -> String? in
            guard let match = range.firstMatch(in: detail, range: NSRange(detail.startIndex..., in: detail)),
                  let name = Range(match.range(at: 1), in: detail) else { return nil }
            return String(detail[name])
        }
        let index = try XCTUnwrap(names.first, "\(join)")
        for pipeline in ["t | filter not is_retweet | group tweet_text (n = count(), first = min(tweet_time))",
                         "t | filter not is_retweet | select userid, tweet_time, tweet_text"] {
            let details = try IndexUseTests.plan(pipeline, harness)
            XCTAssertFalse(details.contains { $0.contains(index) }, "\(pipeline): \(details)")
        }
    }

    /// A join on columns no index starts with, or whose index the side's filters do not reach,
    /// copies its side as before; every one gives the rows of the plan as checked.
    func testReadsInPlaceOnlyWhatAnIndexServes() throws {
        let harness = try SessionHarness()
        let seeks = [
            "t | filter is_retweet | join (t | filter is_retweet | select rt = retweet_tweetid, at = tweet_time) on retweet_tweetid == rt "
                + "| select tweetid, at",
        ]
        let copies = [
            "t | join (t | select x = like_count, id = tweetid) on like_count == x | select tweetid, id",
            // The index starts with is_retweet, which nothing binds here.
            "t | join (t | select rt = retweet_tweetid, at = tweet_time) on retweet_tweetid == rt | select tweetid, at",
        ]
        for pipeline in seeks {
            XCTAssertTrue(try harness.compiledSQL(Self.prelude + pipeline).contains("NOT MATERIALIZED"), pipeline)
        }
        for pipeline in copies {
            XCTAssertFalse(try harness.compiledSQL(Self.prelude + pipeline).contains("NOT MATERIALIZED"), pipeline)
        }
        try PassCheck().assertSameRows(seeks + copies + [Self.coRetweets])
    }
}
