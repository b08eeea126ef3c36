import CLibPQ
import Foundation
import TEIStorage

/// One connection to a PostgreSQL server: the only type (with `PostgresRows` and
/// `PostgresCopyIn`) that calls libpq. Values are always bound as parameters in text format
/// (`PQexecParams`), rows are streamed one at a time (single-row mode), `COPY … FROM STDIN`
/// streams rows in, and `interrupt()` cancels the running statement from another thread, as
/// `Database.interrupt()` does for SQLite.
///
/// Used by one thread at a time, except `interrupt()`.
public final class PostgresConnection: @unchecked Sendable {
    let handle: OpaquePointer
    /// libpq's cancel request for this connection, which `PQcancel` may use from any thread.
    private let cancelRequest: OpaquePointer?
    /// Where the connection goes; messages show it redacted.
    public let url: PostgresURL
    /// Whether a `PostgresRows` is still reading a result: libpq runs one statement at a time.
    var isReading = false

    /// Connects to the server `url` names, waiting at most its `connect_timeout` (default
    /// `PostgresURL.defaultConnectTimeoutSeconds`) for each host.
    public init(url: PostgresURL) throws {
        self.url = url
        let keywords = url.connectionKeywords
        let connection = CStringArray(keywords.map(\.key)).withPointers { names in
            CStringArray(keywords.map(\.value)).withPointers { values in
                PQconnectdbParams(names, values, 0)
            }
        }
        guard let connection else {
            throw PostgresError(kind: .connection, message: "out of memory", server: url.redacted)
        }
        guard PQstatus(connection) == CONNECTION_OK else {
            let error = PostgresError.connectionFailed(String(cString: PQerrorMessage(connection)), url: url)
            PQfinish(connection)
            throw error
        }
        handle = connection
        cancelRequest = PQgetCancel(connection)
        // libpq prints the server's notices and warnings on standard error by default; tei
        // reports what matters through its own errors.
        PQsetNoticeProcessor(connection, { _, _ in }, nil)
        // Results are read back as text: floats in their shortest exact form, bytea in hex, times in
        // ISO form and UTC, whatever the server's defaults.
        do {
            try execute("SET extra_float_digits = 3; SET bytea_output = 'hex'; SET TimeZone = 'UTC'; SET DateStyle = 'ISO, YMD'")
        } catch let error as PostgresError {
            throw PostgresError(kind: .connection, message: error.message, server: url.redacted)
        }
    }

    deinit {
        if let cancelRequest { PQfreeCancel(cancelRequest) }
        PQfinish(handle)
    }

    /// The server's version, e.g. `15.18`.
    public var serverVersion: String {
        let number = Int(PQserverVersion(handle))
        return "\(number / 10_000).\(number % 10_000)"
    }

    /// Runs statements that take no parameters (several, separated by `;`), ignoring any rows.
    public func execute(_ sql: String) throws {
        try requireIdle(for: sql)
        let result = PQexec(handle, sql)
        defer { PQclear(result) }
        switch PQresultStatus(result) {
        case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_EMPTY_QUERY: return
        default: throw error(from: result, sql: sql)
        }
    }

    /// Starts `sql` with `values` bound to `$1`, `$2`, … and returns its rows as they arrive.
    /// Until they are all read (or the rows closed), the connection runs nothing else.
    public func rows(_ sql: String, _ values: [SQLValue] = []) throws -> PostgresRows {
        try requireIdle(for: sql)
        let parameters = try values.map(PostgresText.parameter)
        let types = parameters.map { Oid($0.type) }
        let sent = CStringArray(parameters.map(\.text)).withPointers { texts in
            PQsendQueryParams(handle, sql, Int32(parameters.count), types, texts, nil, nil, 0)
        }
        guard sent == 1 else { throw error(from: nil, sql: sql) }
        // Fails only when no statement is waiting; then the rows come whole, still correct.
        PQsetSingleRowMode(handle)
        return try PostgresRows(connection: self, sql: sql)
    }

    /// Runs `sql` with `values` bound and returns every row.
    public func query(_ sql: String, _ values: [SQLValue] = []) throws -> [[SQLValue]] {
        let rows = try rows(sql, values)
        var all: [[SQLValue]] = []
        while let row = try rows.next() { all.append(row) }
        return all
    }

    /// Runs a statement with `values` bound and returns how many rows it changed (or returned).
    @discardableResult
    public func run(_ sql: String, _ values: [SQLValue] = []) throws -> Int {
        let rows = try rows(sql, values)
        while try rows.next() != nil {}
        return rows.affectedRows
    }

