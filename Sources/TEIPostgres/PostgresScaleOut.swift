import Foundation
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
///                                 over: try PostgresScaleOut.shards(on: coordinator), on: coordinator)
/// ```
public enum PostgresScaleOut {
    /// Registers the shards on the coordinator, after those it has: the `postgres_fdw` extension, a
    /// foreign server per shard (`tei_shard_N`, numbered on) with `async_capable` on and rows sent in
    /// batches, a user mapping for PUBLIC with the shard URL's user and password (so that every
    /// role that may read a distributed table on the coordinator reads its partitions too: what it
    /// may read is decided by the coordinator's grants); and turns partitionwise aggregation and
    /// joins on for the coordinator's database (new sessions) and this session. One transaction.
    ///
    /// Each shard is connected to first: one that cannot be reached, that sorts text otherwise than
    /// by bytes, that is the coordinator itself, that is attached already or named twice is an
    /// error, and nothing is registered.
    @discardableResult
    public static func attach(shards urls: [PostgresURL], to coordinator: PostgresConnection) throws -> [PostgresShard] {
        let attached = try shards(on: coordinator)
        var known: [String: KnownDatabase] = [try identity(of: coordinator): .coordinator]
        for shard in attached {
            // A shard that is down now was still attached: it cannot be named again, but it need not be reached to add another.
            if let connection = try? PostgresConnection(url: shard.url) {
                known[try identity(of: connection)] = .shard(shard.server)
            }
        }
        for url in urls {
            let connection = try PostgresConnection(url: url)
            try requireBytewiseText(on: connection)
            let identity = try identity(of: connection)
            if let database = known[identity] {
                throw database.refusal(of: url, coordinator: coordinator)
            }
            known[identity] = .named
        }
        let first = (attached.compactMap { Int($0.server.dropFirst(PostgresShard.serverPrefix.count)) }.max() ?? 0) + 1
        try inTransaction(coordinator) {
            try coordinator.execute("CREATE EXTENSION IF NOT EXISTS postgres_fdw")
            for (offset, url) in urls.enumerated() {
                try register(url, as: PostgresShard.serverName(first + offset), on: coordinator)
            }
            let database = try identifier(try text("SELECT current_database()", on: coordinator), on: coordinator)
            for setting in partitionwiseSettings {
                try coordinator.execute("ALTER DATABASE \(database) SET \(setting) = on; SET \(setting) = on")
            }
        }
        return Array(try shards(on: coordinator).dropFirst(attached.count))
    }

    /// The shards attached to the coordinator, in the order they were added.
    public static func shards(on coordinator: PostgresConnection) throws -> [PostgresShard] {
        // A mapping for the role itself wins over PUBLIC's, as postgres_fdw chooses.
        let rows = try coordinator.query("""
            SELECT s.srvname::text, array_to_json(coalesce(s.srvoptions, '{}'))::text,
                   array_to_json(coalesce((SELECT m.umoptions FROM pg_user_mappings m WHERE m.srvid = s.oid AND m.usename IN (current_user, 'public')
                                           ORDER BY m.usename = 'public' LIMIT 1), '{}'))::text
            FROM pg_foreign_server s WHERE s.srvname ~ $1 ORDER BY substring(s.srvname::text FROM $2::int)::int
            """, [.text("^\(PostgresShard.serverPrefix)[0-9]+$"), .integer(Int64(PostgresShard.serverPrefix.count + 1))])
        return try rows.map { row in
            guard row.count == 3, case .text(let server) = row[0], case .text(let serverOptions) = row[1],
                  case .text(let mappingOptions) = row[2] else {
                throw PostgresError(kind: .usage, message: "the coordinator listed its shards in a form tei cannot read", server: coordinator.url.redacted)
            }
            return try PostgresShard(server: server, serverOptions: try strings(json: serverOptions), mappingOptions: try strings(json: mappingOptions))
        }
    }

    /// Replaces `schema.table` on the coordinator by a table of the same name and rows,
    /// hash-partitioned on `key` into one foreign table per shard (`attach` first), in a
    /// transaction of its own: on failure the coordinator keeps its table as it was. See
    /// `distributeInTransaction`.
    public static func distribute(schema: String, table: String, key: String, over shards: [PostgresShard],
                                  on coordinator: PostgresConnection) throws {
        try inTransaction(coordinator) {
            try distributeInTransaction(schema: schema, table: table, key: key, over: shards, on: coordinator)
        }
        // The planner's estimates of the partitions, sampled from the shards.
        try coordinator.execute("ANALYZE \(try identifier(schema, on: coordinator)).\(try identifier(table, on: coordinator))")
    }

