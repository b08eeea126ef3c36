import XCTest
import TEIStorage
@testable import TEIRender

final class MarkdownRendererTests: XCTestCase {
    func testEveryType() {
        XCTAssertEqual(MarkdownRenderer().render(SampleResults.everyType), """
            |   id | handle   | text                                     |    score | created             | day        |    gap | verified | tags              |
            | ---: | -------- | ---------------------------------------- | -------: | ------------------- | ---------- | -----: | -------- | ----------------- |
            |    1 | Иван     | Привет, мир                              |     3.14 | 2017-06-22 16:03    | 2017-06-22 | 1m 30s | true     | \\[a, b]           |
            |   22 | مرحبا    | line one<br>line two                     | 0.000123 |                     |            |  1d 2h | false    | \\[]               |
            | -333 | 🙂 emoji | 中文字符                                 |   1234.5 | 2017-06-22 16:03:07 | 2017-06-21 |     0s |          | \\[x, y, say "hi"] |
            |      |          | \(SampleResults.longText) |          |                     |            |        |          |                   |

            4 rows
            """)
    }

    func testEscapesCellText() {
        XCTAssertEqual(MarkdownRenderer.escape("a|b"), "a\\|b")
        XCTAssertEqual(MarkdownRenderer.escape("back\\slash|"), "back\\\\slash\\|")
        XCTAssertEqual(MarkdownRenderer.escape("*bold* _it_ `code` [link](x) <b> ~~s~~ &amp;"),
                       "\\*bold\\* \\_it\\_ \\`code\\` \\[link](x) \\<b> \\~\\~s\\~\\~ \\&amp;")
        XCTAssertEqual(MarkdownRenderer.escape("one\ntwo\r\nthree\rfour"), "one<br>two<br>three<br>four")
        XCTAssertEqual(MarkdownRenderer.escape("tab\tesc\u{1B}"), "tab⇥esc␛")
        XCTAssertEqual(MarkdownRenderer.escape("#hashtag @user Привет"), "#hashtag @user Привет")
    }

    func testPartialResultFooterAndEscapedHeader() {
        let table = ResultTable(
            columns: [Column("a|b", .text), Column("n", .float)],
            rows: [[.text("x"), .float(2)]],
            totalRows: 1_500
        )
        XCTAssertEqual(MarkdownRenderer().render(table), """
            | a\\|b |   n |
            | ---- | --: |
            | x    | 2.0 |

            showing first 1 of 1,500 rows
            """)
    }

    func testEmptyResults() {
        XCTAssertEqual(MarkdownRenderer().render(SampleResults.twoColumns([])), """
            | name | count |
            | ---- | ----: |

            0 rows
            """)
        XCTAssertEqual(MarkdownRenderer().render(ResultTable(columns: [], rows: [])), "0 rows")
    }
}
