@testable import TEIEngine
import TEIStorage
import XCTest

/// The plan printer, and how each optimizer pass is tested: the plan before and after the pass, as
/// `PlanPrinter` writes it, and the rows of the optimized plan equal, in order, to those of the
/// plan as checked. The passes have a test file each (`*PassTests.swift`).
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
        XCTAssertEqual(lines[5], "          scan tweets.csv (32 columns)")
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
        let optimized = SeekableBoolPredicates().rewrite(relation)
        XCTAssertTrue(PlanPrinter.text(optimized).hasPrefix("filter (((is_retweet == true) and (is_retweet == false)) and not (like_count > 3))\n"),
                      PlanPrinter.text(optimized))
        // A bool column outside a filter's condition is left as it is.
        let derived = try plan("t | derive r = not is_retweet", harness)
        XCTAssertEqual(PlanPrinter.text(Optimizer.optimize(derived, tables: harness.session.tables)), PlanPrinter.text(derived))
    }

    /// The SQL stage writes no filter or take of the single row a pipeline without a table
    /// computes on, so neither moves below a projection of it.
    func testNothingMovesOntoTheSingleRow() throws {
        let check = try PassCheck()
        let value = Relation(node: .project(Relation.singleRow, [NamedExpression(name: "v", expression: .literal(.int(1)))]),
                             columns: [Column("v", .int)], sources: [])
        let plans = [
            Relation(node: .limit(value, offset: 0, count: 1), columns: value.columns, sources: []),
            Relation(node: .filter(value, .call(.greater, [.column("v", .int), .literal(.int(0))], type: .bool)), columns: value.columns, sources: []),
        ]
        for plan in plans {
            XCTAssertEqual(PlanPrinter.text(Optimizer.optimize(plan, tables: TableBindings())), PlanPrinter.text(plan))
            XCTAssertEqual(try check.rows(QueryCompiler.compile(plan, tables: TableBindings())), [[.integer(1)]])
        }
    }

    /// All passes together, on pipelines mixing the steps they move: the same rows in the same order.
    func testAllPassesKeepRowsAndOrder() throws {
        let check = try PassCheck()
        try check.assertSameRows([
            "t | filter is_retweet | select account = userid, retweet_tweetid, tweet_time "
                + "| join (t | filter is_retweet | select partner = userid, rt = retweet_tweetid, at = tweet_time) on retweet_tweetid == rt "
                + "and account < partner and tweet_time - at <= 1d and at - tweet_time <= 1d "
                + "| group account_a = account, account_b = partner (shared = count_distinct(retweet_tweetid), first = min(tweet_time)) "
                + "| filter shared >= 1 | sort -shared, account_a, account_b",
            "t | derive day = bin(tweet_time, 1d) | sort -like_count | select tweetid, day, like_count | filter like_count >= 0 | take 40 | take 3..30",
            "t | explode hashtags as tag | join left users on userid | filter tag != \"x\" and tweet_language != \"en\" "
                + "| group tag (n = count()) | filter n > 0 | sort -n, tag",
            "let s = t | sort -like_count\ns | filter like_count > 0 | select tweetid | join (s | select userid, id = tweetid) on tweetid == id",
            "t | filter not is_retweet | sort -like_count | sample 60% seed 3 | join users on userid | filter like_count >= 0 "
                + "| select tweetid, follower_count | sample 3 seed 1",
            "t | sample 5 | group userid (n = count())",
            "t | group userid (sort tweet_time | derive gap = tweet_time - lag(tweet_time) | take 3) | filter like_count > 0 "
                + "| derive share = like_count / sum(like_count) | select tweetid, gap, share | take 20",
            "t | sort tweet_time | derive n = running_count(), week = rolling_count(7d) | filter like_count > 1 | select tweetid, n, week | take 5",
        ])
    }
}

/// A pass checked on the plans of pipelines over `docs/data` and over a Fixture release: its
/// plan text, and the rows it gives.
struct PassCheck {
    /// `t` and `users` as the docs' small tables, then as a Fixture's tweets (with the docs' users).
    static let preludes = [
        "let t = load \"docs/data/tweets.csv\"\nlet users = load \"docs/data/users.csv\"\n",
        ExplodeSideTableTests.prelude,
    ]
    let harness: SessionHarness