    /// Runs `sql`, a `COPY … FROM STDIN` in text format, with the rows `body` writes; returns how
    /// many rows were copied. When `body` throws, the copy is abandoned (the server keeps none of
    /// its rows) and the error is passed on.
    @discardableResult
    public func copyIn(_ sql: String, _ body: (PostgresCopyIn) throws -> Void) throws -> Int {
        try requireIdle(for: sql)
        let start = PQexec(handle, sql)
        guard PQresultStatus(start) == PGRES_COPY_IN else {
            let status = PQresultStatus(start)
            let failure = status == PGRES_FATAL_ERROR || start == nil
                ? error(from: start, sql: sql)
                : PostgresError(kind: .usage, message: "copyIn needs a COPY … FROM STDIN statement", sql: sql)
            PQclear(start)
            finishResults()
            throw failure
        }
        PQclear(start)
        let copy = PostgresCopyIn(connection: self, sql: sql)
        do {
            try body(copy)
            try copy.flush()
        } catch {
            // Ends the copy with a failure, so the server rolls back the rows it already has.
            finishResults()
            throw error
        }
        guard PQputCopyEnd(handle, nil) == 1 else { throw self.error(from: nil, sql: sql) }
        var copied = 0
        var failure: PostgresError?
        while let result = PQgetResult(handle) {
            if PQresultStatus(result) == PGRES_COMMAND_OK {
                copied = Int(String(cString: PQcmdTuples(result))) ?? 0
            } else if failure == nil {
                failure = error(from: result, sql: sql)
            }
            PQclear(result)
        }
        if let failure { throw failure }
        return copied
    }

    /// Asks the server to cancel the statement running on this connection, which then fails
    /// with an error whose `isInterrupt` is true. Safe to call from another thread; does nothing
    /// when no statement runs.
    public func interrupt() {
        guard let cancelRequest else { return }
        var message = [CChar](repeating: 0, count: 256)
        _ = PQcancel(cancelRequest, &message, Int32(message.count))
    }

    /// Reads and drops the results still due, so the connection can run the next statement; a
    /// COPY started by a statement that was not expected to start one is ended first.
    func finishResults() {
        while let result = PQgetResult(handle) {
            let status = PQresultStatus(result)
            PQclear(result)
            if status == PGRES_COPY_IN {
                PQputCopyEnd(handle, "tei stopped the copy")
            } else if status == PGRES_COPY_OUT || status == PGRES_COPY_BOTH {
                var data: UnsafeMutablePointer<CChar>?
                while PQgetCopyData(handle, &data, 0) >= 0 { PQfreemem(data) }
            }
        }
    }

    private func requireIdle(for sql: String) throws {
        if isReading { throw PostgresError.busy(sql: sql) }
    }

    /// The error `result` carries, or the connection's when there is no result. A broken
    /// connection (the server stopped, the network went away) is told apart from a failed statement.
    func error(from result: OpaquePointer?, sql: String?) -> PostgresError {
        func field(_ code: Character) -> String? {
            guard let result, let value = PQresultErrorField(result, Int32(code.asciiValue!)) else { return nil }
            return url.scrub(String(cString: value))
        }
        let sqlState = field("C")
        let libpqMessage = url.scrub(String(cString: result.map { PQresultErrorMessage($0) } ?? PQerrorMessage(handle)))
        let message = field("M") ?? libpqMessage.split(separator: "\n").first.map(PostgresError.withoutSeverity) ?? "no reason given"
        // 57P01-57P03: the server is shutting down or crashed; class 08: the connection failed.
        let lost = PQstatus(handle) == CONNECTION_BAD || sqlState.map { $0.hasPrefix("57P") || $0.hasPrefix("08") } == true
        if lost {
            return PostgresError(kind: .connectionLost, message: message, sqlState: sqlState,
                                 hint: "the server may have been stopped or restarted; check that it runs, then try again", server: url.redacted, sql: sql)
        }
        return PostgresError(kind: .statement, message: message, sqlState: sqlState, detail: field("D"), hint: field("H"),
                             server: url.redacted, sql: sql)
    }
}

/// An array of C strings (nil entries stay NULL) kept alive for one call.
private struct CStringArray {
    private let strings: [String?]

    init(_ strings: [String?]) {
        self.strings = strings
    }

    /// Calls `body` with the strings as NUL-terminated copies and a NULL entry after the last.
    func withPointers<Result>(_ body: (UnsafePointer<UnsafePointer<CChar>?>) -> Result) -> Result {
        let copies = strings.map { $0.map { strdup($0) } ?? nil }
        defer { copies.forEach { free($0) } }
        let pointers = copies.map { $0.map { UnsafePointer($0) } } + [nil]
        return pointers.withUnsafeBufferPointer { body($0.baseAddress!) }
    }
}
