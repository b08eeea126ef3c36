import Foundation

/// Writes a file the user named without ever losing data: every file tei writes goes through here.
///
/// The bytes go to a new temporary file beside the target (created with `O_EXCL`), which is
/// flushed with `fsync` and renamed over the target only when complete, so readers see the old
/// file or the new one, never half of one. The writer
/// - never replaces a folder, nor anything but a regular file;
/// - never writes over a file the run reads (`protectedFiles`, compared by device and inode, so a
///   hard link or another spelling of the path is caught too);
/// - writes the target of a symbolic link the user named, and leaves the link in place;
/// - keeps the permissions of a file it replaces;
/// - removes its temporary file on any failure, leaving the target as it was, and the folders it
///   made for the target;
/// - removes the temporaries of the same target left by a writer that was killed (`kill -9`, a
///   crash): a temporary is named `.NAME.tei-PID-XXXXXX`, and one whose process is gone is stale;
/// - refuses a target whose name ends in `/`, which names a folder;
/// - reports failures as `FileWriteError`, in tei's words.
public struct SafeFileWriter {
    public var destination: URL
    /// The target as the user wrote it, for messages.
    public var displayPath: String
    /// Files the run reads (loaded sources), which a write must not replace.
    public var protectedFiles: [URL]

    public init(destination: URL, displayPath: String? = nil, protectedFiles: [URL] = []) {
        self.destination = destination
        self.displayPath = displayPath ?? destination.path
        self.protectedFiles = protectedFiles
    }

    /// Calls `body` with a sink on the temporary file, then moves the finished file into place.
    /// An error from `body` (a failing query) removes the temporary file and is rethrown.
    public func write(_ body: (DataSink) throws -> Void) throws {
        guard !displayPath.hasSuffix("/") else {
            throw FileWriteError(path: displayPath, reason: "a name ending in `/` names a folder",
                                 hint: "name a file, without the `/` at the end")
        }
        let target = try resolvedTarget()
        let existing = Self.status(of: target.path)
        if let existing {
            try refuseToReplace(existing)
        }
        let createdFolders = try createFolders(target.deletingLastPathComponent())
        var renamed = false
        defer {
            if !renamed { createdFolders.removeIfEmpty() }
        }
        removeStaleTemporaries(of: target)
        let (temporary, descriptor) = try createTemporary(beside: target)
        defer {
            if !renamed { unlink(temporary.path) }
        }
        do {
            defer { close(descriptor) }
            if let existing { fchmod(descriptor, existing.st_mode & 0o7777) }
            let sink = FileDescriptorSink(descriptor: descriptor, name: displayPath)
            try body(sink)
            try sink.finish()
            guard fsync(descriptor) == 0 else { throw FileWriteError(path: displayPath, errno: errno) }
        }
        guard rename(temporary.path, target.path) == 0 else { throw FileWriteError(path: displayPath, errno: errno) }
        renamed = true
        Self.synchronizeFolder(target.deletingLastPathComponent())
    }

    /// Writes `text` whole.
    public func write(_ text: String) throws {
        try write { try $0.write(text) }
    }

    /// The file to write: the destination, or the file a chain of symbolic links there points to.
    private func resolvedTarget() throws -> URL {
        var path = destination.standardizedFileURL.path
        for _ in 0..<32 {
            var info = stat()
            guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFLNK else { return URL(fileURLWithPath: path) }
            var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            let count = readlink(path, &buffer, Int(PATH_MAX))
            guard count >= 0 else { throw FileWriteError(path: displayPath, errno: errno) }
            let link = String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            path = link.hasPrefix("/") ? link
                : URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent(link).standardizedFileURL.path
        }
        throw FileWriteError(path: displayPath, reason: "it is a symbolic link in a loop", hint: "check where the link points")
    }

    /// Throws unless the existing `target` is a regular file that the run does not read.
    private func refuseToReplace(_ existing: stat) throws {
        switch existing.st_mode & S_IFMT {
        case S_IFDIR:
            throw FileWriteError(path: displayPath, errno: EISDIR)
        case S_IFREG:
            break
        default:
            throw FileWriteError(path: displayPath, reason: "it is not a regular file", hint: "name a file to save to")
        }
        for file in protectedFiles {
            guard let source = Self.status(of: file.path) else { continue }
            if source.st_dev == existing.st_dev && source.st_ino == existing.st_ino {
                throw FileWriteError(path: displayPath, reason: "a `load` in this run reads it",
                                     hint: "save to another file; tei never writes over a source it loads")
            }
        }
    }

    /// Makes the missing folders above the target, as `mkdir -p` does, and returns them.
    private func createFolders(_ folder: URL) throws -> MissingFolders {
        do {
            return try MissingFolders(creating: folder.path)
        } catch let failure as MissingFolders.Failure {
            throw FileWriteError(path: displayPath, errno: failure.code)
        }
    }

    /// The start of the names of the temporaries of `target`; the writer's pid follows it.
    private static func temporaryPrefix(of target: URL) -> String {
        ".\(target.lastPathComponent).tei-"
    }

    /// Removes the temporaries of `target` whose writer process is gone. A temporary without a pid
    /// in its name (written by an older tei) is left alone: nothing tells whether its writer runs.
    private func removeStaleTemporaries(of target: URL) {
        let folder = target.deletingLastPathComponent()
        let prefix = Self.temporaryPrefix(of: target)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        for name in names where name.hasPrefix(prefix) {
            let rest = name.dropFirst(prefix.count).split(separator: "-")
            guard rest.count == 2, let pid = pid_t(rest[0]), pid > 0, !LeftoverSweeper.isRunning(pid) else { continue }
            unlink(folder.appendingPathComponent(name).path)
        }
    }

    /// A new file `.NAME.tei-PID-XXXXXX` beside `target`, opened for writing; no other process has it.
    private func createTemporary(beside target: URL) throws -> (URL, Int32) {
        let folder = target.deletingLastPathComponent()
        while true {
            let suffix = String(UInt32.random(in: 0...UInt32.max), radix: 36)
            let temporary = folder.appendingPathComponent(Self.temporaryPrefix(of: target) + "\(getpid())-\(suffix)")
            let descriptor = open(temporary.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
            if descriptor >= 0 { return (temporary, descriptor) }
            if errno != EEXIST { throw FileWriteError(path: displayPath, errno: errno) }
        }
    }

    /// `stat` of `path` following links; nil when nothing is there.
    private static func status(of path: String) -> stat? {
        var info = stat()
        if stat(path, &info) == 0 { return info }
        return nil
    }

    /// Flushes the folder entry of the renamed file, so the rename survives a crash.
    private static func synchronizeFolder(_ folder: URL) {
        let descriptor = open(folder.path, O_RDONLY | O_DIRECTORY)
        guard descriptor >= 0 else { return }
        fsync(descriptor)
        close(descriptor)
    }
}
