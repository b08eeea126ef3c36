/// Reads the list columns of the TEI releases (hashtags, urls, user_mentions), which are not JSON:
///
/// - 2018: `[STOPNazi, USA]` — bare items separated by `, ` (URLs may hold commas, never `, `);
/// - 2019 on: Python repr, `['SyrianArmy', 'Hama']` or `["it's"]`, with Python's escapes;
/// - mentions in both eras: `[1536791610, 0]`;
/// - an empty list is `[]` or an empty field.
///
/// The items go into a reusable flat buffer, and `json` renders them as the JSON array of strings
/// that stores a `list` value.
struct ListDecoder {
    /// The items' bytes, one after another.
    private(set) var storage: [UInt8] = []
    /// Where each item ends in `storage`.
    private(set) var ends: [Int] = []
    /// The JSON text of the last decoded list.
    private(set) var json: [UInt8] = []

    var count: Int { ends.count }

    /// The bytes of item `index`.
    func item(_ index: Int) -> ArraySlice<UInt8> {
        storage[(index == 0 ? 0 : ends[index - 1])..<ends[index]]
    }

    /// Decodes `bytes` (already clean UTF-8); false when they are not a list in any TEI encoding.
    mutating func decode(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        storage.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
        defer { renderJSON() }
        var lo = 0, hi = bytes.count
        while lo < hi, bytes[lo] == 0x20 { lo += 1 }
        while hi > lo, bytes[hi - 1] == 0x20 { hi -= 1 }
        if lo == hi { return true }
        guard bytes[lo] == 0x5B, hi - lo >= 2, bytes[hi - 1] == 0x5D else { return false }
        lo += 1
        hi -= 1
        while lo < hi, bytes[lo] == 0x20 { lo += 1 }
        if lo == hi { return true }
        if bytes[lo] == 0x27 || bytes[lo] == 0x22 {
            return decodePython(bytes, lo, hi)
        }
        decodeBare(bytes, lo, hi)
        return true
    }

    private mutating func decodeBare(_ bytes: UnsafeBufferPointer<UInt8>, _ lo: Int, _ hi: Int) {
        var itemStart = lo
        var i = lo
        while i < hi {
            if bytes[i] == 0x2C, i + 1 < hi, bytes[i + 1] == 0x20 {
                storage.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[itemStart..<i]))
                ends.append(storage.count)
                i += 2
                itemStart = i
            } else {
                i += 1
            }
        }
        storage.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[itemStart..<hi]))
        ends.append(storage.count)
    }

    private mutating func decodePython(_ bytes: UnsafeBufferPointer<UInt8>, _ lo: Int, _ hi: Int) -> Bool {
        var i = lo
        while i < hi {
            let quote = bytes[i]
            guard quote == 0x27 || quote == 0x22 else { return false }
            i += 1
            var closed = false
            while i < hi {
                let b = bytes[i]
                if b == quote { closed = true; i += 1; break }
                if b == 0x5C, i + 1 < hi {
                    i = appendEscape(bytes, i + 1, hi)
                    continue
                }
                storage.append(b)
                i += 1
            }
            guard closed else { return false }
            ends.append(storage.count)
            while i < hi, bytes[i] == 0x20 { i += 1 }
            if i == hi { return true }
            guard bytes[i] == 0x2C else { return false }
            i += 1
            while i < hi, bytes[i] == 0x20 { i += 1 }
        }
        return true
    }

    /// Appends the character of the Python escape whose letter is at `i`; returns the next index.
    private mutating func appendEscape(_ bytes: UnsafeBufferPointer<UInt8>, _ i: Int, _ hi: Int) -> Int {
        let letter = bytes[i]
        func hex(_ length: Int) -> UInt32? {
            guard i + length < hi + 1, i + length <= hi else { return nil }
            var value: UInt32 = 0
            for k in 1...length {
                guard let d = hexDigit(bytes[i + k]) else { return nil }
                value = value << 4 | UInt32(d)
            }
            return value
        }
        switch letter {
        case 0x6E: storage.append(0x0A); return i + 1          // \n
        case 0x74: storage.append(0x09); return i + 1          // \t
        case 0x72: storage.append(0x0D); return i + 1          // \r
        case 0x78, 0x75, 0x55:                                  // \xNN \uNNNN \UNNNNNNNN
            let length = letter == 0x78 ? 2 : (letter == 0x75 ? 4 : 8)
            if let scalar = hex(length).flatMap(Unicode.Scalar.init) {
                storage.append(contentsOf: Array(String(Character(scalar)).utf8))
                return i + 1 + length
            }
            storage.append(0x5C)
            return i
        default:                                                // \\ \' \" and anything else
            storage.append(letter)
            return i + 1
        }
    }

    private func hexDigit(_ b: UInt8) -> UInt8? {
        switch b {
        case 0x30...0x39: return b - 0x30
        case 0x41...0x46: return b - 0x41 + 10
        case 0x61...0x66: return b - 0x61 + 10
        default: return nil
        }
    }

    private mutating func renderJSON() {
        json.removeAll(keepingCapacity: true)
        json.append(0x5B)
        var itemStart = 0
        for (index, end) in ends.enumerated() {
            if index > 0 { json.append(0x2C) }
            JSONText.appendString(storage[itemStart..<end], to: &json)
            itemStart = end
        }
        json.append(0x5D)
    }
}

/// Writes JSON string literals from UTF-8 bytes.
enum JSONText {
    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    /// The JSON array of the texts `items` (UTF-8): how a list value is stored.
    static func array(_ items: [[UInt8]]) -> [UInt8] {
        var json: [UInt8] = [0x5B]
        for (index, item) in items.enumerated() {
            if index > 0 { json.append(0x2C) }
            appendString(item, to: &json)
        }
        json.append(0x5D)
        return json
    }

    static func appendString<C: Collection>(_ bytes: C, to json: inout [UInt8]) where C.Element == UInt8 {
        json.append(0x22)
        for b in bytes {
            switch b {
            case 0x22: json.append(0x5C); json.append(0x22)
            case 0x5C: json.append(0x5C); json.append(0x5C)
            case 0x0A: json.append(0x5C); json.append(0x6E)
            case 0x0D: json.append(0x5C); json.append(0x72)
            case 0x09: json.append(0x5C); json.append(0x74)
            case 0..<0x20:
                json.append(contentsOf: [0x5C, 0x75, 0x30, 0x30, hexDigits[Int(b >> 4)], hexDigits[Int(b & 0xF)]])
            default: json.append(b)
            }
        }
        json.append(0x22)
    }
}
