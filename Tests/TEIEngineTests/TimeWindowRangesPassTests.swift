@testable import TEIEngine
import XCTest

/// `TimeWindowRanges` on its own: a join's bounded time difference becomes a range on the right
/// column; nothing else changes; the rows stay those of the difference, at the extremes too.
final class TimeWindowRangesPassTests: XCTestCase {
    let pass = TimeWindowRanges()
    static let join = "t | select a = tweetid, tweet_time | join (t | select b = tweetid, at = tweet_time) on "
    /// The same over a few hundred rows, for comparing rows: the plan as checked computes every pair.
    static let sampleJoin = "let s = t | take 300\ns | select a = tweetid, tweet_time | join (s | select b = tweetid, at = tweet_time) on "

    func testBoundedDifferencesBecomeRanges() throws {
        let check = try PassCheck()
        try check.assertRewrite(pass, Self.join + "tweet_time - at <= 1d and at - tweet_time < 2h", after: """
            join inner on ((right.at >= bound_subtract(left.tweet_time, 1d)) and (right.at < bound_add(left.tweet_time, 2h))) → a = left.a, tweet_time = left.tweet_time, b = right.b, at = right.at
              project a = tweetid, tweet_time
                %t1 = scan tweets.csv (32 columns)
              project b = tweetid, at = tweet_time
                read %t1

            """)
        // The constant on the left, and lower bounds on the difference.
        try check.assertRewrite(pass, Self.join + "1d >= tweet_time - at and at - tweet_time > 1h", after: """
            join inner on ((right.at >= bound_subtract(left.tweet_time, 1d)) and (right.at > bound_add(left.tweet_time, 1h))) → a = left.a, tweet_time = left.tweet_time, b = right.b, at = right.at
              project a = tweetid, tweet_time
                %t1 = scan tweets.csv (32 columns)
              project b = tweetid, at = tweet_time
                read %t1

            """)
    }

    func testLeavesOtherConditionsAsTheyAre() throws {
        let check = try PassCheck()
        for condition in ["tweet_time - at == 1d", "tweet_time - at <= 1d + 1h", "at - at <= 1d", "tweet_time - tweet_time <= 1d",
                          "abs(tweet_time - at) <= 1d", "a - b <= 3"] {
            try check.assertUnchanged(pass, Self.join + condition)
        }
        // A filter's difference has no side to seek.
        try check.assertUnchanged(pass, "t | filter tweet_time - tweet_time <= 1d")
    }

    func testSameRowsInTheSameOrder() throws {
        try PassCheck().assertSameRows([
            Self.sampleJoin + "tweet_time - at <= 1d and at - tweet_time <= 1d | select a, b",
            Self.sampleJoin + "tweet_time - at < 1h and at - tweet_time > -30d | select a, b",
            Self.sampleJoin + "1d >= tweet_time - at and 0s < at - tweet_time | select a, b",
            Self.sampleJoin + "a != b and tweet_time - at >= 12h | select a, b",
        ])
    }

    /// A bound past 64 bits compares right with every time: a window of (almost) all time holds
    /// every pair, as the differences say. (Over the docs' small table: every pair is a row.)
    func testBoundsPastSixtyFourBitsCompareRight() throws {
        let check = try PassCheck()
        let huge = "9223372036854775807s"
        let all = try check.plan("t | select tweetid")
        let tweets = try check.rows(QueryCompiler.compile(all, tables: check.harness.session.tables)).count
        for condition in ["at - tweet_time <= \(huge)", "tweet_time - at <= \(huge)", "at - tweet_time >= -\(huge)"] {
            let relation = try check.plan(Self.join + condition + " | select a, b")
            let tables = check.harness.session.tables
            XCTAssertTrue(PlanPrinter.text(pass.rewrite(relation)).contains("bound_") || condition.contains("-9"), condition)
            let expected = try check.rows(SQLGenerator.compile(relation, tables: tables))
            XCTAssertEqual(try check.rows(QueryCompiler.compile(relation, tables: tables)), expected, condition)
            XCTAssertEqual(expected.count, tweets * tweets, condition)
        }
    }
}
