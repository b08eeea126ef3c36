/// How `timestamp(text, format)` and `date(text, format)` read text: a pattern of strftime-style
/// directives and literal characters, which must cover the whole text. The meaning is tei's own (a
/// subset of strftime's, read strictly), so every dialect gives the same answer:
///
/// - `%Y` a year of four digits; `%y` two digits, 69–99 being 1969–1999 and 00–68 2000–2068 (POSIX);
/// - `%m` a month, `%d` a day, `%H` an hour (0–23), `%M` a minute, `%S` a second: one or two digits;
/// - `%b` an English month name of three letters or in full (`Mar`, `March`), in any case;
/// - `%%` a `%`; any other character stands for itself.
///
/// Text that does not fit, or names a day that does not exist (`2017-02-30`), reads as nothing.
/// Without a format, text is read as ISO 8601 in UTC: `2017-03-01`, `2017-03-01 14:00`,
/// `2017-03-01T14:00:30`, optionally ending in `Z`, the way TEI releases write times.
public struct TimeFormat: Sendable, Equatable {
    enum Piece: Equatable {
        case literal(UInt8)
        case year4, year2, month, monthName, day, hour, minute, second
    }

    let pieces: [Piece]

    /// Why a format cannot be used.
    public struct Problem: Error, Equatable {
        public let message: String
    }

    /// Reads a format, or says which directive it does not know.
    public init(_ format: String) throws {
        var pieces: [Piece] = []
        var bytes = Array(format.utf8)[...]
        while let byte = bytes.popFirst() {
            guard byte == UInt8(ascii: "%") else {
                pieces.append(.literal(byte))
                continue
            }
            guard let directive = bytes.popFirst() else {
                throw Problem(message: "the format ends with a lone '%'; write %% for a percent sign")
            }
            switch directive {
            case UInt8(ascii: "Y"): pieces.append(.year4)
            case UInt8(ascii: "y"): pieces.append(.year2)
            case UInt8(ascii: "m"): pieces.append(.month)
            case UInt8(ascii: "b"): pieces.append(.monthName)
            case UInt8(ascii: "d"): pieces.append(.day)
            case UInt8(ascii: "H"): pieces.append(.hour)
            case UInt8(ascii: "M"): pieces.append(.minute)
            case UInt8(ascii: "S"): pieces.append(.second)
            case UInt8(ascii: "%"): pieces.append(.literal(directive))
            default:
                let shown = String(decoding: [UInt8(ascii: "%"), directive], as: UTF8.self)
                throw Problem(message: "unknown directive '\(shown)' in the format; tei reads %Y %y %m %b %d %H %M %S and %%")
            }
        }
        guard pieces.contains(where: { $0 == .year4 || $0 == .year2 }),
              pieces.contains(where: { $0 == .month || $0 == .monthName }),
              pieces.contains(.day) else {
            throw Problem(message: "the format needs a year (%Y or %y), a month (%m or %b) and a day (%d)")
        }
        self.pieces = pieces
    }

    private init(pieces: [Piece]) { self.pieces = pieces }

    /// The ISO 8601 forms read when no format is given, most common first.
    static let iso: [TimeFormat] = ["%Y-%m-%d", "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M",
                                    "%Y-%m-%dT%H:%M:%S"].flatMap { format -> [TimeFormat] in
        let plain = try! TimeFormat(format)
        return [plain, TimeFormat(pieces: plain.pieces + [.literal(UInt8(ascii: "Z"))])]
    }

    /// Seconds since 1970 (UTC) of the text written in ISO 8601, or nil.
    public static func parseISO<C: Collection>(_ text: C) -> Int64? where C.Element == UInt8 {
        for format in iso { if let seconds = format.parse(text) { return seconds } }
        return nil
    }

    private static let monthNames = ["january", "february", "march", "april", "may", "june", "july",
                                     "august", "september", "october", "november", "december"].map { Array($0.utf8) }

    /// Seconds since 1970 (UTC) of the text, or nil when it does not fit the format.
    public func parse<C: Collection>(_ text: C) -> Int64? where C.Element == UInt8 {
        let bytes = Array(text)
        var index = 0
        var year: Int64?, month: Int64?, day: Int64?
        var hour: Int64 = 0, minute: Int64 = 0, second: Int64 = 0

        func digits(_ least: Int, _ most: Int) -> Int64? {
            var value: Int64 = 0, count = 0
            while count < most, index < bytes.count, (0x30...0x39).contains(bytes[index]) {
                value = value * 10 + Int64(bytes[index] - 0x30)
                index += 1
                count += 1
            }
            return count >= least ? value : nil
        }

        for piece in pieces {
            switch piece {
            case .literal(let byte):
                guard index < bytes.count, bytes[index] == byte else { return nil }
                index += 1
            case .year4: guard let v = digits(4, 4) else { return nil }; year = v
            case .year2: guard let v = digits(2, 2) else { return nil }; year = v < 69 ? 2000 + v : 1900 + v
            case .month: guard let v = digits(1, 2) else { return nil }; month = v
            case .day: guard let v = digits(1, 2) else { return nil }; day = v
            case .hour: guard let v = digits(1, 2), v < 24 else { return nil }; hour = v
            case .minute: guard let v = digits(1, 2), v < 60 else { return nil }; minute = v
            case .second: guard let v = digits(1, 2), v < 60 else { return nil }; second = v
            case .monthName:
                guard let (number, length) = Self.monthName(bytes[index...]) else { return nil }
                month = number
                index += length
            }
        }
        guard index == bytes.count, let year, let month, let day, (1...12).contains(month),
              day >= 1, day <= CivilDate.daysInMonth(year: year, month: month) else { return nil }
        let days = CivilDate(year: year, month: month, day: day).dayNumber
        return days * 86_400 + hour * 3600 + minute * 60 + second
    }

    /// The month a name at the start of `bytes` gives, and how many bytes the name takes: the full
    /// name when it is there, else its first three letters.
    private static func monthName(_ bytes: ArraySlice<UInt8>) -> (Int64, Int)? {
        let lowered = bytes.prefix(9).map { (0x41...0x5A).contains($0) ? $0 | 0x20 : $0 }
        for (offset, name) in monthNames.enumerated() {
            if lowered.starts(with: name) { return (Int64(offset + 1), name.count) }
            if lowered.starts(with: name.prefix(3)) { return (Int64(offset + 1), 3) }
        }
        return nil
    }
}