    /// `distribute` inside the caller's transaction on the coordinator. Each shard first gets tei's
    /// functions, the schema, and the table with the coordinator table's columns and indexes (its
    /// primary key as a unique index), each shard's in a transaction of its own there, replacing a
    /// table of the same name (left by a copy that failed). The rows then move through the
    /// coordinator; postgres_fdw commits them on the shards when the coordinator commits, so a
    /// rollback leaves the shards' tables empty.
    public static func distributeInTransaction(schema: String, table: String, key: String, over shards: [PostgresShard],
                                               on coordinator: PostgresConnection) throws {
        let quotedSchema = try identifier(schema, on: coordinator)
        let qualified = quotedSchema + "." + (try identifier(table, on: coordinator))
        let columns = try texts("""
            SELECT format('%I %s', attname, format_type(atttypid, atttypmod)) FROM pg_attribute
            WHERE attrelid = to_regclass(format('%I.%I', $1::text, $2::text)) AND attnum > 0 AND NOT attisdropped ORDER BY attnum
            """, [.text(schema), .text(table)], on: coordinator)
        guard !columns.isEmpty else {
            throw PostgresError(kind: .usage, message: "there is no table \(schema).\(table) to distribute", server: coordinator.url.redacted)
        }
        guard !shards.isEmpty else {
            throw PostgresError(kind: .usage, message: "there are no shards to distribute \(schema).\(table) over", server: coordinator.url.redacted)
        }
        let indexes = try texts("SELECT pg_get_indexdef(indexrelid) FROM pg_index WHERE indrelid = to_regclass(format('%I.%I', $1::text, $2::text))",
                                [.text(schema), .text(table)], on: coordinator)
        let definition = columns.joined(separator: ", ")
        for shard in shards {
            let connection = try connect(to: shard)
            try PostgresFunctions.install(on: connection)
            try inTransaction(connection) {
                try connection.execute("CREATE SCHEMA IF NOT EXISTS \(quotedSchema); DROP TABLE IF EXISTS \(qualified)")
                try connection.execute("CREATE TABLE \(qualified) (\(definition))")
                for index in indexes { try connection.execute(index) }
            }
        }
        let distributed = quotedSchema + "." + (try identifier(table + "__distributed", on: coordinator))
        try coordinator.execute("CREATE TABLE \(distributed) (\(definition)) PARTITION BY HASH (\(try identifier(key, on: coordinator)))")
        for (index, shard) in shards.enumerated() {
            let partition = quotedSchema + "." + (try identifier("\(table)__shard_\(index + 1)", on: coordinator))
            try coordinator.execute("""
                CREATE FOREIGN TABLE \(partition) PARTITION OF \(distributed)
                FOR VALUES WITH (MODULUS \(shards.count), REMAINDER \(index)) SERVER \(try identifier(shard.server, on: coordinator))
                OPTIONS (schema_name \(try literal(schema, on: coordinator)), table_name \(try literal(table, on: coordinator)))
                """)
        }
        try coordinator.execute("INSERT INTO \(distributed) SELECT * FROM \(qualified)")
        try coordinator.execute("DROP TABLE \(qualified)")
        try coordinator.execute("ALTER TABLE \(distributed) RENAME TO \(try identifier(table, on: coordinator))")
    }

    /// A database `attach` has met already, which a new shard must not be.
    private enum KnownDatabase {
        case coordinator
        case shard(String)
        /// Named earlier in the same `attach`.
        case named

        func refusal(of url: PostgresURL, coordinator: PostgresConnection) -> PostgresError {
            let (what, hint): (String, String?) = switch self {
            case .coordinator: ("the coordinator itself", "a shard is another database, usually on another server")
            case .shard(let server): ("attached already as \(server)", "`tei admin shards list --db URL` lists the coordinator's shards")
            case .named: ("named twice", nil)
            }
            return PostgresError(kind: .usage, message: "the shard \(url.redacted) is \(what)", hint: hint, server: coordinator.url.redacted)
        }
    }

    /// Settings of the coordinator without which each shard's rows would be aggregated on it.
    static let partitionwiseSettings = ["enable_partitionwise_aggregate", "enable_partitionwise_join"]

    /// libpq keywords that tei sets for itself and postgres_fdw refuses or sets on its own.
    private static let excludedKeywords: Set<String> = ["client_encoding", "fallback_application_name"]

