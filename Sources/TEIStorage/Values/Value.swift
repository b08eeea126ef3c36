import Foundation


/// A typed value of a result, decoded from its SQLite encoding (see `ValueType`).
public enum Value: Hashable, Sendable {
    case null
    case int(Int64)
    case float(Double)
    case text(String)
    case bool(Bool)
    /// Seconds since 1970-01-01 00:00 UTC.
    case timestamp(Int64)
    /// Seconds since the epoch at 00:00 UTC of the day.
    case date(Int64)
    /// Seconds.
    case duration(Int64)
    case list([String])

    /// Decodes a value SQLite returned for a column of type `type`.
    public init(_ sql: SQLValue, as type: ValueType) {
        switch (sql, type) {
        case (.null, _): self = .null
        case (.integer(let v), .int): self = .int(v)
        // A real in a whole-number column (a lenient column's cell) keeps its value when it has
        // no whole-number equal, rather than trapping or being cut: tei's own arithmetic never
        // gives one (it fails on overflow).
        case (.real(let v), .int): self = Int64(exactly: v.rounded(.towardZero)).map(Value.int) ?? .float(v)
        case (.integer(let v), .float): self = .float(Double(v))
        case (.real(let v), .float): self = .float(v)
        case (.integer(let v), .bool): self = .bool(v != 0)
        case (.integer(let v), .timestamp): self = .timestamp(v)
        case (.real(let v), .timestamp): self = Int64(exactly: v.rounded(.towardZero)).map(Value.timestamp) ?? .float(v)
        case (.integer(let v), .date): self = .date(v)
        case (.real(let v), .date): self = Int64(exactly: v.rounded(.towardZero)).map(Value.date) ?? .float(v)
        case (.integer(let v), .duration): self = .duration(v)
        case (.real(let v), .duration): self = Int64(exactly: v.rounded(.towardZero)).map(Value.duration) ?? .float(v)
        case (.text(let v), .list): self = .list(Value.decodeList(v))
        case (.text(let v), _): self = .text(v)
        case (.integer(let v), _): self = .int(v)
        case (.real(let v), _): self = .float(v)
        case (.blob(let v), _): self = .text(String(decoding: v, as: UTF8.self))
        }
    }

    /// The canonical text of the value: what CSV output writes and what the table format shows
    /// before it aligns and cuts. Null is the empty string.
    public var text: String {
        switch self {
        case .null: return ""
        case .int(let v): return String(v)
        case .float(let v): return Value.format(v)
        case .text(let v): return v
        case .bool(let v): return v ? "true" : "false"
        case .timestamp(let v): return Value.formatTimestamp(v)
        case .date(let v): return Value.formatDate(v)
        case .duration(let v): return Value.formatDuration(v)
        case .list(let v): return "[" + v.joined(separator: ", ") + "]"
        }
    }

    /// Whether the value is SQL NULL.
    public var isNull: Bool { self == .null }

    /// A float as people write it: integral values keep one decimal (`3.0`), others use the
    /// shortest representation that reads back exactly.
    public static func format(_ v: Double) -> String {
        if v.isNaN { return "NaN" }
        if v.isInfinite { return v > 0 ? "inf" : "-inf" }
        if v == v.rounded(), abs(v) < 1e15 { return (v.sign == .minus ? "-" : "") + String(Int64(v).magnitude) + ".0" }
        return "\(v)"
    }

    /// `2017-06-22 16:03`, or `2017-06-22 16:03:07` when the seconds are not zero.
    public static func formatTimestamp(_ seconds: Int64) -> String {
        let (days, rest) = seconds.floorDivided(by: 86_400)
        let (h, m, s) = (rest / 3600, rest % 3600 / 60, rest % 60)
        let date = CivilDate(dayNumber: days)
        guard (0...9999).contains(date.year) else {
            let minutes = formatDay(days) + " " + zeroPadded(h, width: 2) + ":" + zeroPadded(m, width: 2)
            return s == 0 ? minutes : minutes + ":" + zeroPadded(s, width: 2)
        }
        // Digit by digit into one string: joining a dozen small strings per time took a tenth of
        // the time of saving a network's pairs (two times each) as CSV.
        return String(unsafeUninitializedCapacity: s == 0 ? 16 : 19) { buffer in
            var end = 0
            func put(_ value: Int64, width: Int, after separator: UInt8?) {
                if let separator {
                    buffer[end] = separator
                    end += 1
                }
                var rest = value
                for position in (end..<end + width).reversed() {
                    buffer[position] = UInt8(ascii: "0") + UInt8(rest % 10)
                    rest /= 10
                }
                end += width
            }
            put(date.year, width: 4, after: nil)
            put(date.month, width: 2, after: UInt8(ascii: "-"))
            put(date.day, width: 2, after: UInt8(ascii: "-"))
            put(h, width: 2, after: UInt8(ascii: " "))
            put(m, width: 2, after: UInt8(ascii: ":"))
            if s != 0 { put(s, width: 2, after: UInt8(ascii: ":")) }
            return end
        }
    }

    /// `2017-06-22`.
    public static func formatDate(_ seconds: Int64) -> String {
        formatDay(seconds.floorDivided(by: 86_400).quotient)
    }

    /// `1d 2h`, `15m`, `90s` → `1m 30s`; zero is `0s`.
    public static func formatDuration(_ seconds: Int64) -> String {
        if seconds == 0 { return "0s" }
        var rest = abs(seconds)
        var parts: [String] = []
        for (unit, size) in [("d", Int64(86_400)), ("h", 3600), ("m", 60), ("s", 1)] where rest >= size {
            parts.append("\(rest / size)\(unit)")
            rest %= size
        }
        return (seconds < 0 ? "-" : "") + parts.joined(separator: " ")
    }

    /// The civil date of a day number (days since 1970-01-01).
    static func formatDay(_ day: Int64) -> String {
        let date = CivilDate(dayNumber: day)
        return zeroPadded(date.year, width: 4) + "-" + zeroPadded(date.month, width: 2) + "-" + zeroPadded(date.day, width: 2)
    }

    /// `value` in decimal in at least `width` characters, zeros after the sign (printf's `%0*lld`).
    /// Foundation's `String(format:)` took a fifth of the time of writing 25,000 rows with a time each.
    static func zeroPadded(_ value: Int64, width: Int) -> String {
        let digits = String(value.magnitude), sign = value < 0 ? "-" : ""
        return sign + String(repeating: "0", count: max(0, width - sign.count - digits.count)) + digits
    }

    /// Decodes the JSON array of strings that stores a list.
    static func decodeList(_ json: String) -> [String] {
        guard let data = json.data(using: .utf8),
              let array = try? JSONSerialization.jsonObject(with: data) as? [Any] else { return [json] }
        return array.map { "\($0)" }
    }
}
