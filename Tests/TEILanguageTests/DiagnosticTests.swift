@testable import TEILanguage
import XCTest

/// Suggestions and rendering stay brief for names and lines megabytes long.
final class DiagnosticTests: XCTestCase {
    func testSuggestionsSkipNamesTooLongToBeTypos() {
        XCTAssertEqual(Suggestion.closest(to: "like_cuont", among: ["tweetid", "like_count"]), "like_count")
        XCTAssertNil(Suggestion.closest(to: String(repeating: "a", count: 300), among: [String(repeating: "a", count: 299)]))
        XCTAssertNil(Suggestion.closest(to: "like_count_of_all_the_tweets", among: ["like_count"]), "lengths too far apart")
    }

    func testLongLinesAreShownCutAroundTheCaret() {
        let line = String(repeating: "a", count: 1_000) + "BAD" + String(repeating: "z", count: 1_000)
        let (shown, caretStart, width) = DiagnosticRenderer.window(of: line, column: 1_001, width: 3)
        XCTAssertEqual(shown.count, DiagnosticRenderer.maximumShownLine + 2, "the cut line and an ellipsis at each end")
        XCTAssertTrue(shown.hasPrefix("…") && shown.hasSuffix("…"))
        XCTAssertEqual(String(Array(shown)[caretStart..<(caretStart + width)]), "BAD")
        XCTAssertEqual(DiagnosticRenderer.window(of: "short", column: 2, width: 2).text, "short")
    }
}
