import CSHA256

/// HMAC-SHA256 (RFC 2104) over the project's SHA-256, for signing Jupyter messages.
public struct HMACSHA256 {
    private static let blockSize = 64
    private var inner = tei_sha256_context()
    private var outerKey: [UInt8]

    /// Starts a MAC keyed with `key`; a key longer than a block is hashed first, as the RFC says.
    public init(key: [UInt8]) {
        var block = key.count > Self.blockSize ? Self.digest(key) : key
        block += [UInt8](repeating: 0, count: Self.blockSize - block.count)
        outerKey = block.map { $0 ^ 0x5c }
        tei_sha256_init(&inner)
        let innerKey = block.map { $0 ^ 0x36 }
        tei_sha256_update(&inner, innerKey, innerKey.count)
    }

    /// Adds `bytes` to the message.
    public mutating func update(_ bytes: [UInt8]) {
        tei_sha256_update(&inner, bytes, bytes.count)
    }

    /// The 32-byte MAC of everything added.
    public mutating func finish() -> [UInt8] {
        var innerDigest = [UInt8](repeating: 0, count: 32)
        tei_sha256_final(&inner, &innerDigest)
        return Self.digest(outerKey + innerDigest)
    }

    /// The MAC of `message` under `key`, as lowercase hexadecimal (the form Jupyter sends).
    public static func hex(key: [UInt8], message: [[UInt8]]) -> String {
        var mac = HMACSHA256(key: key)
        for part in message { mac.update(part) }
        let digits = Array("0123456789abcdef")
        return String(mac.finish().flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 0x0f)]] })
    }

    private static func digest(_ bytes: [UInt8]) -> [UInt8] {
        var context = tei_sha256_context()
        tei_sha256_init(&context)
        tei_sha256_update(&context, bytes, bytes.count)
        var digest = [UInt8](repeating: 0, count: 32)
        tei_sha256_final(&context, &digest)
        return digest
    }
}
