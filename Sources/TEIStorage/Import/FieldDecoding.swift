import Foundation

/// Decoders from a field's clean UTF-8 bytes to the SQLite encoding of each `ValueType`
/// (see `ValueType`). Each returns nil when the bytes are not a value of that type; the caller
/// decides whether that is an error (TEI columns) or a reason to infer another type (other CSVs).
enum FieldDecoding {
    /// A decimal integer with an optional sign that fits `Int64`. A leading zero (`007`) is not an
    /// integer, so codes and zero-padded ids stay text when inferring.
    static func integer(_ bytes: UnsafeBufferPointer<UInt8>, allowLeadingZero: Bool = true) -> Int64? {
        var i = 0
        let count = bytes.count
        guard count > 0 else { return nil }
        var negative = false
        if bytes[0] == 0x2D || bytes[0] == 0x2B {
            negative = bytes[0] == 0x2D
            i = 1
        }
        guard i < count else { return nil }
        if !allowLeadingZero, bytes[i] == 0x30, count - i > 1 { return nil }
        var value: Int64 = 0
        while i < count {
            let digit = bytes[i] &- 0x30
            guard digit < 10 else { return nil }
            let (times10, o1) = value.multipliedReportingOverflow(by: 10)
            let (next, o2) = negative
                ? times10.subtractingReportingOverflow(Int64(digit))
                : times10.addingReportingOverflow(Int64(digit))
            if o1 || o2 { return nil }
            value = next
            i += 1
        }
        return value
    }

    /// A decimal number (`3`, `-2.5`, `1e-3`); not `nan` or `inf`.
    static func real(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        guard bytes.count > 0, bytes.count < 64 else { return nil }
        var sawDigit = false
        for b in bytes {
            switch b {
            case 0x30...0x39: sawDigit = true
            case 0x2B, 0x2D, 0x2E, 0x45, 0x65: continue
            default: return nil
            }
        }
        guard sawDigit else { return nil }
        return Double(String(decoding: bytes, as: UTF8.self))
    }

    /// `true` or `false` in any letter case, as 1 or 0.
    static func bool(_ bytes: UnsafeBufferPointer<UInt8>) -> Int64? {
        func matches(_ word: StaticString) -> Bool {
            guard bytes.count == word.utf8CodeUnitCount else { return false }
            let w = word.utf8Start
            for i in 0..<bytes.count where bytes[i] | 0x20 != w[i] { return false }
            return true
        }
        if matches("true") { return 1 }
        if matches("false") { return 0 }
        return nil
    }

    /// `YYYY-MM-DD` as unix seconds at midnight UTC.
    static func date(_ bytes: UnsafeBufferPointer<UInt8>) -> Int64? {
        guard bytes.count == 10 else { return nil }
        return dayStart(bytes)
    }

    /// `YYYY-MM-DD HH:MM`, `YYYY-MM-DD HH:MM:SS` (a `T` may replace the space, a trailing `Z` is
    /// allowed) as unix seconds, read as UTC.
    static func timestamp(_ bytes: UnsafeBufferPointer<UInt8>) -> Int64? {
        var count = bytes.count
        if count > 0, bytes[count - 1] == 0x5A { count -= 1 }
        guard count == 16 || count == 19, let day = dayStart(bytes),
              bytes[10] == 0x20 || bytes[10] == 0x54, bytes[13] == 0x3A else { return nil }
        guard let hour = digits(bytes, 11, 2), let minute = digits(bytes, 14, 2), hour < 24, minute < 60
        else { return nil }
        var second: Int64 = 0
        if count == 19 {
            guard bytes[16] == 0x3A, let s = digits(bytes, 17, 2), s < 60 else { return nil }
            second = s
        }
        return day + hour * 3600 + minute * 60 + second
    }

    private static func dayStart(_ bytes: UnsafeBufferPointer<UInt8>) -> Int64? {
        guard bytes.count >= 10, bytes[4] == 0x2D, bytes[7] == 0x2D,
              let year = digits(bytes, 0, 4), let month = digits(bytes, 5, 2), let day = digits(bytes, 8, 2),
              (1...12).contains(month), day >= 1, day <= CivilDate.daysInMonth(year: year, month: month)
        else { return nil }
        return CivilDate(year: year, month: month, day: day).dayNumber * 86_400
    }

    private static func digits(_ bytes: UnsafeBufferPointer<UInt8>, _ at: Int, _ length: Int) -> Int64? {
        var value: Int64 = 0
        for i in at..<(at + length) {
            let digit = bytes[i] &- 0x30
            guard digit < 10 else { return nil }
            value = value * 10 + Int64(digit)
        }
        return value
    }
}
