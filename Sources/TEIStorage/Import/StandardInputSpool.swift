import Foundation

/// Standard input named as a source (`load "/dev/stdin"`) when it is a pipe or a terminal: it can
/// be read only once, and an import reads its source several times (the header, the types, the
/// rows), so it is first copied to a private file in the cache folder, loaded from there as
/// `stdin.csv` (`stdin.csv.gz` when gzip data arrives), and deleted after the load.
///
/// Standard input redirected from a file is a regular file and needs none of this.
struct StandardInputSpool {
    /// The copy to load.
    let file: URL
    private let folder: URL

    /// How spool folders are named in the cache folder: `stdin-<pid>-<random>`.
    static let folderPrefix = "stdin-"

    /// Whether a load of this process has already read standard input to its end, so that an
    /// empty one can be told from an empty pipe. Guarded by `readLock` (loads may run on any thread).
    private static var wasRead = false
    private static let readLock = NSLock()

    /// Copies standard input when `path` names it and it is not a regular file; nil otherwise.
    init?(path: String, cacheDirectory: URL) throws {
        guard Self.namesPipedInput(path) else { return nil }
        guard isatty(STDIN_FILENO) == 0 else {
            throw LoadError(file: path, message: "standard input is the terminal, not a CSV file",
                            hint: "pipe the CSV into tei (cat data.csv | tei script.tei), or load the file by its name")
        }
        folder = cacheDirectory.appendingPathComponent(Self.folderPrefix + "\(getpid())-\(UUID().uuidString.prefix(8))")
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw LoadError(file: path, message: "cannot keep a copy of standard input in the cache folder \(cacheDirectory.path)",
                            hint: "choose a writable cache folder with --cache-dir or TEI_CACHE_DIR")
        }
        let copy = folder.appendingPathComponent("stdin.csv")
        do {
            let readBefore = Self.readLock.withLock { defer { Self.wasRead = true }; return Self.wasRead }
            let start = try Self.copyStandardInput(to: copy)
            // The copy's own path would mean nothing to the user: say which input is empty and why.
            guard !start.isEmpty else {
                throw readBefore
                    ? LoadError(file: "/dev/stdin", message: "standard input was already read by an earlier load",
                                hint: "load \"/dev/stdin\" once and name that table for every later use")
                    : LoadError(file: "/dev/stdin", message: "standard input is empty",
                                hint: "pipe the CSV into tei (cat data.csv | tei script.tei); when the script itself comes "
                                    + "on standard input (tei run -), load the CSV by its file name")
            }
            let isGzip = start == [0x1F, 0x8B]
            file = isGzip ? folder.appendingPathComponent("stdin.csv.gz") : copy
            if isGzip, rename(copy.path, file.path) != 0 { throw LoadError(file: path, message: "cannot rename the copy") }
        } catch {
            try? FileManager.default.removeItem(at: folder)
            throw error
        }
    }

    /// Whether `path` names standard input and that is not a regular file (a pipe, a terminal).
    static func namesPipedInput(_ path: String) -> Bool {
        var named = stat(), input = stat()
        return stat(path, &named) == 0 && fstat(STDIN_FILENO, &input) == 0
            && named.st_dev == input.st_dev && named.st_ino == input.st_ino && named.st_mode & S_IFMT != S_IFREG
    }

    /// Deletes the copy and its folder.
    func remove() {
        try? FileManager.default.removeItem(at: folder)
    }

    /// Copies all of standard input to `url`; returns its first two bytes (none when it is empty).
    private static func copyStandardInput(to url: URL) throws -> [UInt8] {
        let output = open(url.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard output >= 0 else {
            throw LoadError(file: url.path, message: "cannot write a copy of standard input: \(String(cString: strerror(errno)))")
        }
        defer { close(output) }
        let size = 1 << 20
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 16)
        defer { buffer.deallocate() }
        var start: [UInt8] = []
        while true {
            let n = read(STDIN_FILENO, buffer, size)
            if n < 0, errno == EINTR { continue }
            guard n >= 0 else {
                throw LoadError(file: "/dev/stdin", message: "cannot read standard input: \(String(cString: strerror(errno)))")
            }
            if n == 0 { break }
            if start.isEmpty {
                let first = UnsafeRawBufferPointer(start: buffer, count: n)
                start = Array(first.prefix(2))
                // Stop endless binary input (`cat /dev/zero |`) before it fills the disk.
                if !first.starts(with: [0x1F, 0x8B]), let problem = ContentSniffer.problem(in: first) {
                    throw LoadError(file: "/dev/stdin", message: problem.message, hint: problem.hint)
                }
            }
            var written = 0
            while written < n {
                let w = write(output, buffer + written, n - written)
                if w < 0, errno == EINTR { continue }
                guard w > 0 else {
                    throw LoadError(file: url.path, message: "cannot write a copy of standard input: \(String(cString: strerror(errno)))",
                                    hint: "check the free space of the cache folder, or choose another with --cache-dir")
                }
                written += w
            }
        }
        return start
    }
}
