import Foundation
import TEIPostgres
import TEIPostgresStore
import TEIStorage

/// The tables of a session on a PostgreSQL server: each `load` through `PostgresStore` (a local
/// file imported into the local cache and copied to the server once, matched by its SHA-256; a
/// name only the server's catalogue holds used from there).
public final class ServerReleases: ServerTables {
    public let store: PostgresStore
    public private(set) var filesRead: [URL] = []

    public init(store: PostgresStore) {
        self.store = store
    }

    /// A local file's kind and columns as the local cache peeks them, without importing it; a name
    /// only the catalogue holds, as the catalogue records it.
    public func peek(path: String, options: LoadOptions) throws -> TableSchema {
        do {
            return try store.localStore.peek(path: path, options: options)
        } catch is LoadError where !FileManager.default.fileExists(atPath: path) {
            // Found in the catalogue, or an error that says it is in neither.
            let table = try store.load(path: path, options: options)
            return TableSchema(kind: table.kind, columns: table.columns)
        }
    }

    public func load(path: String, options: LoadOptions) throws -> LoadedTable {
        let table = try store.load(path: path, options: options)
        // The files a load read are the user's inputs, which no `save` of the session may replace.
        for file in (try? TableStore.sourceFiles(for: path, options: options)) ?? [] where !filesRead.contains(file) {
            filesRead.append(file)
        }
        return table
    }

    public func interruptImport() {
        store.interruptImport()
    }
}

extension PostgresBackend {
    /// What `Session.init` needs to run on the server `url` names: a connection made now (so that
    /// a wrong password or a server that is down is a `PostgresError` before anything runs), and
    /// the backend over it, whose loads go through a `PostgresStore` importing into the local
    /// cache's folder.
    public static func connecting(to url: PostgresURL) throws -> BackendMaker {
        let connection = try PostgresConnection(url: url)
        return { store in
            try PostgresBackend(connection: connection,
                                tables: ServerReleases(store: try PostgresStore(connection: connection, cacheDirectory: store.cacheDirectory)))
        }
    }
}
