import CSQLite
import Foundation

// SQLITE_TRANSIENT is a macro that Swift does not import: SQLite copies the bound bytes.
private let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

/// A prepared SQLite statement. Prepared in `init`, finalized in `deinit`.
public final class Statement {
    let handle: OpaquePointer
    /// The SQL text this statement was prepared from.
    public let sql: String
    private let database: Database

    init(database: Database, sql: String) throws {
        var statement: OpaquePointer?
        let rc = sqlite3_prepare_v2(database.handle, sql, -1, &statement, nil)
        guard rc == SQLITE_OK, let statement else {
            throw SQLiteError(code: rc, message: database.lastErrorMessage, sql: sql)
        }
        self.handle = statement
        self.sql = sql
        self.database = database
    }

    deinit {
        sqlite3_finalize(handle)
    }

    /// The number of result columns.
    public var columnCount: Int { Int(sqlite3_column_count(handle)) }

    /// The name of result column `index`.
    public func columnName(_ index: Int) -> String {
        String(cString: sqlite3_column_name(handle, Int32(index)))
    }

    /// Binds `values` to the parameters `?1`, `?2`, … in order.
    public func bind(_ values: [SQLValue]) throws {
        for (offset, value) in values.enumerated() {
            try bind(value, at: offset + 1)
        }
    }

    /// Binds one value to parameter `index` (1-based).
    public func bind(_ value: SQLValue, at index: Int) throws {
        let i = Int32(index)
        let rc: Int32
        switch value {
        case .null: rc = sqlite3_bind_null(handle, i)
        case .integer(let v): rc = sqlite3_bind_int64(handle, i, v)
        case .real(let v): rc = sqlite3_bind_double(handle, i, v)
        // With its length, so a NUL inside the text does not end it.
        case .text(let v): rc = sqlite3_bind_text(handle, i, v, Int32(v.utf8.count), transient)
        case .blob(let v):
            rc = v.withUnsafeBytes { sqlite3_bind_blob(handle, i, $0.baseAddress, Int32(v.count), transient) }
        }
        if rc != SQLITE_OK { throw error(rc) }
    }

    /// Binds a string from raw UTF-8 bytes, without building a `String` and without SQLite copying
    /// them (the importer's hot path): `bytes` must stay valid until the statement has been
    /// stepped, and every parameter be bound again before it is stepped again (the import's
    /// writer, whose batch outlives each statement it runs).
    func bindTextInPlace(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) throws {
        let rc = bytes.withMemoryRebound(to: CChar.self) { chars -> Int32 in
            guard let base = chars.baseAddress else { return sqlite3_bind_text(handle, Int32(index), "", 0, transient) }
            return sqlite3_bind_text(handle, Int32(index), base, Int32(chars.count), nil)
        }
        if rc != SQLITE_OK { throw error(rc) }
    }

    /// Binds raw bytes as a blob, without copying them into an array first.
    public func bindBlob(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) throws {
        // A zero-length blob, not NULL, when there are no bytes.
        let rc = bytes.baseAddress.map { sqlite3_bind_blob(handle, Int32(index), $0, Int32(bytes.count), transient) }
            ?? sqlite3_bind_zeroblob(handle, Int32(index), 0)
        if rc != SQLITE_OK { throw error(rc) }
    }

    /// Binds an integer to parameter `index` (1-based).
    public func bind(_ value: Int64, at index: Int) throws {
        let rc = sqlite3_bind_int64(handle, Int32(index), value)
        if rc != SQLITE_OK { throw error(rc) }
    }

    /// Binds NULL to parameter `index` (1-based).
    public func bindNull(at index: Int) throws {
        let rc = sqlite3_bind_null(handle, Int32(index))
        if rc != SQLITE_OK { throw error(rc) }
    }

    /// Advances to the next row; returns false when the statement is done.
    @discardableResult
    public func step() throws -> Bool {
        let rc = sqlite3_step(handle)
        switch rc {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default: throw error(rc)
        }
    }

    /// Resets the statement so it can run again; bindings are kept unless `clearBindings`.
    public func reset(clearBindings: Bool = false) {
        sqlite3_reset(handle)
        if clearBindings { sqlite3_clear_bindings(handle) }
    }

    /// Runs a statement that returns no rows.
    public func run(_ values: [SQLValue] = []) throws {
        reset(clearBindings: true)
        try bind(values)
        while try step() {}
    }

    /// The value of column `index` of the current row.
    public func value(at index: Int) -> SQLValue {
        let i = Int32(index)
        switch sqlite3_column_type(handle, i) {
        case SQLITE_INTEGER: return .integer(sqlite3_column_int64(handle, i))
        case SQLITE_FLOAT: return .real(sqlite3_column_double(handle, i))
        case SQLITE_TEXT:
            guard let text = sqlite3_column_text(handle, i) else { return .text("") }
            return .text(String(decoding: UnsafeBufferPointer(start: text, count: Int(sqlite3_column_bytes(handle, i))), as: UTF8.self))
        case SQLITE_BLOB:
            let count = Int(sqlite3_column_bytes(handle, i))
            guard count > 0, let base = sqlite3_column_blob(handle, i) else { return .blob([]) }
            return .blob(Array(UnsafeRawBufferPointer(start: base, count: count)))
        default: return .null
        }
    }

    /// All values of the current row.
    public func row() -> [SQLValue] {
        (0..<columnCount).map { value(at: $0) }
    }

    /// Runs the statement with `values` bound and returns every row.
    public func all(_ values: [SQLValue] = []) throws -> [[SQLValue]] {
        reset(clearBindings: true)
        try bind(values)
        var rows: [[SQLValue]] = []
        while try step() { rows.append(row()) }
        return rows
    }

    private func error(_ rc: Int32) -> SQLiteError {
        SQLiteError(code: rc, message: String(cString: sqlite3_errmsg(sqlite3_db_handle(handle))), sql: sql)
    }
}

extension Database {
    /// Runs a query with bound values and returns every row.
    public func query(_ sql: String, _ values: [SQLValue] = []) throws -> [[SQLValue]] {
        try prepare(sql).all(values)
    }

    /// Runs a statement with bound values that returns no rows.
    public func run(_ sql: String, _ values: [SQLValue] = []) throws {
        try prepare(sql).run(values)
    }
}
