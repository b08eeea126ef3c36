import Foundation
import TEIPostgres
import TEIStorage

/// Copies one attached cache into a new schema on the server, with the same tables, columns,
/// views and indexes (`CacheTables`), in PostgreSQL's native types (the contract's encoding: int,
/// times and codes `bigint`, float `double precision`, bool `boolean`, text and lists `text`).
///
/// Runs inside the caller's transaction: the tables are created and filled by COPY, streamed row by
/// row from SQLite; the primary keys and indexes are built after the data (one sort each instead of
/// an update per row), then the views; a failure anywhere leaves the transaction to roll back.
struct ReleaseCopy {
    let tables: CacheTables
    /// The SQLite connection the cache is attached to, and the attached schema.
    let local: Database
    let localSchema: String
    let connection: PostgresConnection
    let schema: String
    /// Told each table's progress every `reportEvery` rows and at its end.
    let progress: (PostgresStore.Step) -> Void
    /// Checked between chunks; true stops the copy with `interrupted`.
    let isCancelled: () -> Bool
    /// How `rows` is spread over the server's shards; nil keeps it on the server.
    var distribution: ReleaseDistribution?
    /// Told the rows copied of every table a few times a second (the local import's progress
    /// bar, by default), under `releaseName`; nil for no display.
    var progressBar: ((ImportProgress) -> Void)? = nil
    var releaseName = ""

    static let reportEvery = 100_000
    /// Rows between two reports to the progress bar, whose meter shows at most ten a second.
    static let meterEvery = 10_000

    /// The memory the server may use for one index build (PostgreSQL's `maintenance_work_mem`).
    static let sortMemory = "256MB"

    /// PostgreSQL's names longer than this many bytes are cut, which would make a column unreadable.
    static let identifierLimit = 63

    /// Every table copied: the cache's, then its rollups'.
    private var copiedTables: [CacheTables.Table] { tables.tables + tables.rollups.map(\.table) }

    func run() throws {
        try connection.execute("CREATE SCHEMA \(quote(schema))")
        let meter = try progressBar.map { ProgressMeter(totalBytes: 0, work: .copyingToServer(totalRows: try localRows()), handler: $0) }
        meter?.begin(file: releaseName)
        var rowsCopied: Int64 = 0
        // The bar is cleared however the copy ends.
        defer { meter?.finish(rows: rowsCopied) }
        for table in copiedTables {
            if isCancelled() { throw PostgresStore.interrupted }
            try create(table)
            try copy(table, meter: meter, rowsCopied: &rowsCopied)
        }
        progress(.indexing)
        // Each key and index is one sort of a whole table: in memory, a million rows' sort takes a
        // fraction of the time the default 64 MB's spills to disk do. For this transaction only.
        try connection.execute("SET LOCAL maintenance_work_mem = '\(Self.sortMemory)'")
        for table in tables.tables where !table.primaryKey.isEmpty {
            try connection.execute("ALTER TABLE \(name(table.name)) ADD PRIMARY KEY (\(table.primaryKey.map(quote).joined(separator: ", ")))")
        }
        for index in tables.indexes {
            let keys = index.keys.map { key -> String in
                switch key {
                case .column(let column): return quote(column)
                case .day(let column): return "(\(TimeSQL.startOfDay(quote(column))))"
                case .missing(let column): return IndexKey.missingSQL(quote(column))
                }
            }
            // As in the cache: the row number orders ties before the columns held after it.
            let held = index.included.isEmpty ? [] : [quote(CacheTables.rowColumn)] + index.included.map(quote)
            let partial = index.onlyWhereTrue.map { " WHERE \(quote($0))" } ?? ""
            try connection.execute("CREATE INDEX \(quote(index.name)) ON \(name(tables.rowsTable)) (\((keys + held).joined(separator: ", ")))\(partial)")
        }
        if let distribution {
            progress(.distributing(shards: distribution.shards.count))
            try distribution.distribute(tables, schema: schema, on: connection)
        }
        try createViews()
    }

    /// `ANALYZE`s every table, so the first queries are planned with statistics.
    func analyze() throws {
        for table in copiedTables { try connection.execute("ANALYZE \(name(table.name))") }
    }

    private func create(_ table: CacheTables.Table) throws {
        let columns = table.columns.map { "\(quote($0.name)) \(Self.type($0.type))\($0.notNull ? " NOT NULL" : "")" }
        try connection.execute("CREATE TABLE \(name(table.name)) (\(columns.joined(separator: ", ")))")
    }

