import Foundation
import TEIStorage

/// Floats rounded for reading, as the `table` and `markdown` formats show them.
///
/// CSV and JSON keep full precision; these rules only serve the eye:
/// - 1 ≤ |x| < 10¹⁵: at most 2 decimals, trailing zeros dropped but one kept: `3.0`, `2.5`, `1234.57`.
/// - 0 < |x| < 1: 3 significant digits: `0.123`, `0.000123`; below 10⁻⁴ in exponent form, `1.23e-05`.
/// - 0 is `0.0`; |x| ≥ 10¹⁵ has 3 significant digits in exponent form, `1.23e+15`.
/// - NaN and infinities as in `Value.format`.
public enum ReadableNumber {
    /// The rounded text of `value`.
    public static func format(_ value: Double) -> String {
        guard value.isFinite else { return Value.format(value) }
        let magnitude = abs(value)
        if magnitude == 0 { return value.sign == .minus ? "-0.0" : "0.0" }
        if magnitude >= 1e15 { return String(format: "%.2e", value) }
        if magnitude >= 1 { return withDecimalPoint(trimmingZeros(String(format: "%.2f", value))) }
        return withDecimalPoint(String(format: "%.3g", value))
    }

    /// The text a cell of a reading format shows for `value`; null is empty.
    public static func cellText(_ value: Value) -> String {
        if case .float(let number) = value { return format(number) }
        return value.text
    }

    private static func trimmingZeros(_ text: String) -> String {
        guard text.contains(".") else { return text }
        var trimmed = Substring(text)
        while trimmed.hasSuffix("0") { trimmed.removeLast() }
        if trimmed.hasSuffix(".") { trimmed.removeLast() }
        return String(trimmed)
    }

    /// `text` with `.0` added when rounding left a whole number, so floats still read as floats.
    private static func withDecimalPoint(_ text: String) -> String {
        text.contains(where: { $0 == "." || $0 == "e" }) ? text : text + ".0"
    }
}
