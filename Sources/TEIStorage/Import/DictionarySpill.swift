/// The import's scratch database: where the dictionaries continue once their in-memory part is
/// full (`ByteDictionary`). A private temporary database on disk, opened on the first spill, that
/// SQLite deletes when the import closes it; nothing of it reaches the cache file, whose
/// dictionary tables the importer writes as before.
///
/// It is a connection of its own rather than a table of the cache database because the importing
/// thread looks keys up while the writer thread owns the cache's connection (`BatchWriter`), and a
/// lookup cannot wait for the writer to catch up.
final class SpillDatabase {
    /// The page cache of the scratch database: the part of the spilled keys kept in memory.
    private static let cacheKiB = 8 << 10
    private var database: Database?
    private var tableCount = 0

    /// A new table for one dictionary's spilled keys.
    func makeSpill() throws -> DictionarySpill {
        let database = try self.database ?? openScratch()
        self.database = database
        let table = CacheNames.spill(tableCount)
        tableCount += 1
        return try DictionarySpill(database: database, table: table)
    }

    private func openScratch() throws -> Database {
        // An empty path opens a private temporary database on disk (in TMPDIR), which SQLite unlinks
        // as soon as it has opened it: nothing is left behind, even by a killed process.
        let database = try Database(path: "")
        try database.execute("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA cache_size = -\(Self.cacheKiB)")
        return database
    }
}

/// One dictionary's keys past its in-memory part, key → id, in the scratch database.
final class DictionarySpill {
    private let find: Statement
    private let insert: Statement

    fileprivate init(database: Database, table: String) throws {
        let (key, id) = (CacheNames.value, CacheNames.id)
        try database.execute("CREATE TABLE \(table)(\(key) BLOB PRIMARY KEY, \(id) INTEGER NOT NULL) WITHOUT ROWID")
        find = try database.prepare("SELECT \(id) FROM \(table) WHERE \(key) = ?1")
        insert = try database.prepare("INSERT INTO \(table) VALUES (?1, ?2)")
    }

    /// The id `key` was given, if it is here.
    func id(for key: UnsafeBufferPointer<UInt8>) throws -> Int64? {
        find.reset()
        try find.bindBlob(key, at: 1)
        guard try find.step(), case .integer(let id) = find.value(at: 0) else { return nil }
        return id
    }

    func add(_ key: UnsafeBufferPointer<UInt8>, id: Int64) throws {
        insert.reset()
        try insert.bindBlob(key, at: 1)
        try insert.bind(id, at: 2)
        try insert.step()
    }
}
