import CFetchSupport
import Foundation
import TEIStorage

/// The digests of a file as saved: always its SHA-256 (for `FETCHED.md`), and the MD5 and CRC32C
/// when a bucket listing gives them to check against. All are computed in one pass over the file,
/// read in pieces so memory stays bounded. Hex, lowercase; the CRC32C as 8 digits, big-endian as
/// Cloud Storage writes it.
struct FileDigests: Sendable, Equatable {
    var sha256: String
    var md5: String?
    var crc32c: String?

    /// Which digests beyond SHA-256 to compute.
    struct Wanted {
        var md5 = false
        var crc32c = false

        /// Those `item` gives, to check the download against.
        init(for item: FetchItem) {
            md5 = item.expectedMD5 != nil
            crc32c = item.expectedCRC32C != nil
        }
    }

    /// The digests of the file open at `descriptor`, from its first byte.
    static func of(descriptor: Int32, displayPath: String, wanted: Wanted) throws -> FileDigests {
        var sha256 = SHA256()
        var md5 = tei_md5_context()
        tei_md5_init(&md5)
        var crc: UInt32 = 0
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        var offset: off_t = 0
        while true {
            let count = buffer.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, offset) }
            if count < 0 {
                if errno == EINTR { continue }
                throw FileWriteError(path: displayPath, errno: errno)
            }
            if count == 0 { break }
            buffer.withUnsafeBytes { bytes in
                let piece = UnsafeRawBufferPointer(rebasing: bytes[..<count])
                sha256.update(piece)
                if wanted.md5 { tei_md5_update(&md5, piece.baseAddress, count) }
                if wanted.crc32c { crc = tei_crc32c_update(crc, piece.baseAddress, count) }
            }
            offset += off_t(count)
        }
        var md5Digest = [UInt8](repeating: 0, count: 16)
        tei_md5_final(&md5, &md5Digest)
        return FileDigests(sha256: sha256.finalizeHex(),
                           md5: wanted.md5 ? md5Digest.map { String(format: "%02x", $0) }.joined() : nil,
                           crc32c: wanted.crc32c ? String(format: "%08x", crc) : nil)
    }

    /// The digests of the file at `path`.
    static func of(fileAt path: String, displayPath: String, wanted: Wanted) throws -> FileDigests {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw FileWriteError(path: displayPath, errno: errno) }
        defer { close(descriptor) }
        return try of(descriptor: descriptor, displayPath: displayPath, wanted: wanted)
    }

    /// The first digest `item` gives that these differ from, as (name, computed, expected); nil when all agree.
    func mismatch(with item: FetchItem) -> (name: String, computed: String, expected: String)? {
        let pairs: [(String, String?, String?)] = [("SHA-256", sha256, item.expectedSHA256), ("MD5", md5, item.expectedMD5),
                                                   ("CRC32C", crc32c, item.expectedCRC32C)]
        for (name, computed, expected) in pairs {
            if let expected, let computed, computed != expected { return (name, computed, expected) }
        }
        return nil
    }
}

/// What an HTTP server says identifies a version of a file: on a rerun, a file fetched from a plain
/// address counts as changed when any of these differs from what was recorded.
struct RemoteValidators: Sendable, Equatable {
    var etag: String?
    var lastModified: String?
    var contentLength: Int64?

    /// Whether `self` (a HEAD now) and `recorded` name the same version: no validator both have
    /// differs, and at least one is in both (with none, nothing shows the file is unchanged).
    func sameVersion(as recorded: RemoteValidators) -> Bool {
        var compared = false
        for (now, then) in [(etag, recorded.etag), (lastModified, recorded.lastModified)] {
            guard let now, let then else { continue }
            guard now == then else { return false }
            compared = true
        }
        if let now = contentLength, let then = recorded.contentLength {
            guard now == then else { return false }
            compared = true
        }
        return compared
    }
}
