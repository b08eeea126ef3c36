import Foundation
import TEIPostgres
import TEIStorage

/// A release found on the server by its content keeps the names of the files it was imported
/// from; a load of the same content under other names (another user's copy, renamed) must show
/// its own, as a load from the local cache does: in `source_file` and in the table's sources.
///
/// The server's release is shared and a student's role may not write to it, so the names are
/// bound per load in the session's own temporary schema: a table of this load's names by source
/// id, and a view that reads the release's `keyed` columns with `source_file` looked up there.
/// The load's layout reads that view; every other table (dictionaries, items, rollups) is the
/// release's.
extension PostgresStore {
    /// `table` (a release found on the server, not copied by this load) as a load of `path`, whose
    /// `files` have the SHA-256s `digests`, names it.
    func bindingNames(of table: LoadedTable, path: String, files: [URL], digests: [String], options: LoadOptions) throws -> LoadedTable {
        let names = try Self.currentNames(of: table.sources, path: path, files: files, digests: digests, options: options)
        guard names != table.sources.map(\.path), let schema = table.layout.relation.schema else { return table }
        var bound = table
        bound.sources = zip(table.sources, names).map { SourceFile(path: $1, size: $0.size, sha256: $0.sha256, rows: $0.rows) }
        let tables = CacheTables(kind: table.kind, columns: table.columns, rowsColumns: try rowsColumns(schema: schema))
        // A file with its own `source_file` column keeps it as data: only the sources change.
        guard let column = tables.keyedColumns.first(where: { $0.name == LoadedTable.sourceFileColumn }),
              case .lookup(let sourcesTable, _, _, _) = column.source
        else { return bound }
        let view = try namesView(schema: schema, names: names, tables: tables, sourcesTable: sourcesTable)
        bound.layout.relation = StoredName(schema: Self.temporarySchema, name: view)
        bound.cacheKey = CacheKey(table.cacheKey.rawValue + ":" + view)
        return bound
    }

    /// The schema of the release `table` (a table this store loaded) reads, whatever view of it
    /// the load's names made.
    public static func releaseSchema(of table: LoadedTable) -> String {
        let key = table.cacheKey.rawValue.dropFirst(cacheKeyPrefix.count)
        return String(key.prefix { $0 != ":" })
    }

    /// The session's own schema in PostgreSQL, whatever its real name.
    static let temporarySchema = "pg_temp"
    /// How the cache key of a release's table begins (`CatalogueEntry.table`), before its schema.
    static let cacheKeyPrefix = "postgres:"

    /// This load's name of each of `recorded` (the release's sources, in source id order).
    private static func currentNames(of recorded: [SourceFile], path: String, files: [URL], digests: [String],
                                     options: LoadOptions) throws -> [String] {
        let streams = try TableStore.sourceNames(for: path, options: options)
        if streams.count == recorded.count { return streams.map(\.name) }
        // The import kept some of the streams (a folder's files of one kind): each source is the
        // next stream of the same content, a plain file by its SHA-256, a zip's member by its path
        // inside the zip (the zip's bytes being the same).
        func holds(_ stream: (file: URL, name: String), _ source: SourceFile) -> Bool {
            if let slash = stream.name.firstIndex(of: "/"), let recordedSlash = source.path.firstIndex(of: "/") {
                return stream.name[slash...] == source.path[recordedSlash...]
            }
            guard !stream.file.pathExtension.lowercased().hasSuffix("gz"), let index = files.firstIndex(of: stream.file) else { return false }
            return digests[index] == source.sha256
        }
        var names: [String] = []
        var next = streams.startIndex
        for source in recorded {
            guard let found = streams[next...].firstIndex(where: { holds($0, source) }) else {
                throw LoadError(file: path, message: "the server holds this release under other file names, and tei cannot tell which of "
                                    + "this load's files is \(source.path)",
                                hint: "load the files under the names they were imported by (`tei admin list --db URL` shows them)")
            }
            names.append(streams[found].name)
            next = found + 1
        }
        return names
    }

    /// The columns of the release's `rows` table on the server.
    private func rowsColumns(schema: String) throws -> Set<String> {
        let rows = try connection.query("""
            SELECT attname FROM pg_attribute
            WHERE attrelid = to_regclass(quote_ident($1) || '.' || quote_ident($2)) AND attnum > 0 AND NOT attisdropped
            """, [.text(schema), .text(CacheTables.rowsTableName)])
        return Set(rows.compactMap { row -> String? in
            if case .text(let name)? = row.first { return name }
            return nil
        })
    }

    /// Creates (once per session) the temporary table of `names` by source id and the view of
    /// the release's keyed columns reading `source_file` from it; returns the view's name.
    private func namesView(schema: String, names: [String], tables: CacheTables, sourcesTable: String) throws -> String {
        var digest = SHA256()
        Array(([schema] + names).joined(separator: "\u{0}").utf8).withUnsafeBytes { digest.update($0) }
        let suffix = String(digest.finalizeHex().prefix(16))
        let view = "tei_keyed_" + suffix, namesTable = "tei_sources_" + suffix
        let exists = try connection.query("SELECT to_regclass($1) IS NOT NULL", [.text("\(Self.temporarySchema).\(view)")])
        if exists.first?.first == .integer(1) { return view }
        let quotedTable = "\(Self.temporarySchema).\(Database.quote(identifier: namesTable))"
        try connection.execute("BEGIN")
        do {
            try connection.execute("CREATE TEMPORARY TABLE \(Database.quote(identifier: namesTable)) (id bigint PRIMARY KEY, value text NOT NULL)")
            for (index, name) in names.enumerated() {
                try connection.run("INSERT INTO \(quotedTable) VALUES ($1, $2)", [.integer(Int64(index + 1)), .text(name)])
            }
            let select = ReleaseCopy.viewSelect(tables.keyedColumns, from: tables.rowsTable, in: schema, lookups: [sourcesTable: quotedTable])
            try connection.execute("CREATE TEMPORARY VIEW \(Database.quote(identifier: view)) AS \(select)")
            try connection.execute("COMMIT")
        } catch {
            try? connection.execute("ROLLBACK")
            throw error
        }
        return view
    }
}
