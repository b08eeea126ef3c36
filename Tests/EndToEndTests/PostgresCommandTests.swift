import Foundation
import TEITestSupport
import XCTest

/// `--db URL` and `TEI_DATABASE_URL` through the built `tei`, against the tests' own PostgreSQL
/// server: tei connects (so a wrong password or a server that is down is reported, status 1),
/// then refuses to run tei code there, since the PostgreSQL dialect is not built yet; it never
/// runs the script on the local cache instead. No output ever shows the password.
final class PostgresCommandTests: XCTestCase {
    private var server: TestPostgresServer!

    override func setUpWithError() throws {
        server = try TestPostgresServer.shared()
    }

    /// A script that would import a table into the cache and write a file, were it run.
    private func scriptThatWouldWrite() throws -> (script: URL, saved: URL, cache: URL) {
        let folder = try TEIProcess.scratchFolder()
        let fixture = TEIBinary.repositoryRoot.appendingPathComponent("Fixtures/freedonia_201810_users_csv_hashed.csv").path
        let saved = folder.appendingPathComponent("out.csv")
        let script = folder.appendingPathComponent("would-write.tei")
        try "let users = load \"\(fixture)\"\nsave users | take 1 to \"out.csv\"\n".write(to: script, atomically: true, encoding: .utf8)
        let cache = folder.appendingPathComponent("cache")
        return (script, saved, cache)
    }

    private func assertNoPassword(_ result: TEIBinary.Result, _ password: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertFalse(result.standardOutput.contains(password), result.standardOutput, file: file, line: line)
        XCTAssertFalse(result.standardError.contains(password), result.standardError, file: file, line: line)
    }

    func testRunningOnAServerConnectsThenRefusesAndRunsNothing() throws {
        let (script, saved, cache) = try scriptThatWouldWrite()
        let ways: [(arguments: [String], environment: [String: String])] = [
            (["--db", server.url, "run", script.path], [:]),
            (["run", script.path, "--db", server.url], [:]),
            ([script.path], ["TEI_DATABASE_URL": server.url]),
            (["-c", "1 + 1", "--db=\(server.url)"], [:]),
            (["check", script.path], ["TEI_DATABASE_URL": server.url]),
        ]
        for way in ways {
            let result = try TEIProcess.run(way.arguments, cacheDirectory: cache, environment: way.environment)
            XCTAssertEqual(result.status, 1, "\(way.arguments)")
            XCTAssertEqual(result.standardOutput, "")
            XCTAssertTrue(result.standardError.hasPrefix(
                "error: running tei code on PostgreSQL is not available yet; nothing was run (PostgreSQL 15."), result.standardError)
            XCTAssertTrue(result.standardError.contains("at postgres://tei:***@/postgres?host=\(server.folder) answered)"), result.standardError)
            XCTAssertTrue(result.standardError.contains("hint: what works now: without --db and TEI_DATABASE_URL, tei runs on the local SQLite cache"))
            assertNoPassword(result, server.password)
        }
        let standardInput = try TEIProcess.run(["--db", server.url], cacheDirectory: cache, input: "1 + 1\n")
        XCTAssertEqual(standardInput.status, 1)
        XCTAssertTrue(standardInput.standardError.hasPrefix("error: running tei code on PostgreSQL is not available yet"))
        XCTAssertFalse(FileManager.default.fileExists(atPath: saved.path), "the script ran on the local cache")
        XCTAssertFalse(FileManager.default.fileExists(atPath: cache.path), "the script imported into the local cache")
    }

    func testAnEmptyDatabaseURLMeansTheLocalCache() throws {
        let (script, saved, cache) = try scriptThatWouldWrite()
        let result = try TEIProcess.run([script.path], cacheDirectory: cache, environment: ["TEI_DATABASE_URL": ""])
        XCTAssertEqual(result.status, 0, result.standardError)
        XCTAssertTrue(FileManager.default.fileExists(atPath: saved.path))
    }

