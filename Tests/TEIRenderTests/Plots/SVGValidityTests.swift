import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import TEIRender
import XCTest

/// Every SVG document parses as XML and holds the elements its chart needs.
final class SVGValidityTests: XCTestCase {
    /// Parses `svg` and returns the name of every element with its attributes, and all text.
    private final class Collector: NSObject, XMLParserDelegate {
        var elements: [(name: String, attributes: [String: String])] = []
        var text = ""
        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?,
                    qualifiedName: String?, attributes: [String: String]) {
            elements.append((name, attributes))
        }
        func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }
    }

    private func parse(_ svg: String, file: StaticString = #filePath, line: UInt = #line) -> Collector {
        let collector = Collector()
        let parser = XMLParser(data: Data(svg.utf8))
        parser.delegate = collector
        XCTAssertTrue(parser.parse(), "not well-formed XML: \(String(describing: parser.parserError))", file: file, line: line)
        return collector
    }

    func testEveryKindIsWellFormedWithViewBoxAndTitle() throws {
        for (name, chart, options) in PlotCases.all {
            var titled = options
            titled.title = "Case \(name) <&> \"quoted\""
            let svg = try chart.renderSVG(titled)
            let parsed = parse(svg)
            let root = try XCTUnwrap(parsed.elements.first, name)
            XCTAssertEqual(root.name, "svg", name)
            XCTAssertEqual(root.attributes["xmlns"], "http://www.w3.org/2000/svg", name)
            XCTAssertEqual(root.attributes["viewBox"], "0 0 720 400", name)
            XCTAssertTrue(parsed.elements.contains { $0.name == "title" }, name)
            XCTAssertTrue(parsed.text.contains("Case \(name) <&> \"quoted\""), "\(name): title text survives escaping")
        }
    }

    func testChartsContainTheirMarks() throws {
        let expectations: [(Chart, String, Int)] = [
            (.bar(PlotCases.changes), "rect", 6 + 1),
            (.histogram(PlotCases.followers), "rect", 6 + 1),
            (.line(PlotCases.dailyTweets), "path", 3),
            (.scatter(PlotCases.likesVsRetweets), "circle", 40),
            (.heatmap(PlotCases.hourByWeekday), "rect", 7 * 24 + 1),
            (.sparklines(PlotCases.perAccount), "path", 3),
        ]
        for (chart, element, minimum) in expectations {
            let parsed = parse(try chart.renderSVG())
            let count = parsed.elements.filter { $0.name == element }.count
            XCTAssertGreaterThanOrEqual(count, minimum, "\(chart.kind): \(element) elements")
            XCTAssertTrue(parsed.elements.contains { $0.name == "text" }, "\(chart.kind) has labels")
        }
    }

    func testLegendNamesEverySeries() throws {
        let parsed = parse(try Chart.line(PlotCases.dailyTweets).renderSVG())
        XCTAssertTrue(parsed.text.contains("tweets"))
        XCTAssertTrue(parsed.text.contains("retweets"))
    }

    func testHostileLabelsAreEscaped() throws {
        let chart = Chart.bar(BarChart(labels: ["<script>alert(1)</script>", "a & b", "ctrl\u{1}\u{1B}[31m"],
                                       values: [1, 2, 3]))
        let svg = try chart.renderSVG()
        XCTAssertFalse(svg.contains("<script>"))
        let parsed = parse(svg)
        XCTAssertTrue(parsed.text.contains("a & b"))
        XCTAssertFalse(parsed.elements.contains { $0.name == "script" })
    }

    func testEmptyDataDrawsAMessage() throws {
        let parsed = parse(try Chart.line(LineChart(x: [], series: [])).renderSVG())
        XCTAssertTrue(parsed.text.contains("no data to plot"))
    }
}
