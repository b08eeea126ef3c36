import Foundation
import TEIEngine
@testable import TEIReport
import XCTest
#if canImport(FoundationXML)
import FoundationXML
#endif

/// The HTML report must parse as XML (so every tag is closed and every entity escaped) and load nothing.
final class HTMLWellFormednessTests: XCTestCase {
    func testReportWithTablesChartsAndErrorsIsWellFormedAndSelfContained() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tei-report-html-\(ProcessInfo.processInfo.processIdentifier)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let fixture = ReportHarness.repositoryRoot.appendingPathComponent("Fixtures/freedonia_201901_1_tweets_csv_hashed.csv").path
        let script = folder.appendingPathComponent("html.tei")
        let text = """
        # Markup in prose: <b>not bold</b> & "quotes" with `code <here>`
        let tweets = load "\(fixture)"
        tweets | select tweet_text, like_count | take 30
        tweets | group tweet_language (n = count()) | plot bar tweet_language n title = "A <title> & more" to "chart.svg"
        tweets | plot hist tweet_time bins = 10
        explain tweets | filter tweet_text ~ "<a&b>"
        tweets | group (total = sum(tweetid))
        """
        try Data(text.utf8).write(to: script)
        let (document, _) = try ReportHarness.document(script: script, name: "html.tei")
        let html = HTMLReportWriter(reportDirectory: folder).render(document)

        let parser = XMLParser(data: Data(html.utf8))
        let ok = parser.parse()
        XCTAssertTrue(ok, "not well-formed: \(parser.parserError.map { "\($0)" } ?? "?") at line \(parser.lineNumber)")
        XCTAssertTrue(html.hasPrefix("<!DOCTYPE html>"))
        XCTAssertEqual(html.components(separatedBy: "<svg ").count - 1, 2, "both charts are inlined")
        XCTAssertTrue(html.contains("&lt;b&gt;not bold&lt;/b&gt; &amp; &quot;quotes&quot; with <code>code &lt;here&gt;</code>"))
        XCTAssertTrue(html.contains("Also written to <code>chart.svg</code>"))
        XCTAssertTrue(html.contains("class=\"diagnostic\""))
        for external in ["src=\"http", "href=\"http", "<script", "<link", "@import", "url("] {
            XCTAssertFalse(html.contains(external), "the page must not load \(external)")
        }
    }

    func testEscapingKeepsControlCharactersOutOfTheXML() throws {
        let parser = XMLParser(data: Data(("<p>" + HTMLText.escape("a\u{1}b<&>\"'") + "</p>").utf8))
        XCTAssertTrue(parser.parse())
    }
}
