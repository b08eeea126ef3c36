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

    static let reportEvery = 100_000

    /// The memory the server may use for one index build (PostgreSQL's `maintenance_work_mem`).
    static let sortMemory = "256MB"

    /// PostgreSQL's names longer than this many bytes are cut, which would make a column unreadable.
    static let identifierLimit = 63

    func run() throws {
        try connection.execute("CREATE SCHEMA \(quote(schema))")
        for table in tables.tables {
            if isCancelled() { throw PostgresStore.interrupted }
            try create(table)
            try copy(table)
        }
        progress(.indexing)
        // Each key and index is one sort of a whole table: in memory, a million rows' sort takes a
        // fraction of the time the default 64 MB's spills to disk do. For this transaction only.
        try connection.execute("SET LOCAL maintenance_work_mem = '\(Self.sortMemory)'")
        for table in tables.tables {
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
            let partial = index.onlyWhereTrue.map { " WHERE \(quote($0))" } ?? ""
            try connection.execute("CREATE INDEX \(quote(index.name)) ON \(name(tables.rowsTable)) (\(keys.joined(separator: ", ")))\(partial)")
        }
        try createViews()
    }

    /// `ANALYZE`s every table, so the first queries are planned with statistics.
    func analyze() throws {
        for table in tables.tables { try connection.execute("ANALYZE \(name(table.name))") }
    }

    private func create(_ table: CacheTables.Table) throws {
        let columns = table.columns.map { "\(quote($0.name)) \(Self.type($0.type))\($0.notNull ? " NOT NULL" : "")" }
        try connection.execute("CREATE TABLE \(name(table.name)) (\(columns.joined(separator: ", ")))")
    }

    private func copy(_ table: CacheTables.Table) throws {
        let columns = table.columns.map { quote($0.name) }.joined(separator: ", ")
        let select = try local.prepare("SELECT \(columns) FROM \(quote(localSchema)).\(quote(table.name)) "
                                       + "ORDER BY \(table.primaryKey.map(quote).joined(separator: ", "))")
        let width = table.columns.count
        var copied = 0
        try connection.copyIn("COPY \(name(table.name)) (\(columns)) FROM STDIN") { copy in
            var row = [SQLValue](repeating: .null, count: width)
            while try select.step() {
                for index in 0..<width { row[index] = select.value(at: index) }
                try copy.write(row)
                copied += 1
                if copied % Self.reportEvery == 0 {
                    if isCancelled() { throw PostgresStore.interrupted }
                    progress(.copying(table: table.name, rows: copied))
                }
            }
        }
        progress(.copied(table: table.name, rows: copied))
    }

    /// The keyed view reads each looked-up table through a LEFT JOIN on its primary key: PostgreSQL
    /// removes such a join from a query that reads none of its columns, so a scan of `rows` alone
    /// costs no join (SQLite's views use subqueries instead, which it evaluates only when read).
    private func createViews() throws {
        var joins: [String] = []
        var aliases: [String: String] = [:]
        let select = tables.keyedColumns.map { column -> String in
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
                    joins.append("LEFT JOIN \(name(table)) \(alias) ON \(alias).\(quote(key)) = r.\(quote(by))")
                }
                return "\(alias).\(quote(value)) AS \(quote(column.name))"
            }
        }
        try connection.execute("""
            CREATE VIEW \(name(tables.keyedView)) AS SELECT \(select.joined(separator: ", ")) FROM \(name(tables.rowsTable)) r \(joins.joined(separator: " "));
            CREATE VIEW \(name(tables.dataView)) AS SELECT \(tables.dataColumns.map(quote).joined(separator: ", ")) FROM \(name(tables.keyedView))
            """)
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
