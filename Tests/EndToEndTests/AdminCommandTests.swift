import Foundation
import TEIPostgres
import TEIStorage
import TEITestSupport
import XCTest

/// `tei admin` through the built binary against the tests' own server: a teacher imports releases
/// once (two at once import once), lists them and makes a student's role that reads and writes
/// nothing; no output shows a password.
final class AdminCommandTests: XCTestCase {
    private var server: TestPostgresServer!
    private var scratch: ScratchDatabase!
    private var database: String { scratch.name }
    private var folder: URL!
    private var roles: [String] = []

    override func setUpWithError() throws {
        server = try TestPostgresServer.shared()
        scratch = try ScratchDatabase(prefix: "tei_admin", on: server.url)
        folder = try TEIProcess.scratchFolder()
    }

    override func tearDown() {
        try? FileManager.default.removeItem(at: folder)
        scratch?.drop()
        if let admin = try? PostgresConnection(url: PostgresURL(parsing: server.url)) {
            for role in roles { try? admin.execute("DROP ROLE IF EXISTS \(role)") }
        }
    }

    private var url: String { server.url(database: database) }
    private let tweets = "Fixtures/freedonia_201810_tweets_csv_hashed.csv"
    private let users = "Fixtures/freedonia_201810_users_csv_hashed.csv"

    private func tei(_ arguments: [String], cache: String = "cache", input: String? = nil) throws -> TEIBinary.Result {
        let result = try TEIProcess.run(arguments, cacheDirectory: folder.appendingPathComponent(cache), input: input)
        XCTAssertFalse(result.standardOutput.contains(server.password), result.standardOutput)
        XCTAssertFalse(result.standardError.contains(server.password), result.standardError)
        return result
    }

    func testATeacherImportsReleasesOnceAndListsThem() throws {
        let first = try tei(["admin", "import", tweets, users, "--db", url])
        XCTAssertEqual(first.status, 0, first.standardError)
        let lines = first.standardOutput.split(separator: "\n")
        XCTAssertEqual(lines.count, 2, first.standardOutput)
        XCTAssertTrue(lines[0].hasPrefix("\(tweets): imported as tei_"), first.standardOutput)
        XCTAssertTrue(lines[0].hasSuffix(" (1800 rows, tei tweets)"), first.standardOutput)
        XCTAssertTrue(lines[1].hasSuffix(" (300 rows, tei users)"), first.standardOutput)
        for progress in ["\(tweets): computing its SHA-256", "\(tweets): importing into the local cache (unless it is cached there)",
                         "\(tweets): copied rows: 1800 rows", "\(tweets): building the keys and indexes"] {
            XCTAssertTrue(first.standardError.contains(progress), first.standardError)
        }
        // Another machine (another cache) with the same file: nothing is copied again.
        let again = try tei(["admin", "import", tweets, "--db", url], cache: "other-cache")
        XCTAssertEqual(again.status, 0, again.standardError)
        XCTAssertEqual(again.standardOutput, String(lines[0]).replacingOccurrences(of: "imported", with: "already on the server") + "\n")
        XCTAssertFalse(again.standardError.contains("importing"), again.standardError)

        let list = try tei(["admin", "list"] + [], input: nil)
        XCTAssertEqual(list.status, 2, "no server named")
        XCTAssertTrue(list.standardError.contains("tei admin needs a PostgreSQL server: --db URL, or TEI_DATABASE_URL"), list.standardError)
        let listed = try TEIProcess.run(["admin", "list"], cacheDirectory: folder, environment: ["TEI_DATABASE_URL": url])
        XCTAssertEqual(listed.status, 0, listed.standardError)
        let rows = listed.standardOutput.split(separator: "\n")
        XCTAssertTrue(rows[0].hasPrefix("name "), listed.standardOutput)
        XCTAssertTrue(rows[2].hasPrefix("freedonia_201810_tweets_csv_hashed.csv  1800  tei tweets"), listed.standardOutput)
        XCTAssertTrue(rows[3].hasPrefix("freedonia_201810_users_csv_hashed.csv    300  tei users"), listed.standardOutput)
        XCTAssertEqual(rows.last, "2 rows")
    }

