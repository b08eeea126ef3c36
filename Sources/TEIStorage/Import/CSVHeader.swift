import Foundation

/// The column names a CSV header line gives, as every pass of the importer reads them.
///
/// Names are trimmed of spaces and tabs; an empty name becomes `column_N`, N its 1-based position.
/// Names are refused when they would not reach their own values: twice the same name, names that
/// differ only in case (SQLite does not tell identifiers apart by case), and names starting with
/// `__tei_` (the importer's own columns). A `source_file` column is kept as data (see
/// `LoadedTable.sourceFileColumn`).
struct CSVHeader {
    /// The column names, one per field of the header line.
    let names: [String]
    /// The header fields as they are in the file, to recognise a header repeated inside the data.
    let fields: [String]

    /// Reads the names of `record`, the first record of `input`; throws a `LoadError` at line
    /// `record.line` for a name that is not valid UTF-8 or cannot be used.
    init(_ record: CSVRecord, of input: SourceInput) throws {
        var fields: [String] = []
        var bytes: [UInt8] = []
        for index in 0..<record.count {
            let repairs = FieldCleaner.clean(record.raw(index), escaped: record.escaped[index], into: &bytes)
            guard repairs.replacedSequences == 0, repairs.droppedNULs == 0 else {
                throw LoadError(file: input.messageName, line: record.line,
                                message: "the name of column \(index + 1) is not valid UTF-8 text",
                                hint: "save the file as UTF-8 (the header line names the columns)")
            }
            fields.append(String(decoding: bytes, as: UTF8.self))
        }
        self.fields = fields
        let trimmed = fields.map { $0.trimmingCharacters(in: .whitespaces) }
        names = trimmed.enumerated().map { index, name in name.isEmpty ? "column_\(index + 1)" : name }
        try check(unnamed: Set(trimmed.indices.filter { trimmed[$0].isEmpty }), file: input.messageName, line: record.line)
    }

    /// `unnamed`: the positions of empty names, which got `column_N`.
    private func check(unnamed: Set<Int>, file: String, line: Int) throws {
        var seen: [String: String] = [:]
        for name in names {
            let folded = name.lowercased()
            if seen[folded] != nil, let empty = names.indices.first(where: { unnamed.contains($0) && names[$0].lowercased() == folded }) {
                throw LoadError(file: file, line: line,
                                message: "column \(empty + 1) has no name and would be named \(names[empty]), which another column of the header is named",
                                hint: "name column \(empty + 1) in the header")
            }
            if folded.hasPrefix(LoadedTable.reservedPrefix) {
                throw LoadError(file: file, line: line, message: "the column name \(name) is reserved",
                                hint: "names starting with \(LoadedTable.reservedPrefix) are tei's own; rename this column in the header")
            }
            if let other = seen[folded] {
                throw other == name
                    ? LoadError(file: file, line: line, message: "the column name \(name) appears twice in the header",
                                hint: "give each column its own name in the header")
                    : LoadError(file: file, line: line, message: "the column names \(other) and \(name) differ only in case",
                                hint: "column names are not told apart by case; rename one of them in the header")
            }
            seen[folded] = name
        }
    }
}
