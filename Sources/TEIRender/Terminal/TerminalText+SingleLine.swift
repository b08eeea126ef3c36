extension TerminalText {
    /// `text` with line breaks, tabs and other control characters made visible, so it prints on one
    /// line and cannot move the cursor or change the terminal's state.
    ///
    /// | input                      | Unicode | ASCII    |
    /// |----------------------------|---------|----------|
    /// | LF, CR LF, CR, U+2028/2029 | `↵`     | `\n`     |
    /// | tab                        | `⇥`     | `\t`     |
    /// | other C0 control, DEL      | `␛` etc. (Control Pictures) | `\x1B` |
    /// | C1 control (U+0080–U+009F) | `\u{85}` | `\u{85}` |
    ///
    /// Everything else, including right-to-left text and emoji, passes through unchanged.
    public static func singleLine(_ text: String, ascii: Bool) -> String {
        guard text.unicodeScalars.contains(where: needsEscape) else { return text }
        var result = String.UnicodeScalarView()
        var previousWasCarriageReturn = false
        for scalar in text.unicodeScalars {
            defer { previousWasCarriageReturn = scalar == "\r" }
            if scalar == "\n" && previousWasCarriageReturn { continue }  // CR LF is one break.
            guard needsEscape(scalar) else {
                result.append(scalar)
                continue
            }
            result.append(contentsOf: escape(scalar, ascii: ascii).unicodeScalars)
        }
        return String(result)
    }

    private static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F, 0x2028, 0x2029: return true
        default: return false
        }
    }

    private static func escape(_ scalar: Unicode.Scalar, ascii: Bool) -> String {
        switch scalar.value {
        case 0x0A, 0x0D, 0x2028, 0x2029:
            return ascii ? "\\n" : "↵"
        case 0x09:
            return ascii ? "\\t" : "⇥"
        case 0x00...0x1F:
            return ascii ? hexEscape(scalar) : String(Unicode.Scalar(0x2400 + scalar.value)!)
        case 0x7F:
            return ascii ? hexEscape(scalar) : "␡"
        default:
            return "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
        }
    }

    private static func hexEscape(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return "\\x" + (hex.count < 2 ? "0" + hex : hex)
    }
}
