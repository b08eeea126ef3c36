import Foundation

extension TableStore {
    /// A connection of its own that reads `table` as the session's connection does: the same cache
    /// file attached read-only under the same schema name (so the session's SQL runs on it
    /// unchanged), through the checksum VFS, with tei's SQL functions. Several run queries at once:
    /// a cache file never changes once renamed into place, so they share it without locks.
    /// Its sorts work in runs as small as the session's (`Session` explains the size).
    public func openReader(of table: LoadedTable) throws -> Database {
        guard attached[table.cacheKey] != nil else {
            throw LoadError(file: table.layout.relation.description, message: "this table is not attached by this session")
        }
        let reader = try Database()
        try reader.execute("PRAGMA cache_size = -500")
        try reader.run("ATTACH DATABASE ?1 AS \(Database.quote(identifier: CacheNames.schema(table.cacheKey)))",
                       [.text(Self.readOnlyURI(cacheFile(table.cacheKey)))])
        return reader
    }
}
