/// Byte-level helpers for TEI values, shared by the SQL functions and the importer.
enum TEIText {
    /// The host of an absolute URL (`scheme://[user@]host[:port]/…`), lowercased, without a leading
    /// `www.`; nil when `bytes` is not such a URL.
    static func domain(ofURL bytes: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        // The scheme: a letter, then letters, digits, `+`, `-`, `.`, then `://`.
        var i = 0
        while i < bytes.count, isSchemeByte(bytes[i], first: i == 0) { i += 1 }
        guard i > 0, i + 3 <= bytes.count, bytes[i] == 0x3A, bytes[i + 1] == 0x2F, bytes[i + 2] == 0x2F else { return nil }
        var start = i + 3
        var end = start
        while end < bytes.count, ![0x2F, 0x3F, 0x23].contains(bytes[end]) { end += 1 }
        // Drop user information and the port.
        if let at = (start..<end).last(where: { bytes[$0] == 0x40 }) { start = at + 1 }
        if let colon = (start..<end).first(where: { bytes[$0] == 0x3A }) { end = colon }
        var host = bytes[start..<end].map { (0x41...0x5A).contains($0) ? $0 | 0x20 : $0 }
        if host.starts(with: Array("www.".utf8)) { host.removeFirst(4) }
        guard !host.isEmpty, host.allSatisfy({ $0 > 0x20 && $0 != 0x5C }) else { return nil }
        return host
    }

    /// Whether `bytes` is a TEI account hash: 64 hex digits (2018 releases) or 40–44 characters of
    /// base64 with every `/` removed, ending in `=` (2019 on).
    static func isHashedID(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        if bytes.count == 64 { return bytes.allSatisfy(isHexDigit) }
        guard (40...44).contains(bytes.count), bytes.last == 0x3D else { return false }
        let body = bytes.prefix { $0 != 0x3D }
        guard bytes.count - body.count <= 2, bytes[body.count...].allSatisfy({ $0 == 0x3D }) else { return false }
        return body.allSatisfy { isAlphanumeric($0) || $0 == 0x2B || $0 == 0x2F }
    }

    private static func isSchemeByte(_ b: UInt8, first: Bool) -> Bool {
        if (0x41...0x5A).contains(b) || (0x61...0x7A).contains(b) { return true }
        return !first && ((0x30...0x39).contains(b) || b == 0x2B || b == 0x2D || b == 0x2E)
    }

    private static func isHexDigit(_ b: UInt8) -> Bool {
        (0x30...0x39).contains(b) || (0x61...0x66).contains(b) || (0x41...0x46).contains(b)
    }

    private static func isAlphanumeric(_ b: UInt8) -> Bool {
        (0x30...0x39).contains(b) || (0x41...0x5A).contains(b) || (0x61...0x7A).contains(b)
    }
}
