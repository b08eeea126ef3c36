import Foundation
import TEIStorage

/// A release on the server as `tei.catalogue` records it: a file (or folder) imported once, under
/// the name it was loaded by, into a schema of its own.
public struct CatalogueEntry: Sendable, Equatable {
    /// The last component of the path it was loaded by (`ira_tweets_csv_hashed.csv`).
    public var name: String
    /// The SHA-256 of its content (`ReleaseDigest`).
    public var sha256: String
    /// The load options that change the table (`PostgresStore.variant`); empty for the defaults.
    public var variant: String
    /// The cache format of its tables (`CacheTables.formatVersion`).
    public var format: Int
    /// The schema holding its tables.
    public var schema: String
    public var kind: TableKind
    /// The columns, as `LoadedTable.columns` lists them.
    public var columns: [Column]
    public var rows: Int64
    /// The files it came from, as the importing machine saw them.
    public var sources: [SourceFile]
    public var warnings: [String]
    /// The views of the rollups copied with it (`CacheTables.rollups`); none for a release copied
    /// before tei copied rollups, which the optimizer then does not read.
    public var rollups: [String]
    /// When it was imported, in UTC (`2026-11-30 11:42:07`).
    public var importedAt: String

    /// The table the engine queries: the layout of the copy, with server names.
    func table(imported: Bool) -> LoadedTable {
        LoadedTable(cacheKey: CacheKey(PostgresStore.cacheKeyPrefix + schema),
                    layout: CacheTables.layout(kind: kind, columns: columns, schema: schema, rollupViews: Set(rollups)),
                    kind: kind, sources: sources, warnings: warnings, imported: imported)
    }
}

/// The JSON forms of the catalogue's columns, sources and warnings.
struct CatalogueJSON {
    struct ColumnEntry: Codable {
        var name: String
        var type: String
    }

    struct SourceEntry: Codable {
        var path: String
        var size: Int64
        var sha256: String
        var rows: Int
    }

    static func encode(columns: [Column]) -> String {
        text(columns.map { ColumnEntry(name: $0.name, type: $0.type.rawValue) })
    }

    static func encode(sources: [SourceFile]) -> String {
        text(sources.map { SourceEntry(path: $0.path, size: $0.size, sha256: $0.sha256, rows: $0.rows) })
    }

    static func encode(warnings: [String]) -> String { text(warnings) }

    static func encode(rollups: [String]) -> String { text(rollups) }

    static func columns(_ json: String) -> [Column]? {
        guard let entries = try? JSONDecoder().decode([ColumnEntry].self, from: Data(json.utf8)) else { return nil }
        let columns = entries.compactMap { entry in ValueType(rawValue: entry.type).map { Column(entry.name, $0) } }
        return columns.count == entries.count ? columns : nil
    }

    static func sources(_ json: String) -> [SourceFile]? {
        (try? JSONDecoder().decode([SourceEntry].self, from: Data(json.utf8)))?
            .map { SourceFile(path: $0.path, size: $0.size, sha256: $0.sha256, rows: $0.rows) }
    }

    static func warnings(_ json: String) -> [String]? {
        try? JSONDecoder().decode([String].self, from: Data(json.utf8))
    }

    static func rollups(_ json: String) -> [String]? {
        try? JSONDecoder().decode([String].self, from: Data(json.utf8))
    }

    private static func text<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(value)) ?? Data("[]".utf8), as: UTF8.self)
    }
}
