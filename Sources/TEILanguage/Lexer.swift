import Foundation

/// Turns source text into tokens. Never fails: text it cannot read becomes an `.error` token
/// that the parser reports, so every input yields a token stream ending in `.end`.
public struct Lexer {
    /// Words reserved as operators and literals; every other word is an identifier, and words like
    /// `let`, `as`, `on`, `to` are recognised by the parser from their position.
    public static let keywords: Set<String> = ["and", "or", "not", "in", "true", "false", "null"]

    private static let symbols = [
        "==", "!=", "<=", ">=", "!~", "??", "++", "..",
        "|", "(", ")", "[", "]", ",", "=", "<", ">", "+", "-", "*", "/", "%", "~", ".", ":", ";",
    ]
    private static let durationUnits: Set<UInt8> = [UInt8(ascii: "s"), UInt8(ascii: "m"), UInt8(ascii: "h"),
                                                     UInt8(ascii: "d"), UInt8(ascii: "w")]

    private let bytes: [UInt8]
    private let sourceIndex: Int
    private var position = 0

    public init(source: Source, index: Int) {
        self.bytes = source.bytes
        self.sourceIndex = index
    }

    /// All tokens of the source, ending with `.end`.
    public mutating func tokenize() -> [Token] {
        var tokens: [Token] = []
        while true {
            let token = next()
            tokens.append(token)
            if token.kind == .end { return tokens }
        }
    }

    private func peek(_ ahead: Int = 0) -> UInt8? {
        position + ahead < bytes.count ? bytes[position + ahead] : nil
    }

    private func span(from start: Int) -> Span { Span(source: sourceIndex, start: start, end: position) }

    private mutating func next() -> Token {
        skipSpaceAndComments()
        let start = position
        guard let byte = peek() else { return Token(kind: .end, text: "", span: span(from: start)) }
        if byte == UInt8(ascii: "\n") {
            position += 1
            return Token(kind: .newline, text: "\n", span: span(from: start))
        }
        if byte == UInt8(ascii: "r"), peek(1) == UInt8(ascii: "\"") { return rawString(from: start) }
        if isIdentifierStart(byte) { return word(from: start) }
        if isDigit(byte) { return number(from: start) }
        switch byte {
        case UInt8(ascii: "\""): return string(from: start)
        case UInt8(ascii: "`"): return quotedIdentifier(from: start)
        case UInt8(ascii: "@"): return dateLiteral(from: start)
        default: break
        }
        for symbol in Lexer.symbols where matches(symbol) {
            position += symbol.utf8.count
            return Token(kind: .symbol, text: symbol, span: span(from: start))
        }
        // One whole character, however many bytes it takes.
        position += 1
        while let next = peek(), next & 0xC0 == 0x80 { position += 1 }
        let text = String(decoding: bytes[start..<position], as: UTF8.self)
        return Token(kind: .error("unexpected character '\(text)'"), text: text, span: span(from: start))
    }

    private func matches(_ symbol: String) -> Bool {
        for (offset, byte) in symbol.utf8.enumerated() where peek(offset) != byte { return false }
        return true
    }

