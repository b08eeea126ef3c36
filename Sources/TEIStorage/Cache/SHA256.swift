import CSHA256

/// SHA-256 (FIPS 180-4), incremental. Linux Foundation has no CryptoKit and the package allows no
/// crypto dependency; the importer needs a digest for each source file's provenance and the cache
/// needs a content fingerprint.
///
/// A thin wrapper over the C target CSHA256, because hashing a large import in Swift kept a core
/// busy for most of the import: C can use the x86 SHA extensions (chosen at run time, with a
/// portable C fallback) without package-wide compiler flags. A value copy forks the digest.
public struct SHA256 {
    private var context = tei_sha256_context()

    /// Starts a digest using the SHA extensions when the CPU has them.
    public init() {
        tei_sha256_init(&context)
    }

    /// A compression function to force, for tests that check one against the other.
    enum Engine {
        /// The portable C code, which every build has.
        case portable
        /// The x86 SHA extensions.
        case hardware
    }

    /// Starts a digest on `engine` instead of the one `init()` would choose; nil when `engine`
    /// is `.hardware` and the CPU lacks the SHA extensions.
    init?(forcing engine: Engine) {
        let choice = engine == .portable ? TEI_SHA256_PORTABLE : TEI_SHA256_HARDWARE
        guard tei_sha256_init_using(&context, choice) != 0 else { return nil }
    }

    /// Whether this CPU has the SHA extensions that `init()` uses.
    static var hardwareAvailable: Bool { tei_sha256_hardware_available() != 0 }

    /// Adds bytes to the message.
    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
        tei_sha256_update(&context, base, bytes.count)
    }

    /// Adds bytes to the message; contiguous collections (Array, Data) are hashed in place.
    mutating func update<C: Collection>(_ bytes: C) where C.Element == UInt8 {
        let done: Void? = bytes.withContiguousStorageIfAvailable { update(UnsafeRawBufferPointer($0)) }
        if done == nil { Array(bytes).withUnsafeBytes { update($0) } }
    }

    /// The 32-byte digest. Ends the message: call no other method afterwards.
    mutating func finalize() -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: 32) { buffer, count in
            tei_sha256_final(&context, buffer.baseAddress!)
            count = 32
        }
    }

    /// The digest as 64 lowercase hex digits. Ends the message: call no other method afterwards.
    public mutating func finalizeHex() -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(64)
        for byte in finalize() {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
