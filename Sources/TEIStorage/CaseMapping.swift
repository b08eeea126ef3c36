/// tei's `lower` and `upper`: Unicode's simple case mapping, one code point to one code point, with
/// no locale and no context. So Russian, Spanish and Greek letters change case, letters without
/// case (Arabic, Chinese) are left as they are, `ß` stays `ß` in upper case (the full mapping's
/// `SS` would change the length), and Greek capital sigma is always `σ`, never the final `ς`.
/// The simple mapping is what DuckDB and PostgreSQL's built-in `C.UTF-8` provider use, so another
/// dialect can give the same answers.
enum CaseMapping {
    enum Direction { case lower, upper }

    /// The text of `bytes` (UTF-8) in the case `direction`, or nil when no letter changes (most
    /// hashtags are already lower case: the caller then hands back the argument, copying nothing).
    static func map(_ bytes: UnsafeBufferPointer<UInt8>, _ direction: Direction) -> [UInt8]? {
        let (from, to): (UInt8, UInt8) = direction == .lower ? (0x41, 0x5A) : (0x61, 0x7A)
        var ascii = true, changes = false
        for byte in bytes {
            if byte >= 0x80 { ascii = false; break }
            if (from...to).contains(byte) { changes = true }
        }
        // ASCII text is mapped byte by byte, without decoding.
        if ascii { return changes ? bytes.map { (from...to).contains($0) ? $0 ^ 0x20 : $0 } : nil }
        var result = String.UnicodeScalarView()
        for scalar in String(decoding: bytes, as: UTF8.self).unicodeScalars {
            result.append(simple(scalar, direction))
        }
        let mapped = Array(String(result).utf8)
        return mapped.elementsEqual(bytes) ? nil : mapped
    }

    /// The simple mapping of one code point. Swift exposes the full mappings; where a full mapping
    /// is several code points, the simple one is the first of the lower-case mapping (only `İ`,
    /// whose simple lower case is `i`), and for upper case the title-case mapping when that is a
    /// single code point (`ᾳ` → `ᾼ`), else none (`ß`, `ﬀ`).
    static func simple(_ scalar: Unicode.Scalar, _ direction: Direction) -> Unicode.Scalar {
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