    private mutating func skipSpaceAndComments() {
        while let byte = peek() {
            if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r") {
                position += 1
            } else if byte == UInt8(ascii: "#") {
                while let c = peek(), c != UInt8(ascii: "\n") { position += 1 }
            } else {
                return
            }
        }
    }

    private func isIdentifierStart(_ b: UInt8) -> Bool {
        (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z")) || (b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z"))
            || b == UInt8(ascii: "_")
    }

    private func isDigit(_ b: UInt8) -> Bool { b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") }

    private mutating func word(from start: Int) -> Token {
        while let b = peek(), isIdentifierStart(b) || isDigit(b) { position += 1 }
        let text = String(decoding: bytes[start..<position], as: UTF8.self)
        return Token(kind: Lexer.keywords.contains(text) ? .keyword : .identifier, text: text, span: span(from: start))
    }

    private mutating func quotedIdentifier(from start: Int) -> Token {
        position += 1
        while let b = peek(), b != UInt8(ascii: "`"), b != UInt8(ascii: "\n") { position += 1 }
        guard peek() == UInt8(ascii: "`") else {
            return Token(kind: .error("unterminated quoted name: expected a closing `"), text: "", span: span(from: start))
        }
        if bytes[(start + 1)..<position].contains(0) {
            position += 1
            return Token(kind: .error("a quoted name cannot hold the NUL character"), text: "", span: span(from: start))
        }
        let name = String(decoding: bytes[(start + 1)..<position], as: UTF8.self)
        position += 1
        var token = Token(kind: name.isEmpty ? .error("empty quoted name") : .identifier, text: name, span: span(from: start))
        token.quoted = true
        return token
    }

    private mutating func number(from start: Int) -> Token {
        while let b = peek(), isDigit(b) || b == UInt8(ascii: "_") { position += 1 }
        var isFloat = false
        // A '.' followed by a digit makes a float; `1..5` is a range.
        if peek() == UInt8(ascii: "."), let after = peek(1), isDigit(after) {
            isFloat = true
            position += 1
            while let b = peek(), isDigit(b) || b == UInt8(ascii: "_") { position += 1 }
        }
        if let e = peek(), e == UInt8(ascii: "e") || e == UInt8(ascii: "E") {
            let signed = peek(1) == UInt8(ascii: "+") || peek(1) == UInt8(ascii: "-")
            if let digit = peek(signed ? 2 : 1), isDigit(digit) {
                isFloat = true
                position += signed ? 2 : 1
                while let b = peek(), isDigit(b) { position += 1 }
            }
        }
        let digits = String(decoding: bytes[start..<position], as: UTF8.self).replacingOccurrences(of: "_", with: "")
        if !isFloat, let unit = peek(), Lexer.durationUnits.contains(unit), !(peek(1).map(continuesWord) ?? false) {
            position += 1
            return Token(kind: .duration, text: digits + String(UnicodeScalar(unit)), span: span(from: start))
        }
        if !isFloat, let unit = CalendarPeriod.units.first(where: { matches($0) && !(peek($0.utf8.count).map(continuesWord) ?? false) }) {
            position += unit.utf8.count
            return Token(kind: .duration, text: digits + unit, span: span(from: start))
        }
        if let b = peek(), isIdentifierStart(b) {
            while let b = peek(), isIdentifierStart(b) || isDigit(b) { position += 1 }
            let text = String(decoding: bytes[start..<position], as: UTF8.self)
            return Token(kind: .error("invalid number '\(text)'"), text: text, span: span(from: start))
        }
        return Token(kind: isFloat ? .float : .integer, text: digits, span: span(from: start))
    }

    private func continuesWord(_ b: UInt8) -> Bool { isIdentifierStart(b) || isDigit(b) }

    private mutating func string(from start: Int) -> Token {
        position += 1
        var value: [UInt8] = []
        var problem: String?
        while true {
            guard let b = peek(), b != UInt8(ascii: "\n") else {
                return Token(kind: .error("unterminated string: expected a closing \""), text: "", span: span(from: start))
            }
            position += 1
            if b == UInt8(ascii: "\"") { break }
            guard b == UInt8(ascii: "\\") else {
                if b == 0 { problem = problem ?? Lexer.nulInText }
                value.append(b)
                continue
            }
            guard let escape = peek() else { continue }
            position += 1
            switch escape {
            case UInt8(ascii: "n"): value.append(10)
            case UInt8(ascii: "t"): value.append(9)
            case UInt8(ascii: "r"): value.append(13)
            case UInt8(ascii: "0"): problem = problem ?? Lexer.nulInText
            case UInt8(ascii: "\""), UInt8(ascii: "\\"): value.append(escape)
            case UInt8(ascii: "u"):
                if let scalar = unicodeEscape() {
                    if scalar == "\0" { problem = problem ?? Lexer.nulInText }
                    value.append(contentsOf: Array(String(Character(scalar)).utf8))
                } else {
                    problem = problem ?? "invalid unicode escape: write \\u{1F600}"
                }
            default:
                problem = problem ?? "unknown escape '\\\(String(UnicodeScalar(escape)))': use \\n \\t \\r \\\" \\\\ or \\u{…}"
            }
        }
        if let problem { return Token(kind: .error(problem), text: "", span: span(from: start)) }
        return Token(kind: .string, text: String(decoding: value, as: UTF8.self), span: span(from: start))
    }

    /// `r"…"`: text written as it is, every backslash kept, for regular expressions (`r"\d+"` is
    /// `"\\d+"`). It ends at the next `"`, so it cannot hold one; write an ordinary string for that.
    private mutating func rawString(from start: Int) -> Token {
        position += 2
        let contentStart = position
        while let b = peek(), b != UInt8(ascii: "\""), b != UInt8(ascii: "\n") { position += 1 }
        guard peek() == UInt8(ascii: "\"") else {
            return Token(kind: .error("unterminated raw string: expected a closing \" (a raw string cannot hold one)"),
                         text: "", span: span(from: start))
        }
        let content = bytes[contentStart..<position]
        position += 1
        if content.contains(0) { return Token(kind: .error(Lexer.nulInText), text: "", span: span(from: start)) }
        return Token(kind: .string, text: String(decoding: content, as: UTF8.self), span: span(from: start))
    }

    /// Text in tei never holds NUL: imports drop it, SQLite's text functions stop at it, and a
    /// literal holding one could match nothing.
    static let nulInText = "a string cannot hold the NUL character: tei text never contains it"

    private mutating func unicodeEscape() -> Unicode.Scalar? {
        guard peek() == UInt8(ascii: "{") else { return nil }
        var end = position + 1
        while end < bytes.count, bytes[end] != UInt8(ascii: "}"), end - position < 10 { end += 1 }
        guard end < bytes.count, bytes[end] == UInt8(ascii: "}") else { return nil }
        let hex = String(decoding: bytes[(position + 1)..<end], as: UTF8.self)
        position = end + 1
        return UInt32(hex, radix: 16).flatMap(Unicode.Scalar.init)
    }

    /// `@2016-11-08`, `@2016-11-08T14:00`, `@2016-11-08T14:00:30`, or with a space for the T
    /// written without one (`@2016-11-08 14:00` is a date followed by something else).
    private mutating func dateLiteral(from start: Int) -> Token {
        position += 1
        while let b = peek(), isDigit(b) || b == UInt8(ascii: "-") || b == UInt8(ascii: ":")
            || b == UInt8(ascii: "T") || b == UInt8(ascii: "Z") || isIdentifierStart(b) {
            position += 1
        }
        let text = String(decoding: bytes[(start + 1)..<position], as: UTF8.self)
        guard DateLiteral.parse(text) != nil else {
            return Token(kind: .error("bad date literal '@\(text)': expected @YYYY-MM-DD or @YYYY-MM-DDTHH:MM[:SS]"),
                         text: text, span: span(from: start))
        }
        return Token(kind: .date, text: text, span: span(from: start))
    }
}

