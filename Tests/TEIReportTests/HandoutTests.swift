import Foundation
import TEIEngine
import TEIReport
import XCTest
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Every lesson's handout: the report `tei run Examples/NN-name.tei --report … --no-timestamp`
/// writes. The Markdown handouts are committed under `Examples/handouts/` and compared exactly
/// (re-record with TEI_RECORD=1); the HTML ones, several times larger because of their inline
/// charts, are built here and checked to be well-formed, self-contained and complete, not committed.
final class HandoutTests: XCTestCase {
    static let examples = ReportHarness.repositoryRoot.appendingPathComponent("Examples")

    static func lessons() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: examples.path)
            .filter { $0.range(of: #"^[0-9]{2}-[a-z0-9-]+\.tei$"#, options: .regularExpression) != nil }
            .sorted()
    }

    func testEveryLessonsHandoutRunsCompletelyAndMatchesItsGolden() throws {
        let lessons = try Self.lessons()
        XCTAssertGreaterThanOrEqual(lessons.count, 17)
        for lesson in lessons {
            let stem = String(lesson.dropLast(".tei".count))
            let script = Self.examples.appendingPathComponent(lesson)
            let (document, outcome) = try ReportHarness.document(
                script: script, name: "Examples/\(lesson)", displayArguments: ["--report", "\(stem).md", "--no-timestamp"])
            XCTAssertEqual(outcome, .success, lesson)
            XCTAssertTrue(document.cells.allSatisfy { $0.status == .ran }, "\(lesson): every statement ran")
            try ReportHarness.assertGolden(MarkdownReportWriter().render(document), at: Self.examples
                .appendingPathComponent("handouts").appendingPathComponent(stem + ".md"))

            let html = HTMLReportWriter().render(document)
            let parser = XMLParser(data: Data(html.utf8))
            XCTAssertTrue(parser.parse(), "\(lesson): HTML not well-formed at line \(parser.lineNumber)")
            XCTAssertTrue(html.contains("succeeded"), lesson)
            for external in ["src=\"http", "href=\"http", "<script", "<link"] {
                XCTAssertFalse(html.contains(external), "\(lesson): the handout must not load \(external)")
            }
        }
    }
}
