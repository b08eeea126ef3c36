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
        endsMention(scalar.value)
    }

    /// Whether `scalar` separates words: what ends a mention, and U+001C to U+001F.
    public static func separatesWords(_ scalar: Unicode.Scalar) -> Bool {
        separatesWords(scalar.value)
    }

    /// The normalised text of `text` (UTF-8); bytes that are not UTF-8 (tei stores none) are kept
    /// as characters of their own.
    static func normalised(_ text: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        guard let lowered = CaseMapping.map(text, .lower) else { return wordsWithoutMentions(text) }
        return lowered.withUnsafeBufferPointer(wordsWithoutMentions)
    }

    private static func wordsWithoutMentions(_ text: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        var words: [UInt8] = []
        words.reserveCapacity(text.count)
        var index = 0
        var inMention = false, spaceOwed = false
        while index < text.count {
            let start = index
            let value: UInt32
            if text[index] < 0x80 {
                value = UInt32(text[index])
                index += 1
            } else if let (decoded, length) = CaseMapping.decode(text, at: index) {
                value = decoded
                index += length
            } else {
                value = 0xFFFD
                index += 1
            }
            if inMention {
                if !endsMention(value) { continue }
                inMention = false
            }
            if value == 0x40 {
                inMention = true
            } else if separatesWords(value) {
                spaceOwed = !words.isEmpty
            } else {
                if spaceOwed { words.append(0x20) }
                spaceOwed = false
                words.append(contentsOf: text[start..<index])
            }
        }
        return words
    }

    // ASCII, most of a tweet, is answered without Unicode's tables.
    private static func endsMention(_ value: UInt32) -> Bool {
        if value < 0x80 { return value == 0x20 || (0x09...0x0D).contains(value) }
        return Unicode.Scalar(value)?.properties.isWhitespace ?? false
    }

    private static func separatesWords(_ value: UInt32) -> Bool {
        (0x1C...0x1F).contains(value) || endsMention(value)
    }
}
