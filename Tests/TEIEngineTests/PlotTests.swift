import Foundation
import TEIEngine
import TEILanguage
import TEIRender
import TEIStorage
import XCTest

/// Records the charts a session draws, and its errors.
final class PlotCapture: SessionOutput {
    private(set) var plots: [(request: PlotRequest, table: ResultTable)] = []
    private(set) var errors: [Diagnostic] = []

    func emit(_ event: SessionEvent) {
        switch event {
        case .plot(let request, let table, _): plots.append((request, table))
        case .diagnostic(let diagnostic) where diagnostic.severity == .error: errors.append(diagnostic)
        default: break
        }
    }

    var charts: [PlottedChart] { plots.map { ChartBuilder.build($0.table, request: $0.request) } }
}

final class PlotTests: XCTestCase {
    private var harness: SessionHarness!
    private static let fixture = SessionHarness.repositoryRoot
        .appendingPathComponent("Fixtures/freedonia_201901_1_tweets_csv_hashed.csv").path

    override func setUpWithError() throws {
        harness = try SessionHarness()
        let loaded = plot("let t = load \"\(Self.fixture)\"")
        XCTAssertTrue(loaded.errors.isEmpty, "\(loaded.errors)")
    }

    override func tearDown() { harness = nil }

    /// Runs code in the harness's session, capturing charts.
    @discardableResult
    private func plot(_ code: String) -> PlotCapture {
        let output = PlotCapture()
        let index = harness.session.addSource(name: "<test>", text: code, baseDirectory: harness.workingDirectory)
        harness.session.run(sourceIndex: index, output: output)
        return output
    }

    private func onlyChart(_ code: String, file: StaticString = #filePath, line: UInt = #line) throws -> PlottedChart {
        let output = plot(code)
        XCTAssertEqual(output.errors.map(\.message), [], file: file, line: line)
        return try XCTUnwrap(output.charts.first, file: file, line: line)
    }

    private func errorMessage(_ code: String) -> (message: String, hints: [String])? {
        plot(code).errors.first.map { ($0.message, $0.hints) }
    }

    // MARK: One query

    func testEachChartOverTheFixtureRunsOneAggregatedQuery() throws {
        let database = harness.session.database
        database.recordsSQL = true
        // Scatter and sparklines draw every row (up to the sample limit): they fetch only their columns.
        let cases = [
            ("t | plot hist like_count bins=20", "GROUP BY", 21),
            ("t | group tweet_language (n = count()) | plot bar tweet_language n", "row_number() OVER", 6),
            ("t | plot line tweet_time like_count", "GROUP BY", 2 * PlotRequest.defaultBucketWidth),
            ("t | group h = hour(tweet_time), w = weekday(tweet_time) (n = count()) | plot heatmap h w n", "GROUP BY", 24 * 7),
            ("t | plot scatter follower_count like_count", "row_number() OVER", 1_800),
            ("t | plot spark like_count by tweet_language", "SELECT", 1_800),
        ]
        for (code, marker, maximumRows) in cases {
            let before = database.preparedSQL.count
            let output = plot(code)
            XCTAssertEqual(output.errors.map(\.message), [], code)
            let statements = Array(database.preparedSQL.dropFirst(before))
            XCTAssertEqual(statements.count, 1, "\(code): \(statements)")
            XCTAssertTrue(statements.first?.contains(marker) == true, "\(code): \(statements)")
            XCTAssertLessThanOrEqual(output.plots.first?.table.rows.count ?? .max, maximumRows, code)
            XCTAssertEqual(output.plots.first?.table.columns.count ?? 0 <= 5, true, code)
        }
    }

    // MARK: Histogram

    func testHistogramBinsInSQLAndCountsNullsApart() throws {
        let output = plot("t | plot hist like_count bins=20")
        let table = try XCTUnwrap(output.plots.first?.table)
        XCTAssertLessThanOrEqual(table.rows.count, 21, "at most 20 bins and one for nulls")
        let plotted = try XCTUnwrap(output.charts.first)
        guard case .histogram(let histogram) = plotted.chart else { return XCTFail("\(plotted.chart)") }
        XCTAssertEqual(histogram.counts.compactMap { $0 }.reduce(0, +), 1_709, "every non-null like_count is in a bin")
        XCTAssertEqual(histogram.edges.count, histogram.counts.count + 1)
        XCTAssertEqual(histogram.edges.first, 0)
        XCTAssertGreaterThan(histogram.edges.last!, 1_947, "the largest value is inside the last bin")
        XCTAssertLessThanOrEqual(histogram.counts.count, 20)
        XCTAssertEqual(plotted.notes, ["91 null values not counted"])
    }

