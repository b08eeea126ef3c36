/// Measuring, cutting and padding text by terminal columns, for every renderer that aligns text
/// (tables, charts, the REPL).
public enum TerminalText {
    /// The number of terminal columns `text` occupies.
    ///
    /// Counted per grapheme cluster: East Asian wide and fullwidth characters and emoji (emoji
    /// presentation, a VS16 selector, flags, ZWJ sequences) take 2; combining marks, zero-width format
    /// characters and the rest of a cluster take 0; other characters take 1. Control characters count 0
    /// because a terminal does not print them as one cell: pass text through `singleLine(_:ascii:)`
    /// first so they become visible escapes.
    public static func displayWidth(of text: some StringProtocol) -> Int {
        var width = 0
        for character in text {
            width += displayWidth(of: character)
        }
        return width
    }

    /// The number of terminal columns one grapheme cluster occupies (0, 1 or 2).
    public static func displayWidth(of character: Character) -> Int {
        let scalars = character.unicodeScalars
        if scalars.allSatisfy(\.isASCII) {
            // Fast path; "\r\n" is the one ASCII cluster of two scalars, and it is all control.
            return scalars.contains { $0.value < 0x20 || $0.value == 0x7F } ? 0 : 1
        }
        var width = 0
        for scalar in scalars {
            if scalar.value == 0xFE0F { return 2 }  // VS16 asks for emoji presentation.
            width = max(width, scalarWidth(scalar))
        }
        return width
    }

    /// Cuts `text` so that it fits `width` columns, ending it with `ellipsis` when something was cut.
    ///
    /// Text that fits comes back unchanged. A wide character that would straddle the limit is left
    /// out, so the result may be one column narrower than `width`; pad it when aligning.
    public static func truncate(_ text: String, toWidth width: Int, ellipsis: String = "…") -> String {
        guard width > 0 else { return "" }
        if displayWidth(of: text) <= width { return text }
        let ellipsisWidth = displayWidth(of: ellipsis)
        if ellipsisWidth >= width {
            return ellipsisWidth == width ? ellipsis : truncate(ellipsis, toWidth: width, ellipsis: "")
        }
        let budget = width - ellipsisWidth
        var used = 0
        var kept = ""
        for character in text {
            let characterWidth = displayWidth(of: character)
            if used + characterWidth > budget { break }
            used += characterWidth
            kept.append(character)
        }
        return kept + ellipsis
    }

    /// `text` padded with spaces to `width` columns, on the right (`alignRight == false`) or the left.
    public static func pad(_ text: String, toWidth width: Int, alignRight: Bool = false) -> String {
        let missing = width - displayWidth(of: text)
        guard missing > 0 else { return text }
        let padding = String(repeating: " ", count: missing)
        return alignRight ? padding + text : text + padding
    }

    private static func scalarWidth(_ scalar: Unicode.Scalar) -> Int {
        let properties = scalar.properties
        switch properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format, .control, .lineSeparator, .paragraphSeparator:
            return 0
        default:
            break
        }
        // Hangul medial vowels and final consonants join the preceding initial into one wide syllable.
        if (0x1160...0x11FF).contains(scalar.value) || (0xD7B0...0xD7FF).contains(scalar.value) { return 0 }
        if properties.isEmojiPresentation || EastAsianWide.contains(scalar) { return 2 }
        return 1
    }
}
