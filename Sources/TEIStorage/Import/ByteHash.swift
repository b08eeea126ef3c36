/// A fast 64-bit hash of a byte string for the importer's in-memory tables (`ByteDictionary`),
/// which hash every dictionary value and every account record of a release: 16 bytes per step
/// through one 64×64→128-bit multiply (the construction of wyhash), where Swift's `Hasher`
/// (SipHash) takes a round per 8 bytes and showed up at a tenth of the importing thread.
///
/// It is not keyed: the tables compare the bytes of every candidate, so a collision costs a
/// comparison, never a wrong id, and the values are a researcher's own files.
enum ByteHash {
    private static let secret0: UInt64 = 0xA076_1D64_78BD_642F
    private static let secret1: UInt64 = 0xE703_7ED1_A0B4_28DB
    private static let secret2: UInt64 = 0x8EBC_6AF0_9C88_C6E3

    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        let count = bytes.count
        guard let base = bytes.baseAddress.map(UnsafeRawPointer.init) else { return mix(secret1, secret2) }
        func word(_ offset: Int) -> UInt64 { UInt64(littleEndian: base.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) }
        func half(_ offset: Int) -> UInt64 { UInt64(UInt32(littleEndian: base.loadUnaligned(fromByteOffset: offset, as: UInt32.self))) }
        var seed = secret0 ^ UInt64(count)
        var offset = 0
        while count - offset > 16 {
            seed = mix(word(offset) ^ secret1, word(offset + 8) ^ seed)
            offset += 16
        }
        // The last 1–16 bytes, read as two words that may overlap (every byte counts once at least).
        let rest = count - offset
        let a: UInt64, b: UInt64
        if rest >= 8 {
            (a, b) = (word(offset), word(offset + rest - 8))
        } else if rest >= 4 {
            (a, b) = (half(offset), half(offset + rest - 4))
        } else if rest > 0 {
            let bytes = base.assumingMemoryBound(to: UInt8.self) + offset
            (a, b) = (UInt64(bytes[0]) << 16 | UInt64(bytes[rest >> 1]) << 8 | UInt64(bytes[rest - 1]), 0)
        } else {
            (a, b) = (0, 0)
        }
        return mix(secret1 ^ UInt64(count), mix(a ^ secret1, b ^ seed))
    }

    /// The hash of three words (a rollup's key), mixed as `hash(_:)` mixes a string's last two
    /// words, without its loop over bytes.
    static func hash(_ a: UInt64, _ b: UInt64, _ c: UInt64) -> UInt64 {
        mix(secret1 ^ c, mix(a ^ secret1, b ^ secret0))
    }

    /// Folds the 128-bit product of `a` and `b` into 64 bits.
    @inline(__always)
    private static func mix(_ a: UInt64, _ b: UInt64) -> UInt64 {
        let product = a.multipliedFullWidth(by: b)
        return product.high ^ product.low
    }
}

/// The slot table of the importer's dictionaries (`ByteDictionary`): a power-of-two array of
/// entries `hash << 32 | n` (n, not 0, names the key), 0 for an empty slot, probed linearly from
/// the slot the hash's low bits name.
enum HashSlots {
    /// The same entries in a table twice as large, each at its first free slot from its hash.
    static func doubled(_ slots: [UInt64]) -> [UInt64] {
        var grown = [UInt64](repeating: 0, count: slots.count * 2)
        let mask = grown.count - 1
        for entry in slots where entry != 0 {
            var slot = Int(truncatingIfNeeded: entry >> 32) & mask
            while grown[slot] != 0 { slot = (slot + 1) & mask }
            grown[slot] = entry
        }
        return grown
    }
}