    init() throws {
        harness = try SessionHarness()
    }

    /// The checked plan of the last pipeline of `code` after the docs' prelude.
    func plan(_ code: String, prelude: String = preludes[0], file: StaticString = #filePath, line: UInt = #line) throws -> Relation {
        try XCTUnwrap(SQLSnapshotTests.shownRelation(prelude + code, harness: harness, file: file, line: line), file: file, line: line)
    }

    /// Asserts the plan text of `code` before and after `pass` alone.
    func assertRewrite(_ pass: OptimizerPass, _ code: String, before: String? = nil, after: String,
                       file: StaticString = #filePath, line: UInt = #line) throws {
        let relation = try plan(code, file: file, line: line)
        if let before { XCTAssertEqual(PlanPrinter.text(relation), before, "before", file: file, line: line) }
        XCTAssertEqual(PlanPrinter.text(pass.rewrite(relation)), after, "after", file: file, line: line)
    }

    /// Asserts `pass` leaves the plan of `code` as it is.
    func assertUnchanged(_ pass: OptimizerPass, _ code: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let relation = try plan(code, file: file, line: line)
        XCTAssertEqual(PlanPrinter.text(pass.rewrite(relation)), PlanPrinter.text(relation), file: file, line: line)
    }

    /// Asserts that each pipeline gives the same columns and rows, in the same order, compiled as
    /// checked and optimized, over each prelude (both of `preludes` unless told), and some rows over at least one of them; and
    /// that the optimizer changed its plan, unless `changing` is false.
    func assertSameRows(_ pipelines: [String], changing: Bool = true, preludes: [String] = PassCheck.preludes,
                        file: StaticString = #filePath, line: UInt = #line) throws {
        for pipeline in pipelines {
            var total = 0
            for prelude in preludes {
                let relation = try plan(pipeline, prelude: prelude, file: file, line: line)
                if changing {
                    XCTAssertNotEqual(PlanPrinter.text(Optimizer.optimize(relation, tables: harness.session.tables)), PlanPrinter.text(relation),
                                      "the optimizer changed nothing: \(pipeline)", file: file, line: line)
                }
                let tables = harness.session.tables
                let checked = SQLGenerator.compile(relation, tables: tables), optimized = QueryCompiler.compile(relation, tables: tables)
                XCTAssertEqual(checked.columns, optimized.columns, pipeline, file: file, line: line)
                let expected = try rows(checked)
                XCTAssertEqual(try rows(optimized), expected, pipeline, file: file, line: line)
                total += expected.count
            }
            XCTAssertGreaterThan(total, 0, "no rows to compare: \(pipeline)", file: file, line: line)
        }
    }

    /// The plan of `code` (over the Fixture's tweets unless told) as the passes before `pass`, one of
    /// `Optimizer.prunedPasses`, leave it, and after it.
    func prunedPassTexts(_ pass: PhysicalPass, _ code: String, prelude: String = ExplodeSideTableTests.prelude) throws -> (String, String) {
        let relation = try plan(code, prelude: prelude)
        let tables = harness.session.tables
        let logical = Optimizer.passes.reduce(relation) { plan, pass in pass.rewrite(plan) }
        let physical = Optimizer.physicalPasses.reduce(logical) { plan, pass in pass.rewrite(plan, tables: tables) }
        var before = ProjectionPruning().rewrite(physical)
        for earlier in Optimizer.prunedPasses.prefix(while: { type(of: $0) != type(of: pass) }) { before = earlier.rewrite(before, tables: tables) }
        return (PlanPrinter.text(before), PlanPrinter.text(pass.rewrite(before, tables: tables)))
    }

    /// The rows SQLite gives for `query`, in its order.
    func rows(_ query: CompiledQuery) throws -> [[SQLValue]] {
        let statement = try harness.session.database.prepare(query.sql)
        try statement.bind(query.parameters)
        var rows: [[SQLValue]] = []
        while try statement.step() {
            rows.append((0..<statement.columnCount).map(statement.value(at:)))
        }
        return rows
    }
}
