import TEILanguage
import XCTest

final class LexerTests: XCTestCase {
    func tokens(_ text: String) -> [Token] {
        var lexer = Lexer(source: Source(name: "test", text: text), index: 0)
        return lexer.tokenize()
    }

    func kinds(_ text: String) -> [TokenKind] { tokens(text).map(\.kind) }

    func testEveryTokenKind() {
        let result = tokens("name 42 3.5 \"text\" @2016-11-08 15m and |\n")
        XCTAssertEqual(result.map(\.kind), [.identifier, .integer, .float, .string, .date, .duration, .keyword, .symbol, .newline, .end])
        XCTAssertEqual(result.map(\.text), ["name", "42", "3.5", "text", "2016-11-08", "15m", "and", "|", "\n", ""])
    }

    func testEverySymbol() {
        let symbols = ["==", "!=", "<=", ">=", "!~", "??", "++", "..", "|", "(", ")", "[", "]", ",", "=", "<", ">",
                       "+", "-", "*", "/", "%", "~", ".", ":", ";"]
        let result = tokens(symbols.joined(separator: " "))
        XCTAssertEqual(result.dropLast().map(\.text), symbols)
        XCTAssertTrue(result.dropLast().allSatisfy { $0.kind == .symbol })
    }

    func testLongestSymbolWins() {
        XCTAssertEqual(tokens("a==b").map(\.text), ["a", "==", "b", ""])
        XCTAssertEqual(tokens("1..5").map(\.kind), [.integer, .symbol, .integer, .end])
    }

    func testKeywordsAndContextualWords() {
        for word in ["and", "or", "not", "in", "true", "false", "null"] {
            XCTAssertEqual(kinds(word), [.keyword, .end], word)
        }
        for word in ["let", "fn", "as", "on", "to", "load", "filter"] {
            XCTAssertEqual(kinds(word), [.identifier, .end], word)
        }
    }

    func testDurations() {
        for (text, seconds) in [("30s", 30), ("15m", 900), ("1h", 3600), ("7d", 604_800), ("2w", 1_209_600)] as [(String, Int64)] {
            let token = tokens(text)[0]
            XCTAssertEqual(token.kind, .duration, text)
            XCTAssertEqual(DurationLiteral.parse(token.text), seconds, text)
        }
        // A unit glued to more letters is not a duration.
        if case .error(let message) = tokens("15min")[0].kind { XCTAssertTrue(message.contains("invalid number")) } else { XCTFail() }
    }

    func testCalendarPeriods() {
        for (text, months) in [("1mo", 1), ("3mo", 3), ("1y", 12), ("10y", 120)] as [(String, Int64)] {
            let token = tokens(text)[0]
            XCTAssertEqual(token.kind, .duration, text)
            XCTAssertEqual(CalendarPeriod.months(token.text), months, text)
            XCTAssertNil(DurationLiteral.parse(token.text), "\(text) has no fixed length")
        }
        XCTAssertEqual(tokens("1m o").map(\.text), ["1m", "o", ""], "minutes, then a name")
        XCTAssertNil(CalendarPeriod.months("15m"))
        XCTAssertNil(CalendarPeriod.months("999999999999999999y"), "too many months for 64 bits")
        for glued in ["1mon", "1yr", "2ys"] {
            guard case .error(let message) = tokens(glued)[0].kind else { return XCTFail(glued) }
            XCTAssertTrue(message.contains("invalid number"), glued)
        }
    }

