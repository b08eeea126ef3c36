/// A piece of tei source text: a script file, a `-c` argument, a REPL cell.
public struct Source: Sendable {
    /// The name diagnostics show: a path, `<command line>`, `<stdin>`, `cell 3`.
    public let name: String
    public let text: String
    /// The UTF-8 bytes of `text`; spans are byte offsets into them.
    public let bytes: [UInt8]
    /// The 1-based line number at which `text` starts in `name` (a REPL cell may start later).
    public let firstLine: Int
    private let lineStarts: [Int]

    public init(name: String, text: String, firstLine: Int = 1) {
        self.name = name
        self.text = text
        self.bytes = Array(text.utf8)
        self.firstLine = firstLine
        var starts = [0]
        for (offset, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") {
            starts.append(offset + 1)
        }
        self.lineStarts = starts
    }

    /// The line (1-based, counting from `firstLine`) and column (1-based, in characters) of a byte offset.
    public func location(of offset: Int) -> (line: Int, column: Int) {
        let index = lineIndex(of: offset)
        let start = lineStarts[index]
        let prefix = bytes[start..<min(max(offset, start), bytes.count)]
        let column = String(decoding: prefix, as: UTF8.self).count + 1
        return (index + firstLine, column)
    }

    /// The text of the line holding a byte offset, without its line break.
    public func lineText(containing offset: Int) -> String {
        let index = lineIndex(of: offset)
        let start = lineStarts[index]
        var end = index + 1 < lineStarts.count ? lineStarts[index + 1] - 1 : bytes.count
        if end > start, bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        return String(decoding: bytes[start..<max(start, end)], as: UTF8.self)
    }

    /// The text a span covers.
    public func text(of span: Span) -> String {
        let lower = min(span.start, bytes.count), upper = min(max(span.end, lower), bytes.count)
        return String(decoding: bytes[lower..<upper], as: UTF8.self)
    }

    private func lineIndex(of offset: Int) -> Int {
        var low = 0, high = lineStarts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if lineStarts[middle] <= offset { low = middle } else { high = middle - 1 }
        }
        return low
    }
}

/// A range of bytes in one `Source`.
public struct Span: Sendable, Hashable {
    /// Which source: an index into the session's `SourceMap`.
    public var source: Int
    public var start: Int
    public var end: Int

    public init(source: Int, start: Int, end: Int) {
        self.source = source
        self.start = start
        self.end = end
    }

    /// The smallest span covering both.
    public func to(_ other: Span) -> Span {
        Span(source: source, start: min(start, other.start), end: max(end, other.end))
    }
}

/// Every source a session has read, so that a span can be shown wherever it came from
/// (a function defined in an imported file reports errors in that file).
public final class SourceMap: @unchecked Sendable {
    public private(set) var sources: [Source] = []

    public init() {}

    /// Adds a source and returns its index for spans.
    public func add(_ source: Source) -> Int {
        sources.append(source)
        return sources.count - 1
    }

    public subscript(index: Int) -> Source { sources[index] }
}
