import CSQLite

/// An error reported by SQLite, keeping the statement that failed.
public struct SQLiteError: Error, CustomStringConvertible, Sendable {
    /// The SQLite result code (`SQLITE_ERROR`, `SQLITE_INTERRUPT`, …).
    public let code: Int32
    /// SQLite's own message.
    public let message: String
    /// The SQL that failed, when there was one.
    public let sql: String?

    public init(code: Int32, message: String, sql: String? = nil) {
        self.code = code
        self.message = message
        self.sql = sql
    }

    /// Whether the statement stopped because `Database.interrupt()` was called.
    public var isInterrupt: Bool { code == SQLITE_INTERRUPT }

    public var description: String {
        sql.map { "\(message) (in: \($0))" } ?? message
    }
}