    func testRawStrings() {
        XCTAssertEqual(tokens(#"r"\d+\.\w" x"#).map(\.kind), [.string, .identifier, .end])
        XCTAssertEqual(tokens(#"r"\d+\.\w""#)[0].text, #"\d+\.\w"#, "every backslash kept")
        XCTAssertEqual(tokens(#"r"ends in \""#)[0].text, #"ends in \"#, "a backslash does not escape the quote")
        XCTAssertEqual(tokens(#"r "x""#).map(\.kind), [.identifier, .string, .end], "with a space, r is a name")
        XCTAssertEqual(tokens(#"rr"x""#).map(\.kind), [.identifier, .string, .end])
        guard case .error(let message) = tokens("r\"open\nnext")[0].kind else { return XCTFail() }
        XCTAssertTrue(message.contains("unterminated raw string"))
    }

    func testDates() {
        XCTAssertEqual(tokens("@2016-11-08")[0].kind, .date)
        XCTAssertEqual(tokens("@2016-11-08T14:00")[0].kind, .date)
        XCTAssertEqual(tokens("@2016-11-08T14:00:30Z")[0].kind, .date)
        XCTAssertEqual(DateLiteral.parse("2016-11-08")?.seconds, 1_478_563_200)
        XCTAssertEqual(DateLiteral.parse("2016-11-08T14:00")?.hasTime, true)
        XCTAssertEqual(DateLiteral.parse("1969-12-31")?.seconds, -86_400)
        for bad in ["@2016-02-30", "@2016-13-01", "@2016-1-01", "@2016-11-08T24:00", "@2016-11-08T14:60", "@", "@2016-11-08Tnoon"] {
            guard case .error(let message) = tokens(bad)[0].kind else { return XCTFail("\(bad) should not lex") }
            XCTAssertTrue(message.hasPrefix("bad date literal"), bad)
        }
        XCTAssertEqual(tokens("@2016-02-29")[0].kind, .date, "2016 is a leap year")
        XCTAssertNotEqual(tokens("@2015-02-29")[0].kind, .date)
    }

    func testStringsAndEscapes() {
        XCTAssertEqual(tokens(#""a\nb\t\"q\" \\ \u{1F600}""#)[0].text, "a\nb\t\"q\" \\ 😀")
        XCTAssertEqual(tokens(#""""#)[0].kind, .string)
        guard case .error(let unknown) = tokens(#""\q""#)[0].kind else { return XCTFail() }
        XCTAssertTrue(unknown.contains("unknown escape"))
        guard case .error(let badUnicode) = tokens(#""\u{110000}""#)[0].kind else { return XCTFail() }
        XCTAssertTrue(badUnicode.contains("unicode escape"))
    }

    func testUnterminatedStringStopsAtTheLineEnd() {
        let result = tokens("\"open\nnext")
        guard case .error(let message) = result[0].kind else { return XCTFail() }
        XCTAssertTrue(message.contains("unterminated string"))
        XCTAssertEqual(result[1].kind, .newline)
        XCTAssertEqual(result[2].text, "next")
    }

    func testBackticks() {
        let token = tokens("`odd name`")[0]
        XCTAssertEqual(token.kind, .identifier)
        XCTAssertEqual(token.text, "odd name")
        XCTAssertTrue(token.quoted)
        XCTAssertFalse(token.isWord("odd name"))
        XCTAssertFalse(tokens("`let`")[0].isWord("let"))
        if case .error = tokens("``")[0].kind {} else { XCTFail("empty quoted name") }
        if case .error = tokens("`open")[0].kind {} else { XCTFail("unterminated quoted name") }
    }

    func testComments() {
        XCTAssertEqual(kinds("1 # one\n# whole line\n2"), [.integer, .newline, .newline, .integer, .end])
        XCTAssertEqual(kinds("# only a comment"), [.end])
    }

    func testNumbers() {
        XCTAssertEqual(tokens("1_000_000")[0].text, "1000000")
        XCTAssertEqual(tokens("1e6")[0].kind, .float)
        XCTAssertEqual(tokens("2.5E-3")[0].kind, .float)
        XCTAssertEqual(tokens("3.")[0].kind, .integer, "a '.' without digits after it is not part of the number")
        if case .error(let message) = tokens("12ab")[0].kind { XCTAssertTrue(message.contains("12ab")) } else { XCTFail() }
    }

    func testStrayCharactersBecomeErrorTokens() {
        for text in ["$", "&", "^", "é", "😀", "\\"] {
            let result = tokens(text)
            guard case .error(let message) = result[0].kind else { return XCTFail(text) }
            XCTAssertEqual(message, "unexpected character '\(text)'")
            XCTAssertEqual(result[0].span.end, text.utf8.count, "a whole character, however many bytes")
            XCTAssertEqual(result.last?.kind, .end)
        }
    }

    func testUTF8TextAndSpans() {
        let source = Source(name: "t", text: "\"héllo 世界\" x")
        var lexer = Lexer(source: source, index: 0)
        let result = lexer.tokenize()
        XCTAssertEqual(result[0].text, "héllo 世界")
        XCTAssertEqual(result[1].span.start, "\"héllo 世界\" ".utf8.count)
        XCTAssertEqual(source.location(of: result[1].span.start).column, 12, "columns count characters")
    }

    func testInvalidUTF8NeverTraps() {
        let text = String(decoding: [0x61, 0xFF, 0xFE, 0x22, 0xC3, 0x22] as [UInt8], as: UTF8.self)
        let result = tokens(text)
        XCTAssertEqual(result.last?.kind, .end)
    }
}