    func testHistogramOfFewWholeNumbersGivesOneBinPerNumber() throws {
        let plotted = try onlyChart("t | filter quote_count != null | plot hist quote_count bins=100")
        guard case .histogram(let histogram) = plotted.chart else { return XCTFail() }
        XCTAssertEqual(histogram.edges.first, 0)
        XCTAssertEqual(histogram.edges.last, 47, "quote_count runs 0…46: bins of width 1")
        XCTAssertEqual(zip(histogram.edges, histogram.edges.dropFirst()).map { $1 - $0 }.max(), 1)
        XCTAssertEqual(histogram.counts.compactMap { $0 }.reduce(0, +), 1_709)
    }

    func testHistogramEdgeCasesDrawWithoutErrors() throws {
        let scripts = [
            "t | filter false | plot hist like_count",
            "t | take 1 | plot hist like_count",
            "t | derive v = 2.5 | plot hist v",
            "t | derive v = -1.5 * like_count | plot hist v log=true",
            "t | derive v = null + 1.0 | plot hist v",
            "t | plot hist tweet_time bins=7",
        ]
        for script in scripts {
            let plotted = try onlyChart(script)
            let text = try plotted.chart.renderText(plotted.textOptions(terminalWidth: 80, ascii: true, color: false))
            XCTAssertFalse(text.isEmpty, script)
            XCTAssertNoThrow(try plotted.chart.renderSVG(plotted.svgOptions), script)
        }
        guard case .histogram(let equal) = try onlyChart("t | derive v = 2.5 | plot hist v").chart else { return XCTFail() }
        XCTAssertEqual(equal.edges, [2, 3])
        XCTAssertEqual(equal.counts, [1_800])
        guard case .histogram(let time) = try onlyChart("t | plot hist tweet_time bins=7").chart else { return XCTFail() }
        XCTAssertEqual(time.axis, .time)
        XCTAssertEqual(time.counts.compactMap { $0 }.reduce(0, +), 1_800)
    }

    // MARK: Bar

    func testBarKeepsTheLargestCategoriesInSQLAndCountsTheRest() throws {
        let output = plot("t | group tweetid (n = count()) | derive n = n * tweetid % 97 | plot bar tweetid n")
        XCTAssertEqual(output.errors.map(\.message), [])
        XCTAssertEqual(output.plots.first?.table.rows.count, PlotRequest.defaultCategoryLimit)
        let plotted = try XCTUnwrap(output.charts.first)
        guard case .bar(let bar) = plotted.chart else { return XCTFail() }
        XCTAssertEqual(bar.labels.count, 30)
        XCTAssertEqual(plotted.notes, ["1,770 more categories not shown (the 30 largest are)"])
        let text = try plotted.chart.renderText(plotted.textOptions(terminalWidth: 80, ascii: false, color: false))
        XCTAssertTrue(text.hasSuffix("1,770 more categories not shown (the 30 largest are)"), text)
    }

    /// Bars of times (days, months) keep a run in time, the latest, not the tallest days scattered
    /// over the years, and say what was left out.
    func testBarOfTimesKeepsTheLatestCategoriesAndSaysSo() throws {
        let code = "t | group d = date(tweet_time) (n = count()) | sort d | plot bar d n"
        let plotted = try onlyChart(code)
        guard case .bar(let bar) = plotted.chart else { return XCTFail() }
        let latest = try harness.resultRows("t | group d = date(tweet_time) (n = count()) | sort -d | take 30 | sort d").map { $0[0] }
        let days = try XCTUnwrap(Int(try harness.resultRows("t | group d = date(tweet_time) (n = count()) | count")[0][0]))
        XCTAssertGreaterThan(days, 30)
        XCTAssertEqual(bar.labels, latest, "the last 30 days, in order")
        let note = "\(days - 30) earlier categories not shown (the 30 latest are)"
        XCTAssertEqual(plotted.notes, [note])
        let text = try plotted.chart.renderText(plotted.textOptions(terminalWidth: 80, ascii: false, color: false))
        XCTAssertTrue(text.hasSuffix(note), text)
        XCTAssertTrue(text.hasPrefix(latest[0] + " │"), text)
    }

