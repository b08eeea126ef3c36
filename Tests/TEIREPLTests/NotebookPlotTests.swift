import Foundation
import TEIRender
@testable import TEIREPL
import XCTest

/// Charts in the REPL: drawn like `tei run` draws them, and `:ascii` switches their characters.
final class NotebookPlotTests: XCTestCase {
    private let plot = "t | group userid (likes = sum(like_count)) | sort userid | plot bar userid likes title = \"Likes\""

    func testAPlotIsDrawnAsAChartUnderItsResultNumber() throws {
        let test = try TestNotebook(rows: 4)
        XCTAssertEqual(test.notebook.submit("let t = load \"t.csv\""), .success)
        XCTAssertEqual(test.notebook.submit(plot), .success, test.output.all)
        let shown = test.output.text(of: .output)
        XCTAssertTrue(shown.hasPrefix("Out[2]:\n"), shown)
        XCTAssertTrue(shown.contains("Likes"), shown)
        XCTAssertFalse(shown.contains("chart)"), "no placeholder: \(shown)")
        // Rows u0 (2 + 4 = 6 likes) and u1 (1 + 3 = 4), each a labelled bar with its value.
        let bars = shown.split(separator: "\n").filter { $0.hasPrefix("u0") || $0.hasPrefix("u1") }
        XCTAssertEqual(bars.count, 2, shown)
        XCTAssertTrue(bars[0].hasSuffix("6") && bars[1].hasSuffix("4"), shown)
        XCTAssertTrue(shown.unicodeScalars.contains { !$0.isASCII }, "a UTF-8 terminal gets block characters: \(shown)")
    }

    func testAsciiSwitchesChartsAndTablesToASCIIAndBack() throws {
        let test = try TestNotebook(rows: 4)
        test.notebook.submit("let t = load \"t.csv\"")
        XCTAssertEqual(test.notebook.submit(":ascii on"), .success)
        XCTAssertTrue(test.output.text(of: .error).contains("ASCII"), test.output.all)
        test.output.clear()
        XCTAssertEqual(test.notebook.submit(plot), .success, test.output.all)
        XCTAssertEqual(test.notebook.submit("t | count"), .success, test.output.all)
        let ascii = test.output.text(of: .output)
        XCTAssertTrue(ascii.contains("Likes") && ascii.contains("u0"), ascii)
        XCTAssertTrue(ascii.unicodeScalars.allSatisfy(\.isASCII), ascii)

        XCTAssertEqual(test.notebook.submit(":ascii off"), .success)
        test.output.clear()
        test.notebook.submit(plot)
        XCTAssertTrue(test.output.text(of: .output).unicodeScalars.contains { !$0.isASCII }, test.output.all)
    }

    func testAsciiWinsOverAMeasuredTerminalAndNeedsOnOrOff() throws {
        let test = try TestNotebook(rows: 4)
        test.notebook.measureTerminal = { TerminalInfo(width: 80, height: 24, ascii: false) }
        test.notebook.submit("let t = load \"t.csv\"")
        test.notebook.submit(":ascii on")
        test.output.clear()
        test.notebook.submit(plot)
        XCTAssertTrue(test.output.text(of: .output).unicodeScalars.allSatisfy(\.isASCII), test.output.all)
        XCTAssertEqual(test.notebook.submit(":ascii"), .runFailed)
        XCTAssertEqual(test.notebook.submit(":ascii maybe"), .runFailed)
        XCTAssertTrue(test.output.text(of: .error).contains("usage: :ascii on|off"), test.output.all)
    }
}
