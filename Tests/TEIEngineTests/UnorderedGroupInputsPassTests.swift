@testable import TEIEngine
import XCTest

/// `UnorderedGroupInputs` on its own: the steps under a group carry no row order, down to a step
/// whose rows depend on their order; a step read twice, and the checked plan, keep theirs.
final class UnorderedGroupInputsPassTests: XCTestCase {
    let pass = UnorderedGroupInputs()
    static let appended = "t | select a = userid, b = tweetid | append (t | sort -like_count | select a = userid, b = tweetid) "

    func testMarksAGroupsInputDownToItsScans() throws {
        let check = try PassCheck()
        try check.assertRewrite(pass, Self.appended + "| group a (n = count(), m = max(b))", after: """
            group a (n = count(), m = max(b))
              append  [unordered]
                project a = userid, b = tweetid  [unordered]
                  %t1 = scan tweets.csv (32 columns)
                project a = userid, b = tweetid  [unordered]
                  sort -like_count  [unordered]
                    read %t1

            """)
    }

    func testStopsAtStepsWhoseRowsDependOnOrder() throws {
        let check = try PassCheck()
        try check.assertRewrite(pass, "t | sort -like_count | take 5 | explode hashtags as tag | group tag (n = count())", after: """
            group tag (n = count())
              explode hashtags as tag  [unordered]
                take 1..5
                  sort -like_count
                    scan tweets.csv (32 columns)

            """)
        try check.assertUnchanged(pass, "t | sort tweet_time | take 3")
        try check.assertUnchanged(pass, "t | group userid (sort tweet_time | take 1) | select tweetid")
    }

    /// A step another step reads too keeps its order, and the checked plan is not changed in place:
    /// a `let` is one relation, which a later statement may read in order.
    func testLeavesSharedStepsAndTheCheckedPlanOrdered() throws {
        let check = try PassCheck()
        let relation = try check.plan("let p = t | sort -like_count | select a = userid, b = tweetid\np | append p | group a (n = count())")
        let before = PlanPrinter.text(relation)
        XCTAssertEqual(PlanPrinter.text(pass.rewrite(relation)), """
            group a (n = count())
              append  [unordered]
                %p1 = project a = userid, b = tweetid
                  sort -like_count
                    scan tweets.csv (32 columns)
                read %p1

            """)
        XCTAssertEqual(PlanPrinter.text(relation), before)
    }

    /// The append under a group is a plain UNION ALL: no sort of each side to number its rows.
    func testAnAppendUnderAGroupNumbersNoRows() throws {
        let check = try PassCheck()
        let grouped = try check.plan(Self.appended + "| group a (n = count())")
        let appended = try check.plan(Self.appended + "| take 20")
        let tables = check.harness.session.tables
        XCTAssertFalse(QueryCompiler.compile(grouped, tables: tables).sql.contains("row_number()"))
        XCTAssertTrue(QueryCompiler.compile(appended, tables: tables).sql.contains("row_number()"))
    }

    func testSameRowsInTheSameOrder() throws {
        try PassCheck().assertSameRows([
            Self.appended + "| group a (n = count(), m = max(b), bs = collect(text(b))) | sort -n, a",
            "t | sort -like_count | explode hashtags as tag | join (t | select u = userid, id = tweetid) on tweetid == id "
                + "| group tag (n = count(), users = count_distinct(u)) | sort -n, tag",
            "t | sort -like_count | take 10 | append (t | filter like_count > 1) | group userid (n = count(), likes = sum(like_count))",
            "let p = t | sort -like_count | select a = userid, b = tweetid\np | append p | group a (n = count())",
        ])
    }
}
