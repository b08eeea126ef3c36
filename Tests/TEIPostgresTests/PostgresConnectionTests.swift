import Foundation
import TEIPostgres
import TEIStorage
import TEITestSupport
import XCTest

/// A connection to a real PostgreSQL 15 (the tests' own, started by Tests/Postgres/pg.sh):
/// bound values, result types, streamed rows, COPY, cancellation and connection failures.
final class PostgresConnectionTests: XCTestCase {
    private var server: TestPostgresServer!

    override func setUpWithError() throws {
        server = try TestPostgresServer.shared()
    }

    private func connect() throws -> PostgresConnection {
        try PostgresConnection(url: PostgresURL(parsing: server.url))
    }

    func testBoundValuesComeBackUnchanged() throws {
        let connection = try connect()
        let values: [SQLValue] = [
            .integer(Int64.max), .integer(Int64.min), .real(0.1), .real(-1e300), .real(.infinity), .real(-.infinity),
            .text("it's \"quoted\"; DROP TABLE x; --"), .text("tab\tnewline\nbackslash\\ é 😀"), .text(""),
            .blob([0, 1, 0x7f, 0x80, 0xff]), .blob([]), .null,
        ]
        let placeholders = values.indices.map { "$\($0 + 1)" }.joined(separator: ", ")
        let rows = try connection.query("SELECT \(placeholders)", values)
        XCTAssertEqual(rows, [values])
        let nan = try connection.query("SELECT $1", [.real(.nan)])
        guard case .real(let value) = nan[0][0] else { return XCTFail("\(nan)") }
        XCTAssertTrue(value.isNaN)
    }

    func testResultTypesDecodeAsTeiReadsThem() throws {
        let connection = try connect()
        let rows = try connection.query("""
            SELECT 7::int2, 8::int4, true, false, 2.5::float4, 12::numeric, 12.25::numeric,
                   123456789012345678::numeric * 10, '2020-01-02'::date, 'x'::varchar, NULL::int8
            """)
        XCTAssertEqual(rows, [[.integer(7), .integer(8), .integer(1), .integer(0), .real(2.5), .integer(12), .real(12.25),
                               .integer(1_234_567_890_123_456_780), .text("2020-01-02"), .text("x"), .null]])
        let sum = try connection.query("SELECT sum(v) FROM (VALUES (9223372036854775807::int8), (-9223372036854775807::int8), (5::int8)) t(v)")
        XCTAssertEqual(sum, [[.integer(5)]], "sum of int8 is numeric on the server; whole sums stay whole")
    }

    func testRowsArriveBeforeTheStatementEnds() throws {
        let connection = try connect()
        // Rows 1-99 are sent before row 100 fails: read one at a time, they all arrive before the error.
        let rows = try connection.rows("SELECT g, 100 / (100 - g) FROM generate_series(1, 200) g")
        XCTAssertEqual(rows.columns.map(\.name), ["g", "?column?"])
        var read = 0
        XCTAssertThrowsError(try { while try rows.next() != nil { read += 1 } }()) { error in
            XCTAssertEqual((error as? PostgresError)?.message, "division by zero")
            XCTAssertEqual((error as? PostgresError)?.kind, .statement)
        }
        XCTAssertEqual(read, 99)
        XCTAssertEqual(try connection.query("SELECT 1"), [[.integer(1)]], "the connection is usable after the error")
    }

    func testClosingRowsEarlyFreesTheConnection() throws {
        let connection = try connect()
        // Rows without end (in the select list, generate_series yields them one by one): only a
        // cancel ends the statement, so closing must send one rather than read to the end.
        let rows = try connection.rows("SELECT generate_series(1, 9223372036854775807)")
        XCTAssertEqual(try rows.next(), [.integer(1)])
        XCTAssertEqual(try rows.next(), [.integer(2)])
        XCTAssertThrowsError(try connection.query("SELECT 1")) { error in
            XCTAssertEqual((error as? PostgresError)?.kind, .usage)
        }
        let closed = DispatchSemaphore(value: 0)
        Thread {
            rows.close()
            closed.signal()
        }.start()
        XCTAssertEqual(closed.wait(timeout: .now() + 60), .success, "closing the rows did not stop the statement")
        XCTAssertNil(try rows.next())
        XCTAssertEqual(try connection.query("SELECT $1::int8 + 1", [.integer(41)]), [[.integer(42)]])
    }

