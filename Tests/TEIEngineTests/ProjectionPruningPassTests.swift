@testable import TEIEngine
import XCTest

/// `ProjectionPruning` on its own: each step keeps the columns something after it reads, the
/// result all of its own, and the rows stay the same.
final class ProjectionPruningPassTests: XCTestCase {
    let pass = ProjectionPruning()

    func testATableIsReadForTheColumnsUsed() throws {
        let check = try PassCheck()
        try check.assertRewrite(pass, "t | filter like_count > 2 | select tweetid", after: """
            project tweetid
              filter (like_count > 2)
                scan tweets.csv (tweetid, like_count of 32 columns)

            """)
        // Counting reads no column, but the rows must still come: one column stays.
        try check.assertRewrite(pass, "t | count", after: """
            count
              scan tweets.csv (tweetid of 32 columns)

            """)
        try check.assertRewrite(pass, "t | explode hashtags as tag | select tag", after: """
            project tag
              explode hashtags as tag
                scan tweets.csv (hashtags of 32 columns)

            """)
    }

    /// A sample's rows depend on their positions alone: it reads what is read of it, and keeps
    /// the same rows when its input carries fewer columns.
    func testASampleReadsWhatIsReadOfIt() throws {
        let check = try PassCheck()
        try check.assertRewrite(pass, "t | filter like_count > 2 | sample 3 seed 4 | select tweetid", after: """
            project tweetid
              sample 3 seed 4
                filter (like_count > 2)
                  scan tweets.csv (tweetid, like_count of 32 columns)

            """)
        try check.assertRewrite(pass, "t | sample 50% | count", after: """
            count
              sample 50% seed 0
                scan tweets.csv (tweetid of 32 columns)

            """)
    }

    func testGroupsAndJoinsComputeOnlyOutputsRead() throws {
        let check = try PassCheck()
        try check.assertRewrite(pass, "t | group userid (n = count(), s = sum(like_count)) | select userid, n", after: """
            project userid, n
              group userid (n = count())
                scan tweets.csv (userid of 32 columns)

            """)
        try check.assertRewrite(pass, "t | join users on userid | select tweetid, follower_count_users", after: """
            project tweetid, follower_count_users
              join inner on (left.userid == right.userid) → tweetid = left.tweetid, follower_count_users = right.follower_count
                scan tweets.csv (tweetid, userid of 32 columns)
                scan users.csv (userid, follower_count of 11 columns)

            """)
        try check.assertRewrite(pass, "t | join anti users on userid | select tweetid", after: """
            project tweetid
              join anti on (left.userid == right.userid) → tweetid = left.tweetid, userid = left.userid
                scan tweets.csv (tweetid, userid of 32 columns)
                scan users.csv (userid of 11 columns)

            """)
    }

    func testDistinctAndDescribeReadEveryColumnAndAppendTheSameOnBothSides() throws {
        let check = try PassCheck()
        try check.assertRewrite(pass, "t | select tweetid, userid | distinct | select userid", after: """
            project userid
              distinct
                project tweetid, userid
                  scan tweets.csv (tweetid, userid of 32 columns)

            """)
        try check.assertRewrite(pass, "t | select tweetid, like_count | describe", after: """
            describe
              project tweetid, like_count
                scan tweets.csv (tweetid, like_count of 32 columns)

            """)
        try check.assertRewrite(pass, "t | select a = tweetid, b = userid | append (t | select b = userid, a = tweetid) | select a", after: """
            project a
              append
                project a = tweetid
                  %t1 = scan tweets.csv (tweetid of 32 columns)
                project a = tweetid
                  read %t1

            """)
    }

    /// A `let` read by two steps gives the columns either needs, and stays one relation.
    func testASharedRelationGivesWhatAnyReaderNeeds() throws {
        let check = try PassCheck()
        try check.assertRewrite(pass, "let s = t | sort -like_count\ns | select tweetid, like_count | join (s | select userid, t2 = tweetid) on tweetid == t2",
                                after: """
            join inner on (left.tweetid == right.t2) → tweetid = left.tweetid, like_count = left.like_count, userid = right.userid, t2 = right.t2
              project tweetid, like_count
                %s1 = sort -like_count
                  scan tweets.csv (tweetid, userid, like_count of 32 columns)
              project userid, t2 = tweetid
                read %s1

            """)
    }

    func testSameRowsInTheSameOrder() throws {
        try PassCheck().assertSameRows([
            "t | filter like_count > 2 | select tweetid",
            "t | count",
            "t | group (n = count(), s = sum(like_count)) | select n",
            "t | join users on userid | select tweetid, follower_count_users",
            "t | join left users on userid | select tweetid, user_screen_name_users",
            "t | join semi users on userid | select tweetid",
            "t | join anti users on userid | select tweetid",
            // The join's left order is a sort key it no longer outputs.
            "t | sort like_count | join users on userid | select tweetid",
            "t | group userid (n = count(), s = sum(like_count)) | join users on userid | select n",
            "t | group userid (n = count(), s = sum(like_count)) | select userid, n",
            "t | select tweetid, userid | distinct | select userid",
            "t | distinct userid, tweet_language | select tweet_language",
            "t | explode hashtags as tag | select tag",
            "t | explode hashtags as tweetid | select tweetid",
            "t | select a = tweetid, b = userid | append (t | sort -tweetid | select b = userid, a = tweetid) | select a",
            "t | select a = tweetid, b = userid | append (t | select b = userid, a = tweetid) | count",
            "let s = t | sort -like_count\ns | select tweetid, like_count | join (s | select userid, t2 = tweetid) on tweetid == t2",
            "t | sort -like_count | select tweetid, like_count | describe",
            "t | select tweetid, l = len(tweet_text) | filter l > 0 | count",
        ])
    }

    func testAWindowComputesOnlyWhatIsReadAndReadsWhatItOrdersAndPartitionsBy() throws {
        let check = try PassCheck()
        try check.assertRewrite(pass, "t | group userid (sort tweet_time | derive previous = lag(tweet_time), n = running_count()) | select tweetid, previous", after: """
            project tweetid, previous
              sort userid
                project tweetid, userid, previous
                  window (nothing read)
                    project tweetid, userid, previous = __tei_w1
                      window __tei_w1 = lag(tweet_time) over (by userid; sort tweet_time)
                        sort tweet_time
                          scan tweets.csv (tweetid, userid, tweet_time of 32 columns)

            """)
    }
}