    func testBarKeepsInputOrderAndSeveralSeries() throws {
        let plotted = try onlyChart("""
            t | group tweet_language (n = count(), likes = sum(like_count) / 100) | sort tweet_language | plot bar tweet_language n likes
            """)
        guard case .bar(let bar) = plotted.chart else { return XCTFail() }
        XCTAssertEqual(bar.labels, ["ar", "de", "en", "fr", "ru", "und"])
        XCTAssertEqual(bar.series.map(\.name), ["n", "likes"])
        XCTAssertEqual(bar.series[0].values.compactMap { $0 }.reduce(0, +), 1_800)
    }

    func testBarByPivotsSeries() throws {
        let plotted = try onlyChart("t | group tweet_language, is_retweet (n = count()) | plot bar tweet_language n by is_retweet")
        guard case .bar(let bar) = plotted.chart else { return XCTFail() }
        XCTAssertEqual(Set(bar.series.map(\.name)), ["true", "false"])
        XCTAssertEqual(bar.labels.count, 6)
        XCTAssertEqual(bar.series.flatMap(\.values).compactMap { $0 }.reduce(0, +), 1_800)
    }

    // MARK: Line

    func testLineDownsamplesManyPointsInSQL() throws {
        let output = plot("t | plot line tweet_time like_count width=50")
        let table = try XCTUnwrap(output.plots.first?.table)
        XCTAssertLessThanOrEqual(table.rows.count, 100, "at most 2 × width buckets")
        let plotted = try XCTUnwrap(output.charts.first)
        guard case .line(let line) = plotted.chart else { return XCTFail() }
        XCTAssertEqual(line.axis, .time)
        XCTAssertEqual(line.x, line.x.sorted(), "points in x order")
        XCTAssertEqual(plotted.notes.first, "1,800 rows averaged into \(line.x.count) points along x")
    }

    func testLineWithFewPointsKeepsThemAndSplitsSeries() throws {
        let plotted = try onlyChart("""
            t | group m = month(tweet_time), l = tweet_language (n = count()) | filter l in ["en", "ru"] | plot line m n by l
            """)
        guard case .line(let line) = plotted.chart else { return XCTFail() }
        XCTAssertEqual(line.x, Array(1...12).map(Double.init))
        XCTAssertEqual(line.series.map(\.name), ["en", "ru"])
        XCTAssertEqual(line.series.flatMap(\.values).compactMap { $0 }.reduce(0, +), 1_199)
        XCTAssertEqual(plotted.notes, [])
    }

    // MARK: Heatmap, sparklines, scatter

    func testHeatmapIsAGridOfSums() throws {
        let plotted = try onlyChart("t | group h = hour(tweet_time), w = weekday(tweet_time) (n = count()) | plot heatmap h w n")
        guard case .heatmap(let heatmap) = plotted.chart else { return XCTFail() }
        XCTAssertEqual(heatmap.yLabels, ["1", "2", "3", "4", "5", "6", "7"])
        XCTAssertEqual(heatmap.xLabels.count, 24)
        XCTAssertEqual(heatmap.values.joined().compactMap { $0 }.reduce(0, +), 1_800)
    }

