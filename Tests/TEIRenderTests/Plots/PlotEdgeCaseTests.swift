import TEIRender
import XCTest

/// Empty input, nulls, long labels, many categories, bad shapes, color and sizes.
final class PlotEdgeCaseTests: XCTestCase {
    func testEmptyInputSaysThereIsNoData() throws {
        let charts: [Chart] = [
            .bar(BarChart(labels: [], values: [])),
            .histogram(Histogram(edges: [], counts: [])),
            .line(LineChart(x: [], series: [Series("y", [])])),
            .heatmap(Heatmap(xLabels: [], yLabels: [], values: [])),
            .sparklines(Sparklines(rows: [])),
            .scatter(ScatterChart(points: [])),
        ]
        for chart in charts {
            XCTAssertEqual(try chart.renderText(), "no data to plot", "\(chart.kind)")
        }
    }

    func testOnlyNullsSayThereIsNoDataAndCountThem() throws {
        let text = try Chart.bar(BarChart(labels: ["a", "b"], values: [nil, nil])).renderText()
        XCTAssertEqual(text, "no data to plot\n2 null values skipped")
    }

    func testNullsAreSkippedAndCounted() throws {
        let text = try Chart.line(LineChart(x: [1, 2, 3, 4], series: [Series("y", [1, nil, .nan, 4])])).renderText()
        XCTAssertTrue(text.hasSuffix("2 null values skipped"), text)
    }

    func testLongLabelsAreCutWithAnEllipsis() throws {
        let label = String(repeating: "x", count: 200)
        let text = try Chart.bar(BarChart(labels: [label, "b"], values: [1, 2])).renderText(ChartOptions(width: 60))
        let first = try XCTUnwrap(text.split(separator: "\n").first)
        XCTAssertTrue(first.contains("x…"), String(first))
        XCTAssertLessThanOrEqual(TerminalText.displayWidth(of: String(first)), 60)
    }

    func testThousandsOfCategoriesShowTheLargestAndCountTheRest() throws {
        let values = (0..<2_335).map { Double($0) }
        let chart = Chart.bar(BarChart(labels: values.map { "c\(Int($0))" }, values: values))
        let lines = try chart.renderText(ChartOptions(maxCategories: 20)).split(separator: "\n")
        XCTAssertEqual(lines.last, "… 2,315 more categories not shown")
        XCTAssertTrue(lines[0].hasPrefix("c2315 "), "the largest are kept, in their order: \(lines[0])")
        XCTAssertTrue(lines[19].hasPrefix("c2334 "))
    }

    func testMismatchedLengthsThrowAClearError() {
        let chart = Chart.bar(BarChart(labels: ["a", "b", "c"], values: [1, 2]))
        XCTAssertThrowsError(try chart.renderText()) { error in
            XCTAssertEqual(error as? PlotError, .lengthMismatch(what: "bar series \"value\"", expected: 3, actual: 2))
            XCTAssertEqual("\(error)", "cannot plot: bar series \"value\" has 2 values, expected 3")
        }
        XCTAssertThrowsError(try Chart.histogram(Histogram(edges: [0, 2, 1], counts: [1, 1])).renderSVG())
        XCTAssertThrowsError(try Chart.heatmap(Heatmap(xLabels: ["a"], yLabels: ["r"], values: [[1, 2]])).renderText())
        XCTAssertThrowsError(try Chart.line(LineChart(x: [.infinity], series: [Series("y", [1])])).renderText())
    }

    func testLogScaleCountsValuesItCannotDraw() throws {
        let text = try Chart.bar(BarChart(labels: ["a", "b", "c"], values: [10, 0, -3]))
            .renderText(ChartOptions(scale: .log))
        XCTAssertTrue(text.contains("2 values <= 0 not drawn on the log scale"), text)
    }

    func testColorOnlyWhenAsked() throws {
        for (_, chart, options) in PlotCases.all {
            var colored = options
            colored.color = true
            XCTAssertFalse(try chart.renderText(options).contains("\u{1B}["))
            if chart.kind != .bar || options.title != "Nothing" {
                let text = try chart.renderText(colored)
                XCTAssertEqual(text.contains("\u{1B}["), !text.hasPrefix("no data") && !text.contains("no data"))
            }
        }
    }

    func testHeightBoundsChartsWithAVerticalAxis() throws {
        for height in [9, 12, 30] {
            let options = ChartOptions(height: height, title: "t")
            for chart: Chart in [.line(PlotCases.dailyTweets), .histogram(PlotCases.followers),
                                 .scatter(PlotCases.likesVsRetweets), .heatmap(PlotCases.hourByWeekday)] {
                let lines = try chart.renderText(options).split(separator: "\n", omittingEmptySubsequences: false)
                XCTAssertLessThanOrEqual(lines.count, height, "\(chart.kind) at height \(height)")
            }
        }
    }

