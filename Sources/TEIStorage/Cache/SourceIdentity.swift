import Foundation

/// What identifies a source file's content without reading all of it: path, size, modification
/// time, change time and a fingerprint (SHA-256 of the size and of the first and last 64 KiB). A
/// cache is reused only while every source file still has the identity recorded in it.
///
/// The change time (`st_ctime`) is what catches an edit in the middle of a file that keeps its
/// size and sets its modification time back (`touch -r`, tools that restore times): the kernel
/// sets it on every write and no program can set it back. It also changes on `chmod`, `chown`
/// and new hard links, which then cost an import that was not needed.
struct SourceIdentity: Equatable, Codable {
    var path: String
    var size: Int64
    var modified: Int64
    var changed: Int64
    var fingerprint: String

    private static let sampleSize = 64 << 10

    init(path: String, size: Int64, modified: Int64, changed: Int64, fingerprint: String) {
        self.path = path
        self.size = size
        self.modified = modified
        self.changed = changed
        self.fingerprint = fingerprint
    }

    init(file: URL) throws {
        var info = stat()
        guard stat(file.path, &info) == 0 else {
            throw LoadError(file: file.path, message: "cannot read the file: \(String(cString: strerror(errno)))")
        }
        path = Self.resolved(file.path)
        size = Int64(info.st_size)
        #if canImport(Darwin)
        let (modification, change) = (info.st_mtimespec, info.st_ctimespec)
        #else
        let (modification, change) = (info.st_mtim, info.st_ctim)
        #endif
        modified = Int64(modification.tv_sec) * 1_000_000_000 + Int64(modification.tv_nsec)
        changed = Int64(change.tv_sec) * 1_000_000_000 + Int64(change.tv_nsec)
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

    /// `path` as the file system resolves it, every link followed. A file reached through a linked
    /// folder is the same file whichever way a script or the prompt spells it (a script's folder
    /// joined with `../data`, or the working folder as the kernel reports it): recorded as spelled,
    /// the cache of a 9M release was imported again each time the spelling changed.
    private static func resolved(_ path: String) -> String {
        guard let real = realpath(path, nil) else { return path }
        defer { free(real) }
        return String(cString: real)
    }
}
