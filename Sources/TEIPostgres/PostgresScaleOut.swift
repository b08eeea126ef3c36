import TEIStorage

/// Scale-out on PostgreSQL's own machinery: a coordinator whose table is hash-partitioned by a key
/// (the account id) into `postgres_fdw` foreign tables, one on each shard server. Scans of the
/// partitions run on the shards at once (`async_capable`), and an aggregate grouped by the key is
/// computed whole on each shard (partitionwise aggregation), the coordinator only appending the
/// groups. docs/postgres.md ("Scale-out") gives the same recipe in SQL.
///
/// ```swift
/// let coordinator = try PostgresConnection(url: coordinatorURL)
/// try PostgresScaleOut.attach(shards: [shard1, shard2], to: coordinator)
/// try PostgresScaleOut.distribute(schema: "release", table: "tweets", key: "userid",
///                                 over: [shard1, shard2], on: coordinator)
/// ```
public enum PostgresScaleOut {
    /// The foreign server the coordinator names the shard at `index` (0-based) by.
    public static func serverName(_ index: Int) -> String { "tei_shard_\(index + 1)" }

    /// Registers the shards on the coordinator: the `postgres_fdw` extension, a foreign server per
    /// shard with `async_capable` on (and rows sent in batches), a user mapping for the current
    /// user with the shard URL's user and password; and turns partitionwise aggregation and joins
    /// on for the coordinator's database (new sessions) and this session. A shard already
    /// registered under its name is kept as it is.
    public static func attach(shards: [PostgresURL], to coordinator: PostgresConnection) throws {
        try coordinator.execute("CREATE EXTENSION IF NOT EXISTS postgres_fdw")
        for (index, shard) in shards.enumerated() {
            let keywords = shard.connectionKeywords.filter { !excludedKeywords.contains($0.key) }
            let serverOptions = keywords.filter { $0.key != "user" && $0.key != "password" } + [("async_capable", "true"), ("batch_size", "1000"), ("fetch_size", "10000")]
            let userOptions = keywords.filter { $0.key == "user" || $0.key == "password" }
            let server = try identifier(serverName(index), on: coordinator)
            try coordinator.execute("CREATE SERVER IF NOT EXISTS \(server) FOREIGN DATA WRAPPER postgres_fdw OPTIONS (\(try options(serverOptions, on: coordinator)))")
            let mapping = userOptions.isEmpty ? "" : " OPTIONS (\(try options(userOptions, on: coordinator)))"
            try coordinator.execute("CREATE USER MAPPING IF NOT EXISTS FOR CURRENT_USER SERVER \(server)\(mapping)")
        }
        let database = try identifier(try text("SELECT current_database()", on: coordinator), on: coordinator)
        for setting in partitionwiseSettings {
            try coordinator.execute("ALTER DATABASE \(database) SET \(setting) = on; SET \(setting) = on")
        }
    }

