/// Text written into an XML 1.0 document as data (an attribute value or element content), so that
/// an XML reader gets back exactly the text, or, for the few characters XML 1.0 cannot hold at all,
/// U+FFFD in their place, counted so that the writer can say so.
struct XMLText {
    /// How many characters XML 1.0 forbids (control characters other than tab, line feed and
    /// carriage return; U+FFFE and U+FFFF) were written as U+FFFD.
    private(set) var replacedCharacters = 0

    /// `text` with markup characters escaped. Tabs and line breaks are character references, so
    /// that a reader's normalisation of attribute values does not turn them into spaces.
    mutating func escaped(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\t": out += "&#9;"
            case "\n": out += "&#10;"
            case "\r": out += "&#13;"
            default:
                if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF {
                    replacedCharacters += 1
                    out.unicodeScalars.append("\u{FFFD}")
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }
}
