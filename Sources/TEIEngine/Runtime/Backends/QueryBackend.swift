import Foundation
import TEIStorage

/// Where a session's queries run: the local SQLite cache (`SQLiteBackend`) or a PostgreSQL
/// server (`PostgresBackend`). `Session` prepares, steps, interrupts and explains through it and
/// knows no database; the SQL it runs is written for `dialect`.
public protocol QueryBackend: AnyObject {
    /// How this database spells the plan.
    var dialect: SQLDialect { get }
    /// What `explain` and messages call the backend, e.g. `SQLite`.
    var name: String { get }
    /// Where loads bind their tables when they are not the local cache's own; nil for the local cache.
    var serverTables: ServerTables? { get }
    /// Starts `sql` with `parameters` bound to its placeholders; its rows are read through the cursor.
    func start(_ sql: String, parameters: [SQLValue]) throws -> QueryCursor
    /// Stops the statement running now (from another thread); it fails with an interrupt.
    func interrupt()
}

/// Makes a session's backend over the local cache's store (whose folder a server's imports use).
public typealias BackendMaker = (TableStore) throws -> QueryBackend

/// The rows of one running statement, read one at a time.
public protocol QueryCursor: AnyObject {
    /// Moves to the next row; false when there are no more.
    func step() throws -> Bool
    /// Column `index` of the current row.
    func value(at index: Int) -> SQLValue
    /// Stops reading: the rest of the statement is not computed, and the backend may run another.
    func close()
}

/// Where the tables of a session whose queries run on a server come from: each `load` names a
/// table the server holds (imported there once), which the checker peeks at and the SQL stage reads.
public protocol ServerTables: AnyObject {
    /// The kind and columns of the table `path` names, without importing it.
    func peek(path: String, options: LoadOptions) throws -> TableSchema
    /// The table on the server for `path`, imported there first when it is not yet.
    func load(path: String, options: LoadOptions) throws -> LoadedTable
    /// Every local file a load read: what no file the session writes may replace.
    var filesRead: [URL] { get }
    /// Stops a load running on another thread.
    func interruptImport()
}

/// A query that failed on a backend other than SQLite (whose `SQLiteError`s the session reads
/// itself), in the terms the session reports: the message never holds a password.
public struct QueryFailure: Error, CustomStringConvertible {
    public enum Kind: Equatable {
        /// The user (Ctrl-C) or a deadline stopped it.
        case interrupted
        /// A whole number did not fit in 64 bits.
        case integerOverflow
        /// The connection to the server broke: it was stopped or crashed.
        case connectionLost
        /// The server refused or failed the statement.
        case failed
    }

    public let kind: Kind
    public let message: String
    public let hint: String?

    public init(kind: Kind, message: String, hint: String? = nil) {
        self.kind = kind
        self.message = message
        self.hint = hint
    }

    public var description: String { message }
}

extension Error {
    /// Whether a query stopped because it was interrupted, on any backend.
    var isQueryInterrupt: Bool {
        (self as? SQLiteError)?.isInterrupt == true || (self as? QueryFailure)?.kind == .interrupted
    }
}
