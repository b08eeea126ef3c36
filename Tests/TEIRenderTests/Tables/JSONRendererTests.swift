import Foundation
import XCTest
import TEIStorage
@testable import TEIRender

final class JSONRendererTests: XCTestCase {
    func testEveryType() {
        let long = SampleResults.longText
        XCTAssertEqual(JSONRenderer().render(SampleResults.everyType), """
            [
              {"id": "1", "handle": "Иван", "text": "Привет, мир", "score": 3.14159, "created": "2017-06-22T16:03:00Z", \
            "day": "2017-06-22", "gap": 90, "verified": true, "tags": ["a", "b"]},
              {"id": "22", "handle": "مرحبا", "text": "line one\\nline two", "score": 0.000123456, "created": null, \
            "day": null, "gap": 93600, "verified": false, "tags": []},
              {"id": "-333", "handle": "🙂 emoji", "text": "中文字符", "score": 1234.5, "created": "2017-06-22T16:03:07Z", \
            "day": "2017-06-21", "gap": 0, "verified": null, "tags": ["x, y", "say \\"hi\\""]},
              {"id": null, "handle": null, "text": "\(long)", "score": null, "created": null, \
            "day": null, "gap": null, "verified": null, "tags": null}
            ]
            """)
    }

    func testParsesWithTypedValues() throws {
        let text = JSONRenderer().render(SampleResults.everyType)
        let parsed = try JSONSerialization.jsonObject(with: Data(text.utf8))
        let objects = try XCTUnwrap(parsed as? [[String: Any]])
        XCTAssertEqual(objects.count, 4)
        let first = objects[0]
        XCTAssertEqual(first["id"] as? String, "1", "an id column is written as strings")
        XCTAssertEqual(first["handle"] as? String, "Иван")
        XCTAssertEqual(first["score"] as? Double, 3.14159)
        XCTAssertEqual(first["created"] as? String, "2017-06-22T16:03:00Z")
        XCTAssertEqual(first["day"] as? String, "2017-06-22")
        XCTAssertEqual(first["gap"] as? Int, 90)
        XCTAssertEqual(first["verified"] as? Bool, true)
        XCTAssertEqual(first["tags"] as? [String], ["a", "b"])
        XCTAssertEqual(objects[1]["text"] as? String, "line one\nline two")
        XCTAssertTrue(objects[1]["created"] is NSNull)
        XCTAssertEqual(objects[2]["tags"] as? [String], ["x, y", "say \"hi\""])
        XCTAssertEqual(objects[3]["text"] as? String, SampleResults.longText)
        XCTAssertEqual(Set(objects[3].keys), Set(SampleResults.everyType.columns.map(\.name)))
    }

    func testIntegersADoubleCannotHoldAreStrings() {
        let exact = JSONRenderer.largestExactInteger
        XCTAssertEqual(exact, 9_007_199_254_740_991)
        XCTAssertEqual(JSONRenderer.value(.int(exact)), "9007199254740991")
        XCTAssertEqual(JSONRenderer.value(.int(-exact)), "-9007199254740991")
        XCTAssertEqual(JSONRenderer.value(.int(exact + 1)), "\"9007199254740992\"")
        XCTAssertEqual(JSONRenderer.value(.int(-exact - 1)), "\"-9007199254740992\"")
        XCTAssertEqual(JSONRenderer.value(.int(7), asString: true), "\"7\"")
    }

    func testIdColumnsAreIntColumnsNamedSomethingId() {
        for name in ["id", "tweetid", "in_reply_to_tweetid", "retweet_tweetid", "user_id", "UserID"] {
            XCTAssertTrue(JSONRenderer.writesAsString(Column(name, .int)), name)
        }
        XCTAssertFalse(JSONRenderer.writesAsString(Column("userid", .text)), "text is a string anyway")
        XCTAssertFalse(JSONRenderer.writesAsString(Column("like_count", .int)))
    }

    func testJSONLinesWritesOneObjectALine() throws {
        let table = ResultTable(columns: [Column("n", .int)], rows: [[.int(1)], [.int(2)]])
        XCTAssertEqual(ResultRenderer(format: .jsonl).render(table), "{\"n\": 1}\n{\"n\": 2}")
        XCTAssertEqual(ResultRenderer(format: .jsonl).render(ResultTable(columns: [Column("n", .int)], rows: [])), "")
    }

    func testAwkwardStringsSurviveParsing() throws {
        let awkward = "nul\u{0} unit\u{1F} quote\" backslash\\ tab\t cr\r sep\u{2028} del\u{7F} 🙂 عربى"
        let table = ResultTable(columns: [Column("key \"with\" quotes", .text)], rows: [[.text(awkward)]])
        let text = JSONRenderer().render(table)
        XCTAssertFalse(text.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
        let parsed = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: String]]
        XCTAssertEqual(parsed, [["key \"with\" quotes": awkward]])
    }

    func testNumbersKeepFullPrecisionAndNonFiniteIsNull() throws {
        let table = ResultTable(
            columns: [Column("x", .float), Column("big", .int)],
            rows: [[.float(0.1 + 0.2), .int(.max)], [.float(.nan), .int(.min)], [.float(-.infinity), .int(0)],
                   [.float(1e-7), .null], [.float(1.5e300), .null]]
        )
        let text = JSONRenderer().render(table)
        XCTAssertEqual(text, """
            [
              {"x": 0.30000000000000004, "big": "9223372036854775807"},
              {"x": null, "big": "-9223372036854775808"},
              {"x": null, "big": 0},
              {"x": 1e-07, "big": null},
              {"x": 1.5e+300, "big": null}
            ]
            """)
        let parsed = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]])
        // Foundation's parser on Linux rounds the last digit, so check exactness with Double(String).
        XCTAssertEqual(try XCTUnwrap(parsed[0]["x"] as? Double), 0.1 + 0.2, accuracy: 1e-15)
        XCTAssertEqual(Double(JSONRenderer.value(.float(0.1 + 0.2))), 0.1 + 0.2)
        XCTAssertEqual(parsed[3]["x"] as? Double, 1e-7)
    }

    func testTimestampsBeforeTheEpoch() {
        XCTAssertEqual(JSONRenderer.isoTimestamp(-1), "1969-12-31T23:59:59Z")
        XCTAssertEqual(JSONRenderer.isoTimestamp(0), "1970-01-01T00:00:00Z")
        XCTAssertEqual(JSONRenderer.isoTimestamp(SampleResults.timestamp + 7), "2017-06-22T16:03:07Z")
    }

    func testEmptyResultIsAnEmptyArray() throws {
        let text = JSONRenderer().render(SampleResults.twoColumns([]))
        XCTAssertEqual(text, "[]")
        XCTAssertEqual((try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [Any])?.count, 0)
    }
}
