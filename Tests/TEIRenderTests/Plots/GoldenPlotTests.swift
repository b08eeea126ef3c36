import Foundation
import TEIRender
import XCTest

/// Compares every case of `PlotCases`, in Unicode and ASCII, with its golden file.
/// Run with `TEI_RECORD=1` to rewrite the golden files, then read what was recorded.
final class GoldenPlotTests: XCTestCase {
    static let goldenFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Golden")
    static let recording = ProcessInfo.processInfo.environment["TEI_RECORD"] == "1"

    func testTextChartsMatchGoldenFiles() throws {
        for (name, chart, options) in PlotCases.all {
            var ascii = options
            ascii.ascii = true
            try check(try chart.renderText(options), golden: "\(name).txt")
            try check(try chart.renderText(ascii), golden: "\(name).ascii.txt")
        }
    }

    func testSVGMatchesGoldenFile() throws {
        try check(try Chart.bar(PlotCases.changes).renderSVG(ChartOptions(title: "Changes")), golden: "bar-negative-series.svg")
        try check(try Chart.line(PlotCases.dailyTweets).renderSVG(ChartOptions(title: "Daily")), golden: "line-time.svg")
    }

    func testASCIIChartsUseASCIIOnly() throws {
        for (name, chart, options) in PlotCases.all {
            var ascii = options
            ascii.ascii = true
            let text = try chart.renderText(ascii)
            let labels = ["中国"]
            let foreign = text.unicodeScalars.filter { !$0.isASCII }
            XCTAssertTrue(foreign.allSatisfy { s in labels.contains { $0.unicodeScalars.contains(s) } },
                          "\(name) draws non-ASCII marks: \(String(String.UnicodeScalarView(foreign)))")
        }
    }

    func testEveryLineFitsTheWidth() throws {
        for (name, chart, options) in PlotCases.all {
            for ascii in [false, true] {
                var drawn = options
                drawn.ascii = ascii
                for line in try chart.renderText(drawn).split(separator: "\n") {
                    XCTAssertLessThanOrEqual(TerminalText.displayWidth(of: String(line)), options.width, "\(name): \(line)")
                }
            }
        }
    }

    private func check(_ actual: String, golden name: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let url = Self.goldenFolder.appendingPathComponent(name)
        let content = actual.hasSuffix("\n") ? actual : actual + "\n"
        if Self.recording {
            try FileManager.default.createDirectory(at: Self.goldenFolder, withIntermediateDirectories: true)
            try content.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
            XCTFail("missing golden file \(name); run with TEI_RECORD=1", file: file, line: line)
            return
        }
        XCTAssertEqual(content, expected, "\(name) differs from its golden file", file: file, line: line)
    }
}
