import XCTest
import TEIStorage
@testable import TEIRender

final class CSVRendererTests: XCTestCase {
    func testEveryType() {
        XCTAssertEqual(CSVRenderer().render(SampleResults.everyType), """
            id,handle,text,score,created,day,gap,verified,tags
            1,Иван,"Привет, мир",3.14159,2017-06-22 16:03,2017-06-22,1m 30s,true,"[a, b]"
            22,مرحبا,"line one
            line two",0.000123456,,,1d 2h,false,[]
            -333,🙂 emoji,中文字符,1234.5,2017-06-22 16:03:07,2017-06-21,0s,,"[x, y, say ""hi""]"
            ,,"\(SampleResults.longText)",,,,,,
            """)
    }

    func testQuotesOnlyWhenNeeded() {
        XCTAssertEqual(CSVRenderer.field("plain"), "plain")
        XCTAssertEqual(CSVRenderer.field(""), "")
        XCTAssertEqual(CSVRenderer.field("a,b"), "\"a,b\"")
        XCTAssertEqual(CSVRenderer.field("say \"hi\""), "\"say \"\"hi\"\"\"")
        XCTAssertEqual(CSVRenderer.field("a\r\nb"), "\"a\r\nb\"")
        XCTAssertEqual(CSVRenderer.field("a\rb"), "\"a\rb\"")
        XCTAssertEqual(CSVRenderer.field(" lead"), "\" lead\"")
        XCTAssertEqual(CSVRenderer.field("trail "), "\"trail \"")
        XCTAssertEqual(CSVRenderer.field("in side"), "in side")
        XCTAssertEqual(CSVRenderer.field("'single' ;semi\ttab"), "'single' ;semi\ttab")
    }

    /// The separator quotes a field, whichever it is; a space begins or ends a field only as a
    /// whole character (not one that a combining mark or a prepended sign makes part of another).
    func testOtherSeparatorsAndSpacesInOtherCharacters() {
        XCTAssertEqual(CSVRenderer.field("a\tb", separator: "\t"), "\"a\tb\"")
        XCTAssertEqual(CSVRenderer.field("a,b", separator: "\t"), "a,b")
        XCTAssertEqual(CSVRenderer.field("a§b", separator: "§"), "\"a§b\"")
        XCTAssertEqual(CSVRenderer.field("a\"b", separator: "§"), "\"a\"\"b\"")
        XCTAssertEqual(CSVRenderer.field(" lead", separator: "§"), "\" lead\"")
        XCTAssertEqual(CSVRenderer.field("a,b", separator: "§"), "a,b")
        XCTAssertEqual(CSVRenderer.field(" \u{301}accent"), " \u{301}accent")
        XCTAssertEqual(CSVRenderer.field("sign\u{600} "), "sign\u{600} ")
        XCTAssertEqual(CSVRenderer.field("é "), "\"é \"")
        XCTAssertEqual(CSVRenderer(separator: "\t").render(SampleResults.everyType).split(separator: "\n").first, "id\thandle\ttext\tscore\tcreated\tday\tgap\tverified\ttags")
    }

    func testFloatsKeepFullPrecision() {
        let table = ResultTable(columns: [Column("x", .float)], rows: [[.float(0.1 + 0.2)], [.float(1e-7)], [.float(2)]])
        XCTAssertEqual(CSVRenderer().render(table), "x\n0.30000000000000004\n1e-07\n2.0")
    }

    func testLoneEmptyFieldIsQuoted() {
        let table = ResultTable(columns: [Column("x", .text)], rows: [[.null], [.text("")], [.text("a")]])
        XCTAssertEqual(CSVRenderer().render(table), "x\n\"\"\n\"\"\na")
    }

    func testRoundTrip() throws {
        let awkward = ResultTable(
            columns: [Column("a,b", .text), Column("q\"uote", .text), Column("n", .int)],
            rows: [
                [.text(" padded "), .text("line\r\nbreak"), .int(1)],
                [.text(""), .text("\"\""), .null],
                [.text(","), .text("\n"), .int(-2)],
                [.text("日本語 🙂"), .text("a\"b,c\rd"), .int(3)],
            ]
        )
        for table in [SampleResults.everyType, awkward] {
            let expected = [table.columns.map(\.name)] + table.rows.map { $0.map(\.text) }
            XCTAssertEqual(try TinyCSVParser.parse(CSVRenderer().render(table)), expected)
        }
    }
}
