@testable import TEIEngine
import XCTest

/// `LimitPushdown` on its own: take below a projection, adjacent takes merged, nothing else.
final class LimitPushdownPassTests: XCTestCase {
    let pass = LimitPushdown()

    func testMovesBelowAProjection() throws {
        let check = try PassCheck()
        try check.assertRewrite(pass, "t | select tweetid, l = len(tweet_text) | take 3", before: """
            take 1..3
              project tweetid, l = len(tweet_text)
                scan tweets.csv (32 columns)

            """, after: """
            project tweetid, l = len(tweet_text)
              take 1..3
                scan tweets.csv (32 columns)

            """)
    }

    func testMergesAdjacentTakesMindingOffsets() throws {
        let check = try PassCheck()
        // Rows 2–3 of rows 2–8 are rows 3–4.
        try check.assertRewrite(pass, "t | take 2..8 | take 2..3", after: """
            take 3..4
              scan tweets.csv (32 columns)

            """)
        // The first 5 of two rows are those two.
        try check.assertRewrite(pass, "t | take 2..3 | take 5", after: """
            take 2..3
              scan tweets.csv (32 columns)

            """)
        // Past the end of the first take: no row.
        try check.assertRewrite(pass, "t | take 2 | take 4..5", after: """
            take 4..3
              scan tweets.csv (32 columns)

            """)
    }

    func testStaysAboveEverythingElse() throws {
        let check = try PassCheck()
        for pipeline in ["t | filter like_count > 1 | take 3", "t | sort -like_count | take 3", "t | distinct userid | take 3",
                         "t | explode hashtags as tag | take 3", "t | join users on userid | take 3", "t | sample 5 | take 3",
                         "let p = t | select tweetid\np | take 2 | append p"] {
            try check.assertUnchanged(pass, pipeline)
        }
    }

    func testSameRowsInTheSameOrder() throws {
        try PassCheck().assertSameRows([
            "t | select tweetid, l = len(tweet_text) | take 3",
            "t | sort -like_count | select tweetid, like_count | take 2..5",
            "t | take 2..8 | take 2..3",
            "t | take 2..3 | take 5",
            "t | select tweetid | take 2 | take 4..5 | append (t | select tweetid | take 1)",
            "t | explode hashtags as tag | select tweetid, tag | take 4",
        ])
    }

    func testStaysAboveAWindow() throws {
        let check = try PassCheck()
        // The running count of the first three rows counts them among all rows, not among three.
        try check.assertRewrite(pass, "t | select tweet_time, like_count | sort tweet_time | derive n = running_count(), share = like_count / sum(like_count) | take 3", after: """
            project tweet_time, like_count, n, share = (like_count / __tei_w1)
              take 1..3
                window __tei_w1 = sum(like_count) over ()
                  project tweet_time, like_count, n = __tei_w1
                    window __tei_w1 = running_count() over (sort tweet_time)
                      sort tweet_time
                        project tweet_time, like_count
                          scan tweets.csv (32 columns)

            """)
    }
}