    /// Replaces `schema.table` on the coordinator by a table of the same name and rows,
    /// hash-partitioned on `key` into one foreign table per shard (`attach` first). Each shard gets
    /// tei's functions, the schema, the table and the coordinator table's indexes; the rows are
    /// then moved through the coordinator. The coordinator's side is one transaction: on failure
    /// it keeps its table as it was.
    public static func distribute(schema: String, table: String, key: String, over shards: [PostgresURL],
                                  on coordinator: PostgresConnection) throws {
        let quotedSchema = try identifier(schema, on: coordinator)
        let qualified = quotedSchema + "." + (try identifier(table, on: coordinator))
        let columns = try coordinator.query("""
            SELECT format('%I %s', attname, format_type(atttypid, atttypmod)) FROM pg_attribute
            WHERE attrelid = to_regclass(format('%I.%I', $1::text, $2::text)) AND attnum > 0 AND NOT attisdropped ORDER BY attnum
            """, [.text(schema), .text(table)]).compactMap { row -> String? in
            if case .text(let column)? = row.first { return column }
            return nil
        }
        guard !columns.isEmpty else {
            throw PostgresError(kind: .usage, message: "there is no table \(schema).\(table) to distribute", server: coordinator.url.redacted)
        }
        let indexes = try coordinator.query("""
            SELECT pg_get_indexdef(indexrelid) FROM pg_index WHERE indrelid = to_regclass(format('%I.%I', $1::text, $2::text))
            """, [.text(schema), .text(table)]).compactMap { row -> String? in
            if case .text(let definition)? = row.first { return definition }
            return nil
        }
        let definition = columns.joined(separator: ", ")
        for shard in shards {
            let connection = try PostgresConnection(url: shard)
            try PostgresFunctions.install(on: connection)
            try connection.execute("BEGIN; CREATE SCHEMA IF NOT EXISTS \(quotedSchema); DROP TABLE IF EXISTS \(qualified)")
            try connection.execute("CREATE TABLE \(qualified) (\(definition))")
            for index in indexes { try connection.execute(index) }
            try connection.execute("COMMIT")
        }
        let distributed = try identifier(table + "__distributed", on: coordinator)
        let qualifiedDistributed = quotedSchema + "." + distributed
        try coordinator.execute("BEGIN")
        do {
            try coordinator.execute("CREATE TABLE \(qualifiedDistributed) (\(definition)) PARTITION BY HASH (\(try identifier(key, on: coordinator)))")
            for index in shards.indices {
                let partition = quotedSchema + "." + (try identifier("\(table)__shard_\(index + 1)", on: coordinator))
                try coordinator.execute("""
                    CREATE FOREIGN TABLE \(partition) PARTITION OF \(qualifiedDistributed)
                    FOR VALUES WITH (MODULUS \(shards.count), REMAINDER \(index)) SERVER \(try identifier(serverName(index), on: coordinator))
                    OPTIONS (schema_name \(try literal(schema, on: coordinator)), table_name \(try literal(table, on: coordinator)))
                    """)
            }
            try coordinator.execute("INSERT INTO \(qualifiedDistributed) SELECT * FROM \(qualified)")
            try coordinator.execute("DROP TABLE \(qualified)")
            try coordinator.execute("ALTER TABLE \(qualifiedDistributed) RENAME TO \(try identifier(table, on: coordinator))")
            try coordinator.execute("COMMIT")
        } catch {
            try? coordinator.execute("ROLLBACK")
            throw error
        }
        // The planner's estimates of the partitions, sampled from the shards.
        try coordinator.execute("ANALYZE \(qualified)")
    }

    /// Settings of the coordinator without which each shard's rows would be aggregated on it.
    static let partitionwiseSettings = ["enable_partitionwise_aggregate", "enable_partitionwise_join"]

    /// libpq keywords that tei sets for itself and postgres_fdw refuses or sets on its own.
    private static let excludedKeywords: Set<String> = ["client_encoding", "fallback_application_name"]

    private static func options(_ pairs: [(key: String, value: String)], on connection: PostgresConnection) throws -> String {
        try pairs.map { "\($0.key) \(try literal($0.value, on: connection))" }.joined(separator: ", ")
    }

    /// `name` quoted by the server as an identifier: DDL takes no bound parameters.
    private static func identifier(_ name: String, on connection: PostgresConnection) throws -> String {
        try text("SELECT quote_ident($1)", [.text(name)], on: connection)
    }

    /// `value` quoted by the server as a string literal.
    private static func literal(_ value: String, on connection: PostgresConnection) throws -> String {
        try text("SELECT quote_literal($1)", [.text(value)], on: connection)
    }

    private static func text(_ sql: String, _ values: [SQLValue] = [], on connection: PostgresConnection) throws -> String {
        guard case .text(let value)? = try connection.query(sql, values).first?.first else {
            throw PostgresError(kind: .usage, message: "the server gave no text for \(sql)", sql: sql)
        }
        return value
    }
}