    /// The rows of every table to copy, which the progress bar counts towards.
    private func localRows() throws -> Int64 {
        try copiedTables.reduce(0) { total, table in
            let count = try local.query("SELECT count(*) FROM \(quote(localSchema)).\(quote(table.name))")
            guard case .integer(let rows)? = count.first?.first else { return total }
            return total + rows
        }
    }

    private func copy(_ table: CacheTables.Table, meter: ProgressMeter?, rowsCopied: inout Int64) throws {
        let columns = table.columns.map { quote($0.name) }.joined(separator: ", ")
        let order = table.primaryKey.isEmpty ? "" : " ORDER BY \(table.primaryKey.map(quote).joined(separator: ", "))"
        let select = try local.prepare("SELECT \(columns) FROM \(quote(localSchema)).\(quote(table.name))\(order)")
        let width = table.columns.count
        var copied = 0
        let before = rowsCopied
        var bytesMetered: Int64 = 0
        try connection.copyIn("COPY \(name(table.name)) (\(columns)) FROM STDIN") { copy in
            var row = [SQLValue](repeating: .null, count: width)
            while try select.step() {
                for index in 0..<width { row[index] = select.value(at: index) }
                try copy.write(row)
                copied += 1
                if let meter, copied % Self.meterEvery == 0 {
                    meter.advance(bytes: copy.bytesSent - bytesMetered, rows: before + Int64(copied))
                    bytesMetered = copy.bytesSent
                }
                if copied % Self.reportEvery == 0 {
                    if isCancelled() { throw PostgresStore.interrupted }
                    progress(.copying(table: table.name, rows: copied))
                }
            }
        }
        rowsCopied = before + Int64(copied)
        progress(.copied(table: table.name, rows: copied))
    }

    private func createViews() throws {
        try connection.execute("""
            CREATE VIEW \(name(tables.keyedView)) AS \(Self.viewSelect(tables.keyedColumns, from: tables.rowsTable, in: schema));
            CREATE VIEW \(name(tables.dataView)) AS SELECT \(tables.dataColumns.map(quote).joined(separator: ", ")) FROM \(name(tables.keyedView))
            """)
        for rollup in tables.rollups {
            try connection.execute("CREATE VIEW \(name(rollup.view)) AS \(Self.viewSelect(rollup.viewColumns, from: rollup.table.name, in: schema))")
        }
    }

    /// The SELECT of a view of `columns` over table `base` of `schema`. Each looked-up table is read
    /// through a LEFT JOIN on its primary key: PostgreSQL removes such a join from a query that reads
    /// none of its columns, so a scan of `rows` alone costs no join (SQLite's views use subqueries
    /// instead, which it evaluates only when read). `lookups` names a looked-up table elsewhere
    /// (schema-qualified and quoted), in place of the one of `schema`.
    static func viewSelect(_ columns: [CacheTables.ViewColumn], from base: String, in schema: String,
                           lookups: [String: String] = [:]) -> String {
        func qualified(_ table: String) -> String {
            lookups[table] ?? "\(Database.quote(identifier: schema)).\(Database.quote(identifier: table))"
        }
        let quote = Database.quote(identifier:)
        var joins: [String] = []
        var aliases: [String: String] = [:]
        let select = columns.map { column -> String in
            switch column.source {
            case .rows(let stored):
                return "r.\(quote(stored)) AS \(quote(column.name))"
            case .lookup(let table, let key, let value, let by):
                let join = table + "\u{0}" + by
                let alias: String
                if let known = aliases[join] {
                    alias = known
                } else {
                    alias = "j\(aliases.count)"
                    aliases[join] = alias
                    joins.append("LEFT JOIN \(qualified(table)) \(alias) ON \(alias).\(quote(key)) = r.\(quote(by))")
                }
                return "\(alias).\(quote(value)) AS \(quote(column.name))"
            }
        }
        return "SELECT \(select.joined(separator: ", ")) FROM \(qualified(base)) r \(joins.joined(separator: " "))"
    }

    private func name(_ table: String) -> String { "\(quote(schema)).\(quote(table))" }

    private func quote(_ identifier: String) -> String { Database.quote(identifier: identifier) }

    /// The server type of `type`'s values, as the contract's encoding says.
    static func type(_ type: ValueType) -> String {
        switch type {
        case .int, .timestamp, .date, .duration: return "bigint"
        case .float: return "double precision"
        case .bool: return "boolean"
        case .text, .list, .null: return "text"
        }
    }
}
