import XCTest
import TEIStorage
@testable import TEIRender

final class TextTableRendererTests: XCTestCase {
    private func render(_ table: ResultTable, width: Int, color: Bool = false, ascii: Bool = false) -> String {
        TextTableRenderer(terminal: TerminalInfo(width: width, height: 24, color: color, ascii: ascii)).render(table)
    }

    func testEveryTypeAtEightyColumns() {
        XCTAssertEqual(render(SampleResults.everyType, width: 80), """
              id  handle    text              score  created              day            gap
            ────  ────────  ─────────────  ────────  ───────────────────  ──────────  ──────
               1  Иван      Привет, мир        3.14  2017-06-22 16:03     2017-06-22  1m 30s
              22  مرحبا     line one↵lin…  0.000123                                    1d 2h
            -333  🙂 emoji  中文字符         1234.5  2017-06-22 16:03:07  2017-06-21      0s
                            This synthet…
            4 rows
            … 2 more columns: verified, tags
            """)
    }

    func testEveryTypeAtFortyColumns() {
        XCTAssertEqual(render(SampleResults.everyType, width: 40), """
              id  handle    text               score
            ────  ────────  ──────────────  ────────
               1  Иван      Привет, мир         3.14
              22  مرحبا     line one↵line…  0.000123
            -333  🙂 emoji  中文字符          1234.5
                            This syntheti…
            4 rows
            … 5 more columns: created, day, gap, ve…
            """)
    }

    func testASCIIDecorations() {
        XCTAssertEqual(render(SampleResults.everyType, width: 60, ascii: true), """
              id  handle    text              score  created
            ----  --------  -------------  --------  -------------------
               1  Иван      Привет, мир        3.14  2017-06-22 16:03
              22  مرحبا     line one\\n...  0.000123
            -333  🙂 emoji  中文字符         1234.5  2017-06-22 16:03:07
                            This synth...
            4 rows
            ... 4 more columns: day, gap, verified, tags
            """)
    }

    func testWideTerminalShowsEveryColumn() {
        let lines = render(SampleResults.everyType, width: 200).components(separatedBy: "\n")
        XCTAssertEqual(lines.count, 7, "header, rule, 4 rows, footer; no note")
        XCTAssertEqual(lines[0], "  id  handle    text" + String(repeating: " ", count: 106)
            + "score  created              day            gap  verified  tags")
        XCTAssertTrue(lines[5].contains("to show it whol…"), "the long text is cut to what is left of 200 columns")
        XCTAssertEqual(TerminalText.displayWidth(of: lines[1]), 200)
        XCTAssertEqual(lines[6], "4 rows")
    }

    func testColorMarksNullsAndHeaders() {
        let table = ResultTable(
            columns: [Column("n", .int), Column("name", .text)],
            rows: [[.int(7), .null], [.null, .text("x")]]
        )
        let bold = "\u{1B}[1m", dim = "\u{1B}[2m", reset = "\u{1B}[0m"
        XCTAssertEqual(render(table, width: 80, color: true), """
               \(bold)n\(reset)  \(bold)name\(reset)
            ────  ────
               7  \(dim)null\(reset)
            \(dim)null\(reset)  x
            2 rows
            """)
        XCTAssertEqual(render(table, width: 80), """
            n  name
            ─  ────
            7
               x
            2 rows
            """)
    }

    func testEveryLineFitsEveryWidth() {
        for width in 1...130 {
            let text = render(SampleResults.everyType, width: width)
            let lines = text.components(separatedBy: "\n")
            for line in lines {
                XCTAssertLessThanOrEqual(TerminalText.displayWidth(of: line), width, "width \(width): \(line)")
            }
            XCTAssertGreaterThanOrEqual(lines.count, 7, "width \(width): rows never wrap or vanish")
            XCTAssertLessThanOrEqual(lines.count, 8, "width \(width): rows never wrap")
        }
    }

    func testLongTextIsCutToTheTerminal() {
        let table = ResultTable(columns: [Column("text", .text)], rows: [[.text(SampleResults.longText)]])
        let lines = render(table, width: 80).components(separatedBy: "\n")
        XCTAssertEqual(lines[2].count, 80)
        XCTAssertEqual(lines[2], String(SampleResults.longText.prefix(79)) + "…")
    }

    func testFooterOfPartialResults() {
        let table = SampleResults.twoColumns([("a", 1), ("b", 2)], totalRows: 9_041_308)
        XCTAssertEqual(render(table, width: 80), """
            name  count
            ────  ─────
            a         1
            b         2
            showing first 2 of 9,041,308 rows
            """)
    }

    func testEmptyAndSingleRowResults() {
        XCTAssertEqual(render(SampleResults.twoColumns([]), width: 80), """
            name  count
            ────  ─────
            0 rows
            """)
        XCTAssertEqual(render(SampleResults.twoColumns([("только", 1_000_000)]), width: 80), """
            name      count
            ──────  ───────
            только  1000000
            1 row
            """)
        XCTAssertEqual(render(ResultTable(columns: [], rows: []), width: 80), "0 rows")
    }

    func testOneDroppedColumnIsSingular() {
        let table = ResultTable(
            columns: [Column("created", .timestamp), Column("posted", .timestamp)],
            rows: [[.timestamp(SampleResults.timestamp), .timestamp(SampleResults.timestamp)]]
        )
        XCTAssertEqual(render(table, width: 30), """
            created
            ────────────────
            2017-06-22 16:03
            1 row
            … 1 more column: posted
            """)
    }

    func testControlCharactersNeverReachTheTerminal() {
        let table = ResultTable(
            columns: [Column("evil\u{1B}[2J", .text)],
            rows: [[.text("bell\u{7}\u{1B}]0;title\u{7} tab\there")]]
        )
        let text = render(table, width: 80)
        XCTAssertFalse(text.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" }, text)
        XCTAssertEqual(text, """
            evil␛[2J
            ────────────────────────
            bell␇␛]0;title␇ tab⇥here
            1 row
            """)
    }

    func testAFileOrPipeGetsWholeCellsOnOneLineEach() {
        let id = "2490641537288458240123456789"
        let table = ResultTable(
            columns: [Column("userid", .text), Column("user_display_name", .text), Column("tweet_text", .text)],
            rows: [[.text(id), .text("A name"), .text(SampleResults.longText + "\nsecond line")]]
        )
        let lines = TextTableRenderer(terminal: .plain).render(table).components(separatedBy: "\n")
        XCTAssertEqual(lines.count, 4, "header, rule, one row, footer: no cut, no dropped column, no wrap")
        XCTAssertTrue(lines[0].hasPrefix("userid" + String(repeating: " ", count: id.count - 6 + 2) + "user_display_name"))
        XCTAssertTrue(lines[2].hasPrefix(id + "  A name"), lines[2])
        XCTAssertTrue(lines[2].hasSuffix(SampleResults.longText + "↵second line"), "a newline stays escaped")
        XCTAssertFalse(lines.joined().contains("…"))
        XCTAssertGreaterThan(lines[2].count, TerminalInfo.plain.width)
    }

    func testShortRowsRenderAsNulls() {
        let table = ResultTable(columns: [Column("a", .int), Column("b", .text)], rows: [[.int(1)]])
        XCTAssertEqual(render(table, width: 80), "a  b\n─  ─\n1\n1 row")
    }
}
