import TEIStorage

/// The `json` and `jsonl` formats: an array with one object per row, one object per line (`json`),
/// or one object per line and nothing else (`jsonl`, JSON Lines).
///
/// Keys are the column names in column order. Values keep their type:
/// - int and float as numbers (full precision; NaN and infinities as `null`), except that an
///   integer a double cannot hold exactly (beyond ±(2^53 − 1)), and every value of an id column,
///   is a string: JavaScript, jq and R read `877919995476496385` as `877919995476496400`;
/// - bool as `true`/`false`, null as `null`, text as a string;
/// - timestamp as an ISO 8601 UTC string `2017-06-22T16:03:00Z`, date as `2017-06-22`;
/// - duration as a number of seconds;
/// - list as an array of strings.
///
/// An id column is an int column whose name ends in `id` (any case): the TEI ids `tweetid`,
/// `in_reply_to_tweetid`, `quoted_tweet_tweetid`, `retweet_tweetid`, and names like `id`, `user_id`.
public struct JSONRenderer: Sendable {
    public init() {}

    /// The text of `table` as a JSON array, without a trailing newline.
    public func render(_ table: ResultTable) -> String {
        let sink = MemorySink()
        // A MemorySink never fails.
        try? Writer(columns: table.columns, sink: sink, style: .array).writeAll(table)
        return sink.text
    }

    /// Whether every value of `column` is written as a string.
    public static func writesAsString(_ column: Column) -> Bool {
        column.type == .int && column.name.lowercased().hasSuffix("id")
    }

    /// The largest integer a double (a JavaScript number) holds exactly, with all below it.
    public static let largestExactInteger: Int64 = (1 << 53) - 1

    /// The JSON text of `value`; `asString` writes a number as a string.
    public static func value(_ value: Value, asString: Bool = false) -> String {
        switch value {
        case .null: return "null"
        case .int(let number), .duration(let number): return integer(number, asString: asString)
        case .float(let number): return number.isFinite ? Value.format(number) : "null"
        case .text(let text): return string(text)
        case .bool(let flag): return flag ? "true" : "false"
        case .timestamp(let seconds): return string(isoTimestamp(seconds))
        case .date(let seconds): return string(Value.formatDate(seconds))
        case .list(let items): return "[" + items.map(string).joined(separator: ", ") + "]"
        }
    }

    private static func integer(_ number: Int64, asString: Bool) -> String {
        asString || !(-largestExactInteger...largestExactInteger).contains(number) ? "\"\(number)\"" : String(number)
    }

    /// How rows are laid out.
    public enum Style: Sendable {
        /// `[`, one object per line separated by commas, `]`; `[]` when there are no rows.
        case array
        /// One object per line, nothing around them.
        case lines
    }

    /// Writes one object per row as the rows come.
    public final class Writer: RowWriter {
        private let sink: DataSink
        private let style: Style
        private let keys: [String]
        private let asString: [Bool]
        private var rows = 0

        public init(columns: [Column], sink: DataSink, style: Style) {
            self.sink = sink
            self.style = style
            keys = columns.map { JSONRenderer.string($0.name) + ": " }
            asString = columns.map(JSONRenderer.writesAsString)
        }

        public func begin() throws {}

        public func write(_ row: [Value]) throws {
            let members = keys.indices.map { keys[$0] + JSONRenderer.value(row[orNull: $0], asString: asString[$0]) }
            let object = "{" + members.joined(separator: ", ") + "}"
            switch style {
            case .array: try sink.write((rows == 0 ? "[\n  " : ",\n  ") + object)
            case .lines: try sink.write(object + "\n")
            }
            rows += 1
        }

        public func end() throws {
            guard style == .array else { return }
            try sink.write(rows == 0 ? "[]\n" : "\n]\n")
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
