import Foundation
import TEIPostgres
import TEIStorage
import TEITestSupport
import XCTest

/// A server that stops while a statement runs ends the statement with a clear error within
/// seconds, never a hang. Each test starts a server of its own, since it stops it.
final class PostgresFaultTests: XCTestCase {
    func testAServerStoppedMidQueryEndsTheQueryWithAnError() throws {
        try assertStatementEnds(stopping: { try $0.stop() }, message: "terminating connection due to administrator command")
    }

    func testAServerThatCrashesMidQueryEndsTheQueryWithAnError() throws {
        try assertStatementEnds(stopping: { try $0.stop(immediate: true) }, message: nil)
    }

    /// Starts `SELECT pg_sleep(600)`, stops the server with `stopping`, and asserts that the
    /// statement fails within seconds with a lost-connection error that names the server and
    /// (when given) has `message`; the next statement fails at once too.
    private func assertStatementEnds(stopping: (TestPostgresServer) throws -> Void, message: String?) throws {
        let server = try TestPostgresServer()
        let connection = try PostgresConnection(url: PostgresURL(parsing: server.url))
        let outcome = Outcome()
        let finished = DispatchSemaphore(value: 0)
        let thread = Thread {
            do {
                _ = try connection.query("SELECT pg_sleep(600)")
            } catch {
                outcome.error = error
            }
            finished.signal()
        }
        thread.start()
        Thread.sleep(forTimeInterval: 1)
        let stoppedAt = Date()
        try stopping(server)
        XCTAssertEqual(finished.wait(timeout: .now() + 30), .success, "the statement still waits 30 s after the server stopped")
        XCTAssertLessThan(Date().timeIntervalSince(stoppedAt), 30)
        let failure = try XCTUnwrap(outcome.error as? PostgresError, "\(String(describing: outcome.error))")
        XCTAssertEqual(failure.kind, .connectionLost, "\(failure)")
        XCTAssertTrue(failure.description.hasPrefix("lost the connection to PostgreSQL at postgres://tei:***@/postgres?host="), "\(failure)")
        if let message { XCTAssertEqual(failure.message, message) }
        XCTAssertFalse(failure.description.contains(server.password))

        XCTAssertThrowsError(try connection.query("SELECT 1")) { error in
            XCTAssertEqual((error as? PostgresError)?.kind, .connectionLost, "\(error)")
        }
    }
}

/// What the statement's thread saw.
private final class Outcome: @unchecked Sendable {
    var error: Error?
}
