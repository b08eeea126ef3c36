import Foundation

/// What a cache file records about itself in its `tei_meta` table: the format version, the source
/// identities it was built from, and the `LoadedTable` description. Written last, in the same
/// database as the data, so a cache file either has all of it or is rejected.
struct CacheMetadata: Codable, Equatable {
    /// Bumped whenever the physical layout or the encodings change: older caches are rebuilt.
    static let formatVersion = 7

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

    var formatVersion: Int
    var identities: [SourceIdentity]
    var kind: String
    var columns: [ColumnEntry]
    var files: [FileEntry]
    var warnings: [String]
    var listItems: [String: String]
    var codes: [String: DictionaryCode]

    func write(to database: Database) throws {
        let json = String(decoding: try JSONEncoder().encode(self), as: UTF8.self)
        try database.execute("CREATE TABLE tei_meta(name TEXT PRIMARY KEY, value TEXT NOT NULL)")
        try database.run("INSERT INTO tei_meta VALUES ('description', ?1)", [.text(json)])
    }

    static func read(from database: Database, schema: String) throws -> CacheMetadata? {
        let rows = try database.query(
            "SELECT value FROM \(Database.quote(identifier: schema)).tei_meta WHERE name = 'description'")
        guard case .text(let json)? = rows.first?.first else { return nil }
        return try? JSONDecoder().decode(CacheMetadata.self, from: Data(json.utf8))
    }
}
