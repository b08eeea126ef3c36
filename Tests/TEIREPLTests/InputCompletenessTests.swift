import TEILanguage
import XCTest

final class InputCompletenessTests: XCTestCase {
    func testCompleteStatements() {
        XCTAssertTrue(InputCompleteness.isComplete(""))
        XCTAssertTrue(InputCompleteness.isComplete("t | take 3"))
        XCTAssertTrue(InputCompleteness.isComplete("let t = load \"a.csv\""))
        XCTAssertTrue(InputCompleteness.isComplete("t | filter x > 1 # a comment |"))
        XCTAssertTrue(InputCompleteness.isComplete("t | select a)"), "a stray bracket is the parser's to report")
    }

    func testOpenBracketsContinue() {
        XCTAssertFalse(InputCompleteness.isComplete("t | group a (n = count()"))
        XCTAssertFalse(InputCompleteness.isComplete("t | filter x in [1, 2"))
        XCTAssertTrue(InputCompleteness.isComplete("t | group a (\n  n = count()\n)"))
    }

    /// A string ends on its line, as the lexer reads it: no later line can close it, so the text
    /// runs (and reports the unclosed quote) instead of waiting for ever.
    func testAnUnclosedStringOrQuotedNameEndsTheCell() {
        XCTAssertTrue(InputCompleteness.isComplete("let t = load \"a.c"))
        XCTAssertTrue(InputCompleteness.isComplete("t | filter (x == \"a"), "not even inside brackets")
        XCTAssertTrue(InputCompleteness.isComplete("t | filter x == \"a\n\"") )
        XCTAssertTrue(InputCompleteness.isComplete("t | select `odd name"))
        XCTAssertFalse(InputCompleteness.isComplete("t | filter x == \"a |\" |"), "a closed string holding | is text")
        XCTAssertFalse(InputCompleteness.isComplete(#"t | filter x ~ r"\" and"#), "a raw string's backslash does not escape its quote")
        XCTAssertTrue(InputCompleteness.isComplete(#"t | filter x ~ r"(\d+"#))
    }

    /// `%` after a sample's count is its percentage, not a remainder waiting for its right side.
    func testASamplesPercentageEndsTheStatement() {
        XCTAssertTrue(InputCompleteness.isComplete("t | sample 10%"))
        XCTAssertTrue(InputCompleteness.isComplete("t | sample 10% seed 3"))
        XCTAssertFalse(InputCompleteness.isComplete("t | filter a %"))
    }

    func testTrailingPipeAndOperatorsContinue() {
        XCTAssertFalse(InputCompleteness.isComplete("t |"))
        XCTAssertFalse(InputCompleteness.isComplete("t | filter a and"))
        XCTAssertFalse(InputCompleteness.isComplete("t | filter a >"))
        XCTAssertFalse(InputCompleteness.isComplete("let x ="))
        XCTAssertFalse(InputCompleteness.isComplete("t |   # more below"))
        XCTAssertTrue(InputCompleteness.isComplete("t | sort -a"))
    }

    func testTransformsThatNeedAnArgumentContinue() {
        for step in ["filter", "select", "derive", "sort", "take", "group", "join", "explode", "append", "plot", "rename", "sample"] {
            XCTAssertFalse(InputCompleteness.isComplete("t | \(step)"), step)
        }
        for step in ["count", "describe", "distinct"] {
            XCTAssertTrue(InputCompleteness.isComplete("t | \(step)"), step)
        }
        XCTAssertTrue(InputCompleteness.isComplete("t | select filter"), "a column named like a transform ends the step")
        XCTAssertFalse(InputCompleteness.isComplete("t | join u on"))
        XCTAssertTrue(InputCompleteness.isComplete("t | select on"), "on is a column outside a join")
        XCTAssertFalse(InputCompleteness.isComplete("t | select a,"))
        XCTAssertTrue(InputCompleteness.isComplete("t | take 2.."), "a range ends on its line: the parser reports it")
    }

    /// Every line end the REPL waits after is one the parser reads through: the cell means what the
    /// same text means in a script.
    func testTheParserReadsThroughEveryLineEndThatContinues() {
        let cases = [
            ("t | filter", "x > 1"), ("t | select", "a, b"), ("t | select a,", "b"), ("t | derive n =", "1"),
            ("t | sort", "-a"), ("t | sort a,", "-b"), ("t | sort -", "a"), ("t | take", "3"),
            ("t | group", "a (n = count())"), ("t | join", "u on id"), ("t | join u on", "id"), ("t | join u on a,", "b"),
            ("t | explode", "tags as tag"), ("t | append", "u"), ("t | plot", "bar a n"), ("t | plot bar a n title =", "\"x\""),
            ("t | filter a and", "b"), ("t | filter a or", "b"), ("t | filter not", "a"), ("t | filter a in", "[1]"),
            ("t | filter a ==", "1"), ("t | filter a ~", "\"x\""), ("t | derive n = a +", "1"), ("t | derive n = a ??", "1"),
            ("t | derive n = -", "a"), ("param p =", "1"), ("let x =", "t"), ("t |", "count"),
        ]
        for (line, next) in cases {
            XCTAssertFalse(InputCompleteness.isComplete(line), line)
            let text = line + "\n  " + next
            XCTAssertTrue(InputCompleteness.isComplete(text), text)
            let (program, diagnostics) = Parser.parse(Source(name: "cell", text: text), index: 0)
            XCTAssertEqual(diagnostics.map(\.message), [], text)
            XCTAssertEqual(program.statements.count, 1, text)
        }
    }

    /// A script's `| sort` with nothing after it, followed by a new statement, is still reported
    /// on its own line: the statement after it is not read as its argument.
    func testATransformMissingItsArgumentBeforeANewStatementIsReportedOnItsLine() {
        let text = "t | sort\nlet ok = 4"
        let (program, diagnostics) = Parser.parse(Source(name: "cell", text: text), index: 0)
        XCTAssertEqual(diagnostics.map(\.message), ["expected a value, a name or '(', found end of line"])
        XCTAssertEqual(diagnostics.first?.span?.start, 8)
        XCTAssertEqual(program.statements.count, 1, "let ok = 4 parses")
    }

    func testNextLineStartingWithPipeContinues() {
        XCTAssertTrue(InputCompleteness.continuesStatement(withNextLine: "  | take 3"))
        XCTAssertFalse(InputCompleteness.continuesStatement(withNextLine: "t | take 3"))
    }
}