    func testStatementsReportWhatTheyChanged() throws {
        let connection = try connect()
        try connection.execute("CREATE TEMPORARY TABLE changes (n int8)")
        XCTAssertEqual(try connection.run("INSERT INTO changes SELECT generate_series(1, 5)"), 5)
        XCTAssertEqual(try connection.run("DELETE FROM changes WHERE n > $1", [.integer(2)]), 3)
    }

    func testServerErrorsKeepTheStatementAndHint() throws {
        let connection = try connect()
        XCTAssertThrowsError(try connection.query("SELECT * FROM no_such_table WHERE x = $1", [.text("a")])) { error in
            let failure = error as? PostgresError
            XCTAssertEqual(failure?.kind, .statement)
            XCTAssertEqual(failure?.sqlState, "42P01")
            XCTAssertEqual(failure?.description, #"relation "no_such_table" does not exist (in: SELECT * FROM no_such_table WHERE x = $1)"#)
        }
        XCTAssertThrowsError(try connection.query("SELECT $1", [.text("a\u{0}b")])) { error in
            XCTAssertEqual((error as? PostgresError)?.kind, .usage)
            XCTAssertTrue("\(error)".contains("NUL"), "\(error)")
        }
    }

    func testCopyStreamsRowsIn() throws {
        let connection = try connect()
        try connection.execute("CREATE TEMPORARY TABLE copied (id int8, label text, score float8, raw bytea)")
        let tricky: [SQLValue] = [.text("a\tb\nc\\d\re"), .text(""), .text(#"\N"#), .null, .text("😀 é")]
        let copied = try connection.copyIn("COPY copied (id, label, score, raw) FROM STDIN") { copy in
            for id in 0..<100_000 {
                try copy.write([.integer(Int64(id)), tricky[id % tricky.count], id % 3 == 0 ? .null : .real(Double(id) / 8),
                                id % 2 == 0 ? .blob([UInt8(id % 256), 0, 255]) : .null])
            }
        }
        XCTAssertEqual(copied, 100_000)
        XCTAssertEqual(try connection.query("SELECT count(*), count(label), count(score), count(raw) FROM copied"),
                       [[.integer(100_000), .integer(80_000), .integer(66_666), .integer(50_000)]])
        let firstRows = try connection.query("SELECT id, label, score, raw FROM copied WHERE id < 5 ORDER BY id")
        XCTAssertEqual(firstRows, [
            [.integer(0), tricky[0], .null, .blob([0, 0, 255])],
            [.integer(1), tricky[1], .real(0.125), .null],
            [.integer(2), tricky[2], .real(0.25), .blob([2, 0, 255])],
            [.integer(3), .null, .null, .null],
            [.integer(4), tricky[4], .real(0.5), .blob([4, 0, 255])],
        ])
    }

    func testAFailedCopyKeepsNoRows() throws {
        struct Stop: Error {}
        let connection = try connect()
        try connection.execute("CREATE TEMPORARY TABLE halted (id int8)")
        XCTAssertThrowsError(try connection.copyIn("COPY halted FROM STDIN") { copy in
            for id in 0..<300_000 { try copy.write([.integer(Int64(id))]) }
            throw Stop()
        }) { error in
            XCTAssertTrue(error is Stop, "\(error)")
        }
        XCTAssertEqual(try connection.query("SELECT count(*) FROM halted"), [[.integer(0)]])

        XCTAssertThrowsError(try connection.copyIn("COPY halted FROM STDIN") { copy in
            try copy.write([.text("not a number")])
        }) { error in
            XCTAssertEqual((error as? PostgresError)?.sqlState, "22P02", "\(error)")
        }
        XCTAssertEqual(try connection.query("SELECT count(*) FROM halted"), [[.integer(0)]])
    }

    func testInterruptCancelsTheRunningStatementFromAnotherThread() throws {
        let connection = try connect()
        let started = Date()
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.5) { connection.interrupt() }
        XCTAssertThrowsError(try connection.query("SELECT pg_sleep(60)")) { error in
            XCTAssertEqual((error as? PostgresError)?.isInterrupt, true, "\(error)")
        }
        XCTAssertLessThan(Date().timeIntervalSince(started), 30, "the cancel did not stop the statement")
        XCTAssertEqual(try connection.query("SELECT 2"), [[.integer(2)]])
        connection.interrupt()
        XCTAssertEqual(try connection.query("SELECT 3"), [[.integer(3)]], "an interrupt with nothing running changes nothing")
    }

    func testAWrongPasswordNamesTheServerButNotThePassword() throws {
        let wrong = "Wr0ngPassw0rd-\(UUID().uuidString.prefix(8))"
        let url = try PostgresURL(parsing: server.url(password: wrong))
        XCTAssertThrowsError(try PostgresConnection(url: url)) { error in
            let text = "\(error)"
            XCTAssertEqual((error as? PostgresError)?.kind, .connection)
            XCTAssertTrue(text.contains(#"password authentication failed for user "tei""#), text)
            XCTAssertTrue(text.contains("postgres://tei:***@/postgres?host=\(server.folder)"), text)
            XCTAssertFalse(text.contains(wrong), text)
            XCTAssertFalse(text.contains(server.password), text)
        }
    }

    func testAMissingDatabaseIsNamed() throws {
        let url = try PostgresURL(parsing: server.url(database: "no_such_archive"))
        XCTAssertThrowsError(try PostgresConnection(url: url)) { error in
            let text = "\(error)"
            XCTAssertTrue(text.hasPrefix("cannot connect to PostgreSQL at postgres://tei:***@/no_such_archive?host="), text)
            XCTAssertTrue(text.hasSuffix(#"database "no_such_archive" does not exist"#), text)
            XCTAssertFalse(text.contains(server.password), text)
        }
    }

    func testNoServerAtTheSocketIsARefusal() throws {
        let empty = try TemporaryFolder()
        let url = try PostgresURL(parsing: "postgres://tei:SomeSecret99@/postgres?host=\(empty.path)")
        XCTAssertThrowsError(try PostgresConnection(url: url)) { error in
            let failure = error as? PostgresError
            XCTAssertEqual(failure?.message, "No such file or directory")
            XCTAssertEqual(failure?.hint, "Is the server running locally and accepting connections on that socket?")
            XCTAssertFalse("\(error)".contains("SomeSecret99"))
        }
    }

    func testAServerThatNeverAnswersTimesOut() throws {
        let listener = try SilentListener()
        let url = try PostgresURL(parsing: "postgres://tei:SomeSecret99@127.0.0.1:\(listener.port)/postgres?connect_timeout=2")
        let started = Date()
        XCTAssertThrowsError(try PostgresConnection(url: url)) { error in
            XCTAssertEqual((error as? PostgresError)?.kind, .connection)
            XCTAssertTrue("\(error)".contains("timeout expired"), "\(error)")
        }
        XCTAssertLessThan(Date().timeIntervalSince(started), 20, "connect_timeout did not bound the wait")
    }

    func testServerVersion() throws {
        XCTAssertTrue(try connect().serverVersion.hasPrefix("15."))
    }
}

/// An empty folder removed when the value goes away.
final class TemporaryFolder {
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("tei-pg-test-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }
}

/// A TCP socket on 127.0.0.1 that accepts connections (the kernel completes them) and never says
/// anything: a server that hangs.
final class SilentListener {
    let port: Int
    private let socketDescriptor: Int32

    init() throws {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { generic in
                bind(descriptor, generic, length) == 0 && listen(descriptor, 8) == 0
                    && getsockname(descriptor, generic, &length) == 0
            }
        }
        guard bound else {
            close(descriptor)
            throw POSIXError(.EADDRNOTAVAIL)
        }
        socketDescriptor = descriptor
        port = Int(UInt16(bigEndian: address.sin_port))
    }

    deinit {
        close(socketDescriptor)
    }
}
