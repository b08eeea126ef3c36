import TEIStorage

/// The `json` format: one array with one object per row, one object per line.
///
/// Keys are the column names in column order. Values keep their type:
/// - int and float as numbers (full precision; NaN and infinities as `null`);
/// - bool as `true`/`false`, null as `null`, text as a string;
/// - timestamp as an ISO 8601 UTC string `2017-06-22T16:03:00Z`, date as `2017-06-22`;
/// - duration as a number of seconds;
/// - list as an array of strings.
public struct JSONRenderer: Sendable {
    public init() {}

    /// The text of `table`, without a trailing newline.
    public func render(_ table: ResultTable) -> String {
        guard !table.rows.isEmpty else { return "[]" }
        let keys = table.columns.map { Self.string($0.name) + ": " }
        let objects = table.rows.map { row in
            let members = keys.indices.map { keys[$0] + Self.value(row[orNull: $0]) }
            return "  {" + members.joined(separator: ", ") + "}"
        }
        return "[\n" + objects.joined(separator: ",\n") + "\n]"
    }

    /// The JSON text of `value`.
    public static func value(_ value: Value) -> String {
        switch value {
        case .null: return "null"
        case .int(let number): return String(number)
        case .float(let number): return number.isFinite ? Value.format(number) : "null"
        case .text(let text): return string(text)
        case .bool(let flag): return flag ? "true" : "false"
        case .timestamp(let seconds): return string(isoTimestamp(seconds))
        case .date(let seconds): return string(Value.formatDate(seconds))
        case .duration(let seconds): return String(seconds)
        case .list(let items): return "[" + items.map(string).joined(separator: ", ") + "]"
        }
    }

    /// `2017-06-22T16:03:00Z`.
    public static func isoTimestamp(_ seconds: Int64) -> String {
        let secondOfDay = ((seconds % 86_400) + 86_400) % 86_400
        let time = [secondOfDay / 3600, secondOfDay % 3600 / 60, secondOfDay % 60]
            .map { $0 < 10 ? "0\($0)" : "\($0)" }
            .joined(separator: ":")
        return Value.formatDate(seconds) + "T" + time + "Z"
    }

    /// `text` as a JSON string literal. Non-ASCII text stays as UTF-8; controls and the JavaScript
    /// line terminators U+2028/U+2029 are escaped.
    public static func string(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case "\u{08}": result += "\\b"
            case "\u{0C}": result += "\\f"
            case "\u{00}"..."\u{1F}", "\u{7F}", "\u{2028}", "\u{2029}":
                let hex = String(scalar.value, radix: 16, uppercase: true)
                result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default:
                result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}
