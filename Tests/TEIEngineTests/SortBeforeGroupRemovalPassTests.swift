@testable import TEIEngine
import XCTest

/// `SortBeforeGroupRemoval` on its own: a sort right under a group goes, with what it alone read;
/// a sort anywhere else stays.
final class SortBeforeGroupRemovalPassTests: XCTestCase {
    let pass = SortBeforeGroupRemoval()

    func testDropsTheSortsRightUnderAGroup() throws {
        let check = try PassCheck()
        try check.assertRewrite(pass, "t | sort -like_count | sort userid | group tweet_language (n = count(), top = max(like_count))", before: """
            group tweet_language (n = count(), top = max(like_count))
              sort userid
                sort -like_count
                  scan tweets.csv (32 columns)

            """, after: """
            group tweet_language (n = count(), top = max(like_count))
              scan tweets.csv (32 columns)

            """)
    }

    func testLeavesEveryOtherSort() throws {
        let check = try PassCheck()
        for pipeline in ["t | sort -like_count | take 3 | group userid (n = count())", "t | group userid (n = count()) | sort -n",
                         "t | sort tweet_time | group userid (sort like_count | take 1)", "t | sort -like_count | distinct userid"] {
            try check.assertUnchanged(pass, pipeline)
        }
    }

    /// With every pass: the gaps between an account's tweets, then their median per account, no
    /// longer decode the account id of every tweet; and sorted inputs give the groups they gave.
    func testGivesTheSameRows() throws {
        let check = try PassCheck()
        let gaps = "t | group userid (sort tweet_time | derive gap = tweet_time - lag(tweet_time)) | filter gap != null "
            + "| group userid (typical_gap = median(gap), n = count(), longest = max(gap))"
        let plan = try check.plan(gaps, prelude: PassCheck.preludes[1])
        XCTAssertFalse(PlanPrinter.text(Optimizer.optimize(plan, tables: check.harness.session.tables)).contains("sort userid"))
        try check.assertSameRows([
            gaps,
            "t | sort -like_count | group tweet_language (n = count(), likes = sum(like_count), who = collect(user_screen_name))",
            "t | sort userid | group (n = count(), tags = join_text(user_screen_name, \",\"))",
        ])
    }
}
