import Foundation

/// Which stream a piece of REPL output belongs on.
public enum TextStream: Sendable {
    /// Results: tables, SQL, help.
    case output
    /// Diagnostics, notes and timings.
    case error
}

/// Where the REPL writes everything it shows, so tests can capture it without a terminal.
public protocol TextSink: AnyObject {
    /// Writes `text` followed by a line break.
    func writeLine(_ text: String, to stream: TextStream)
}

/// Writes to the process's standard output and standard error, unbuffered and in order.
public final class StandardStreams: TextSink {
    public init() {}

    public func writeLine(_ text: String, to stream: TextStream) {
        let data = Data((text + "\n").utf8)
        switch stream {
        case .output: FileHandle.standardOutput.write(data)
        case .error: FileHandle.standardError.write(data)
        }
    }
}

/// Keeps everything written, for tests and for callers that post-process output.
public final class CapturedText: TextSink {
    public private(set) var lines: [(stream: TextStream, text: String)] = []

    public init() {}

    public func writeLine(_ text: String, to stream: TextStream) {
        lines.append((stream, text))
    }

    /// All text written to `stream`, one line per write.
    public func text(of stream: TextStream) -> String {
        lines.filter { $0.stream == stream }.map(\.text).joined(separator: "\n")
    }

    /// Everything written, in order.
    public var all: String { lines.map(\.text).joined(separator: "\n") }

    public func clear() { lines = [] }
}
