import TEIStorage

/// Writes a result row by row into a sink, so a result of any size is written in bounded memory:
/// the one place each streamed format (CSV, TSV, JSON, JSON Lines) is spelled.
///
/// Call `begin` once, `write` for every row in order, then `end`.
public protocol RowWriter: AnyObject {
    func begin() throws
    func write(_ row: [Value]) throws
    func end() throws
}

extension RowWriter {
    /// Writes every row of `table`.
    public func writeAll(_ table: ResultTable) throws {
        try begin()
        for row in table.rows { try write(row) }
        try end()
    }
}

/// Collects what a writer writes, for formats printed whole (a preview, a report, a test).
public final class MemorySink: DataSink {
    public private(set) var bytes: [UInt8] = []

    public init() {}

    public func write(_ bytes: UnsafeRawBufferPointer) throws { self.bytes.append(contentsOf: bytes) }
    public func finish() throws {}

    /// What was written, without the final line end.
    public var text: String {
        var text = String(decoding: bytes, as: UTF8.self)
        if text.hasSuffix("\n") { text.removeLast() }
        return text
    }
}

extension OutputFormat {
    /// The row writer of this format, or nil for the formats laid out from the whole result
    /// (`table`, `markdown`), which show a preview instead.
    public func rowWriter(columns: [Column], sink: DataSink) -> RowWriter? {
        switch self {
        case .csv: return CSVRenderer.Writer(columns: columns, sink: sink)
        case .json: return JSONRenderer.Writer(columns: columns, sink: sink, style: .array)
        case .jsonl: return JSONRenderer.Writer(columns: columns, sink: sink, style: .lines)
        case .table, .markdown: return nil
        }
    }
}
