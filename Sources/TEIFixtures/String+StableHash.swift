extension String {
    /// A hash of the string that is the same in every process (unlike `hashValue`, which is seeded
    /// per run): FNV-1a over the UTF-8 bytes.
    var stableHash: UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x100_0000_01B3
        }
        return hash
    }
}
