/// Turns a field's raw bytes into clean UTF-8: doubled quotes collapsed, NUL bytes dropped, invalid
/// UTF-8 sequences replaced by U+FFFD. Most fields need none of this, so `needsCleaning` decides
/// cheaply whether the raw bytes can be used as they are.
enum FieldCleaner {
    /// What cleaning changed, for the load's warnings.
    struct Repairs {
        var droppedNULs = 0
        var replacedSequences = 0
    }

    /// Whether `raw` must go through `clean` (it has a doubled quote, a NUL byte or invalid UTF-8).
    @inline(__always)
    static func needsCleaning(_ raw: UnsafeBufferPointer<UInt8>, escaped: Bool) -> Bool {
        if escaped { return true }
        var i = 0
        let count = raw.count
        guard let base = raw.baseAddress.map(UnsafeRawPointer.init) else { return false }
        while i < count {
            // Eight ASCII bytes without a NUL at a time: most fields are mostly ASCII.
            if count - i >= 8 {
                let word = base.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                let high: UInt64 = 0x8080_8080_8080_8080, low: UInt64 = 0x0101_0101_0101_0101
                if word & high == 0, (word &- low) & ~word & high == 0 {
                    i += 8
                    continue
                }
            }
            let b = raw[i]
            if b == 0 { return true }
            if b < 0x80 { i += 1; continue }
            let length = sequenceLength(raw, at: i)
            if length == 0 { return true }
            i += length
        }
        return false
    }

    /// Appends the cleaned bytes of `raw` to `output` (which it empties first).
    @discardableResult
    static func clean(_ raw: UnsafeBufferPointer<UInt8>, escaped: Bool, into output: inout [UInt8]) -> Repairs {
        output.removeAll(keepingCapacity: true)
        var repairs = Repairs()
        var i = 0
        let count = raw.count
        while i < count {
            let b = raw[i]
            if b == 0x22, escaped, i + 1 < count, raw[i + 1] == 0x22 {
                output.append(0x22)
                i += 2
            } else if b == 0 {
                repairs.droppedNULs += 1
                i += 1
            } else if b < 0x80 {
                output.append(b)
                i += 1
            } else {
                let length = sequenceLength(raw, at: i)
                if length == 0 {
                    output.append(contentsOf: [0xEF, 0xBF, 0xBD])
                    repairs.replacedSequences += 1
                    i += 1
                } else {
                    output.append(contentsOf: UnsafeBufferPointer(rebasing: raw[i..<(i + length)]))
                    i += length
                }
            }
        }
        return repairs
    }

    /// The length of the valid UTF-8 sequence starting at `i` (a non-ASCII lead byte), or 0 when the
    /// bytes there are not valid UTF-8 (overlong forms, surrogates and values past U+10FFFF included).
    @inline(__always)
    static func sequenceLength(_ raw: UnsafeBufferPointer<UInt8>, at i: Int) -> Int {
        let b0 = raw[i]
        let count = raw.count
        func continuation(_ k: Int) -> Bool { i + k < count && raw[i + k] & 0xC0 == 0x80 }
        switch b0 {
        case 0xC2...0xDF:
            return continuation(1) ? 2 : 0
        case 0xE0...0xEF:
            guard continuation(1), continuation(2) else { return 0 }
            let b1 = raw[i + 1]
            if b0 == 0xE0 && b1 < 0xA0 { return 0 }
            if b0 == 0xED && b1 > 0x9F { return 0 }
            return 3
        case 0xF0...0xF4:
            guard continuation(1), continuation(2), continuation(3) else { return 0 }
            let b1 = raw[i + 1]
            if b0 == 0xF0 && b1 < 0x90 { return 0 }
            if b0 == 0xF4 && b1 > 0x8F { return 0 }
            return 4
        default:
            return 0
        }
    }
}
