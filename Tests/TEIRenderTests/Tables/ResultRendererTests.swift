import XCTest
import TEIStorage
@testable import TEIRender

final class ResultRendererTests: XCTestCase {
    func testEachFormatUsesItsRenderer() {
        let table = SampleResults.everyType
        let narrow = TerminalInfo(width: 40, height: 10)
        XCTAssertEqual(ResultRenderer(format: .table, terminal: narrow).render(table),
                       TextTableRenderer(terminal: narrow).render(table))
        XCTAssertEqual(ResultRenderer(format: .csv, terminal: narrow).render(table), CSVRenderer().render(table))
        XCTAssertEqual(ResultRenderer(format: .json, terminal: narrow).render(table), JSONRenderer().render(table))
        XCTAssertEqual(ResultRenderer(format: .markdown, terminal: narrow).render(table),
                       MarkdownRenderer().render(table))
    }

    func testOnlyTheTableFollowsTheTerminal() {
        let table = SampleResults.everyType
        for format in OutputFormat.allCases {
            let narrow = ResultRenderer(format: format, terminal: TerminalInfo(width: 40, height: 10)).render(table)
            let wide = ResultRenderer(format: format, terminal: TerminalInfo(width: 200, height: 10)).render(table)
            XCTAssertEqual(narrow == wide, format != .table, "\(format)")
        }
    }

    func testFormatNames() {
        XCTAssertEqual(OutputFormat.allCases.map(\.rawValue), ["table", "csv", "json", "jsonl", "markdown"])
        XCTAssertEqual(OutputFormat(rawValue: "markdown"), .markdown)
        XCTAssertEqual(ResultRenderer(format: .csv).terminal, .plain)
    }
}
