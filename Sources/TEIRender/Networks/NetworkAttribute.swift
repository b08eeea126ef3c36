import TEIStorage

/// A column written as a typed attribute of nodes or edges, and how its values are spelled.
///
/// Both formats type attributes with the same words for what tei has: `long` (int, and durations
/// in seconds), `double` (float), `boolean`, `string` (text, and times as ISO 8601 text, since
/// neither format has a time type that networkx reads). Lists have no type in common and are refused.
struct NetworkAttribute: Sendable {
    var name: String
    /// The column's place in the rows.
    var index: Int
    var type: ValueType

    /// The attribute type both formats write, or nil for a type they cannot hold.
    static func typeName(of type: ValueType) -> String? {
        switch type {
        case .int, .duration: return "long"
        case .float: return "double"
        case .bool: return "boolean"
        case .text, .timestamp, .date, .null: return "string"
        case .list: return nil
        }
    }

    var typeName: String { Self.typeName(of: type)! }

    /// The text of a value as the attribute holds it, not yet escaped; nil when there is nothing
    /// to write (null, and floats that are not finite, which XML Schema's double spells otherwise).
    static func text(of value: Value) -> String? {
        switch value {
        case .null: return nil
        case .int(let number), .duration(let number): return String(number)
        case .float(let number): return number.isFinite ? Value.format(number) : nil
        case .bool(let flag): return flag ? "true" : "false"
        case .text(let text): return text
        case .timestamp(let seconds): return JSONRenderer.isoTimestamp(seconds)
        case .date(let seconds): return Value.formatDate(seconds)
        case .list(let items): return "[" + items.joined(separator: ", ") + "]"
        }
    }
}
