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

    /// tei's whole-number arithmetic fails past 64 bits where SQLite's operators give a real.
    func testCheckedArithmetic() throws {
        let database = try Database()
        func value(_ sql: String) throws -> SQLValue { try database.query("SELECT " + sql)[0][0] }
        XCTAssertEqual(try value("tei_add(9223372036854775806, 1)"), .integer(.max))
        XCTAssertEqual(try value("tei_subtract(0, 5)"), .integer(-5))
        XCTAssertEqual(try value("tei_multiply(3037000499, 3037000499)"), .integer(9_223_372_030_926_249_001))
        XCTAssertEqual(try value("tei_add(NULL, 1)"), .null)
        XCTAssertEqual(try value("tei_multiply(1.5, 2)"), .real(3))
        XCTAssertEqual(try value("9223372036854775807 + 1"), .real(9_223_372_036_854_775_808), "what SQLite alone does")
        for overflow in ["tei_add(9223372036854775807, 1)", "tei_subtract(-9223372036854775808, 1)", "tei_subtract(0, -9223372036854775808)",
                         "tei_multiply(4294967296, 4294967296)"] {
            XCTAssertThrowsError(try value(overflow), overflow) { error in
                XCTAssertTrue((error as? SQLiteError)?.isIntegerOverflow == true, "\(error)")
            }
        }
    }

    /// Text is bound and read with its length: a NUL inside does not cut it.
    func testTextWithANULIsBoundWhole() throws {
        let database = try Database()
        XCTAssertEqual(try database.query("SELECT hex(?1), ?1", [.text("a\u{0}b")])[0], [.text("610062"), .text("a\u{0}b")])
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
