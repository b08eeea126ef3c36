/// Python 3's `repr` of a `str`, as the 2019-on TEI files contain it inside list columns.
public enum PythonRepr {
    /// `repr(text)`: single quotes unless the text holds `'` and no `"`; backslashes, the chosen
    /// quote and unprintable characters escaped; printable non-ASCII kept as is.
    public static func string(_ text: String) -> String {
        let hasSingle = text.contains("'")
        let hasDouble = text.contains("\"")
        let quote: Character = hasSingle && !hasDouble ? "\"" : "'"
        var out = String(quote)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if Character(scalar) == quote {
                    out += "\\" + String(quote)
                } else if isPrintable(scalar) {
                    out.unicodeScalars.append(scalar)
                } else {
                    out += escape(scalar)
                }
            }
        }
        out.append(quote)
        return out
    }

    /// Python's `str.isprintable` for one character: everything except the "Other" and
    /// "Separator" categories, where the ASCII space counts as printable.
    private static func isPrintable(_ scalar: Unicode.Scalar) -> Bool {
        if scalar == " " { return true }
        switch scalar.properties.generalCategory {
        case .control, .format, .surrogate, .privateUse, .unassigned,
             .spaceSeparator, .lineSeparator, .paragraphSeparator:
            return false
        default:
            return true
        }
    }

    private static func escape(_ scalar: Unicode.Scalar) -> String {
        let value = scalar.value
        let (prefix, width) = value < 0x100 ? ("\\x", 2) : value < 0x10000 ? ("\\u", 4) : ("\\U", 8)
        let digits = String(value, radix: 16)
        return prefix + String(repeating: "0", count: width - digits.count) + digits
    }
}
