/// tei's `lower` and `upper`: Unicode's simple case mapping, one code point to one code point, with
/// no locale and no context. So Russian, Spanish and Greek letters change case, letters without
/// case (Arabic, Chinese) are left as they are, `ß` stays `ß` in upper case (the full mapping's
/// `SS` would change the length), and Greek capital sigma is always `σ`, never the final `ς`.
/// The simple mapping is what DuckDB and PostgreSQL's built-in `C.UTF-8` provider use, so another
/// dialect can give the same answers.
public enum CaseMapping {
    public enum Direction: Sendable { case lower, upper }

    /// The text of `bytes` (UTF-8) in the case `direction`, or nil when no letter changes (most
    /// hashtags are already lower case: the caller then hands back the argument, copying nothing).
    static func map(_ bytes: UnsafeBufferPointer<UInt8>, _ direction: Direction) -> [UInt8]? {
        let (from, to): (UInt8, UInt8) = direction == .lower ? (0x41, 0x5A) : (0x61, 0x7A)
        var ascii = true, asciiChanges = false
        for byte in bytes {
            if byte >= 0x80 { ascii = false; break }
            if (from...to).contains(byte) { asciiChanges = true }
        }
        // ASCII text (most hashtags, mentions, URLs) is mapped in one pass over its bytes.
        if ascii { return asciiChanges ? bytes.map { (from...to).contains($0) ? $0 ^ 0x20 : $0 } : nil }
        let table = direction == .lower ? lowerTable : upperTable
        var result: [UInt8] = []
        var changed = false
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte < 0x80 {
                let mapped = (from...to).contains(byte) ? byte ^ 0x20 : byte
                if mapped != byte, !changed { result = Array(bytes[..<index]); result.reserveCapacity(bytes.count + 8); changed = true }
                if changed { result.append(mapped) }
                index += 1
                continue
            }
            // Text that is not UTF-8 (tei never stores any) keeps its bytes.
            guard let (scalar, length) = decode(bytes, at: index) else {
                if changed { result.append(byte) }
                index += 1
                continue
            }
            let mapped = Self.mapped(scalar, table, direction)
            if mapped != scalar, !changed { result = Array(bytes[..<index]); result.reserveCapacity(bytes.count + 8); changed = true }
            if changed {
                if mapped == scalar { result.append(contentsOf: bytes[index..<(index + length)]) } else { result.append(contentsOf: UTF8.encode(Unicode.Scalar(mapped)!)!) }
            }
            index += length
        }
        return changed ? result : nil
    }

    /// The case `direction` of the code point `value` (valid: not a surrogate), as `map` gives it;
    /// `table` is the direction's (`lowerTable`), which a caller reading many code points fetches once.
    static func mapped(_ value: UInt32, _ table: [UInt32], _ direction: Direction) -> UInt32 {
        value < 0x10000 ? table[Int(value)] : simple(Unicode.Scalar(value)!, direction).value
    }

    /// The simple mappings of the Basic Multilingual Plane, made once (about 50 ms): asking Swift
    /// for a code point's mapping builds a `String`, which made `lower(tweet_text)` four times
    /// slower than SQLite's ASCII-only `lower` on a million tweets.
    static let lowerTable = bmpTable(.lower)
    private static let upperTable = bmpTable(.upper)

    private static func bmpTable(_ direction: Direction) -> [UInt32] {
        (0..<UInt32(0x10000)).map { value in Unicode.Scalar(value).map { simple($0, direction).value } ?? value }
    }

    /// The code point of the UTF-8 sequence starting at `index` and its length, or nil when the
    /// bytes there are not one.
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (UInt32, Int)? {
        let lead = bytes[index]
        let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 0
        guard length > 0, index + length <= bytes.count else { return nil }
        var value = UInt32(lead) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
        for offset in 1..<length {
            let continuation = bytes[index + offset]
            guard continuation & 0xC0 == 0x80 else { return nil }
            value = value << 6 | UInt32(continuation & 0x3F)
        }
        return Unicode.Scalar(value) == nil ? nil : (value, length)
    }

    /// The simple mapping of one code point. Swift exposes the full mappings; where a full mapping
    /// is several code points, the simple one is the first of the lower-case mapping (only `İ`,
    /// whose simple lower case is `i`), and for upper case the title-case mapping when that is a
    /// single code point (`ᾳ` → `ᾼ`), else none (`ß`, `ﬀ`).
    public static func simple(_ scalar: Unicode.Scalar, _ direction: Direction) -> Unicode.Scalar {
        if scalar.isASCII {
            let v = scalar.value
            switch direction {
            case .lower: return (0x41...0x5A).contains(v) ? Unicode.Scalar(v | 0x20)! : scalar
            case .upper: return (0x61...0x7A).contains(v) ? Unicode.Scalar(v ^ 0x20)! : scalar
            }
        }
        let properties = scalar.properties
        switch direction {
        case .lower:
            return properties.lowercaseMapping.unicodeScalars.first ?? scalar
        case .upper:
            let full = properties.uppercaseMapping.unicodeScalars
            if full.count == 1 { return full.first! }
            let title = properties.titlecaseMapping.unicodeScalars
            return title.count == 1 ? title.first! : scalar
        }
    }
}
