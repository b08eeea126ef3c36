import Foundation
import TEIFixtures
import XCTest

/// Each malformed fixture has exactly the defect its name promises.
final class MalformedFixturesTests: XCTestCase {
    private func data(_ name: String) throws -> Data {
        try GeneratedFixtures.data("malformed/" + name)
    }

    func testDefects() throws {
        XCTAssertThrowsError(try RFC4180Reader.records(data("unterminated_quote_at_eof.csv"))) {
            XCTAssertTrue("\($0)".contains("unterminated"))
        }
        XCTAssertThrowsError(try RFC4180Reader.table(data("wrong_field_count.csv"))) {
            XCTAssertTrue("\($0)".contains("record 3 has 30 fields"))
        }
        let noTime = try RFC4180Reader.table(data("missing_tweet_time_column.csv"))
        XCTAssertFalse(noTime.header.contains("tweet_time"))
        XCTAssertEqual(noTime.header.count, 30)
        XCTAssertEqual(try data("empty.csv").count, 0)
        let headerOnly = try RFC4180Reader.table(data("header_only.csv"))
        XCTAssertEqual(headerOnly.rows.count, 0)
        XCTAssertEqual(headerOnly.header.count, 31)

        let bom = try data("utf8_bom.csv")
        XCTAssertTrue(bom.starts(with: [0xEF, 0xBB, 0xBF]))
        XCTAssertEqual(try RFC4180Reader.table(bom.dropFirst(3)).rows.count, 4, "valid apart from the BOM")

        XCTAssertThrowsError(try RFC4180Reader.records(data("invalid_utf8.csv"))) {
            XCTAssertTrue("\($0)".contains("invalid UTF-8"))
        }
        let nul = try RFC4180Reader.table(data("nul_bytes.csv"))
        XCTAssertEqual(nul.rows.count, 4)
        XCTAssertTrue(nul.rows[1]["tweet_text"]!.contains("\u{0}"))

        let crlf = try data("crlf_line_ends.csv")
        XCTAssertEqual(try RFC4180Reader.table(crlf).rows.count, 4)
        XCTAssertTrue(String(decoding: crlf, as: UTF8.self).hasSuffix("\r\n"))
        XCTAssertTrue(crlf.prefix(600).contains(Data("\"poll_choices\"\r\n".utf8)))
    }

    func testZips() throws {
        let entries = try ReleaseArchive.entries(of: data("zip_without_csv.zip"))
        XCTAssertEqual(entries.map(\.path), ["README.txt"])
        XCTAssertThrowsError(try ReleaseArchive.entries(of: data("truncated.zip")))
        let release = try ReleaseArchive.entries(of: GeneratedFixtures.data("freedonia_201901_1.zip"))
        XCTAssertEqual(release.map(\.path), [ReleaseSpec.freedonia201901.tweetsFileName, ReleaseSpec.freedonia201901.usersFileName])
        XCTAssertEqual(release[0].data, try GeneratedFixtures.data(ReleaseSpec.freedonia201901.tweetsFileName))
    }
}
