import Foundation
import TEILanguage
import TEIStorage

/// Reads `--param name=value` text as a value of the parameter's declared type.
public enum ParameterValue {
    /// The value, or nil when `text` is not written as the type expects.
    public static func parse(_ text: String, as type: ValueType) -> Value? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        switch type {
        case .int: return Int64(trimmed).map(Value.int)
        // Only decimal numbers (not `0x10`, `nan` or `inf`), and finite: SQLite turns infinity into NULL.
        case .float: return DecimalNumber(trimmed).flatMap { $0.double.isFinite ? .float($0.double) : nil }
        case .text: return .text(text)
        case .bool:
            switch trimmed.lowercased() {
            case "true", "yes", "1": return .bool(true)
            case "false", "no", "0": return .bool(false)
            default: return nil
            }
        case .date:
            guard let (seconds, hasTime) = DateLiteral.parse(trimmed.hasPrefix("@") ? String(trimmed.dropFirst()) : trimmed), !hasTime else { return nil }
            return .date(seconds)
        case .timestamp:
            let body = (trimmed.hasPrefix("@") ? String(trimmed.dropFirst()) : trimmed).replacingOccurrences(of: " ", with: "T")
            return DateLiteral.parse(body).map { .timestamp($0.seconds) }
        case .duration: return DurationLiteral.parse(trimmed).map(Value.duration)
        case .list:
            let items = trimmed.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            return .list(items)
        case .null: return .text(text)
        }
    }

    /// How a value of the type is written on the command line, for error messages.
    public static func describe(_ type: ValueType) -> String {
        switch type {
        case .int: return "a whole number like 10"
        case .float: return "a finite number like 2.5 (not nan or inf)"
        case .text: return "text"
        case .bool: return "true or false"
        case .date: return "a date like 2016-06-01"
        case .timestamp: return "a time like 2016-06-01T14:00"
        case .duration: return "a duration like 15m, 1h or 7d"
        case .list: return "comma-separated text"
        case .null: return "a value"
        }
    }
}
