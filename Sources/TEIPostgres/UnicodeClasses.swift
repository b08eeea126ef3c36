import TEIStorage

/// The Unicode sets that tei's regular expressions (ICU's syntax and meaning) and case mapping
/// depend on, written for PostgreSQL's functions. PostgreSQL's own `\w` and `[[:alpha:]]` follow
/// the collation (only ASCII under the C collation tei's databases use; without marks under ICU),
/// so the functions spell ICU's sets out as ranges, taken from the Unicode properties Swift has.
enum UnicodeClasses {
    /// ICU's `\w`: `[\p{Alphabetic}\p{Mark}\p{Decimal_Number}\p{Connector_Punctuation}\u200c\u200d]`.
    static let word = bracketBody { scalar in
        let properties = scalar.properties
        switch properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark, .decimalNumber, .connectorPunctuation: return true
        default: return properties.isAlphabetic || scalar.value == 0x200C || scalar.value == 0x200D
        }
    }

    /// ICU's `\d`: `\p{Decimal_Number}`.
    static let digit = bracketBody { $0.properties.generalCategory == .decimalNumber }

    /// ICU's `\s`: `\p{White_Space}`.
    static let space = bracketBody { $0.properties.isWhitespace }

    /// What ends a mention in `co_tweet_text`, and what separates its words (`CoTweetText`).
    static let mentionEnd = bracketBody(CoTweetText.endsMention)
    static let wordSeparator = bracketBody(CoTweetText.separatesWords)

    /// What ICU's `.` does not match without `(?s)`, and what its `$` may stand before: the line
    /// terminators.
    static let lineTerminator = bracketBody { [0x0A, 0x0B, 0x0C, 0x0D, 0x85, 0x2028, 0x2029].contains($0.value) }

    /// The code points whose full upper case (ICU's, which PostgreSQL's `upper` uses) is several
    /// code points (`ß` → `SS`), and tei's simple mapping of each: the two texts of a `translate`.
    static let upperExceptions = exceptions(.upper)

    /// The same for lower case: `İ`, whose full lower case is `i` and a combining dot.
    static let lowerExceptions = exceptions(.lower)

    /// The code points that ICU's case-insensitive matching takes as one letter, where they are
    /// more than a lower and an upper case (`Σσς`, `Kk` and the Kelvin sign `K`), which is all
    /// PostgreSQL's takes: the sets joined by the simple mappings, each between `|`s.
    static let caseInsensitiveSets: String = {
        var root: [UInt32: UInt32] = [:]
        func find(_ value: UInt32) -> UInt32 {
            var value = value
            while let parent = root[value], parent != value { value = parent }
            return value
        }
        for value in UInt32(0x41)...0x1FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            for direction in [CaseMapping.Direction.lower, .upper] {
                let other = CaseMapping.simple(scalar, direction).value
                guard other != value else { continue }
                root[value] = root[value] ?? value
                root[other] = root[other] ?? other
                let (a, b) = (find(value), find(other))
                if a != b { root[max(a, b)] = min(a, b) }
            }
        }
        var sets: [UInt32: [UInt32]] = [:]
        for value in root.keys.sorted() { sets[find(value), default: []].append(value) }
        let large = sets.values.filter { $0.count > 2 }.sorted { $0[0] < $1[0] }
        return "|" + large.map { String(String.UnicodeScalarView($0.compactMap(Unicode.Scalar.init))) + "|" }.joined()
    }()

    /// The Unicode version whose case mappings every supported server's ICU is taken to know:
    /// ICU 70 (Ubuntu 22.04) has Unicode 14.0.
    private static let newestUnicodeOfServers = (major: 14, minor: 0)

    private static func isNewerThanServers(_ scalar: Unicode.Scalar) -> Bool {
        guard let age = scalar.properties.age else { return false }
        return age.major > newestUnicodeOfServers.major
            || (age.major == newestUnicodeOfServers.major && age.minor > newestUnicodeOfServers.minor)
    }

    /// The code points of the planes Unicode assigns characters in (0 to 3, and 14); planes 4 to
    /// 13 are empty, 15 and 16 private use, which no set here holds.
    private static let assignedPlanes = Array(UInt32(1)...0x3FFFF) + Array(UInt32(0xE0000)...0xEFFFF)

    /// The inside of an ARE bracket expression matching the code points `includes` accepts, as
    /// ranges of `\U` escapes (ARE reads them inside brackets too).
    private static func bracketBody(_ includes: (Unicode.Scalar) -> Bool) -> String {
        var ranges: [(UInt32, UInt32)] = []
        for value in assignedPlanes {
            guard let scalar = Unicode.Scalar(value), includes(scalar) else { continue }
            if let last = ranges.last, last.1 == value - 1 {
                ranges[ranges.count - 1].1 = value
            } else {
                ranges.append((value, value))
            }
        }
        return ranges.map { $0 == $1 ? escape($0) : "\(escape($0))-\(escape($1))" }.joined()
    }

    private static func escape(_ value: UInt32) -> String {
        let hex = String(value, radix: 16, uppercase: true)
        return "\\U" + String(repeating: "0", count: 8 - hex.count) + hex
    }

    /// The code points mapped by tei's table rather than ICU's: those whose full mapping is
    /// several, and those newer than the Unicode of a server's ICU may be (Debian 12's ICU 72 has
    /// Unicode 15.0, Swift's tables 16.0), whose case ICU would not know.
    private static func exceptions(_ direction: CaseMapping.Direction) -> (from: String, to: String) {
        var from = "", to = ""
        for value in assignedPlanes where value >= 0x80 {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let properties = scalar.properties
            let full = direction == .upper ? properties.uppercaseMapping : properties.lowercaseMapping
            let mapped = CaseMapping.simple(scalar, direction)
            // A mapping Unicode added lately may be between older code points (U+019B ƛ to U+A7DC).
            let recent = isNewerThanServers(scalar) || isNewerThanServers(mapped)
            guard full.unicodeScalars.count > 1 || (recent && mapped != scalar) else { continue }
            from.unicodeScalars.append(scalar)
            to.unicodeScalars.append(mapped)
        }
        return (from, to)
    }
}
