import CLibPQ
import TEIStorage

/// The rows of a running `COPY … FROM STDIN`, in PostgreSQL's text format, sent in chunks as
/// they are written (`PQputCopyData`), so an import of any size streams through a small buffer.
public final class PostgresCopyIn {
    private let connection: PostgresConnection
    private let sql: String
    private var buffer: [UInt8] = []
    /// The bytes of rows sent to the server so far (a chunk at a time), for a progress display.
    public private(set) var bytesSent: Int64 = 0
    /// Large enough that the per-call cost of libpq vanishes, small enough to stay out of sight.
    private static let chunkBytes = 1 << 20

    init(connection: PostgresConnection, sql: String) {
        self.connection = connection
        self.sql = sql
        buffer.reserveCapacity(Self.chunkBytes + 4096)
    }

    /// Writes one row, its values in the order of the COPY's columns.
    public func write(_ row: [SQLValue]) throws {
        for (index, value) in row.enumerated() {
            if index > 0 { buffer.append(UInt8(ascii: "\t")) }
            try PostgresText.appendCopyField(value, to: &buffer)
        }
        buffer.append(UInt8(ascii: "\n"))
        if buffer.count >= Self.chunkBytes { try flush() }
    }

    /// Sends what is buffered. A server that has already failed the copy (a bad value, a
    /// cancellation, a shutdown) makes this throw its error.
    func flush() throws {
        guard !buffer.isEmpty else { return }
        let sent = buffer.withUnsafeBufferPointer { bytes in
            bytes.withMemoryRebound(to: CChar.self) { PQputCopyData(connection.handle, $0.baseAddress, Int32($0.count)) }
        }
        bytesSent += Int64(buffer.count)
        buffer.removeAll(keepingCapacity: true)
        guard sent == 1 else {
            // libpq stops the copy when the server reports an error; that error is the result due.
            let result = PQgetResult(connection.handle)
            defer { PQclear(result) }
            throw connection.error(from: result, sql: sql)
        }
    }
}
