import Foundation
import XCTest
import TEIStorage
@testable import TEIRender

/// Renders real archive tweets (emoji, Arabic and Cyrillic text, multi-line profiles) when the
/// shared sample folder is there; skipped elsewhere. Nothing from it is written to the repository.
final class RealArchiveRenderingTests: XCTestCase {
    private func loadSample() throws -> ResultTable {
        let root = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let file = root.appendingPathComponent("../shared/data/real/russia_201901_1_tweets_sample.csv")
        guard let text = try? String(contentsOf: file, encoding: .utf8) else {
            throw XCTSkip("no real archive sample at \(file.path)")
        }
        var records = try TinyCSVParser.parse(text)
        if records.last == [""] { records.removeLast() }
        let header = try XCTUnwrap(records.first)
        let rows = records.dropFirst().map { record in
            header.indices.map { $0 < record.count && !record[$0].isEmpty ? Value.text(record[$0]) : Value.null }
        }
        return ResultTable(columns: header.map { Column($0, .text) }, rows: Array(rows))
    }

    func testTableLinesFitAndStayOnOneLine() throws {
        let table = try loadSample()
        for width in [40, 80, 150] {
            for ascii in [false, true] {
                let text = TextTableRenderer(terminal: TerminalInfo(width: width, height: 24, ascii: ascii)).render(table)
                let lines = text.components(separatedBy: "\n")
                XCTAssertEqual(lines.count, table.rows.count + 4, "header, rule, rows, footer, note")
                for line in lines {
                    XCTAssertLessThanOrEqual(TerminalText.displayWidth(of: line), width)
                    XCTAssertFalse(line.unicodeScalars.contains { $0.properties.generalCategory == .control })
                }
            }
        }
    }

    func testCSVAndJSONKeepEveryText() throws {
        let table = try loadSample()
        let expected = [table.columns.map(\.name)] + table.rows.map { $0.map(\.text) }
        XCTAssertEqual(try TinyCSVParser.parse(CSVRenderer().render(table)), expected)

        let json = JSONRenderer().render(table)
        let objects = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
        XCTAssertEqual(objects.count, table.rows.count)
        for (object, row) in zip(objects, table.rows) {
            for (column, value) in zip(table.columns, row) {
                if case .text(let text) = value {
                    XCTAssertEqual(object[column.name] as? String, text)
                } else {
                    XCTAssertTrue(object[column.name] is NSNull)
                }
            }
        }
    }

    func testMarkdownRowsStayOnOneLine() throws {
        let table = try loadSample()
        let lines = MarkdownRenderer().render(table).components(separatedBy: "\n")
        XCTAssertEqual(lines.count, table.rows.count + 4, "header, delimiter, rows, blank, footer")
        for line in lines.dropLast(2) {
            XCTAssertTrue(line.hasPrefix("| ") && line.hasSuffix(" |"))
        }
    }
}
