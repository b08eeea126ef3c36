import Foundation
#if canImport(CZlib)
import CZlib
#else
import zlib
#endif

/// Compresses what is written into a gzip stream (one member), passed on to `next`.
public final class GzipSink: DataSink {
    private let next: DataSink
    private var stream = z_stream()
    private let output: UnsafeMutablePointer<UInt8>
    private static let chunkSize = 1 << 16

    public init(_ next: DataSink) throws {
        self.next = next
        output = .allocate(capacity: Self.chunkSize)
        // 16 + MAX_WBITS: a gzip header and trailer around the deflate stream, as gunzip expects.
        guard deflateInit2_(&stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY,
                            ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            output.deallocate()
            throw FileWriteError(path: "the gzip stream", reason: "zlib could not start")
        }
    }

    deinit {
        deflateEnd(&stream)
        output.deallocate()
    }

    public func write(_ bytes: UnsafeRawBufferPointer) throws {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
        stream.next_in = UnsafeMutablePointer(mutating: base.assumingMemoryBound(to: UInt8.self))
        stream.avail_in = UInt32(bytes.count)
        try deflate(flush: Z_NO_FLUSH)
    }

    public func finish() throws {
        stream.next_in = nil
        stream.avail_in = 0
        try deflate(flush: Z_FINISH)
        try next.finish()
    }

    /// Runs deflate until it has taken all input (and, with Z_FINISH, ended the stream).
    private func deflate(flush: Int32) throws {
        repeat {
            stream.next_out = output
            stream.avail_out = UInt32(Self.chunkSize)
            let result = zlibDeflate(&stream, flush)
            guard result == Z_OK || result == Z_STREAM_END || result == Z_BUF_ERROR else {
                throw FileWriteError(path: "the gzip stream", reason: "zlib failed (\(result))")
            }
            let produced = Self.chunkSize - Int(stream.avail_out)
            if produced > 0 { try next.write(UnsafeRawBufferPointer(start: output, count: produced)) }
            if flush == Z_FINISH && result == Z_STREAM_END { return }
        } while stream.avail_out == 0 || (flush == Z_FINISH)
    }
}

/// zlib's `deflate`, under a name that the method above does not shadow.
private func zlibDeflate(_ stream: UnsafeMutablePointer<z_stream>, _ flush: Int32) -> Int32 {
    deflate(stream, flush)
}
