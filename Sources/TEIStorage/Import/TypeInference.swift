/// Infers the type of a column of an arbitrary CSV from every value it holds: the narrowest of
/// int, float, bool, date, timestamp that all non-empty values parse as, else text. Empty fields
/// are missing values and do not vote. Integers with a leading zero (`007`) vote for text, so
/// codes and zero-padded identifiers keep their digits.
///
/// A float column must hold every value exactly enough to give it back: a whole number (no
/// decimal point, no exponent) votes for float only when it has at most 15 significant digits,
/// which a double always holds exactly. So a column of ids one of which exceeds 64 bits, or ints
/// mixed with `1.5` where an int has 16 or more digits, becomes text and keeps every digit: an id
/// changed in its last digits would be a wrong answer.
struct TypeInference {
    private var canInt = true
    private var canFloat = true
    private var canBool = true
    private var canDate = true
    private var canTimestamp = true
    private var sawValue = false

    mutating func observe(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard !bytes.isEmpty else { return }
        sawValue = true
        if canInt, FieldDecoding.integer(bytes, allowLeadingZero: false) == nil { canInt = false }
        if canFloat, FieldDecoding.real(bytes) == nil || Self.hasLeadingZero(bytes) || Self.isLongWholeNumber(bytes) {
            canFloat = false
        }
        if canBool, FieldDecoding.bool(bytes) == nil { canBool = false }
        if canDate, FieldDecoding.date(bytes) == nil { canDate = false }
        if canTimestamp, FieldDecoding.timestamp(bytes) == nil { canTimestamp = false }
    }

    /// `007` or `-01.5`: a zero before another digit, which a number would not write.
    private static func hasLeadingZero(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = bytes.first == 0x2D || bytes.first == 0x2B ? 1 : 0
        return bytes.count > start + 1 && bytes[start] == 0x30 && (0x30...0x39).contains(bytes[start + 1])
    }

    /// A whole number with more than 15 significant digits, which a double may not hold exactly.
    private static func isLongWholeNumber(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var significant = 0
        for byte in bytes {
            switch byte {
            case 0x2E, 0x45, 0x65: return false
            case 0x30 where significant == 0: continue
            case 0x30...0x39: significant += 1
            default: continue
            }
        }
        return significant > 15
    }

    var type: ValueType {
        guard sawValue else { return .text }
        if canInt { return .int }
        if canFloat { return .float }
        if canBool { return .bool }
        if canDate { return .date }
        if canTimestamp { return .timestamp }
        return .text
    }
}
