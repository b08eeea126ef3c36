import XCTest
@testable import TEIStorage

final class SQLFunctionTests: XCTestCase {
    func testDomain() throws {
        let database = try Database()
        func domain(_ url: String?) throws -> SQLValue {
            try database.query("SELECT tei_domain(?1)", [url.map(SQLValue.text) ?? .null])[0][0]
        }
        XCTAssertEqual(try domain("http://ru-open.livejournal.com/374284.html"), .text("ru-open.livejournal.com"))
        XCTAssertEqual(try domain("https://WWW.Example.COM:8080/a?b#c"), .text("example.com"))
        XCTAssertEqual(try domain("https://user:pw@t.co"), .text("t.co"))
        XCTAssertEqual(try domain("http://insidesyriamc.com/2017/03/09/%d8%a7"), .text("insidesyriamc.com"))
        XCTAssertEqual(try domain("not a url"), .null)
        XCTAssertEqual(try domain("www.example.com/path"), .null)
        XCTAssertEqual(try domain("http://"), .null)
        XCTAssertEqual(try domain(nil), .null)
    }

    func testIsHashed() throws {
        let database = try Database()
        func hashed(_ value: SQLValue) throws -> SQLValue {
            try database.query("SELECT tei_is_hashed(?1)", [value])[0][0]
        }
        XCTAssertEqual(try hashed(.text("249064136b1c5cb00a705316ab73dd9b53785748ab757f02df7e7a9876906139")), .integer(1))
        XCTAssertEqual(try hashed(.text("YonB7sDqf9+ts0T3nZcFTCwI+9xx3nCoR7APykRtAE=")), .integer(1))
        XCTAssertEqual(try hashed(.text("4125840934")), .integer(0))
        XCTAssertEqual(try hashed(.integer(4_125_840_934)), .integer(0))
        XCTAssertEqual(try hashed(.text("YonB7sDqf9+ts0T3nZcFTCwI+9xx3nCoR7APykRtAEx")), .integer(0))
        XCTAssertEqual(try hashed(.null), .null)
    }
}
