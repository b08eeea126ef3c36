import Foundation

/// What a cache file records about itself in its metadata table (`CacheNames.metadata`): the format
/// version, the source identities it was built from, and what the loader needs besides the
/// `StoragePlan` to describe the table. Written last, in the same database as the data, so a cache
/// file either has all of it or is rejected.
struct CacheMetadata: Codable, Equatable {
    /// Bumped whenever the physical layout or the encodings change: older caches are rebuilt.
    static let formatVersion = 19

    struct ColumnEntry: Codable, Equatable {
        var name: String
        var type: String
    }

    struct FileEntry: Codable, Equatable {
        var path: String
        var size: Int64
        var sha256: String
        var rows: Int
    }

    /// A dictionary column's codes (see `DictionaryLayout`), by bare names.
    struct CodeEntry: Codable, Equatable {
        var codeColumn: String
        var dictionary: String
    }

    var formatVersion: Int
    var identities: [SourceIdentity]
    var kind: String
    var columns: [ColumnEntry]
    var files: [FileEntry]
    var warnings: [String]
    /// List column name → items table (as `StoragePlan.itemsTables` names them).
    var listItems: [String: String]
    /// The dictionary columns, by column name.
    var codes: [String: CodeEntry]

    func write(to database: Database) throws {
        let json = String(decoding: try JSONEncoder().encode(self), as: UTF8.self)
        try database.execute("CREATE TABLE \(CacheNames.metadata)(\(CacheNames.name) TEXT PRIMARY KEY, \(CacheNames.value) TEXT NOT NULL)")
        try database.run("INSERT INTO \(CacheNames.metadata) VALUES (?1, ?2)", [.text(CacheNames.metadataDescription), .text(json)])
    }

    static func read(from database: Database, schema: String) throws -> CacheMetadata? {
        let rows = try database.query(
            "SELECT \(CacheNames.value) FROM \(Database.quote(identifier: schema)).\(CacheNames.metadata) WHERE \(CacheNames.name) = ?1",
            [.text(CacheNames.metadataDescription)])
        guard case .text(let json)? = rows.first?.first else { return nil }
        return try? JSONDecoder().decode(CacheMetadata.self, from: Data(json.utf8))
    }
}
