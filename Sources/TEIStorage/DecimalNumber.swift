/// A number written in decimal, the way tei reads numbers in text (`int("42")`, `float("2.5")`,
/// `--param n=10`): an optional minus sign, digits, an optional fraction and exponent, with spaces
/// around. Hexadecimal, `inf`, `nan` and trailing words are not numbers.
public enum DecimalNumber: Equatable, Sendable {
    /// Digits alone, kept as written: they may not fit in 64 bits.
    case whole(String)
    /// A fraction or an exponent; infinite when it is too large for a float.
    case real(Double)

    public init?(_ text: some StringProtocol) {
        let trimmed = text.drop { $0 == " " }.reversed().drop { $0 == " " }.reversed()
        let body = String(trimmed)
        var bytes = body.utf8[...]
        if bytes.first == UInt8(ascii: "-") { bytes = bytes.dropFirst() }
        let integerDigits = bytes.prefix { Self.isDigit($0) }.count
        bytes = bytes.dropFirst(integerDigits)
        var fractionDigits = 0
        if bytes.first == UInt8(ascii: ".") {
            bytes = bytes.dropFirst()
            fractionDigits = bytes.prefix { Self.isDigit($0) }.count
            bytes = bytes.dropFirst(fractionDigits)
        }
        guard integerDigits + fractionDigits > 0 else { return nil }
        var hasExponent = false
        if let e = bytes.first, e == UInt8(ascii: "e") || e == UInt8(ascii: "E") {
            bytes = bytes.dropFirst()
            if let sign = bytes.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") { bytes = bytes.dropFirst() }
            let exponentDigits = bytes.prefix { Self.isDigit($0) }.count
            guard exponentDigits > 0 else { return nil }
            bytes = bytes.dropFirst(exponentDigits)
            hasExponent = true
        }
        guard bytes.isEmpty else { return nil }
        if !hasExponent && !body.contains(".") {
            self = .whole(body)
        } else {
            guard let value = Double(body) else { return nil }
            self = .real(value)
        }
    }

    /// The number as a float; infinite when it is too large for one.
    public var double: Double {
        switch self {
        case .whole(let digits): return Double(digits) ?? .nan
        case .real(let value): return value
        }
    }

    /// The number truncated towards zero to 64 bits; nil when it does not fit.
    public var truncatedInteger: Int64? {
        switch self {
        case .whole(let digits): return Int64(digits)
        case .real(let value): return Self.truncated(value)
        }
    }

    /// `value` truncated towards zero, or nil when it is not finite or does not fit in 64 bits
    /// (2^63 is exactly representable as a float; every float below it in size fits).
    public static func truncated(_ value: Double) -> Int64? {
        guard value.isFinite, value < 9_223_372_036_854_775_808.0, value >= -9_223_372_036_854_775_808.0 else { return nil }
        return Int64(value.rounded(.towardZero))
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
}
