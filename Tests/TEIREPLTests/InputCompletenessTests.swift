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

    func testOpenBracketsAndStringsContinue() {
        XCTAssertFalse(InputCompleteness.isComplete("t | group a (n = count()"))
        XCTAssertFalse(InputCompleteness.isComplete("t | filter x in [1, 2"))
        XCTAssertFalse(InputCompleteness.isComplete("let t = load \"a.c"))
        XCTAssertTrue(InputCompleteness.isComplete("t | group a (\n  n = count()\n)"))
    }

    func testTrailingPipeAndOperatorsContinue() {
        XCTAssertFalse(InputCompleteness.isComplete("t |"))
        XCTAssertFalse(InputCompleteness.isComplete("t | filter a and"))
        XCTAssertFalse(InputCompleteness.isComplete("t | filter a >"))
        XCTAssertFalse(InputCompleteness.isComplete("let x ="))
        XCTAssertFalse(InputCompleteness.isComplete("t |   # more below"))
        XCTAssertTrue(InputCompleteness.isComplete("t | sort -a"))
    }

    func testNextLineStartingWithPipeContinues() {
        XCTAssertTrue(InputCompleteness.continuesStatement(withNextLine: "  | take 3"))
        XCTAssertFalse(InputCompleteness.continuesStatement(withNextLine: "t | take 3"))
    }
}
