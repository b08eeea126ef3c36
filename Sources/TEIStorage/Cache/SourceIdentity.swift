import Foundation

/// What identifies a source file's content without reading all of it: path, size, modification
/// time and a fingerprint (SHA-256 of the size and of the first and last 64 KiB). A cache is reused
/// only while every source file still has the identity recorded in it.
struct SourceIdentity: Equatable, Codable {
    var path: String
    var size: Int64
    var modified: Int64
    var fingerprint: String

    private static let sampleSize = 64 << 10

    init(path: String, size: Int64, modified: Int64, fingerprint: String) {
        self.path = path
        self.size = size
        self.modified = modified
        self.fingerprint = fingerprint
    }

    init(file: URL) throws {
        var info = stat()
        guard stat(file.path, &info) == 0 else {
            throw LoadError(file: file.path, message: "cannot read the file: \(String(cString: strerror(errno)))")
        }
        path = file.path
        size = Int64(info.st_size)
        #if canImport(Darwin)
        let time = info.st_mtimespec
        #else
        let time = info.st_mtim
        #endif
        modified = Int64(time.tv_sec) * 1_000_000_000 + Int64(time.tv_nsec)
        guard let handle = try? FileHandle(forReadingFrom: file) else {
            throw LoadError(file: file.path, message: "cannot read the file: permission denied")
        }
        defer { try? handle.close() }
        var digest = SHA256()
        digest.update(Array(String(size).utf8))
        digest.update(try handle.read(upToCount: Self.sampleSize) ?? Data())
        if size > Int64(Self.sampleSize) {
            try handle.seek(toOffset: UInt64(max(Int64(Self.sampleSize), size - Int64(Self.sampleSize))))
            digest.update(try handle.read(upToCount: Self.sampleSize) ?? Data())
        }
        fingerprint = digest.finalizeHex()
    }
}
