import Foundation
import TEIEngine
import TEIReport
import XCTest

/// Reports of a lesson from Examples and of a failing script, compared with recorded files.
final class GoldenReportTests: XCTestCase {
    func testLessonOneMarkdownReport() throws {
        let script = ReportHarness.repositoryRoot.appendingPathComponent("Examples/01-first-look.tei")
        let (document, outcome) = try ReportHarness.document(script: script, name: "Examples/01-first-look.tei")
        XCTAssertEqual(outcome, .success)
        XCTAssertTrue(document.cells.allSatisfy { $0.status == .ran })
        try ReportHarness.assertGolden(MarkdownReportWriter().render(document), file: "01-first-look.md")
    }

    func testLessonOneHTMLReport() throws {
        let script = ReportHarness.repositoryRoot.appendingPathComponent("Examples/01-first-look.tei")
        let (document, _) = try ReportHarness.document(script: script, name: "Examples/01-first-look.tei")
        try ReportHarness.assertGolden(HTMLReportWriter().render(document), file: "01-first-look.html")
    }

    func testFailingRunSaysWhereAndWhyWithParameters() throws {
        let script = ReportHarness.testsFolder.appendingPathComponent("Golden/failing_run.tei")
        let (document, outcome) = try ReportHarness.document(script: script, name: "failing_run.tei", parameters: ["language": "ru"])
        XCTAssertEqual(outcome, .runFailed)
        XCTAssertEqual(document.firstError?.line, 10)
        XCTAssertEqual(document.cells.map(\.status), [.ran, .ran, .ran, .failed, .notRun])
        XCTAssertEqual(document.provenance.parameters, [ReportParameter(name: "language", value: "ru", isOverridden: true)])
        XCTAssertEqual(document.closingProse, ["The end."])
        try ReportHarness.assertGolden(MarkdownReportWriter().render(document), file: "failing_run.md")
    }

    func testCheckErrorsMeanNothingRan() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tei-report-check-\(ProcessInfo.processInfo.processIdentifier)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let script = folder.appendingPathComponent("bad.tei")
        try Data("# Intro\nlet x = load \"missing.csv\"\nx | count\n".utf8).write(to: script)
        let (document, outcome) = try ReportHarness.document(script: script, name: "bad.tei")
        XCTAssertEqual(outcome, .checkFailed)
        XCTAssertEqual(document.cells.map(\.status), [.failed, .notRun])
        XCTAssertEqual(document.firstError?.line, 2)
        let markdown = MarkdownReportWriter().render(document)
        XCTAssertTrue(markdown.contains("- **Outcome:** not run: the script has errors at line 2"), markdown)
        XCTAssertTrue(markdown.contains("*Not run.*"))
    }
}
