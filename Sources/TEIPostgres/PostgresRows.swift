import CLibPQ
import TEIStorage

/// A column of a PostgreSQL result: its name and its type's OID.
public struct PostgresColumn: Sendable, Equatable {
    public var name: String
    /// The column's type (`pg_type.oid`), which decides how its text is read back.
    public var typeOID: UInt32
}

/// The rows of one running statement, read one at a time as the server sends them (libpq's
/// single-row mode), so a large result never sits whole in memory. Reading them all, an error,
/// or `close()` frees the connection for its next statement.
public final class PostgresRows {
    /// The result's columns; empty for a statement that returns no rows.
    public let columns: [PostgresColumn]
    /// How many rows the statement changed or returned, once every row has been read.
    public private(set) var affectedRows = 0
    private let connection: PostgresConnection
    private let sql: String
    /// The first row, read ahead to learn the columns.
    private var pending: OpaquePointer?
    private var isFinished = false

    init(connection: PostgresConnection, sql: String) throws {
        self.connection = connection
        self.sql = sql
        connection.isReading = true
        let first = PQgetResult(connection.handle)
        let status = PQresultStatus(first)
        switch status {
        case PGRES_SINGLE_TUPLE:
            columns = Self.columns(of: first)
            pending = first
        case PGRES_TUPLES_OK, PGRES_COMMAND_OK, PGRES_EMPTY_QUERY:
            columns = Self.columns(of: first)
            pending = nil
            affectedRows = Self.affectedRows(of: first)
            PQclear(first)
            finish()
        default:
            let failure = first == nil || status == PGRES_FATAL_ERROR
                ? connection.error(from: first, sql: sql)
                : PostgresError(kind: .usage, message: "a COPY runs through copyIn, not as a query", sql: sql)
            PQclear(first)
            columns = []
            pending = nil
            finish()
            throw failure
        }
    }

    deinit {
        close()
    }

    /// The next row, or nil when there are no more. A statement that fails midway (or is
    /// interrupted, or loses its server) throws here, after the rows that came before.
    public func next() throws -> [SQLValue]? {
        if let row = pending {
            pending = nil
            defer { PQclear(row) }
            return Self.values(of: row, columns: columns)
        }
        guard !isFinished else { return nil }
        let result = PQgetResult(connection.handle)
        defer { PQclear(result) }
        switch PQresultStatus(result) {
        case PGRES_SINGLE_TUPLE:
            return Self.values(of: result, columns: columns)
        case PGRES_TUPLES_OK:
            affectedRows = Self.affectedRows(of: result)
            finish()
            return nil
        default:
            let failure = connection.error(from: result, sql: sql)
            finish()
            throw failure
        }
    }

    /// Stops reading: the server is asked to cancel the rest of the statement, and what it had
    /// already sent is dropped.
    public func close() {
        guard !isFinished else { return }
        if let row = pending {
            PQclear(row)
            pending = nil
        }
        connection.interrupt()
        finish()
    }

    private func finish() {
        connection.finishResults()
        connection.isReading = false
        isFinished = true
    }

    private static func columns(of result: OpaquePointer?) -> [PostgresColumn] {
        (0..<PQnfields(result)).map { index in
            PostgresColumn(name: String(cString: PQfname(result, index)), typeOID: UInt32(PQftype(result, index)))
        }
    }

    private static func affectedRows(of result: OpaquePointer?) -> Int {
        Int(String(cString: PQcmdTuples(result))) ?? 0
    }

    private static func values(of result: OpaquePointer?, columns: [PostgresColumn]) -> [SQLValue] {
        columns.indices.map { column in
            let index = Int32(column)
            guard PQgetisnull(result, 0, index) == 0 else { return .null }
            let length = Int(PQgetlength(result, 0, index))
            let text = PQgetvalue(result, 0, index).withMemoryRebound(to: UInt8.self, capacity: length) {
                String(decoding: UnsafeBufferPointer(start: $0, count: length), as: UTF8.self)
            }
            return PostgresText.value(text, type: columns[column].typeOID)
        }
    }
}
