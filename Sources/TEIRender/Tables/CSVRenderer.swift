import TEIStorage

/// The `csv` format: RFC 4180 with a header row and `\n` line ends.
///
/// Values are their canonical text (`Value.text`: full-precision floats, `2017-06-22 16:03`
/// timestamps, `[a, b]` lists); null is an empty field. A field is quoted only when it needs to
/// be: when it holds a comma, a double quote, CR or LF, or starts or ends with a space. A row whose
/// only field is empty is written `""`, so that readers do not skip it as a blank line.
public struct CSVRenderer: Sendable {
    public init() {}

    /// The text of `table`, without a trailing newline.
    public func render(_ table: ResultTable) -> String {
        var lines = [record(table.columns.map(\.name))]
        for row in table.rows {
            lines.append(record(table.columns.indices.map { row[orNull: $0].text }))
        }
        return lines.joined(separator: "\n")
    }

    private func record(_ fields: [String]) -> String {
        if fields.count == 1, fields[0].isEmpty { return "\"\"" }
        return fields.map(Self.field).joined(separator: ",")
    }

    /// `text` as one CSV field, quoted when it must be.
    public static func field(_ text: String) -> String {
        let needsQuotes = text.unicodeScalars.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }
            || text.hasPrefix(" ") || text.hasSuffix(" ")
        guard needsQuotes else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
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
