@testable import TEIEngine
import XCTest

/// `PredicatePushdown` on its own: where each filter goes, where it must stay, and the same rows.
final class PredicatePushdownPassTests: XCTestCase {
    let pass = PredicatePushdown()

    func testMovesBelowSortAndMergesWithTheFilterUnder() throws {
        let check = try PassCheck()
        try check.assertRewrite(pass, "t | sort -like_count | filter like_count > 2", after: """
            sort -like_count
              filter (like_count > 2)
                scan tweets.csv (32 columns)

            """)
        try check.assertRewrite(pass, "t | filter like_count > 2 | sort tweetid | filter retweet_count > 0", before: """
            filter (retweet_count > 0)
              sort tweetid
                filter (like_count > 2)
                  scan tweets.csv (32 columns)

            """, after: """
            sort tweetid
              filter ((like_count > 2) and (retweet_count > 0))
                scan tweets.csv (32 columns)

            """)
    }

    func testMovesBelowAProjectionOnlyThePartsReadingColumnsPassedThrough() throws {
        let check = try PassCheck()
        try check.assertRewrite(pass, "t | select id = tweetid, likes = like_count, l = len(tweet_text) | filter likes > 2 and l > 10", after: """
            filter (l > 10)
              project id = tweetid, likes = like_count, l = len(tweet_text)
                filter (like_count > 2)
                  scan tweets.csv (32 columns)

            """)
    }

    func testMovesBelowExplodeUnlessItReadsTheExplodedColumn() throws {
        let check = try PassCheck()
        try check.assertRewrite(pass, "t | explode hashtags as tag | filter like_count > 0 and tag != \"x\"", after: """
            filter (tag != "x")
              explode hashtags as tag
                filter (like_count > 0)
                  scan tweets.csv (32 columns)

            """)
    }

    func testMovesIntoTheSidesOfAJoinThatItReadsAlone() throws {
        let check = try PassCheck()
        let pair = "t | select tweetid, userid, like_count | join %@(users | select userid, follower_count) on userid "
        let outputs = "→ tweetid = left.tweetid, userid = left.userid, like_count = left.like_count, follower_count = right.follower_count"
        try check.assertRewrite(pass, pair.replacingOccurrences(of: "%@", with: "")
                                    + "| filter like_count > 2 and follower_count > 10 and like_count < follower_count", after: """
            filter (like_count < follower_count)
              join inner on (left.userid == right.userid) \(outputs)
                project tweetid, userid, like_count
                  filter (like_count > 2)
                    scan tweets.csv (32 columns)
                project userid, follower_count
                  filter (follower_count > 10)
                    scan users.csv (11 columns)

            """)
        // A left join keeps left rows without a match: a condition on the right side stays above it.
        try check.assertRewrite(pass, pair.replacingOccurrences(of: "%@", with: "left ") + "| filter follower_count > 100 and like_count >= 0",
                                after: """
            filter (follower_count > 100)
              join left on (left.userid == right.userid) \(outputs)
                project tweetid, userid, like_count
                  filter (like_count >= 0)
                    scan tweets.csv (32 columns)
                project userid, follower_count
                  scan users.csv (11 columns)

            """)
        for kind in ["semi", "anti"] {
            try check.assertRewrite(pass, "t | select tweetid, userid, like_count | join \(kind) users on userid | filter like_count > 2", after: """
                join \(kind) on (left.userid == right.userid) → tweetid = left.tweetid, userid = left.userid, like_count = left.like_count
                  project tweetid, userid, like_count
                    filter (like_count > 2)
                      scan tweets.csv (32 columns)
                  scan users.csv (11 columns)

                """)
        }
    }

    func testMovesIntoBothSidesOfAppend() throws {
        let check = try PassCheck()
        try check.assertRewrite(pass, "t | select tweetid, like_count | append (t | select tweetid, like_count) | filter like_count > 2", after: """
            append
              project tweetid, like_count
                filter (like_count > 2)
                  %t1 = scan tweets.csv (32 columns)
              project tweetid, like_count
                filter (like_count > 2)
                  read %t1

            """)
    }

    func testMovesBelowGroupOnlyThePartsReadingKeys() throws {
        let check = try PassCheck()
        try check.assertRewrite(pass, "t | group tweet_language (n = count()) | filter tweet_language != \"en\" and n > 1", after: """
            filter (n > 1)
              group tweet_language (n = count())
                filter (tweet_language != "en")
                  scan tweets.csv (32 columns)

            """)
    }

    /// Steps whose rows depend on the rows they get (a sample's, on their positions), and a relation
    /// another step reads too.
    func testStaysAboveTakeDistinctCountAndSharedRelations() throws {
        let check = try PassCheck()
        for pipeline in ["t | take 3 | filter like_count > 2", "t | distinct tweet_language | filter tweet_language != \"en\"",
                         "t | group (n = count()) | filter n > 100", "t | count | filter n > 2", "t | describe | filter nulls > 0",
                         "t | sample 5 seed 1 | filter like_count > 2",
                         "let s = t | sort -like_count\ns | filter like_count > 2 | append s"] {
            try check.assertUnchanged(pass, pipeline)
        }
    }

    func testSameRowsInTheSameOrder() throws {
        try PassCheck().assertSameRows([
            "t | sort -like_count | filter like_count > 2",
            "t | explode hashtags as tag | filter like_count >= 0 and tag != \"x\"",
            "t | join users on userid | filter like_count >= 0",
            "t | join left users on userid | filter like_count >= 0 and follower_count_users == null",
            "t | join semi users on userid | filter like_count >= 0",
            "t | join anti users on userid | filter like_count >= 0",
            "t | group tweet_language (n = count()) | filter tweet_language != \"en\" and n > 1",
            "t | group userid (n = count()) | filter n > 1",
            "t | select id = tweetid, likes = like_count, l = len(tweet_text) | filter likes >= 0 and l > 10",
            "t | select tweetid, like_count | append (t | sort -tweetid | select tweetid, like_count) | filter like_count > 0",
            "t | filter like_count >= 0 | sort tweetid | filter retweet_count >= 0",
        ])
        // Where the filter stays, the rows are those of the plan as checked all the more.
        try PassCheck().assertSameRows(["t | take 3 | filter like_count > 2", "let s = t | sort -like_count\ns | filter like_count > 2 | append s",
                                        "t | join left users on userid | filter follower_count_users > 100 or follower_count_users == null"],
                                       changing: false)
    }

    func testStaysAboveAWindowWhoseValuesItWouldChange() throws {
        let check = try PassCheck()
        // Filtering before numbering would make another tweet each account's first.
        let columns = "t | select tweetid, userid, tweet_time, like_count | "
        try check.assertRewrite(pass, columns + "group userid (sort tweet_time | take 1) | filter like_count > 2", after: """
            sort userid
              project tweetid, userid, tweet_time, like_count
                filter ((__tei_w1 <= 1) and (like_count > 2))
                  window __tei_w1 = row_number() over (by userid; sort tweet_time)
                    sort tweet_time
                      project tweetid, userid, tweet_time, like_count
                        scan tweets.csv (32 columns)

            """)
        try check.assertRewrite(pass, columns + "sort tweet_time | derive previous = lag(tweet_time) | filter like_count > 2", after: """
            project tweetid, userid, tweet_time, like_count, previous = __tei_w1
              filter (like_count > 2)
                window __tei_w1 = lag(tweet_time) over (sort tweet_time)
                  sort tweet_time
                    project tweetid, userid, tweet_time, like_count
                      scan tweets.csv (32 columns)

            """)
    }
}
