import Foundation

extension TableStore {
    /// The files on disk that a load of `path` reads (a zip, not its members), in the order it
    /// reads them; throws the `LoadError` `load` would for a path that names none.
    public static func sourceFiles(for path: String, options: LoadOptions = LoadOptions()) throws -> [URL] {
        try SourceResolver.files(for: path, recursive: options.recursive)
    }

    /// The CSV streams a load of `path` reads from `files` (its `sourceFiles`), in order: for a
    /// path inside a zip (`archive.zip/inner.csv`), that member alone.
    static func inputs(for path: String, files: [URL]) throws -> [SourceInput] {
        let member = FileManager.default.fileExists(atPath: path) ? nil : SourceResolver.zipMember(path)?.1
        return try files.flatMap { try SourceResolver.inputs(in: $0, member: member) }
    }

    /// The name each CSV stream a load of `path` reads gives its rows in `source_file` (the file's
    /// name, or `archive.zip/inner.csv`), with the file holding it, in the order of `sourceFiles`.
    /// An import may keep fewer of them (a folder's files of one kind).
    public static func sourceNames(for path: String, options: LoadOptions = LoadOptions()) throws -> [(file: URL, name: String)] {
        try inputs(for: path, files: sourceFiles(for: path, options: options)).map { ($0.file, $0.displayName) }
    }
}

extension TableStore {
    /// Detaches the cache of `table` from the connection, freeing its place among the caches SQLite
    /// attaches at once (`attachLimit`), for a caller done with it (a copy to a server); a later
    /// `load` attaches it again. Does nothing for a table this store has not attached.
    public func detach(_ table: LoadedTable) throws {
        guard attached[table.cacheKey] != nil else { return }
        try detach(table.cacheKey)
    }
}