    func testTinySizesStillDraw() throws {
        let text = try Chart.line(PlotCases.singleLine).renderText(ChartOptions(width: 1, height: 1))
        XCTAssertGreaterThanOrEqual(text.split(separator: "\n").count, ChartOptions.minimumHeight - 1)
    }

    func testLabelsCannotBreakLinesOrInjectEscapes() throws {
        let text = try Chart.bar(BarChart(labels: ["two\nlines", "esc\u{1B}[31m"], values: [1, 2])).renderText()
        XCTAssertFalse(text.contains("\u{1B}"))
        XCTAssertEqual(text.split(separator: "\n").count, 4)
    }

    func testOnePointLineDrawsADot() throws {
        let text = try Chart.line(LineChart(x: [5], series: [Series("y", [3])])).renderText(ChartOptions(height: 8))
        XCTAssertEqual(text.filter { ("\u{2801}"..."\u{28FF}").contains($0) }.count, 1, text)
    }
}

/// A count or value other than zero always leaves a mark, however small beside the largest, and
/// empty bins are not reported as values left out.
final class SmallValueMarkTests: XCTestCase {
    /// The text columns of the plot area holding a mark on the bottom row of a histogram.
    private func markedColumns(_ text: String, ascii: Bool) -> [Int] {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let bottom = try! XCTUnwrap(lines.last { $0.contains(ascii ? "+" : "┤") && !$0.contains(ascii ? "++" : "└") })
        let plot = Array(bottom.drop { $0 != (ascii ? "+" : "┤") }.dropFirst())
        return plot.indices.filter { plot[$0] != " " }
    }

    func testABinOfOneBesideEightyOneIsDrawnInTextAndASCII() throws {
        let chart = Chart.histogram(PlotCases.tweetsPerAccount)
        for ascii in [false, true] {
            let text = try chart.renderText(ChartOptions(width: 50, height: 6, ascii: ascii))
            let columns = markedColumns(text, ascii: ascii)
            // 10 bins over 49 plot columns: bins 7 and 9 (a count of 1 each) start at columns 34 and 44.
            XCTAssertTrue(columns.contains(34) && columns.contains(44), "ascii \(ascii):\n\(text)")
            XCTAssertFalse(columns.contains(30) || columns.contains(40), "empty bins stay empty:\n\(text)")
        }
    }

    func testABarOfOneBesideThousandsIsDrawnInTextAndASCII() throws {
        let chart = Chart.bar(BarChart(labels: ["busy", "quiet", "none"], values: [50_000, 1, 0]))
        for ascii in [false, true] {
            let lines = try chart.renderText(ChartOptions(width: 40, ascii: ascii)).split(separator: "\n")
            XCTAssertTrue(lines[1].hasPrefix(ascii ? "quiet |# 1" : "quiet │▏ 1"), String(lines[1]))
            XCTAssertTrue(lines[2].hasPrefix(ascii ? "none  | 0" : "none  │ 0"), String(lines[2]))
        }
        let negative = try Chart.bar(BarChart(labels: ["down", "up"], values: [-1, 50_000])).renderText(ChartOptions(width: 40))
        XCTAssertTrue(negative.split(separator: "\n")[0].hasPrefix("down │▐ -1"), negative)
    }

    func testSmallBarsAndBinsHaveAVisibleSizeInSVG() throws {
        let bars = try Chart.bar(BarChart(labels: ["busy", "quiet"], values: [50_000, 1])).renderSVG()
        let histogram = try Chart.histogram(PlotCases.tweetsPerAccount).renderSVG()
        for (svg, attribute) in [(bars, "width"), (histogram, "height")] {
            let sizes = svg.components(separatedBy: "<rect").dropFirst().compactMap { rect -> Double? in
                guard rect.contains("<title>"), let range = rect.range(of: " \(attribute)=\"") else { return nil }
                return Double(rect[range.upperBound...].prefix { $0 != "\"" })
            }
            XCTAssertFalse(sizes.isEmpty, svg)
            XCTAssertGreaterThanOrEqual(sizes.min() ?? 0, 1, "\(attribute)s \(sizes)")
        }
    }

    func testEmptyBinsOnALogScaleAreNotCountedAsValuesLeftOut() throws {
        let text = try Chart.histogram(PlotCases.tweetsPerAccount).renderText(ChartOptions(width: 50, height: 10, scale: .log))
        XCTAssertFalse(text.contains("<= 0"), text)
        XCTAssertFalse(text.contains("not drawn"), text)
    }
}
