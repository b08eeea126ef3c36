/// Writes CSV the way the TEI archive does: every field double-quoted, `""` escaping a quote.
///
/// Bytes are buffered and handed to the sink in large chunks so that streaming millions of rows
/// costs no more memory than one chunk.
struct CSVRowWriter {
    private let sink: ByteSink
    private let lineEnd: [UInt8]
    private var buffer: [UInt8] = []
    private var rowHasFields = false
    private static let flushThreshold = 1 << 20

    init(sink: ByteSink, lineEnd: String = "\n") {
        self.sink = sink
        self.lineEnd = Array(lineEnd.utf8)
        buffer.reserveCapacity(Self.flushThreshold + 4096)
    }

    /// Appends one quoted field to the current row.
    mutating func field(_ text: String) {
        if rowHasFields { buffer.append(UInt8(ascii: ",")) }
        rowHasFields = true
        buffer.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            buffer.append(byte)
            if byte == UInt8(ascii: "\"") { buffer.append(byte) }
        }
        buffer.append(UInt8(ascii: "\""))
    }

    /// Appends fields already quoted and joined by commas (a cached run of a row).
    mutating func quotedFields(_ bytes: [UInt8]) {
        if rowHasFields { buffer.append(UInt8(ascii: ",")) }
        rowHasFields = true
        buffer.append(contentsOf: bytes)
    }

    /// The quoted, comma-joined form of `fields`, for `quotedFields(_:)`.
    static func quoted(_ fields: [String]) -> [UInt8] {
        let sink = DataSink()
        var writer = CSVRowWriter(sink: sink, lineEnd: "")
        for text in fields { writer.field(text) }
        return writer.buffer
    }

    /// Appends an integer field.
    mutating func field(_ number: Int) {
        field(String(number))
    }

    /// Appends one row made of `fields`.
    mutating func row(_ fields: [String]) throws {
        for text in fields { field(text) }
        try endRow()
    }

    /// Ends the current row, flushing the buffer when it is large.
    mutating func endRow() throws {
        buffer.append(contentsOf: lineEnd)
        rowHasFields = false
        if buffer.count >= Self.flushThreshold { try flush() }
    }

    /// Appends raw bytes outside any field (used for a trailing empty line).
    mutating func raw(_ text: String) {
        buffer.append(contentsOf: text.utf8)
    }

    /// Hands everything buffered to the sink.
    mutating func flush() throws {
        guard !buffer.isEmpty else { return }
        try sink.write(buffer)
        buffer.removeAll(keepingCapacity: true)
    }
}
