import Foundation
import TEIRender
import TEIStorage

/// `FETCHED.md` in the destination folder: every file fetched into it with its source and SHA-256,
/// so a report's provenance can cite where the data came from.
public enum FetchedRecord {
    public static let fileName = "FETCHED.md"

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

    /// The table of `FETCHED.md`: file, size, SHA-256, source.
    static func record(of files: [FetchedFile]) -> ResultTable {
        ResultTable(
            columns: [Column("file", .text), Column("size", .int), Column("sha256", .text), Column("source", .text)],
            rows: files.map { [.text($0.item.name), .int($0.size), .text($0.sha256), .text($0.item.url.absoluteString)] }
        )
    }

    /// Writes `FETCHED.md` for `files` (the run's verified files) through `SafeFileWriter`.
    public static func write(_ files: [FetchedFile], folder: String) throws {
        let text = """
        # Fetched files

        Downloaded by `tei fetch`. Each file's SHA-256 was computed from the file as saved, and its
        size and SHA-256 were checked against its manifest line when that gave them.

        \(MarkdownRenderer().render(record(of: files)))

        """
        let path = (folder as NSString).appendingPathComponent(fileName)
        try SafeFileWriter(destination: URL(fileURLWithPath: path), displayPath: path).write(text)
    }
}