    func testStatusNamesTheBackend() throws {
        let cache = try TEIProcess.scratchFolder()
        let local = try TEIProcess.run(["status"], cacheDirectory: cache)
        XCTAssertEqual(local.status, 0, local.standardError)
        XCTAssertTrue(local.standardOutput.hasPrefix("local SQLite cache (SQLite 3."), local.standardOutput)
        XCTAssertTrue(local.standardOutput.hasSuffix(" in \(cache.path)\n"), local.standardOutput)

        let remote = try TEIProcess.run(["status", "--db", server.url], cacheDirectory: cache)
        XCTAssertEqual(remote.status, 0, remote.standardError)
        XCTAssertTrue(remote.standardOutput.hasPrefix("PostgreSQL 15."), remote.standardOutput)
        XCTAssertTrue(remote.standardOutput.hasSuffix(
            " at postgres://tei:***@/postgres?host=\(server.folder); running scripts on it is not available yet\n"), remote.standardOutput)
        assertNoPassword(remote, server.password)
    }

    func testAWrongPasswordAndAMissingDatabaseAreClearErrors() throws {
        let cache = try TEIProcess.scratchFolder()
        let wrong = "NotThePassword-\(UUID().uuidString.prefix(8))"
        for arguments in [["status", "--db", server.url(password: wrong)], ["--db", server.url(password: wrong), "-c", "1"]] {
            let result = try TEIProcess.run(arguments, cacheDirectory: cache)
            XCTAssertEqual(result.status, 1)
            XCTAssertEqual(result.standardError, """
                error: cannot connect to PostgreSQL at postgres://tei:***@/postgres?host=\(server.folder): password authentication failed for user "tei"

                """)
            assertNoPassword(result, wrong)
        }
        let missing = try TEIProcess.run(["status"], cacheDirectory: cache, environment: ["TEI_DATABASE_URL": server.url(database: "no_such_archive")])
        XCTAssertEqual(missing.status, 1)
        XCTAssertEqual(missing.standardError, """
            error: cannot connect to PostgreSQL at postgres://tei:***@/no_such_archive?host=\(server.folder): database "no_such_archive" does not exist

            """)
        assertNoPassword(missing, server.password)
    }

    func testAServerThatIsDownIsAClearErrorAtOnce() throws {
        let stopped = try TestPostgresServer()
        try stopped.stop()
        let (script, saved, cache) = try scriptThatWouldWrite()
        for arguments in [["status", "--db", stopped.url], ["--db", stopped.url, "run", script.path]] {
            let result = try TEIProcess.run(arguments, cacheDirectory: cache, timeout: 60)
            XCTAssertEqual(result.status, 1)
            XCTAssertEqual(result.standardError, """
                error: cannot connect to PostgreSQL at postgres://tei:***@/postgres?host=\(stopped.folder): No such file or directory
                hint: Is the server running locally and accepting connections on that socket?

                """)
            assertNoPassword(result, stopped.password)
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: saved.path))
    }

    func testAValueThatIsNotAPostgreSQLURLIsAUsageErrorThatDoesNotQuoteIt() throws {
        let cache = try TEIProcess.scratchFolder()
        let secret = "hunter2-\(UUID().uuidString.prefix(8))"
        let cases: [(arguments: [String], environment: [String: String], message: String)] = [
            (["status", "--db", "postgress://alice:\(secret)@db/archive"], [:],
             "Error: --db: 'postgress://' is not a PostgreSQL URL scheme; expected postgres://user:password@host:port/database"),
            (["-c", "1", "--db", "alice:\(secret)@db/archive"], [:], "Error: --db: expected a PostgreSQL URL, postgres://"),
            (["-c", "1"], ["TEI_DATABASE_URL": "postgres://alice:\(secret)/archive"],
             "Error: TEI_DATABASE_URL: the port in the PostgreSQL URL must be a number from 1 to 65535"),
        ]
        for testCase in cases {
            let result = try TEIProcess.run(testCase.arguments, cacheDirectory: cache, environment: testCase.environment)
            XCTAssertEqual(result.status, 2, "\(testCase.arguments)")
            XCTAssertTrue(result.standardError.hasPrefix(testCase.message), result.standardError)
            assertNoPassword(result, secret)
        }
    }
}
