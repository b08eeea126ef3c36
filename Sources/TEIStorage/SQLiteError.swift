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

    /// Whether a write of SQLite's failed for want of disk space (a sort spilling to temporary files).
    public var isDiskFull: Bool { code & 0xff == SQLITE_FULL }

    /// Whether a write of SQLite's failed otherwise (`SQLITE_IOERR_WRITE`): during a query, only
    /// temporary sort files are written, and a file size limit (`ulimit -f`) fails them so.
    public var isWriteFailure: Bool { code == SQLITE_IOERR | (3 << 8) }

    /// Whether SQLite found a database file damaged (`SQLITE_CORRUPT` or `SQLITE_NOTADB`, extended
    /// codes included, or `SQLITE_IOERR_DATA`, a page whose checksum does not match): what a query
    /// reports when a cache file was changed by a bad disk or copy.
    public var isCorruption: Bool {
        let primary = code & 0xff
        return primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB || code == Self.ioErrorData
    }

    /// `SQLITE_IOERR_DATA`, whose macro Swift does not import.
    private static let ioErrorData = SQLITE_IOERR | (32 << 8)

    /// What SQLite says when `sum()` or `abs()` leaves 64 bits, and what tei's checked
    /// arithmetic says (see `SQLFunctions`).
    static let integerOverflowMessage = "integer overflow"

    /// Whether a whole number in the query went past 64 bits.
    public var isIntegerOverflow: Bool { message == Self.integerOverflowMessage }

    public var description: String {
        sql.map { "\(message) (in: \($0))" } ?? message
    }
}
