import Foundation
import ZIPFoundation

/// One CSV stream that goes into a table: a plain file, a gzip file, or one CSV inside a zip.
struct SourceInput {
    enum Container: Equatable {
        case plain
        case gzip
        /// A CSV entry inside the zip file at `file`.
        case zipEntry(path: String)
    }

    /// The file on disk that holds the stream.
    var file: URL
    var container: Container
    /// The name each row keeps in `source_file`: the file name, or `archive.zip/inner.csv`.
    var displayName: String
    /// The bytes the progress bar counts for this stream (for a zip entry its uncompressed size).
    var progressSize: Int64

    /// Where messages say the problem is.
    var messageName: String {
        switch container {
        case .plain, .gzip: return file.path
        case .zipEntry(let path): return file.path + "/" + path
        }
    }

    private static let chunkSize = 1 << 20

    /// Streams the decoded CSV bytes of this input to `body` in chunks; `progress` gets the number
    /// of progress bytes consumed since its last call.
    func stream(_ body: (UnsafeRawBufferPointer) throws -> Void, progress: (Int64) -> Void) throws {
        switch container {
        case .plain: try streamPlain(body, progress: progress)
        case .gzip: try streamGzip(body, progress: progress)
        case .zipEntry(let path): try streamZipEntry(path, body, progress: progress)
        }
    }

    /// Streams the decoded CSV bytes of this input into the caller's buffers: `room` gives the space
    /// for the next bytes (never empty), `filled` is told how many were written at its start;
    /// `progress` as in `stream`. A plain file is read straight into that space; gzip and zip data,
    /// decoded into buffers of their own, are copied there.
    func stream(into room: () throws -> UnsafeMutableRawBufferPointer, filled: (Int) throws -> Void,
                progress: (Int64) -> Void) throws {
        guard container == .plain else {
            return try stream({ chunk in
                var copied = 0
                while copied < chunk.count {
                    let space = try room()
                    let count = min(space.count, chunk.count - copied)
                    space.copyMemory(from: UnsafeRawBufferPointer(rebasing: chunk[copied..<(copied + count)]))
                    copied += count
                    try filled(count)
                }
            }, progress: progress)
        }
        try readPlain(into: room, filled: filled, progress: progress)
    }

    private func streamPlain(_ body: (UnsafeRawBufferPointer) throws -> Void, progress: (Int64) -> Void) throws {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: Self.chunkSize, alignment: 16)
        defer { buffer.deallocate() }
        try readPlain(into: { buffer }, filled: { count in try body(UnsafeRawBufferPointer(rebasing: buffer[0..<count])) },
                      progress: progress)
    }

    private func readPlain(into room: () throws -> UnsafeMutableRawBufferPointer, filled: (Int) throws -> Void,
                           progress: (Int64) -> Void) throws {
        let fd = open(file.path, O_RDONLY)
        guard fd >= 0 else {
            throw LoadError(file: file.path, message: "cannot read the file: \(String(cString: strerror(errno)))")
        }
        defer { close(fd) }
        while true {
            let space = try room()
            let n = read(fd, space.baseAddress, space.count)
            if n < 0 {
                if errno == EINTR { continue }
                throw LoadError(file: file.path, message: "cannot read the file: \(String(cString: strerror(errno)))")
            }
            if n == 0 { return }
            try filled(n)
            progress(Int64(n))
        }
    }

    private func streamGzip(_ body: (UnsafeRawBufferPointer) throws -> Void, progress: (Int64) -> Void) throws {
        do {
            try GzipReader.stream(file, chunkSize: Self.chunkSize, body, progress: progress)
        } catch is GzipReader.Truncated {
            throw LoadError(file: file.path, message: "the gzip file is truncated", hint: "download it again")
        } catch let error as GzipReader.Damaged {
            throw LoadError(file: file.path, message: "the gzip file is damaged (\(error.message))", hint: "download it again")
        }
    }

    private func streamZipEntry(_ path: String, _ body: (UnsafeRawBufferPointer) throws -> Void,
                                progress: (Int64) -> Void) throws {
        let archive = try SourceResolver.openArchive(file)
        guard let entry = archive[path] else {
            throw LoadError(file: file.path, message: "the zip no longer holds \(path)")
        }
        var bodyError: Error?
        let checksum: CRC32
        do {
            checksum = try archive.extract(entry, bufferSize: Self.chunkSize, skipCRC32: false) { data in
                do { try data.withUnsafeBytes { try body($0) } } catch { bodyError = error; throw error }
                progress(Int64(data.count))
            }
        } catch {
            if let bodyError { throw bodyError }
            throw LoadError(file: messageName, message: "the zip entry is damaged or truncated (\(error))",
                            hint: "download the archive again")
        }
        // ZIPFoundation computes the entry's CRC-32 but does not compare it with the archive's:
        // damaged bytes that still decompress would otherwise load as wrong rows.
        guard checksum == entry.checksum else {
            throw LoadError(file: messageName, message: "the zip entry is damaged (its CRC-32 does not match the archive's)",
                            hint: "download the archive again")
        }
    }
}
