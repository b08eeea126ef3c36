import Foundation
#if canImport(CZlib)
import CZlib
#else
import zlib
#endif

/// Streams the decompressed bytes of a gzip file (all members, CRC checked by zlib).
///
/// zlib comes with ZIPFoundation; its `Data.decompress` is not used because it handles only raw
/// deflate and tells zlib a full buffer is available even when the last chunk is shorter.
enum GzipReader {
    /// Thrown when the file ends before the gzip stream does.
    struct Truncated: Error {}
    /// Thrown when zlib finds the data invalid.
    struct Damaged: Error { var message: String }

    static func stream(_ file: URL, chunkSize: Int, _ body: (UnsafeRawBufferPointer) throws -> Void,
                       progress: (Int64) -> Void) throws {
        let fd = open(file.path, O_RDONLY)
        guard fd >= 0 else {
            throw LoadError(file: file.path, message: "cannot read the file: \(String(cString: strerror(errno)))")
        }
        defer { close(fd) }
        var stream = z_stream()
        // 16 + MAX_WBITS: expect a gzip header and trailer.
        guard inflateInit2_(&stream, 16 + MAX_WBITS, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw Damaged(message: "cannot start zlib")
        }
        defer { inflateEnd(&stream) }
        let input = UnsafeMutablePointer<UInt8>.allocate(capacity: chunkSize)
        let output = UnsafeMutablePointer<UInt8>.allocate(capacity: chunkSize)
        defer { input.deallocate(); output.deallocate() }
        var atStreamEnd = false
        while true {
            let n = read(fd, input, chunkSize)
            if n < 0 {
                if errno == EINTR { continue }
                throw LoadError(file: file.path, message: "cannot read the file: \(String(cString: strerror(errno)))")
            }
            if n == 0 {
                if atStreamEnd { return }
                throw Truncated()
            }
            progress(Int64(n))
            stream.next_in = input
            stream.avail_in = UInt32(n)
            while stream.avail_in > 0 {
                if atStreamEnd {
                    // Another gzip member follows (as `cat a.gz b.gz` makes).
                    guard inflateReset(&stream) == Z_OK else { throw Damaged(message: "cannot restart zlib") }
                    atStreamEnd = false
                }
                stream.next_out = output
                stream.avail_out = UInt32(chunkSize)
                let result = inflate(&stream, Z_NO_FLUSH)
                switch result {
                case Z_OK, Z_BUF_ERROR: break
                case Z_STREAM_END: atStreamEnd = true
                default:
                    throw Damaged(message: stream.msg.map { String(cString: $0) } ?? "zlib error \(result)")
                }
                let produced = chunkSize - Int(stream.avail_out)
                if produced > 0 { try body(UnsafeRawBufferPointer(start: output, count: produced)) }
                if result == Z_BUF_ERROR && produced == 0 { break }
            }
        }
    }
}
