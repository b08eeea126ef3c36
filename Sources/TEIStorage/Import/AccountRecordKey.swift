import Foundation

/// Spells an account record (the user fields of a tweet other than `userid`) as the key of the
/// account record dictionary, compactly enough that every record of a 9M-tweet release stays in
/// memory (`TableBuilder.DictionaryMemory`).
///
/// The spelling is one-to-one: two records get the same key exactly when every field has the same
/// bytes, so the dictionary gives the same ids to the same records as a plain concatenation
/// would, and the cache does not depend on it. Each field is a header — a LEB128 number,
/// `length << 2 | form` — and then its bytes in that form:
/// - `literal`: the field's bytes;
/// - `hex`: an even number of lowercase hex digits, two a byte (the hashed names of a release are
///   64 of them);
/// - `sameAsPrevious`: the bytes of the field before it, none written (a hashed release repeats
///   the hashed display name as the screen name).
///
/// A record of the generated 9M release takes 104 bytes this way on average, against 227 as
/// four-byte lengths and fields (Benchmarks/README.md).
enum AccountRecordKey {
    private enum Form: UInt64 {
        case literal = 0
        case hex = 1
        case sameAsPrevious = 2
    }

    /// Replaces the contents of `key` with the key of the record made of `fields[c]` for each `c`
    /// of `columns`, in order.
    static func spell(_ columns: [Int], of fields: [UnsafeBufferPointer<UInt8>], into key: ScratchBytes) {
        key.removeAll()
        var previous: UnsafeBufferPointer<UInt8>?
        for column in columns {
            let field = fields[column]
            defer { previous = field }
            if let previous, equal(previous, field) {
                appendHeader(length: 0, form: .sameAsPrevious, to: key)
            } else if !appendHex(field, to: key) {
                appendHeader(length: field.count, form: .literal, to: key)
                key.append(field)
            }
        }
    }

    private static func equal(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard a.count == b.count else { return false }
        guard a.count > 0, let left = a.baseAddress, let right = b.baseAddress else { return true }
        return memcmp(left, right, a.count) == 0
    }

    private static func appendHeader(length: Int, form: Form, to key: ScratchBytes) {
        var value = UInt64(length) << 2 | form.rawValue
        while value >= 0x80 {
            key.extend(by: 1)[0] = UInt8(truncatingIfNeeded: value) | 0x80
            value >>= 7
        }
        key.extend(by: 1)[0] = UInt8(value)
    }

    /// Appends `field` in the `hex` form when it is one; otherwise leaves `key` as it was.
    private static func appendHex(_ field: UnsafeBufferPointer<UInt8>, to key: ScratchBytes) -> Bool {
        guard !field.isEmpty, field.count % 2 == 0 else { return false }
        let start = key.count
        appendHeader(length: field.count / 2, form: .hex, to: key)
        let packed = key.extend(by: field.count / 2)
        return nibble.withUnsafeBufferPointer { nibble in
            for index in 0..<field.count / 2 {
                let high = nibble[Int(field[2 * index])], low = nibble[Int(field[2 * index + 1])]
                guard (high | low) < 0x10 else {
                    key.truncate(to: start)
                    return false
                }
                packed[index] = high << 4 | low
            }
            return true
        }
    }

    /// The value of each lowercase hex digit, 0xFF for every other byte.
    private static let nibble: [UInt8] = (0...255).map { byte in
        switch UInt8(byte) {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt8(byte) - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return UInt8(byte) - UInt8(ascii: "a") + 10
        default: return 0xFF
        }
    }
}
