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

/// Where script bytes stop being UTF-8, for an error at file:line:column.
public struct InvalidUTF8: Error, Sendable, Equatable {
    public let line: Int
    public let column: Int

    public static let message = "the script is not valid UTF-8 text here; save it as UTF-8"
}

extension Source {
    /// The text of script bytes, refusing any that are not UTF-8: decoding them with replacement
    /// would turn a Latin-1 `é` into U+FFFD, and a filter comparing with it would silently match nothing.
    public static func decode(_ bytes: [UInt8]) -> Result<String, InvalidUTF8> {
        var decoder = UTF8()
        var iterator = bytes.makeIterator()
        var offset = 0
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar): offset += UTF8.width(scalar)
            case .emptyInput: return .success(String(decoding: bytes, as: UTF8.self))
            case .error:
                let lineStart = bytes[..<offset].lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? 0
                let line = bytes[..<lineStart].count { $0 == UInt8(ascii: "\n") } + 1
                return .failure(InvalidUTF8(line: line, column: String(decoding: bytes[lineStart..<offset], as: UTF8.self).count + 1))
            }
        }
    }
}
