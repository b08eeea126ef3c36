/// `co_tweet_text`: a text as the Coordination Network Toolkit's co-tweet network compares it (its
/// `message_preprocessor`, `" ".join(cleaner.sub("", text.lower()).split())` with the `regex`
/// module's `@.*?(?=(?:\s|$))` as the cleaner): in lower case (`CaseMapping`, as tei's `lower`),
/// without every `@` and what follows it up to the next white space or the end, its words (what
/// `str.split()` separates) joined by one space. Mentions end at a narrower white space than words
/// do: the `regex` module's `\s` is Unicode's White_Space, where `str.split()` also splits on the
/// information separators U+001C to U+001F.
///
/// One pass over the bytes: the chain of three regular-expression replacements that spelled it in
/// the Stdlib took two thirds of `co_tweet_pairs`'s time.
public enum CoTweetText {
    /// Whether `scalar` ends a mention: Unicode's White_Space (tab to carriage return, space, U+0085,
    /// U+00A0, U+1680, U+2000 to U+200A, U+2028, U+2029, U+202F, U+205F, U+3000).
    public static func endsMention(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isWhitespace
    }

    /// Whether `scalar` separates words: what ends a mention, and U+001C to U+001F.
    public static func separatesWords(_ scalar: Unicode.Scalar) -> Bool {
        (0x1C...0x1F).contains(scalar.value) || endsMention(scalar)
    }

    /// The normalised text of `text` (UTF-8), lowered as it is read; bytes that are not UTF-8 (tei
    /// stores none) are kept as characters of their own.
    static func normalised(_ text: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        // The tables are fetched once a text, not once a character.
        let spaces = basicPlaneSpaces, lower = CaseMapping.lowerTable
        var words: [UInt8] = []
        words.reserveCapacity(text.count + 8)
        var index = 0
        var inMention = false, spaceOwed = false
        while index < text.count {
            let start = index, byte = text[index]
            let value: UInt32
            if byte < 0x80 {
                value = UInt32(byte)
                index += 1
            } else if let (decoded, length) = CaseMapping.decode(text, at: index) {
                value = decoded
                index += length
            } else {
                value = 0xFFFD
                index += 1
            }
            let space = value < 0x10000 ? spaces[Int(value)] : spaceKind(value)
            if inMention {
                if space != .mentionEnd { continue }
                inMention = false
            }
            if value == 0x40 {
                inMention = true
            } else if space != .none {
                spaceOwed = !words.isEmpty
            } else {
                if spaceOwed { words.append(0x20) }
                spaceOwed = false
                // A byte that is not UTF-8 stands for U+FFFD, which has no other case.
                let lowered = CaseMapping.mapped(value, lower, .lower)
                if lowered == value {
                    if index - start == 1 { words.append(byte) } else { words.append(contentsOf: UnsafeBufferPointer(rebasing: text[start..<index])) }
                } else if lowered < 0x80 {
                    words.append(UInt8(lowered))
                } else {
                    words.append(contentsOf: UTF8.encode(Unicode.Scalar(lowered)!)!)
                }
            }
        }
        return words
    }

    private enum SpaceKind: UInt8 {
        case none, wordSeparator, mentionEnd
    }

    /// A code point past the Basic Multilingual Plane (none is white space today), from Swift's tables.
    private static func spaceKind(_ value: UInt32) -> SpaceKind {
        Unicode.Scalar(value).map(spaceKind) ?? .none
    }

    private static func spaceKind(_ scalar: Unicode.Scalar) -> SpaceKind {
        endsMention(scalar) ? .mentionEnd : separatesWords(scalar) ? .wordSeparator : .none
    }

    /// What each code point of the Basic Multilingual Plane is, made once from Swift's Unicode
    /// tables (a few milliseconds): asking them per character took most of the function's time.
    private static let basicPlaneSpaces: [SpaceKind] = (0..<UInt32(0x10000)).map { Unicode.Scalar($0).map(spaceKind) ?? .none }
}
