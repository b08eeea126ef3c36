import TEIEngine
import XCTest

/// Each optimizer pass on its own: the plan before and after, as `PlanPrinter` writes it, and the
/// rows of the optimized plan equal to those of the plan as checked.
final class OptimizerTests: XCTestCase {
    static let prelude = "let t = load \"docs/data/tweets.csv\"\n"

    private func plan(_ pipeline: String, _ harness: SessionHarness) throws -> Relation {
        try XCTUnwrap(SQLSnapshotTests.shownRelation(Self.prelude + pipeline, harness: harness))
    }

    func testPrinterWritesOneStepPerLineInputsIndented() throws {
        let harness = try SessionHarness()
        let relation = try plan("t | filter like_count > 2 and tweet_language != \"en\" | derive d = bin(tweet_time, 1d) "
                                    + "| group userid (n = count(), s = sum(like_count)) | sort -n | take 3", harness)
        let lines = PlanPrinter.text(relation).split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.count, 6, PlanPrinter.text(relation))
        XCTAssertEqual(lines[0], "take 1..3")
        XCTAssertEqual(lines[1], "  sort -n")
        XCTAssertEqual(lines[2], "    group userid (n = count(), s = sum(like_count))")
        XCTAssertTrue(lines[3].hasPrefix("      project tweetid, userid, "), lines[3])
        XCTAssertTrue(lines[3].hasSuffix(", d = bin(tweet_time, 1d)"), lines[3])
        XCTAssertEqual(lines[4], "        filter ((like_count > 2) and (tweet_language != \"en\"))")
        XCTAssertTrue(lines[5].hasPrefix("          scan "), lines[5])
    }

    func testPrinterNamesARelationReadTwice() throws {
        let harness = try SessionHarness()
        let relation = try plan("let rt = t | filter is_retweet\nrt | join rt on tweetid", harness)
        let text = PlanPrinter.text(relation)
        XCTAssertTrue(text.contains("%rt1 = filter is_retweet\n"), text)
        XCTAssertTrue(text.contains("read %rt1"), text)
    }

    func testSeekableBoolPredicates() throws {
        let harness = try SessionHarness()
        let relation = try plan("t | filter is_retweet and not is_retweet and not (like_count > 3)", harness)
        XCTAssertTrue(PlanPrinter.text(relation).hasPrefix("filter ((is_retweet and not is_retweet) and not (like_count > 3))\n"))
        let optimized = Optimizer.optimize(relation, tables: harness.session.tables)
        XCTAssertTrue(PlanPrinter.text(optimized).hasPrefix("filter (((is_retweet == true) and (is_retweet == false)) and not (like_count > 3))\n"),
                      PlanPrinter.text(optimized))
        // A bool column outside a filter's condition is left as it is.
        let derived = try plan("t | derive r = not is_retweet", harness)
        XCTAssertEqual(PlanPrinter.text(Optimizer.optimize(derived, tables: harness.session.tables)), PlanPrinter.text(derived))
    }
}
