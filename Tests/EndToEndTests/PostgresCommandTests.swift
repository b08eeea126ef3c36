import Foundation
import TEIPostgres
import TEITestSupport
import XCTest

/// `--db URL` and `TEI_DATABASE_URL` through the built `tei`, against the tests' own PostgreSQL
/// server: tei connects first (so a wrong password or a server that is down is reported, status 1,
/// and nothing runs on the local cache instead), then runs scripts there. No output ever shows
/// the password.
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
        try """
            let users = load "\(fixture)"
            users | group account_language (n = count()) | sort -n, account_language | take 3
            save users | take 1 to "out.csv"

            """.write(to: script, atomically: true, encoding: .utf8)
        let cache = folder.appendingPathComponent("cache")
        return (script, saved, cache)
    }

    private func assertNoPassword(_ result: TEIBinary.Result, _ password: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertFalse(result.standardOutput.contains(password), result.standardOutput, file: file, line: line)
        XCTAssertFalse(result.standardError.contains(password), result.standardError, file: file, line: line)
    }

    func testScriptsRunOnTheServerHowEverItIsNamed() throws {
        let (script, saved, cache) = try scriptThatWouldWrite()
        let local = try TEIProcess.run([script.path], cacheDirectory: cache)
        XCTAssertEqual(local.status, 0, local.standardError)
        let localSave = try String(contentsOf: saved, encoding: .utf8)
        try FileManager.default.removeItem(at: saved)
        let ways: [(arguments: [String], environment: [String: String])] = [
            (["--db", server.url, "run", script.path], [:]),
            (["run", script.path, "--db", server.url], [:]),
            ([script.path], ["TEI_DATABASE_URL": server.url]),
        ]
        for way in ways {
            let result = try TEIProcess.run(way.arguments, cacheDirectory: cache, environment: way.environment)
            XCTAssertEqual(result.status, 0, "\(way.arguments): \(result.standardError)")
            XCTAssertEqual(result.standardOutput, local.standardOutput, "\(way.arguments)")
            XCTAssertEqual(try String(contentsOf: saved, encoding: .utf8), localSave)
            try FileManager.default.removeItem(at: saved)
            assertNoPassword(result, server.password)
        }
        let expression = try TEIProcess.run(["-c", "1 + 1", "--db=\(server.url)"], cacheDirectory: cache)
        XCTAssertEqual(expression.standardOutput, "value\n─────\n    2\n1 row\n", expression.standardError)
        let checked = try TEIProcess.run(["check", script.path], cacheDirectory: cache, environment: ["TEI_DATABASE_URL": server.url])
        XCTAssertEqual(checked.status, 0, checked.standardError)
        XCTAssertFalse(FileManager.default.fileExists(atPath: saved.path), "check ran the script")
        let standardInput = try TEIProcess.run(["--db", server.url], cacheDirectory: cache, input: "1 + 1\n")
        XCTAssertEqual(standardInput.standardOutput, expression.standardOutput, standardInput.standardError)
    }

    func testASaveOnTheServerSparesTheFilesItsLoadsRead() throws {
        let folder = try TEIProcess.scratchFolder()
        let input = folder.appendingPathComponent("users.csv")
        try FileManager.default.copyItem(at: TEIBinary.repositoryRoot.appendingPathComponent("Fixtures/control_users.csv"), to: input)
        let before = try Data(contentsOf: input)
        let script = folder.appendingPathComponent("overwrite.tei")
        try "save load \"users.csv\" | take 1 to \"users.csv\"\n".write(to: script, atomically: true, encoding: .utf8)
        let result = try TEIProcess.run(["--db", server.url, script.path], cacheDirectory: folder.appendingPathComponent("cache"))
        XCTAssertEqual(result.status, 1, result.standardError)
        XCTAssertEqual(try Data(contentsOf: input), before)
    }

    /// A script whose last query (every quadruple of 369 accounts) runs far longer than a test waits.
    private func longScript() throws -> (script: URL, cache: URL) {
        let folder = try TEIProcess.scratchFolder()
        let fixture = TEIBinary.repositoryRoot.appendingPathComponent("Fixtures/freedonia_201810_users_csv_hashed.csv").path
        let script = folder.appendingPathComponent("long.tei")
        try """
            let u = load "\(fixture)" | select userid
            u | join (u | rename b = userid) on true | join (u | rename c = userid) on true | join (u | rename d = userid) on true
              | group (n = count())

            """.write(to: script, atomically: true, encoding: .utf8)
        return (script, folder.appendingPathComponent("cache"))
    }

    /// Waits until `url`'s server runs a statement of tei's (one with a CTE), at most a minute.
    private func waitForTeisQuery(on url: String) throws {
        let connection = try PostgresConnection(url: PostgresURL(parsing: url))
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            let running = try connection.query("""
                SELECT count(*) FROM pg_stat_activity WHERE state = 'active' AND pid <> pg_backend_pid() AND query LIKE 'WITH %'
                """)
            if running.first?.first != .integer(0) { return }
            Thread.sleep(forTimeInterval: 0.1)
        }
        XCTFail("tei's query never started on the server")
    }

    func testCtrlCCancelsTheQueryOnTheServer() throws {
        let (script, cache) = try longScript()
        let process = try TEIProcess(["--db", server.url, "run", script.path], cacheDirectory: cache)
        try waitForTeisQuery(on: server.url)
        process.send(SIGINT)
        let result = try XCTUnwrap(process.wait(until: Date().addingTimeInterval(30)), "tei did not stop after Ctrl-C")
        XCTAssertEqual(result.status, 130, result.standardError)
        XCTAssertTrue(result.standardError.contains("error: interrupted"), result.standardError)
        let connection = try PostgresConnection(url: PostgresURL(parsing: server.url))
        XCTAssertEqual(try connection.query("SELECT count(*) FROM pg_stat_activity WHERE query LIKE 'WITH %' AND state = 'active' AND pid <> pg_backend_pid()"),
                       [[.integer(0)]], "the query still runs on the server")
    }

    func testAServerStoppedMidQueryIsAClearErrorNotAHang() throws {
        let own = try TestPostgresServer()
        let (script, cache) = try longScript()
        let process = try TEIProcess(["--db", own.url, "run", script.path], cacheDirectory: cache)
        try waitForTeisQuery(on: own.url)
        try own.stop(immediate: true)
        let result = try XCTUnwrap(process.wait(until: Date().addingTimeInterval(30)), "tei hung after its server stopped")
        XCTAssertEqual(result.status, 1, result.standardError)
        XCTAssertTrue(result.standardError.contains("error: lost the connection to PostgreSQL at postgres://tei:***@/postgres?host=\(own.folder)"),
                      result.standardError)
        XCTAssertTrue(result.standardError.contains("hint: the server may have been stopped or restarted"), result.standardError)
        assertNoPassword(result, own.password)
    }

    /// Each account's first tweets are sought in the server's index on (account, whether the time
    /// is missing, time) by `=`, once per account and once for the missing account (by
    /// `IS NOT DISTINCT FROM`, which no index seeks, each account's subquery read every tweet).
    func testEachAccountsFirstTweetsAreSoughtInTheServersIndex() throws {
        let folder = try TEIProcess.scratchFolder()
        let fixture = TEIBinary.repositoryRoot.appendingPathComponent("Fixtures/freedonia_201901_1_tweets_csv_hashed.csv").path
        let script = folder.appendingPathComponent("first-tweets.tei")
        try """
            let tweets = load "\(fixture)"
            explain (tweets | group userid (sort tweet_time | take 2..3) | select userid, tweetid)

            """.write(to: script, atomically: true, encoding: .utf8)
        let explained = try TEIProcess.run(["--db", server.url, "run", script.path], cacheDirectory: folder.appendingPathComponent("cache"))
        XCTAssertEqual(explained.status, 0, explained.standardError)
        let sql = explained.standardOutput
        let keys = try XCTUnwrap(sql.firstMatch(of: #/FROM ("tei_[0-9a-f]+"\."dict_[0-9]+") UNION ALL SELECT NULL/#)?.1, sql)
        let connection = try PostgresConnection(url: PostgresURL(parsing: server.url))
        guard case .integer(let accounts)? = try connection.query("SELECT count(*) FROM \(keys)").first?.first else { return XCTFail("no count") }
        let plan = try connection.query("EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF) " + sql).compactMap { row -> String? in
            if case .text(let line)? = row.first { return line }
            return nil
        }
        let text = plan.joined(separator: "\n")
        let seeks = plan.indices.dropLast().filter { plan[$0].contains("Index Scan using rows_index_") && plan[$0 + 1].contains(#/Index Cond: \(c[0-9]+ = /#) }
        XCTAssertEqual(seeks.map { plan[$0].firstMatch(of: #/loops=([0-9]+)/#).map { String($0.1) } }, ["\(accounts + 1)"], text)
        XCTAssertGreaterThan(accounts, 100, text)
        XCTAssertFalse(text.contains("SubPlan"), text)
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
            " at postgres://tei:***@/postgres?host=\(server.folder)\n"), remote.standardOutput)
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