    /// Day names read down the week, Mon to Sun, not in the alphabet's order.
    func testHeatmapByWeekdayNameReadsDownTheWeek() throws {
        let plotted = try onlyChart("t | group h = hour(tweet_time), w = weekday_name(tweet_time) (n = count()) | plot heatmap h w n")
        guard case .heatmap(let heatmap) = plotted.chart else { return XCTFail() }
        XCTAssertEqual(heatmap.yLabels, ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"])
        let byDay = plot("t | group w = weekday_name(tweet_time) (n = count()) | plot heatmap w w n")
        guard case .heatmap(let square)? = byDay.charts.first?.chart else { return XCTFail("\(byDay.errors)") }
        XCTAssertEqual(square.xLabels, ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"])
        let text = try plotted.chart.renderText(plotted.textOptions(terminalWidth: 60, ascii: false, color: false))
        XCTAssertEqual(text.split(separator: "\n").dropFirst().prefix(7).map { String($0.prefix(3)) },
                       ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"], text)
    }

    func testSparklinesOnePerGroupInInputOrder() throws {
        let plotted = try onlyChart("t | sort tweet_time | plot spark like_count by tweet_language")
        guard case .sparklines(let sparklines) = plotted.chart else { return XCTFail() }
        XCTAssertEqual(sparklines.rows.count, 6)
        XCTAssertEqual(sparklines.rows.map(\.values.count).reduce(0, +), 1_800)
    }

    func testScatterThinsLargeInputsAndSaysSo() throws {
        let output = plot("""
            let a = t | take 100 | select tweet_language, like_count
            let b = t | take 200 | select tweet_language, follower_count
            a | join b on tweet_language | plot scatter follower_count like_count
            """)
        XCTAssertEqual(output.errors.map(\.message), [])
        let table = try XCTUnwrap(output.plots.first?.table)
        guard case .int(let count)? = table.rows.first?[2] else { return XCTFail("\(table.rows.first ?? [])") }
        let total = Int(count)
        XCTAssertGreaterThan(total, PlotRequest.defaultSampleLimit)
        XCTAssertLessThanOrEqual(table.rows.count, PlotRequest.defaultSampleLimit)
        let plotted = try XCTUnwrap(output.charts.first)
        XCTAssertTrue(plotted.notes.first?.hasPrefix("showing \(table.rows.count.formatted()) of") == true, "\(plotted.notes)")
    }

    // MARK: SVG

    func testToWritesAnSVGBesideTheScript() throws {
        plot(#"t | group tweet_language (n = count()) | plot bar tweet_language n title = "Languages" to "out/../fig.svg""#)
        let svg = try String(contentsOf: harness.workingDirectory.appendingPathComponent("fig.svg"), encoding: .utf8)
        XCTAssertTrue(svg.hasPrefix("<?xml") || svg.hasPrefix("<svg"), svg)
        XCTAssertTrue(svg.contains("Languages"))
        XCTAssertTrue(svg.contains("</svg>"))
    }

    // MARK: Errors

    func testDiagnostics() {
        let cases: [(String, String, String?)] = [
            ("t | plot histo like_count", "unknown chart kind 'histo'", "did you mean 'hist'?"),
            ("t | plot pie like_count", "unknown chart kind 'pie'", "chart kinds are bar, hist, line, heatmap, spark, scatter"),
            ("t | plot hist like_cont", "unknown column 'like_cont'", "did you mean 'like_count'?"),
            ("t | plot hist tweet_text", "the column of plot hist must be a number or a time, but 'tweet_text' is text", nil),
            ("t | plot line tweet_language like_count", "x of plot line must be a number or a time, but 'tweet_language' is text", nil),
            ("t | plot line tweet_time", "plot line is missing a column (y)", "write: plot line X Y [Y…]"),
            ("t | plot bar tweet_language", "plot bar is missing a column (value)", "write: plot bar LABEL VALUE [VALUE…]"),
            ("t | plot hist like_count colour = 1", "unknown plot option 'colour'", "plot options are title, width, height, log, bins"),
            ("t | plot hist like_count titl = \"x\"", "unknown plot option 'titl'", "did you mean 'title'?"),
            ("t | plot hist like_count + 1", "plot takes column names, not expressions", "compute it first: derive v = … | plot … v"),
            ("t | plot bar tweet_language like_count bins = 3", "bins applies to plot hist only", nil),
            ("t | plot hist like_count bins = 0", "bins must be a whole number from 1 to 1000", nil),
            ("t | plot hist like_count log = 1", "log must be true or false", nil),
            ("t | plot hist like_count to \"fig.png\"", "plot writes SVG files", "end the file name with .svg"),
            ("t | plot hist like_count by tweet_language", "plot hist has no 'by'", nil),
            ("t | plot bar hashtags like_count", "the label of plot bar cannot be a list", nil),
        ]
        for (code, message, hint) in cases {
            let found = errorMessage(code)
            XCTAssertEqual(found?.message, message, code)
            if let hint { XCTAssertEqual(found?.hints.first, hint, code) }
        }
    }
}
