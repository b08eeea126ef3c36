import CSQLite
import Foundation

extension Database {
    /// Lets SQLite's sorter (GROUP BY, ORDER BY, CREATE INDEX) use a helper thread per spare core,
    /// up to 4: large sorts get about 20 % faster on two cores.
    public func useCoresForSorting() throws {
        try execute("PRAGMA threads = \(min(4, ProcessInfo.processInfo.activeProcessorCount))")
    }

    /// Raises how many databases may be attached to this connection to the library's compile-time
    /// maximum (SQLite's default is 10) and returns the limit now in force.
    @discardableResult
    public func raiseAttachedDatabaseLimit() -> Int {
        sqlite3_limit(handle, SQLITE_LIMIT_ATTACHED, Int32.max)
        return Int(sqlite3_limit(handle, SQLITE_LIMIT_ATTACHED, -1))
    }

    /// The schema names of the databases attached to this connection (`main` and `temp` excluded).
    public func attachedSchemas() throws -> [String] {
        try query("PRAGMA database_list").compactMap { row in
            guard case .text(let name) = row[1], name != "main", name != "temp" else { return nil }
            return name
        }
    }
}

extension Database {
    /// SQLite's messages for a statement past one of its limits on a statement's size: nesting (its
    /// parser's stack of about 100 entries, about 30 levels of brackets; expression depth 1000),
    /// columns (2000), parts of a compound SELECT (500), tables in one FROM (64), variables (32766),
    /// function arguments (127), and length (1 GB).
    static let sizeLimitMessages = [
        "parser stack overflow", "Expression tree is too large", "too many columns", "too many terms in compound SELECT",
        "too many FROM clause terms", "at most 64 tables in a join", "too many SQL variables", "too many arguments on function",
        "string or blob too big",
    ]

    /// The error SQLite gives when preparing `sql` because the statement is past one of its size
    /// limits, or nil. It prepares without running or recording the statement; other errors (a
    /// damaged cache) are left for running it, which knows how to report them.
    public func sizeLimitError(preparing sql: String) -> SQLiteError? {
        do {
            _ = try Statement(database: self, sql: sql)
            return nil
        } catch let failure as SQLiteError where Self.sizeLimitMessages.contains(where: failure.message.contains) {
            return failure
        } catch {
            return nil
        }
    }
}
