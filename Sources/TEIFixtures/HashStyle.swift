/// How a hashed release writes the ids (and names) of accounts under 5,000 followers.
public enum HashStyle: Sendable {
    /// 64 lowercase hexadecimal characters (2018 releases).
    case hex64
    /// 44 characters of base64 ending in `=`, with every `/` removed, so 40 to 44 long (2019 on).
    case base64WithoutSlashes

    /// The hash this style writes for the account with `numericID`.
    ///
    /// The bytes come from a keyed mix of the id rather than a cryptographic hash: the fixtures only
    /// need stable, unique-looking values of the right shape, not secrecy.
    public func hash(of numericID: UInt64) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(32)
        for lane in UInt64(1)...4 {
            var word = SplitMix64.mix(numericID &* 0x2545_F491_4F6C_DD1D ^ SplitMix64.mix(lane &* 0x7F4A_7C15))
            for _ in 0..<8 {
                bytes.append(UInt8(truncatingIfNeeded: word))
                word >>= 8
            }
        }
        switch self {
        case .hex64:
            return Self.hex(bytes)
        case .base64WithoutSlashes:
            return String(Self.base64(bytes).filter { $0 != "/" })
        }
    }

    private static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func base64(_ bytes: [UInt8]) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
        var out: [UInt8] = []
        var index = 0
        while index < bytes.count {
            let remaining = bytes.count - index
            let b0 = UInt32(bytes[index])
            let b1 = remaining > 1 ? UInt32(bytes[index + 1]) : 0
            let b2 = remaining > 2 ? UInt32(bytes[index + 2]) : 0
            let triple = b0 << 16 | b1 << 8 | b2
            out.append(alphabet[Int(triple >> 18 & 63)])
            out.append(alphabet[Int(triple >> 12 & 63)])
            out.append(remaining > 1 ? alphabet[Int(triple >> 6 & 63)] : UInt8(ascii: "="))
            out.append(remaining > 2 ? alphabet[Int(triple & 63)] : UInt8(ascii: "="))
            index += 3
        }
        return String(decoding: out, as: UTF8.self)
    }
}
