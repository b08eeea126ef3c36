import Foundation

/// A scratch file for bytes that must be written out later than they are made (a network's edges,
/// which follow its nodes in the file but are known first): created beside the file being saved,
/// so it counts against that disk, and unlinked at once, so nothing is left behind however the
/// run ends. The bytes are kept on disk, not in memory.
public final class SpoolFile: DataSink {
    private let descriptor: Int32
    private let sink: FileDescriptorSink
    /// The file being saved, as the user named it, for messages.
    private let displayPath: String

    /// A spool in the folder of `target`, which must exist.
    public init(besideFileAt target: URL, displayPath: String) throws {
        var template = Array(target.deletingLastPathComponent().appendingPathComponent(".\(target.lastPathComponent).tei-spool-XXXXXX")
            .path.utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else { throw FileWriteError(path: displayPath, errno: errno) }
        unlink(String(cString: template))
        _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
        self.descriptor = descriptor
        self.displayPath = displayPath
        sink = FileDescriptorSink(descriptor: descriptor, name: displayPath)
    }

    deinit { close(descriptor) }

    public func write(_ bytes: UnsafeRawBufferPointer) throws { try sink.write(bytes) }

    public func finish() throws { try sink.finish() }

    /// Writes everything spooled so far into `destination`.
    public func copy(into destination: DataSink) throws {
        try sink.finish()
        guard lseek(descriptor, 0, SEEK_SET) == 0 else { throw FileWriteError(path: displayPath, errno: errno) }
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress!, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw FileWriteError(path: displayPath, errno: errno)
            }
            if count == 0 { return }
            try buffer.withUnsafeBytes { try destination.write(UnsafeRawBufferPointer(rebasing: $0[..<count])) }
        }
    }
}