    func testImportErrorsAreClearAndKeepGoing() throws {
        let result = try tei(["admin", "import", "Fixtures/missing.csv", users, "--db", url])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.standardError.contains("error: \(TEIBinary.repositoryRoot.path)/Fixtures/missing.csv: no such file\n"
                                                    + "hint: check the path"), result.standardError)
        XCTAssertTrue(result.standardOutput.hasPrefix("\(users): imported as tei_"), "the other file is imported")
        let badURL = try tei(["admin", "import", users, "--db", "mysql://x"])
        XCTAssertEqual(badURL.status, 2)
        let down = try tei(["admin", "import", users, "--db", server.url(password: "wrong")])
        XCTAssertEqual(down.status, 1)
        XCTAssertTrue(down.standardError.hasPrefix("error: "), down.standardError)
    }

    func testTwoTeachersImportingAtOnceImportOnce() throws {
        let processes = try (0..<2).map { index in
            try TEIProcess(["admin", "import", tweets, "--db", url], cacheDirectory: folder.appendingPathComponent("cache-\(index)"))
        }
        let results = try processes.map { try XCTUnwrap($0.wait(until: Date().addingTimeInterval(120))) }
        XCTAssertEqual(results.map(\.status), [0, 0], results.map(\.standardError).joined())
        let outputs = results.map(\.standardOutput)
        XCTAssertEqual(outputs.filter { $0.contains(": imported as ") }.count, 1, "\(outputs)")
        XCTAssertEqual(outputs.filter { $0.contains(": already on the server as ") }.count, 1, "\(outputs)")
        let count = try PostgresConnection(url: PostgresURL(parsing: url)).query("SELECT count(*) FROM tei.catalogue")
        XCTAssertEqual(count, [[.integer(1)]])
    }

    func testAStudentsRoleReadsAndCannotImport() throws {
        XCTAssertEqual(try tei(["admin", "import", tweets, "--db", url]).status, 0)
        let role = "student_" + UUID().uuidString.prefix(8).lowercased()
        roles.append(role)
        let secret = "pw-" + UUID().uuidString.prefix(12)
        let granted = try tei(["admin", "grant-read", role, "--password-file", "-", "--db", url], input: secret + "\n")
        XCTAssertEqual(granted.status, 0, granted.standardError)
        XCTAssertEqual(granted.standardOutput, "role \(role) can log in and read every release on postgres://tei:***@/\(database)?host=\(server.folder)\n")
        XCTAssertFalse(granted.standardOutput.contains(secret) || granted.standardError.contains(secret))

        let studentURL = url.replacingOccurrences(of: "tei:\(server.password)@", with: "\(role):\(secret)@")
        let listed = try tei(["admin", "list", "--db", studentURL])
        XCTAssertEqual(listed.status, 0, listed.standardError)
        XCTAssertTrue(listed.standardOutput.contains("freedonia_201810_tweets_csv_hashed.csv  1800"), listed.standardOutput)
        let refused = try tei(["admin", "import", users, "--db", studentURL])
        XCTAssertEqual(refused.status, 1)
        XCTAssertTrue(refused.standardError.contains(": on the server: permission denied"), refused.standardError)
        XCTAssertTrue(refused.standardError.contains("hint: this role may only read"), refused.standardError)
        XCTAssertFalse(refused.standardError.contains(secret))
        let student = try PostgresConnection(url: PostgresURL(parsing: studentURL))
        XCTAssertThrowsError(try student.execute("CREATE SCHEMA mine"))
        XCTAssertThrowsError(try student.execute("DROP TABLE tei.catalogue"))
        XCTAssertThrowsError(try student.execute("INSERT INTO tei.catalogue (name) VALUES ('x')"))

        let usage = try tei(["admin", "grant-read", role, "--password-file", "-", "--db", url], input: "\n")
        XCTAssertEqual(usage.status, 2)
        XCTAssertTrue(usage.standardError.contains("--password-file: the first line (the password) is empty"), usage.standardError)
    }
}

/// An import stopped mid-copy, by Ctrl-C or by a crash, leaves nothing on the server, and the next
/// import copies the release whole.
final class AdminInterruptionTests: XCTestCase {
    func testAnImportStoppedMidCopyLeavesNothing() throws {
        let server = try TestPostgresServer.shared()
        let scratch = try ScratchDatabase(prefix: "tei_admin", on: server.url)
        let folder = try TEIProcess.scratchFolder()
        defer {
            try? FileManager.default.removeItem(at: folder)
            scratch.drop()
        }
        let url = server.url(database: scratch.name)
        let tweets = folder.appendingPathComponent("tweets.csv")
        try TEIProcess.writeTweets(rows: 30_000, to: tweets)
        let watcher = try PostgresConnection(url: PostgresURL(parsing: url))

        for signal in [SIGINT, SIGKILL] {
            let process = try TEIProcess(["admin", "import", tweets.path, "--db", url], cacheDirectory: folder.appendingPathComponent("cache"))
            // Stop it while the server is receiving a COPY from it.
            let deadline = Date().addingTimeInterval(120)
            while Date() < deadline, process.ended == nil,
                  try watcher.query("SELECT count(*) FROM pg_stat_progress_copy WHERE datname = $1", [.text(scratch.name)]) == [[.integer(0)]] {
                usleep(20_000)
            }
            XCTAssertNil(process.ended, "the import ended before its copy was seen")
            process.send(signal)
            let result = try XCTUnwrap(process.wait(until: Date().addingTimeInterval(60)))
            if signal == SIGINT {
                XCTAssertEqual(result.status, 130, result.standardError)
                XCTAssertTrue(result.standardError.hasSuffix("interrupted: \(tweets.path) was not imported; the server keeps nothing of it\n"),
                              result.standardError)
            }
            // The server rolls the copy back once it sees the client gone.
            var leftovers: [[SQLValue]] = []
            for _ in 0..<200 {
                leftovers = try watcher.query("SELECT count(*) FROM pg_namespace WHERE nspname LIKE 'tei\\_%'")
                if leftovers == [[.integer(0)]] { break }
                usleep(50_000)
            }
            XCTAssertEqual(leftovers, [[.integer(0)]], "after signal \(signal)")
            XCTAssertEqual(try watcher.query("SELECT count(*) FROM tei.catalogue"), [[.integer(0)]])
        }
        let whole = try TEIProcess.run(["admin", "import", tweets.path, "--db", url], cacheDirectory: folder.appendingPathComponent("cache"),
                                       timeout: 120)
        XCTAssertEqual(whole.status, 0, whole.standardError)
        XCTAssertTrue(whole.standardOutput.contains(": imported as tei_"), whole.standardOutput)
        XCTAssertEqual(try watcher.query("SELECT count(*) FROM tei.catalogue"), [[.integer(1)]])
    }
}
