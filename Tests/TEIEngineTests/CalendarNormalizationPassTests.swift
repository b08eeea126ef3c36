@testable import TEIEngine
import XCTest

/// `CalendarNormalization` on its own: a one-day bin of a time is its date, nothing else changes.
final class CalendarNormalizationPassTests: XCTestCase {
    let pass = CalendarNormalization()

    func testOneDayBinsOfTimesBecomeDates() throws {
        let check = try PassCheck()
        try check.assertRewrite(pass, "t | select d = bin(tweet_time, 1d), w = bin(tweet_time, 7d), c = bin(account_creation_date, 24h), "
                                    + "n = bin(like_count, 86400)", before: """
            project d = bin(tweet_time, 1d), w = bin(tweet_time, 7d), c = bin(account_creation_date, 1d), n = bin(like_count, 86400)
              scan tweets.csv (32 columns)

            """, after: """
            project d = date(tweet_time), w = bin(tweet_time, 7d), c = date(account_creation_date), n = bin(like_count, 86400)
              scan tweets.csv (32 columns)

            """)
        try check.assertRewrite(pass, "t | filter bin(tweet_time, 1d) > @2019-01-01 | group day = bin(tweet_time, 1d) (n = count())", after: """
            group day = date(tweet_time) (n = count())
              filter (date(tweet_time) > @2019-01-01)
                scan tweets.csv (32 columns)

            """)
    }

    /// The values and their types (so how they are shown) are those of the bin: the generic bin
    /// formula, which the dialect now writes for every duration, against `date`.
    func testSameRowsInTheSameOrder() throws {
        try PassCheck().assertSameRows([
            "t | group day = bin(tweet_time, 1d) (n = count())",
            "t | select tweetid, d = bin(tweet_time, 1d), c = bin(account_creation_date, 1d), h = bin(tweet_time, 24h)",
            "t | filter bin(tweet_time, 1d) >= @2018-01-01 | select tweetid",
        ])
    }
}
