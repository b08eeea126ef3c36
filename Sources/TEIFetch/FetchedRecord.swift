import Foundation
import TEIRender
import TEIStorage

/// What `tei fetch` records in the destination folder, for reruns and for readers:
/// - `.tei-fetch-state.json`: every file fetched into it with its size, digests, source, the
///   server's ETag and Last-Modified, and the file's modification time when recorded. A rerun
///   trusts an entry only while the file still has that size and time.
/// - `FETCHED.md`: the same files with their source and SHA-256, which a report's provenance can cite.
/// A missing or unreadable state only costs a rerun some reading or downloading: it is never trusted
/// over the files.
public enum FetchedRecord {
    public static let fileName = "FETCHED.md"
    public static let stateFileName = ".tei-fetch-state.json"

    /// One file of the record.
    struct Entry: Codable, Equatable, Sendable {
        var name: String
        var size: Int64
        var sha256: String
        var md5: String?
        var crc32c: String?
        var source: String
        var etag: String?
        var lastModified: String?
        /// The file's modification time (nanoseconds since 1970) when it was recorded.
        var modified: Int64

        /// The validators of the server's reply the file came from.
        var validators: RemoteValidators { RemoteValidators(etag: etag, lastModified: lastModified, contentLength: size) }

        var digests: FileDigests { FileDigests(sha256: sha256, md5: md5, crc32c: crc32c) }

        /// Whether the file in `folder` has the size and modification time recorded: not changed since.
        func isUntouched(in folder: URL) -> Bool {
            FileStamp(path: folder.appendingPathComponent(name).path) == FileStamp(size: size, modified: modified)
        }

        /// Whether the recorded file is what `item` describes: the same size and digests, where
        /// the item gives them (a digest the record lacks cannot agree).
        func agrees(with item: FetchItem) -> Bool {
            (item.expectedSize.map { $0 == size } ?? true)
                && (item.expectedSHA256.map { $0 == sha256 } ?? true)
                && (item.expectedMD5.map { $0 == md5 } ?? true)
                && (item.expectedCRC32C.map { $0 == crc32c } ?? true)
        }
    }

    private struct State: Codable {
        var version = 1
        var files: [Entry]
    }

    /// The summary printed at the end of a run: file, size, status, SHA-256; a failed item has
    /// status `failed` (`interrupted` after Ctrl-C) and no size or digest.
    public static func summary(of items: [FetchItem], results: [Result<FetchedFile, FetchError>]) -> ResultTable {
        ResultTable(
            columns: [Column("file", .text), Column("size", .int), Column("status", .text), Column("sha256", .text)],
            rows: zip(items, results).map { item, result in
                switch result {
                case .success(let file): [.text(item.name), .int(file.size), .text(file.status.rawValue), .text(file.digests.sha256)]
                case .failure(let failure): [.text(item.name), .null, .text(failure.isInterruption ? "interrupted" : "failed"), .null]
                }
            }
        )
    }

    /// The entries earlier runs recorded in `folder`, by name; `isUntouched` tells whether a file is
    /// still as recorded.
    static func entries(folder: URL) -> [String: Entry] {
        let path = folder.appendingPathComponent(stateFileName).path
        guard let data = FileManager.default.contents(atPath: path),
              let state = try? JSONDecoder().decode(State.self, from: data), state.version == 1 else { return [:] }
        return Dictionary(state.files.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// Writes the state and `FETCHED.md` through `SafeFileWriter`: the run's verified `files`, and
    /// the entries of earlier runs whose file this run did not fetch and is still there unchanged
    /// (a file changed since is left out rather than listed with a wrong digest).
    public static func write(_ files: [FetchedFile], folder: String) throws {
        let folderURL = URL(fileURLWithPath: folder)
        var entries = entries(folder: folderURL).filter { $0.value.isUntouched(in: folderURL) }
        for file in files {
            entries[file.item.name] = Entry(name: file.item.name, size: file.size, sha256: file.digests.sha256,
                                            md5: file.digests.md5, crc32c: file.digests.crc32c, source: file.item.url.absoluteString,
                                            etag: file.validators?.etag, lastModified: file.validators?.lastModified,
                                            modified: file.modified)
        }
        let sorted = entries.values.sorted { $0.name < $1.name }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let state = try encoder.encode(State(files: sorted))
        let statePath = (folder as NSString).appendingPathComponent(stateFileName)
        try SafeFileWriter(destination: URL(fileURLWithPath: statePath), displayPath: statePath).write(String(decoding: state, as: UTF8.self) + "\n")
        let text = """
        # Fetched files

        Downloaded by `tei fetch`. Each file's SHA-256 was computed from the file as saved, and its
        size and digest were checked against its manifest line or bucket listing when that gave them.

        \(MarkdownRenderer().render(table(of: sorted)))

        """
        let path = (folder as NSString).appendingPathComponent(fileName)
        try SafeFileWriter(destination: URL(fileURLWithPath: path), displayPath: path).write(text)
    }

    static func table(of entries: [Entry]) -> ResultTable {
        ResultTable(
            columns: [Column("file", .text), Column("size", .int), Column("sha256", .text), Column("source", .text)],
            rows: entries.map { [.text($0.name), .int($0.size), .text($0.sha256), .text($0.source)] }
        )
    }
}

/// A regular file's size and modification time: what tells a rerun the file was not touched since
/// it was recorded, without reading it.
struct FileStamp: Equatable {
    var size: Int64
    var modified: Int64

    init(size: Int64, modified: Int64) {
        self.size = size
        self.modified = modified
    }

    /// The stamp of the regular file at `path`; nil when there is none.
    init?(path: String) {
        var info = stat()
        guard stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
        self.init(info)
    }

    init(_ info: stat) {
        size = Int64(info.st_size)
        #if canImport(Darwin)
        modified = Int64(info.st_mtimespec.tv_sec) * 1_000_000_000 + Int64(info.st_mtimespec.tv_nsec)
        #else
        modified = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
        #endif
    }
}