/// Reads the text of date and time literals (without the `@`), also used for `--param` values
/// and for parsing dates in data.
public enum DateLiteral {
    /// Seconds since the epoch (UTC) and whether a time of day was given.
    public static func parse(_ text: String) -> (seconds: Int64, hasTime: Bool)? {
        let parts = text.split(separator: "T", maxSplits: 1, omittingEmptySubsequences: false)
        let dateParts = parts[0].split(separator: "-", omittingEmptySubsequences: false)
        guard dateParts.count == 3, dateParts[0].count == 4, dateParts[1].count == 2, dateParts[2].count == 2,
              let y = Int64(dateParts[0]), let m = Int64(dateParts[1]), let d = Int64(dateParts[2]),
              (1...12).contains(m), d >= 1, d <= daysInMonth(year: y, month: m) else { return nil }
        var seconds = days(year: y, month: m, day: d) * 86_400
        guard parts.count == 2 else { return (seconds, false) }
        var time = Substring(parts[1])
        if time.hasSuffix("Z") { time = time.dropLast() }
        let fields = time.split(separator: ":", omittingEmptySubsequences: false)
        guard fields.count == 2 || fields.count == 3, fields.allSatisfy({ $0.count == 2 }),
              let h = Int64(fields[0]), let mi = Int64(fields[1]), h < 24, mi < 60 else { return nil }
        let s = fields.count == 3 ? Int64(fields[2]) : 0
        guard let s, s < 60 else { return nil }
        seconds += h * 3600 + mi * 60 + s
        return (seconds, true)
    }

    /// Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm).
    public static func days(year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func daysInMonth(year: Int64, month: Int64) -> Int64 {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}

/// Reads calendar periods, `3mo` (months) and `1y` (years): lengths that depend on where in the
/// calendar they start, so they are no duration; only `bin` takes one.
public enum CalendarPeriod {
    /// The units after the count; `mo` is tried before the `m` of minutes.
    static let units = ["mo", "y"]

    /// The number of months, or nil when the text is no calendar period or too large.
    public static func months(_ text: String) -> Int64? {
        let (count, perUnit): (Substring, Int64)
        if text.hasSuffix("mo") { (count, perUnit) = (text.dropLast(2), 1) }
        else if text.hasSuffix("y") { (count, perUnit) = (text.dropLast(), 12) }
        else { return nil }
        guard let n = Int64(count) else { return nil }
        let (total, overflow) = n.multipliedReportingOverflow(by: perUnit)
        return overflow ? nil : total
    }

    /// Whether the text is written as a calendar period, whatever its size.
    public static func isWritten(_ text: String) -> Bool { units.contains { text.hasSuffix($0) } }
}

/// Reads duration literals like `15m`, `1h`, `7d`, `2w`, `30s`.
public enum DurationLiteral {
    /// The duration in seconds, or nil when the text is not a duration or its seconds do not fit
    /// in 64 bits (`106751991167301d`).
    public static func parse(_ text: String) -> Int64? {
        guard let unit = text.last, let count = Int64(text.dropLast()) else { return nil }
        let seconds: Int64
        switch unit {
        case "s": seconds = 1
        case "m": seconds = 60
        case "h": seconds = 3600
        case "d": seconds = 86_400
        case "w": seconds = 604_800
        default: return nil
        }
        let (total, overflow) = count.multipliedReportingOverflow(by: seconds)
        return overflow ? nil : total
    }
}
