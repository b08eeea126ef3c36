import Foundation

extension TableStore {
    /// The files on disk that a load of `path` reads (a zip, not its members), in the order it
    /// reads them; throws the `LoadError` `load` would for a path that names none.
    public static func sourceFiles(for path: String, options: LoadOptions = LoadOptions()) throws -> [URL] {
        try SourceResolver.files(for: path, recursive: options.recursive)
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
