import TEIPostgres
import TEIStorage

/// Queries on a PostgreSQL server, through `PostgresConnection`: parameters bound, rows streamed
/// one at a time (single-row mode), `interrupt` cancelling on the server. Its failures become
/// `QueryFailure`s, whose messages name the server by its redacted URL.
public final class PostgresBackend: QueryBackend {
    public let connection: PostgresConnection
    public let dialect: SQLDialect = PostgreSQLDialect()
    public let tables: ServerTables
    public var serverTables: ServerTables? { tables }
    public var name: String { "PostgreSQL" }

    /// Queries on `connection` over the tables `tables` puts on the server. Refuses a database
    /// whose text does not sort by its bytes (C collation), where tei's order and comparisons of
    /// text would differ from SQLite's.
    public init(connection: PostgresConnection, tables: ServerTables) throws {
        self.connection = connection
        self.tables = tables
        let collation = try connection.query("SELECT datcollate FROM pg_database WHERE datname = current_database()")
        if let row = collation.first, case .text(let name) = row[0], !["C", "POSIX"].contains(name) {
            throw QueryFailure(kind: .failed,
                               message: "the database at \(connection.url.redacted) sorts text by the collation \(name), not by bytes as tei does",
                               hint: "create the database with C collation: CREATE DATABASE … LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0")
        }
        try Self.requireFunctions(on: connection)
    }

    /// Makes sure the server has tei's functions (`PostgresFunctions`) in this tei's version,
    /// installing them when it has not: a role that may only read relies on whoever imported the
    /// releases, and is told so if they are missing, rather than meeting the error in a query.
    static func requireFunctions(on connection: PostgresConnection) throws {
        let installed = try? connection.query("SELECT max(version) FROM tei.function_version")
        if installed?.first?.first == .integer(Int64(PostgresFunctions.version)) { return }
        do {
            try PostgresFunctions.install(on: connection)
        } catch let error as PostgresError {
            throw QueryFailure(kind: .failed,
                               message: "the server at \(connection.url.redacted) lacks tei's functions (version \(PostgresFunctions.version)), "
                                   + "and installing them failed: \(error.message)",
                               hint: "whoever manages the server installs them by running any script there once with a role that may create schemas")
        }
    }

    public func start(_ sql: String, parameters: [SQLValue]) throws -> QueryCursor {
        do {
            return PostgresCursor(try connection.rows(sql, parameters))
        } catch let error as PostgresError {
            throw Self.failure(error)
        }
    }

    public func interrupt() {
        connection.interrupt()
    }

    /// What a server's error means to the session. 22003 is "out of range" (a `bigint` that
    /// overflowed), 22012 division by zero (which the dialect's SQL avoids, as SQLite gives null).
    static func failure(_ error: PostgresError) -> QueryFailure {
        if error.isInterrupt { return QueryFailure(kind: .interrupted, message: "interrupted") }
        switch error.kind {
        case .connectionLost, .connection:
            return QueryFailure(kind: .connectionLost, message: error.description, hint: error.hint)
        case .statement where error.sqlState == "22003":
            return QueryFailure(kind: .integerOverflow, message: error.message)
        case .statement:
            return QueryFailure(kind: .failed, message: error.message + (error.detail.map { " (\($0))" } ?? ""), hint: error.hint)
        case .usage:
            return QueryFailure(kind: .failed, message: error.message)
        }
    }
}

/// A running statement's rows as the server sends them.
final class PostgresCursor: QueryCursor {
    private let rows: PostgresRows
    private var current: [SQLValue] = []

    init(_ rows: PostgresRows) {
        self.rows = rows
    }

    func step() throws -> Bool {
        do {
            guard let row = try rows.next() else { return false }
            current = row
            return true
        } catch let error as PostgresError {
            throw PostgresBackend.failure(error)
        }
    }

    func value(at index: Int) -> SQLValue { current[index] }

    func close() { rows.close() }
}
