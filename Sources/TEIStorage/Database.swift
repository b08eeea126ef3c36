import CSQLite
import Foundation

/// One SQLite connection. The only type (with `Statement`) that calls the SQLite C API.
public final class Database: @unchecked Sendable {
    let handle: OpaquePointer
    /// Every statement text prepared on this connection, in order; tests read it to assert on the
    /// SQL that reached SQLite.
    public private(set) var preparedSQL: [String] = []
    /// Whether `preparedSQL` records statements.
    public var recordsSQL = false

    /// Opens (or creates) the database at `path`; `":memory:"` opens a private in-memory database.
    /// `vfs` names a registered SQLite VFS to open it through (nil: the default).
    public init(path: String = ":memory:", readOnly: Bool = false, vfs: String? = nil) throws {
        var db: OpaquePointer?
        let flags = (readOnly ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE))
            | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI
        let rc = sqlite3_open_v2(path, &db, flags, vfs)
        guard rc == SQLITE_OK, let db else {
            let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? "cannot open database"
            if let db { sqlite3_close_v2(db) }
            throw SQLiteError(code: rc, message: "\(message): \(path)")
        }
        handle = db
        sqlite3_extended_result_codes(db, 1)
        sqlite3_busy_timeout(db, 30_000)
        SQLFunctions.register(on: db)
        IndexOrderWindow.register(on: db)
    }

    deinit {
        sqlite3_close_v2(handle)
    }

    /// Runs one or more statements that take no parameters and return no rows.
    public func execute(_ sql: String) throws {
        if recordsSQL { preparedSQL.append(sql) }
        var error: UnsafeMutablePointer<CChar>?
        let rc = sqlite3_exec(handle, sql, nil, nil, &error)
        if rc != SQLITE_OK {
            let message = error.map { String(cString: $0) } ?? lastErrorMessage
            sqlite3_free(error)
            throw SQLiteError(code: rc, message: message, sql: sql)
        }
    }

    /// Prepares a statement; it is finalized when the returned value goes away.
    public func prepare(_ sql: String) throws -> Statement {
        if recordsSQL { preparedSQL.append(sql) }
        return try Statement(database: self, sql: sql)
    }

    /// Runs `body` in a transaction, committing when it returns and rolling back when it throws.
    public func transaction<T>(_ body: () throws -> T) throws -> T {
        try execute("BEGIN IMMEDIATE")
        do {
            let result = try body()
            try execute("COMMIT")
            return result
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
    }

    /// Makes the statement running on this connection stop with `SQLITE_INTERRUPT`.
    /// Safe to call from another thread or a signal-driven dispatch source.
    public func interrupt() {
        sqlite3_interrupt(handle)
    }

    /// The rowid of the last inserted row.
    public var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(handle) }

    /// The number of rows changed by the last statement.
    public var changes: Int { Int(sqlite3_changes(handle)) }

    /// The version of the SQLite library in use, e.g. `3.40.1`.
    public static var sqliteVersion: String { String(cString: sqlite3_libversion()) }

    var lastErrorMessage: String { String(cString: sqlite3_errmsg(handle)) }

    /// Quotes an identifier for SQL: `tweet text` becomes `"tweet text"`.
    public static func quote(identifier: String) -> String {
        "\"" + identifier.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
