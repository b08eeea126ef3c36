import Foundation
import TEIPostgres
import TEIStorage

/// The table `tei.catalogue` on a server: one row per name a release was imported by, pointing at
/// the schema that holds its tables. Reading it needs only SELECT (a student's read-only role);
/// creating it happens on the first import, under an advisory lock so two first imports do not race.
struct ReleaseCatalogue {
    static let schema = "tei"
    static let table = "catalogue"
    /// `schema.table`, quoted.
    static let qualified = "\(Database.quote(identifier: schema)).\(Database.quote(identifier: table))"
    /// The advisory lock key of creating the catalogue (any fixed 64-bit number, "tei-cat" in ASCII).
    private static let creationLock: Int64 = 0x7465_692D_6361_74

    let connection: PostgresConnection

    /// A catalogue created before rollups were copied has no `rollups` column until the next
    /// import adds it (`create`); read through the row's JSON, it is NULL there: no rollups.
    private static let columns = "name, sha256, variant, format, schema, kind, columns, rows, sources, warnings, "
        + "to_char(imported_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS'), coalesce(to_jsonb(c) ->> 'rollups', '[]')"

    /// Whether the catalogue table exists (a server nothing was imported to has none).
    func exists() throws -> Bool {
        let rows = try connection.query("SELECT to_regclass($1) IS NOT NULL", [.text("\(Self.schema).\(Self.table)")])
        return rows.first?.first == .integer(1)
    }

    /// Whether the catalogue exists with every column this tei writes.
    func isCurrent() throws -> Bool {
        let rows = try connection.query("SELECT 1 FROM pg_attribute WHERE attrelid = to_regclass($1) AND attname = 'rollups' AND NOT attisdropped",
                                        [.text("\(Self.schema).\(Self.table)")])
        return !rows.isEmpty
    }

    /// Creates the `tei` schema and the catalogue unless they exist, and adds the columns a
    /// catalogue made by an older tei lacks. Runs inside the caller's transaction.
    func create() throws {
        try connection.run("SELECT pg_advisory_xact_lock($1)", [.integer(Self.creationLock)])
        try connection.execute("""
            CREATE SCHEMA IF NOT EXISTS \(Database.quote(identifier: Self.schema));
            CREATE TABLE IF NOT EXISTS \(Self.qualified) (
                name text NOT NULL, sha256 text NOT NULL, variant text NOT NULL, format integer NOT NULL,
                schema text NOT NULL, kind text NOT NULL, columns text NOT NULL, rows bigint NOT NULL,
                sources text NOT NULL, warnings text NOT NULL, imported_at timestamptz NOT NULL DEFAULT now(),
                PRIMARY KEY (name, sha256, variant, format));
            ALTER TABLE \(Self.qualified) ADD COLUMN IF NOT EXISTS rollups text NOT NULL DEFAULT '[]'
            """)
    }

    /// The entries of the release with `sha256` loaded with `variant`, in this cache format, whose
    /// schema is there.
    func entries(sha256: String, variant: String) throws -> [CatalogueEntry] {
        guard try exists() else { return [] }
        return try select("WHERE sha256 = $1 AND variant = $2 AND format = $3 AND \(Self.schemaExists)",
                          [.text(sha256), .text(variant), .integer(Int64(CacheTables.formatVersion))])
    }

    /// The entries named `name` (any content, any variant, any format) whose schema is there, newest first.
    func entries(named name: String) throws -> [CatalogueEntry] {
        guard try exists() else { return [] }
        return try select("WHERE name = $1 AND \(Self.schemaExists)", [.text(name)])
    }

    /// A release whose schema someone dropped by hand is not used (a query would fail on it): a load
    /// of its file copies it again, under the same schema name.
    private static let schemaExists = "to_regnamespace(quote_ident(schema)) IS NOT NULL"

    /// Every entry, by name and then newest first.
    func all() throws -> [CatalogueEntry] {
        guard try exists() else { return [] }
        return try select("", [])
    }

    /// Records `entry` (its `importedAt` is the server's clock); a name already recorded for the
    /// same content is left as it is.
    func record(_ entry: CatalogueEntry) throws {
        try connection.run("""
            INSERT INTO \(Self.qualified) (name, sha256, variant, format, schema, kind, columns, rows, sources, warnings, rollups)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT DO NOTHING
            """, [.text(entry.name), .text(entry.sha256), .text(entry.variant), .integer(Int64(entry.format)),
                  .text(entry.schema), .text(entry.kind.rawValue), .text(CatalogueJSON.encode(columns: entry.columns)),
                  .integer(entry.rows), .text(CatalogueJSON.encode(sources: entry.sources)),
                  .text(CatalogueJSON.encode(warnings: entry.warnings)), .text(CatalogueJSON.encode(rollups: entry.rollups))])
    }

    private func select(_ condition: String, _ values: [SQLValue]) throws -> [CatalogueEntry] {
        let rows = try connection.query("SELECT \(Self.columns) FROM \(Self.qualified) c \(condition) ORDER BY name, imported_at DESC, schema",
                                        values)
        return try rows.map { row in
            guard row.count == 12, case .text(let name) = row[0], case .text(let sha256) = row[1], case .text(let variant) = row[2],
                  case .integer(let format) = row[3], case .text(let schema) = row[4], case .text(let kindText) = row[5],
                  let kind = TableKind(rawValue: kindText), case .text(let columnsJSON) = row[6],
                  let columns = CatalogueJSON.columns(columnsJSON), case .integer(let count) = row[7],
                  case .text(let sourcesJSON) = row[8], let sources = CatalogueJSON.sources(sourcesJSON),
                  case .text(let warningsJSON) = row[9], let warnings = CatalogueJSON.warnings(warningsJSON),
                  case .text(let importedAt) = row[10], case .text(let rollupsJSON) = row[11],
                  let rollups = CatalogueJSON.rollups(rollupsJSON)
            else {
                throw LoadError(file: connection.url.redacted, message: "the server's \(Self.schema).\(Self.table) has a row tei cannot read",
                                hint: "it was written by another version of tei, or changed by hand; `tei admin list` shows the readable ones")
            }
            return CatalogueEntry(name: name, sha256: sha256, variant: variant, format: Int(format), schema: schema, kind: kind,
                                  columns: columns, rows: count, sources: sources, warnings: warnings, rollups: rollups,
                                  importedAt: importedAt)
        }
    }
}
