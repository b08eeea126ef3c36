import Foundation

/// Where output bytes go: a file being saved, standard output, or a compressor in front of either.
public protocol DataSink: AnyObject {
    func write(_ bytes: UnsafeRawBufferPointer) throws
    /// Writes out what is buffered (and, for a compressor, ends its stream).
    func finish() throws
}

extension DataSink {
    /// Writes `text` as UTF-8.
    public func write(_ text: String) throws {
        var text = text
        try text.withUTF8 { try write(UnsafeRawBufferPointer($0)) }
    }
}

/// A buffered writer to an open file descriptor; the descriptor stays the caller's to close.
public final class FileDescriptorSink: DataSink {
    private let descriptor: Int32
    /// The name in messages ("standard output", or the file as the user named it).
    private let name: String
    private var buffer: [UInt8] = []
    private static let bufferSize = 1 << 16

    public init(descriptor: Int32, name: String) {
        self.descriptor = descriptor
        self.name = name
        buffer.reserveCapacity(Self.bufferSize)
    }

    /// Standard output, for results streamed as they are stepped.
    public static func standardOutput() -> FileDescriptorSink {
        FileDescriptorSink(descriptor: STDOUT_FILENO, name: "standard output")
    }

    public func write(_ bytes: UnsafeRawBufferPointer) throws {
        buffer.append(contentsOf: bytes)
        if buffer.count >= Self.bufferSize { try flush() }
    }

    public func finish() throws { try flush() }

    /// Writes out the buffer; on failure the buffer is dropped, so the error is reported once.
    private func flush() throws {
        defer { buffer.removeAll(keepingCapacity: true) }
        var offset = 0
        try buffer.withUnsafeBytes { bytes in
            while offset < bytes.count {
                let written = Foundation.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw FileWriteError(path: name, errno: errno)
                }
                offset += written
            }
        }
    }
}
