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

    /// Simple Unicode case mapping: every script with case, one code point for one.
    func testCaseMapping() throws {
        let database = try Database()
        func value(_ sql: String, _ text: String) throws -> SQLValue { try database.query("SELECT \(sql)(?1)", [.text(text)])[0][0] }
        XCTAssertEqual(try value("tei_lower", "ÉTÉ Выборы ΨΗΦΟΣ España"), .text("été выборы ψηφοσ españa"))
        XCTAssertEqual(try value("tei_upper", "été выборы ψηφος ñandú"), .text("ÉTÉ ВЫБОРЫ ΨΗΦΟΣ ÑANDÚ"))
        XCTAssertEqual(try value("tei_lower", "مرحبا 中文 123"), .text("مرحبا 中文 123"), "no case: unchanged")
        XCTAssertEqual(try value("tei_upper", "straße ﬀ"), .text("STRAßE ﬀ"), "no single-code-point upper case")
        XCTAssertEqual(try value("tei_upper", "ᾳ"), .text("ᾼ"), "the simple mapping, not the full ΑΙ")
        XCTAssertEqual(try value("tei_lower", "İ"), .text("i"))
        XCTAssertEqual(try value("tei_lower", ""), .text(""), "empty text stays text, not null")
        XCTAssertEqual(try database.query("SELECT tei_lower(NULL)")[0][0], .null)
        XCTAssertEqual(try database.query("SELECT tei_upper(12), tei_lower(1.5)")[0], [.text("12"), .text("1.5")], "numbers as their text")
        XCTAssertEqual(try value("tei_lower", "already lower"), .text("already lower"))
    }

    /// `percentile` interpolates as DuckDB's `quantile_cont`; `median` is its 0.5.
    func testPercentileAndMedian() throws {
        let database = try Database()
        try database.execute("CREATE TABLE t(g, x)")
        try database.execute("INSERT INTO t VALUES (1, 10), (1, 20), (1, 30), (1, 40), (1, NULL), (2, 5), (3, NULL)")
        func value(_ sql: String) throws -> [SQLValue] { try database.query("SELECT \(sql) FROM t GROUP BY g ORDER BY g").map { $0[0] } }
        XCTAssertEqual(try value("tei_percentile(x, 0.9)"), [.real(37), .real(5), .null])
        XCTAssertEqual(try value("tei_percentile(x, 0)"), [.real(10), .real(5), .null])
        XCTAssertEqual(try value("tei_percentile(x, 1)"), [.real(40), .real(5), .null])
        XCTAssertEqual(try value("median(x)"), [.real(25), .real(5), .null])
        XCTAssertThrowsError(try value("tei_percentile(x, 1.5)"))
    }

    func testModePrefersTheSmallestOfTiedValues() throws {
        let database = try Database()
        try database.execute("CREATE TABLE t(g, x)")
        try database.execute("INSERT INTO t VALUES (1, 'b'), (1, 'a'), (1, 'b'), (1, 'a'), (1, 'é'), (2, 3), (2, 2), (3, NULL)")
        let modes = try database.query("SELECT tei_mode(x) FROM t GROUP BY g ORDER BY g").map { $0[0] }
        XCTAssertEqual(modes, [.text("a"), .integer(2), .null])
    }

    /// Gathered text is sorted by code point, whatever order the rows come in.
    func testCollectAndJoinTextSort() throws {
        let database = try Database()
        try database.execute("CREATE TABLE t(x)")
        try database.execute(#"INSERT INTO t VALUES ('b'), ('é'), (NULL), ('a"q'), ('b'), ('Z')"#)
        for order in ["ASC", "DESC"] {
            let row = try database.query("""
                SELECT tei_collect(x), tei_collect_distinct(x), tei_join_text(x, ' | ')
                FROM (SELECT x FROM t ORDER BY x \(order))
                """)[0]
            XCTAssertEqual(row, [.text(#"["Z","a\"q","b","b","é"]"#), .text(#"["Z","a\"q","b","é"]"#), .text(#"Z | a"q | b | b | é"#)], order)
        }
        XCTAssertEqual(try database.query("SELECT tei_collect(x), tei_join_text(x, ',') FROM t WHERE 0")[0], [.text("[]"), .null])
    }

    func testBinMonths() throws {
        let database = try Database()
        func bin(_ time: String, _ months: Int) throws -> String? {
            guard case .text(let day) = try database.query("SELECT date(tei_bin_months(unixepoch(?1), ?2), 'unixepoch')",
                                                          [.text(time), .integer(Int64(months))])[0][0] else { return nil }
            return day
        }
        XCTAssertEqual(try bin("2017-03-31 23:59:59", 1), "2017-03-01")
        XCTAssertEqual(try bin("2017-03-01 00:00:00", 1), "2017-03-01")
        XCTAssertEqual(try bin("2017-05-15", 3), "2017-04-01", "quarters from January")
        XCTAssertEqual(try bin("2017-05-15", 12), "2017-01-01")
        XCTAssertEqual(try bin("1969-12-31 23:00", 1), "1969-12-01", "before 1970")
        XCTAssertEqual(try bin("1969-05-31", 12), "1969-01-01")
        XCTAssertEqual(try bin("2019-06-30", 120), "2010-01-01", "decades")
    }

    func testTimeFormats() throws {
        func seconds(_ text: String, _ format: String? = nil) throws -> Int64? {
            try format.map { try TimeFormat($0).parse(Array(text.utf8)) } ?? TimeFormat.parseISO(Array(text.utf8))
        }
        XCTAssertEqual(try seconds("2017-03-01"), 1_488_326_400)
        XCTAssertEqual(try seconds("2017-03-01 14:00"), 1_488_376_800)
        XCTAssertEqual(try seconds("2017-03-01T14:00:30Z"), 1_488_376_830)
        XCTAssertEqual(try seconds("01/03/2017 14:00", "%d/%m/%Y %H:%M"), 1_488_376_800)
        XCTAssertEqual(try seconds("1 mar 17", "%d %b %y"), 1_488_326_400)
        XCTAssertEqual(try seconds("1 March 2017", "%d %b %Y"), 1_488_326_400)
        XCTAssertEqual(try seconds("100% 2017-03-01", "100%% %Y-%m-%d"), 1_488_326_400)
        for bad in ["2017-02-30", "2017-03-01 24:00", "2017-03-01x", "17-03-01", "", "2017-03-01 14:00:60"] {
            XCTAssertNil(try seconds(bad), bad)
        }
        XCTAssertNil(try seconds("01/03/2017", "%m/%d/%Y %H"), "the whole format must match")
        XCTAssertThrowsError(try TimeFormat("%Y-%Q"))
        XCTAssertThrowsError(try TimeFormat("%H:%M"), "a time needs a day")
        XCTAssertThrowsError(try TimeFormat("%Y-%m-%d %"))
    }

    /// The toolkit's co-tweet normalisation: a mention ends at White_Space, words part also at the
    /// information separators U+001C to U+001F, so a separator inside a mention goes with it.
    func testCoTweetText() throws {
        let database = try Database()
        func normalised(_ text: String?) throws -> SQLValue {
            try database.query("SELECT tei_co_tweet_text(?1)", [text.map(SQLValue.text) ?? .null])[0][0]
        }
        XCTAssertEqual(try normalised("  RT @Sylvania_Watch: Vote\tEARLY,\n Freedonia! mail@example.com https://t.co/AbC "),
                       .text("rt vote early, freedonia! mail https://t.co/abc"))
        XCTAssertEqual(try normalised("a@b\u{1c}c d\u{1c}e\u{85}f\u{3000}g\u{200b}h"), .text("a d e f g\u{200b}h"))
        XCTAssertEqual(try normalised("ΨΗΦΟΣ @κάποιος\u{a0}@@x"), .text("ψηφοσ"))
        XCTAssertEqual(try normalised("@only"), .text(""))
        XCTAssertEqual(try normalised(nil), .null)
        XCTAssertEqual(try database.query("SELECT tei_co_tweet_text(42)")[0][0], .text("42"))
    }

    func testSplit() throws {
        let database = try Database()
        func split(_ text: String, _ separator: String) throws -> SQLValue {
            try database.query("SELECT tei_split(?1, ?2)", [.text(text), .text(separator)])[0][0]
        }
        XCTAssertEqual(try split("a,b,,c", ","), .text(#"["a","b","","c"]"#))
        XCTAssertEqual(try split("", ","), .text(#"[""]"#))
        XCTAssertEqual(try split("a::b", "::"), .text(#"["a","b"]"#))
        XCTAssertEqual(try split("hé\"", ""), .text(#"["h","é","\""]"#))
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
