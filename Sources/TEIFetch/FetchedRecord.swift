import Foundation
import TEIRender
import TEIStorage

/// `FETCHED.md` in the destination folder: every file fetched into it with its source and SHA-256,
/// so a report's provenance can cite where the data came from.
public enum FetchedRecord {
    public static let fileName = "FETCHED.md"

    /// One file of the record.
    struct Entry: Equatable {
        var name: String
        var size: Int64
        var sha256: String
        var source: String
    }

    /// The summary printed at the end of a run: file, size, status, SHA-256; a failed item has
    /// status `failed` and no size or digest.
    public static func summary(of items: [FetchItem], results: [Result<FetchedFile, FetchError>]) -> ResultTable {
        ResultTable(
            columns: [Column("file", .text), Column("size", .int), Column("status", .text), Column("sha256", .text)],
            rows: zip(items, results).map { item, result in
                switch result {
                case .success(let file): [.text(item.name), .int(file.size), .text(file.status.rawValue), .text(file.sha256)]
                case .failure: [.text(item.name), .null, .text("failed"), .null]
                }
            }
        )
    }

    /// Writes `FETCHED.md` through `SafeFileWriter`: the run's verified `files`, and the entries of
    /// the record an earlier run wrote whose file this run did not fetch and is still there, at the
    /// size recorded (a file changed since is left out rather than listed with a wrong digest).
    public static func write(_ files: [FetchedFile], folder: String) throws {
        let path = (folder as NSString).appendingPathComponent(fileName)
        let fresh = files.map { Entry(name: $0.item.name, size: $0.size, sha256: $0.sha256, source: $0.item.url.absoluteString) }
        let freshNames = Set(fresh.map(\.name))
        let kept = earlierEntries(path: path).filter { entry in
            !freshNames.contains(entry.name) && size(ofFileAt: (folder as NSString).appendingPathComponent(entry.name)) == entry.size
        }
        let entries = (kept + fresh).sorted { $0.name < $1.name }
        let text = """
        # Fetched files

        Downloaded by `tei fetch`. Each file's SHA-256 was computed from the file as saved, and its
        size and SHA-256 were checked against its manifest line when that gave them.

        \(MarkdownRenderer().render(table(of: entries)))

        """
        try SafeFileWriter(destination: URL(fileURLWithPath: path), displayPath: path).write(text)
    }

    static func table(of entries: [Entry]) -> ResultTable {
        ResultTable(
            columns: [Column("file", .text), Column("size", .int), Column("sha256", .text), Column("source", .text)],
            rows: entries.map { [.text($0.name), .int($0.size), .text($0.sha256), .text($0.source)] }
        )
    }

    /// The entries of the record at `path`: the rows of its table that read as one (others, and a
    /// missing or unreadable record, give nothing).
    static func earlierEntries(path: String) -> [Entry] {
        guard let data = FileManager.default.contents(atPath: path) else { return [] }
        return String(decoding: data, as: UTF8.self).split(separator: "\n").compactMap { line in
            let cells = cells(of: line)
            guard cells.count == 4, let size = Int64(cells[1]), cells[2].count == 64, cells[2].allSatisfy(\.isHexDigit) else { return nil }
            return Entry(name: cells[0], size: size, sha256: cells[2], source: cells[3])
        }
    }

    /// The cells of a Markdown table row as `MarkdownRenderer` writes it, unescaped and trimmed.
    static func cells(of line: Substring) -> [String] {
        guard line.hasPrefix("|") else { return [] }
        var cells: [String] = []
        var cell = ""
        var escaped = false
        for character in line.dropFirst() {
            if escaped {
                cell.append(character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == "|" {
                cells.append(cell.trimmingCharacters(in: .whitespaces))
                cell = ""
            } else {
                cell.append(character)
            }
        }
        return cells
    }

    private static func size(ofFileAt path: String) -> Int64? {
        var info = stat()
        guard stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
        return Int64(info.st_size)
    }
}