    /// The foreign server and PUBLIC's user mapping for the shard at `url`. The mapping's options
    /// are bound as a parameter and spelled into the statement on the server, so the password is
    /// in no statement text tei sends (nor in an error that quotes one).
    private static func register(_ url: PostgresURL, as name: String, on coordinator: PostgresConnection) throws {
        let (serverOptions, mapping) = options(of: url)
        let server = try identifier(name, on: coordinator)
        try coordinator.execute("CREATE SERVER \(server) FOREIGN DATA WRAPPER postgres_fdw OPTIONS (\(try options(serverOptions, on: coordinator)))")
        try coordinator.run("SELECT set_config('tei.shard_mapping', $1, true)",
                            [.text(try mapping.map { "\($0.key) \(try literal($0.value, on: coordinator))" }.joined(separator: ", "))])
        try coordinator.execute("""
            DO $$ BEGIN
                EXECUTE format('CREATE USER MAPPING FOR PUBLIC SERVER %I', \(try literal(name, on: coordinator)))
                    || coalesce(' OPTIONS (' || nullif(current_setting('tei.shard_mapping'), '') || ')', '');
            END $$;
            SELECT set_config('tei.shard_mapping', '', true)
            """)
    }

    /// A connection to `shard`, or an error that names it: the message of a store's load names
    /// the coordinator only.
    private static func connect(to shard: PostgresShard) throws -> PostgresConnection {
        do {
            return try PostgresConnection(url: shard.url)
        } catch let error as PostgresError where error.kind == .connection {
            let hint = shard.url.password == nil
                ? "only the role that added the shards (and superusers) may read the password the coordinator keeps for them: import as that role"
                : error.hint
            throw PostgresError(kind: .usage, message: "cannot connect to the shard \(shard.server) at \(shard.url.redacted): \(error.message)",
                                hint: hint, server: shard.url.redacted)
        }
    }

    /// The options of the foreign server for the shard at `url` (where it is, and postgres_fdw's
    /// own: reads at once, rows in batches) and of its user mapping (who signs in), which
    /// `PostgresShard` reads back.
    static func options(of url: PostgresURL) -> (server: [(key: String, value: String)], mapping: [(key: String, value: String)]) {
        let keywords = url.connectionKeywords.filter { !excludedKeywords.contains($0.key) }
        let signIn: Set = ["user", "password"]
        return (keywords.filter { !signIn.contains($0.key) } + [("async_capable", "true"), ("batch_size", "1000"), ("fetch_size", "10000")],
                keywords.filter { signIn.contains($0.key) })
    }

    /// Refuses a database whose text does not sort by its bytes: postgres_fdw sends comparisons of
    /// text to the shard, whose collation would then decide them.
    private static func requireBytewiseText(on connection: PostgresConnection) throws {
        let collation = try text("SELECT datcollate::text FROM pg_database WHERE datname = current_database()", on: connection)
        guard ["C", "POSIX"].contains(collation) else {
            throw PostgresError(kind: .usage, message: "the shard \(connection.url.redacted) sorts text by the collation \(collation), not by bytes as tei does",
                                hint: "create its database with C collation: CREATE DATABASE … LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0",
                                server: connection.url.redacted)
        }
    }

    /// What tells one database from every other: its cluster's system identifier and its name
    /// (two URLs may name one server by different hosts).
    private static func identity(of connection: PostgresConnection) throws -> String {
        try text("SELECT system_identifier::text || '/' || current_database() FROM pg_control_system()", on: connection)
    }

    private static func inTransaction(_ connection: PostgresConnection, _ body: () throws -> Void) throws {
        try connection.execute("BEGIN")
        do {
            try body()
            try connection.execute("COMMIT")
        } catch {
            try? connection.execute("ROLLBACK")
            throw error
        }
    }

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
        guard let value = try texts(sql, values, on: connection).first else {
            throw PostgresError(kind: .usage, message: "the server gave no text for \(sql)", sql: sql)
        }
        return value
    }

    private static func texts(_ sql: String, _ values: [SQLValue], on connection: PostgresConnection) throws -> [String] {
        try connection.query(sql, values).compactMap { row -> String? in
            if case .text(let value)? = row.first { return value }
            return nil
        }
    }

    /// A JSON array of texts, as `array_to_json` gives an option list (not quoted in the error: it may hold a password).
    private static func strings(json: String) throws -> [String] {
        guard let strings = try? JSONDecoder().decode([String].self, from: Data(json.utf8)) else {
            throw PostgresError(kind: .usage, message: "a shard's options on the coordinator are not a list of texts")
        }
        return strings
    }
}
