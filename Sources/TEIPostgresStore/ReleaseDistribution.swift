import Foundation
import TEIPostgres
import TEIStorage

/// How a release's copy is spread over the shards attached to the server (`tei admin shards add`,
/// `PostgresScaleOut.attach`): a tweets table's `rows` is hash-partitioned by the code of its
/// account id (`userid`), so that every account's tweets are on one shard and an aggregate grouped
/// by the account runs whole on each shard. The release's other tables (accounts, dictionaries,
/// list items, long texts) stay on the coordinator, where the views join them. A server without
/// shards, and a release that is not a tweets table, are copied as they always were.
struct ReleaseDistribution {
    let shards: [PostgresShard]
    /// The column of `rows` the rows are spread by.
    let key: String

    /// The logical column whose code the rows are spread by: every question about accounts groups
    /// or joins by it.
    static let accountIDColumn = "userid"

    /// The distribution of a release of `kind` laid out as `tables` on the server `connection` is
    /// connected to, or nil when the server has no shards or the release has no account id to
    /// spread by.
    static func of(_ kind: TableKind, tables: CacheTables, on connection: PostgresConnection) throws -> ReleaseDistribution? {
        guard kind == .teiTweets, let key = accountIDCode(in: tables) else { return nil }
        let shards = try PostgresScaleOut.shards(on: connection)
        return shards.isEmpty ? nil : ReleaseDistribution(shards: shards, key: key)
    }

    /// Replaces `tables.rowsTable` of `schema` by its distributed form, inside the copy's
    /// transaction (`PostgresScaleOut.distributeInTransaction`): after its keys and indexes, which
    /// the shards' tables take, and before the views, which would otherwise hold on to the table.
    func distribute(_ tables: CacheTables, schema: String, on connection: PostgresConnection) throws {
        try PostgresScaleOut.distributeInTransaction(schema: schema, table: tables.rowsTable, key: key, over: shards, on: connection)
    }

    /// Drops what a copy that failed or was stopped made on the shards (the schema of the release
    /// and its empty table: postgres_fdw never committed rows there), as far as the shards can be
    /// reached. The copy's own schema is the digest's, which no release on the server uses, or the
    /// copy would not have run; a table left behind is replaced by the next copy anyway.
    func abandon(schema: String) {
        for shard in shards {
            try? PostgresConnection(url: shard.url).execute("DROP SCHEMA IF EXISTS \(Database.quote(identifier: schema)) CASCADE")
        }
    }

    /// The column of `rows` holding the dictionary code of the account id, which the keyed view
    /// looks the id up by (a text kept apart is looked up by the row itself: no use).
    private static func accountIDCode(in tables: CacheTables) -> String? {
        for column in tables.keyedColumns where column.name == accountIDColumn {
            if case .lookup(_, let key, _, let by) = column.source, key != by { return by }
        }
        return nil
    }
}
