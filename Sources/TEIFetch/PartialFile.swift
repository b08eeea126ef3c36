import CFetchSupport
import Foundation
import TEIStorage

/// The file a download streams into, `.NAME.tei-fetch-partial` beside its target. It outlives a
/// failed or interrupted run on purpose: the next run resumes from its size with an HTTP Range
/// request. It is renamed onto the target only once complete and verified.
final class PartialFile {
    let path: String
    /// The name in messages.
    private let displayPath: String
    private let descriptor: Int32

    /// Opens (or creates) the partial file of `target` and locks it, so two runs never write one file.
    init(target: URL, displayPath: String) throws {
        path = target.deletingLastPathComponent().appendingPathComponent(".\(target.lastPathComponent).tei-fetch-partial").path
        self.displayPath = displayPath
        descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else { throw FileWriteError(path: displayPath, errno: errno) }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            close(descriptor)
            throw FileWriteError(path: displayPath, reason: "another tei fetch is downloading it",
                                 hint: "wait for that run to finish, or fetch into another folder")
        }
    }

    deinit { close(descriptor) }

    /// The bytes downloaded so far.
    var size: Int64 {
        var info = stat()
        return fstat(descriptor, &info) == 0 ? Int64(info.st_size) : 0
    }

    /// The validator of the server's version the bytes came from (`HTTPReply.resumeValidator`), as
    /// recorded on the file; nil when none was (or the file system keeps no extended attributes).
    var validator: String? {
        var buffer = [CChar](repeating: 0, count: 512)
        let count = tei_get_validator(descriptor, &buffer, buffer.count)
        guard count > 0 else { return nil }
        return String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Records (or, with nil, forgets) the validator of the version being downloaded; best effort.
    func record(validator: String?) {
        _ = tei_set_validator(descriptor, validator ?? "")
    }

    /// Drops what was downloaded, to start again from the first byte.
    func empty() throws {
        guard ftruncate(descriptor, 0) == 0 else { throw FileWriteError(path: displayPath, errno: errno) }
    }

    /// A buffered sink appending at the end of the file.
    func appendingSink() throws -> FileDescriptorSink {
        guard lseek(descriptor, 0, SEEK_END) >= 0 else { throw FileWriteError(path: displayPath, errno: errno) }
        return FileDescriptorSink(descriptor: descriptor, name: displayPath)
    }

    /// The digests of the whole file, read in pieces so memory stays bounded.
    func digests(wanted: FileDigests.Wanted) throws -> FileDigests {
        try FileDigests.of(descriptor: descriptor, displayPath: displayPath, wanted: wanted)
    }

    /// Flushes the file to the disk and renames it onto `target`.
    func commit(to target: URL) throws {
        guard fsync(descriptor) == 0 else { throw FileWriteError(path: displayPath, errno: errno) }
        guard rename(path, target.path) == 0 else { throw FileWriteError(path: displayPath, errno: errno) }
        let folder = open(target.deletingLastPathComponent().path, O_RDONLY | O_DIRECTORY)
        if folder >= 0 {
            fsync(folder)
            close(folder)
        }
    }

    /// Removes the file: its bytes failed verification, so resuming from them would fail again.
    func discard() {
        unlink(path)
    }
}
