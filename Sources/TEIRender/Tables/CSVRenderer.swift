import TEIStorage

/// The `csv` format: RFC 4180 with a header row and `\n` line ends (and `save` to `.tsv`: the same
/// with tabs).
///
/// Values are their canonical text (`Value.text`: full-precision floats, `2017-06-22 16:03`
/// timestamps, `[a, b]` lists); null is an empty field. A field is quoted only when it needs to
/// be: when it holds the separator, a double quote, CR or LF, or starts or ends with a space. A row
/// whose only field is empty is written `""`, so that readers do not skip it as a blank line.
public struct CSVRenderer: Sendable {
    public var separator: Unicode.Scalar

    public init(separator: Unicode.Scalar = ",") {
        self.separator = separator
    }

    /// The text of `table`, without a trailing newline.
    public func render(_ table: ResultTable) -> String {
        let sink = MemorySink()
        // A MemorySink never fails.
        try? Writer(columns: table.columns, sink: sink, separator: separator).writeAll(table)
        return sink.text
    }

    /// `text` as one CSV field, quoted when it must be.
    public static func field(_ text: String, separator: Unicode.Scalar = ",") -> String {
        guard needsQuotes(text, separator: separator) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// Whether `field` must quote `text`. Its bytes are read, not its scalars, when the separator is
    /// ASCII (it is one byte of UTF-8 then): scanning the scalars of every field took a tenth of
    /// the time of saving a network's pairs. A space begins or ends the text only where its first
    /// or last byte is one.
    private static func needsQuotes(_ text: String, separator: Unicode.Scalar) -> Bool {
        let special: Bool
        if separator.isASCII {
            let separator = UInt8(separator.value)
            special = text.utf8.contains { $0 == separator || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r") }
        } else {
            special = text.unicodeScalars.contains { $0 == separator || $0 == "\"" || $0 == "\n" || $0 == "\r" }
        }
        let space = UInt8(ascii: " ")
        return special || (text.utf8.first == space && text.hasPrefix(" ")) || (text.utf8.last == space && text.hasSuffix(" "))
    }

    /// Writes the header, then one record per row, each ending in `\n`.
    public final class Writer: RowWriter {
        private let columns: [Column]
        private let sink: DataSink
        private let separator: Unicode.Scalar

        public init(columns: [Column], sink: DataSink, separator: Unicode.Scalar = ",") {
            self.columns = columns
            self.sink = sink
            self.separator = separator
        }

        public func begin() throws { try record(columns.map(\.name)) }

        public func write(_ row: [Value]) throws { try record(columns.indices.map { row[orNull: $0].text }) }

        public func end() throws {}

        private func record(_ fields: [String]) throws {
            if fields.count == 1, fields[0].isEmpty { return try sink.write("\"\"\n") }
            var line = ""
            for (index, field) in fields.enumerated() {
                if index > 0 { line.unicodeScalars.append(separator) }
                line += CSVRenderer.field(field, separator: separator)
            }
            line += "\n"
            try sink.write(line)
        }
    }
}

private extension String {
    func replacingOccurrences(of target: Character, with replacement: String) -> String {
        var result = ""
        for character in self {
            if character == target { result += replacement } else { result.append(character) }
        }
        return result
    }
}
