import Foundation
import TEIPostgres
import TEIStorage
import TEITestSupport
import XCTest

/// `tei admin shards` through the built binary on the tests' cluster (`pg.sh cluster`), each test
/// in databases of its own on the three servers: a lab admin makes a server a coordinator, the
/// mistakes are clear errors that attach nothing, a release imported afterwards has its tweets on
/// both shards, and a student's read-only role queries it through the coordinator. No output
/// shows a password.
final class AdminShardsTests: XCTestCase {
    private var cluster: TestPostgresCluster!
    private var database = ""
    private var folder: URL!
    private var roles: [String] = []

    override func setUpWithError() throws {
        cluster = try TestPostgresCluster.shared()
        database = "tei_shards_" + UUID().uuidString.prefix(8).lowercased()
        for server in [cluster.coordinator] + cluster.shards {
            try PostgresConnection(url: PostgresURL(parsing: server))
                .execute("CREATE DATABASE \(database) TEMPLATE template0 LC_COLLATE 'C' LC_CTYPE 'C'")
        }
        folder = try TEIProcess.scratchFolder()
    }

    override func tearDown() {
        try? FileManager.default.removeItem(at: folder)
        for server in [cluster.coordinator] + cluster.shards {
            guard let admin = try? PostgresConnection(url: PostgresURL(parsing: server)) else { continue }
            try? admin.execute("DROP DATABASE IF EXISTS \(database) WITH (FORCE)")
            try? admin.execute("DROP DATABASE IF EXISTS \(database)_other WITH (FORCE)")
            for role in roles { try? admin.execute("DROP ROLE IF EXISTS \(role)") }
        }
    }

    /// `url` (one of the cluster's) naming `database` instead of `postgres`.
    private func url(_ url: String, database: String? = nil) -> String {
        url.replacingOccurrences(of: "@/postgres?", with: "@/\(database ?? self.database)?")
    }

    private var coordinator: String { url(cluster.coordinator) }
    private var shards: [String] { cluster.shards.map { url($0) } }
    private let tweets = "Fixtures/freedonia_201810_tweets_csv_hashed.csv"

    private func tei(_ arguments: [String], input: String? = nil) throws -> TEIBinary.Result {
        let result = try TEIProcess.run(arguments, cacheDirectory: folder.appendingPathComponent("cache"), input: input)
        for password in ([cluster.coordinator] + cluster.shards).map(Self.password) {
            XCTAssertFalse(result.standardOutput.contains(password), result.standardOutput)
            XCTAssertFalse(result.standardError.contains(password), result.standardError)
        }
        return result
    }

    private static func password(_ url: String) -> String {
        guard let colon = url.range(of: "tei:"), let at = url.range(of: "@/") else { return url }
        return String(url[colon.upperBound..<at.lowerBound])
    }

    private static func redacted(_ url: String) throws -> String { try PostgresURL(parsing: url).redacted }

    func testAnAdminAttachesShardsAndMistakesAttachNothing() throws {
        let added = try tei(["admin", "shards", "add"] + shards + ["--db", coordinator])
        XCTAssertEqual(added.status, 0, added.standardError)
        XCTAssertEqual(added.standardOutput, """
            tei_shard_1: \(try Self.redacted(shards[0]))
            tei_shard_2: \(try Self.redacted(shards[1]))
            releases copied to \(try Self.redacted(coordinator)) from now on have their tweets spread over 2 shards

            """)

        let other = url(cluster.shards[0], database: database + "_other")
        try PostgresConnection(url: PostgresURL(parsing: cluster.shards[0]))
            .execute("CREATE DATABASE \(database)_other TEMPLATE template0 LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'")
        let collation = try tei(["admin", "shards", "add", other, "--db", coordinator])
        XCTAssertEqual(collation.status, 1)
        XCTAssertTrue(collation.standardError.hasPrefix("error: the shard \(try Self.redacted(other)) sorts text by the collation C.UTF-8, not by bytes as tei does\n"
                                                        + "hint: create its database with C collation"), collation.standardError)
        try PostgresConnection(url: PostgresURL(parsing: cluster.shards[0])).execute("DROP DATABASE \(database)_other")
        try PostgresConnection(url: PostgresURL(parsing: cluster.shards[0]))
            .execute("CREATE DATABASE \(database)_other TEMPLATE template0 LC_COLLATE 'C' LC_CTYPE 'C'")
        // A good shard named with a bad one is not attached either.
        let missing = cluster.shards[0].replacingOccurrences(of: "host=/tmp/", with: "host=/tmp/no-such-")
        let mistakes: [(shards: [String], message: String)] = [
            ([other, shards[1]], "error: the shard \(try Self.redacted(shards[1])) is attached already as tei_shard_2\n"
                + "hint: `tei admin shards list --db URL` lists the coordinator's shards"),
            ([other, coordinator], "error: the shard \(try Self.redacted(coordinator)) is the coordinator itself\n"),
            ([other, other], "error: the shard \(try Self.redacted(other)) is named twice\n"),
            ([other, missing], "error: cannot connect to PostgreSQL at \(try Self.redacted(missing)): "),
        ]
        for mistake in mistakes {
            let result = try tei(["admin", "shards", "add"] + mistake.shards + ["--db", coordinator])
            XCTAssertEqual(result.status, 1, result.standardError)
            XCTAssertTrue(result.standardError.hasPrefix(mistake.message), result.standardError)
            XCTAssertEqual(result.standardOutput, "")
        }

        let listed = try tei(["admin", "shards", "list", "--db", coordinator])
        XCTAssertEqual(listed.status, 0, listed.standardError)
        let lines = listed.standardOutput.split(separator: "\n").map { $0.replacingOccurrences(of: " +", with: " ", options: .regularExpression) }
        XCTAssertEqual(lines.first, "server url")
        XCTAssertEqual(Array(lines.dropFirst(2)), ["tei_shard_1 \(try Self.redacted(shards[0]))", "tei_shard_2 \(try Self.redacted(shards[1]))", "2 rows"])

        // Another role may import, but cannot read the password the coordinator keeps for the shards.
        let importer = "importer_" + UUID().uuidString.prefix(8).lowercased()
        roles.append(importer)
        try PostgresConnection(url: PostgresURL(parsing: coordinator)).execute("""
            CREATE ROLE \(importer) LOGIN PASSWORD 'pw-\(importer)'; GRANT CREATE ON DATABASE \(database) TO \(importer)
            """)
        let asImporter = coordinator.replacingOccurrences(of: "tei:\(Self.password(cluster.coordinator))@", with: "\(importer):pw-\(importer)@")
        let refused = try tei(["admin", "import", tweets, "--db", asImporter])
        XCTAssertEqual(refused.status, 1)
        XCTAssertTrue(refused.standardError.contains("error: \(TEIBinary.repositoryRoot.path)/\(tweets): on the server: cannot connect to the shard tei_shard_1 at "
                                                     + "\(try Self.redacted(shards[0]).replacingOccurrences(of: "tei:***@", with: "")): "), refused.standardError)
        XCTAssertTrue(refused.standardError.contains("hint: only the role that added the shards (and superusers) may read the password"), refused.standardError)

        let noServer = try tei(["admin", "shards", "list"])
        XCTAssertEqual(noServer.status, 2)
        XCTAssertTrue(noServer.standardError.contains("tei admin needs a PostgreSQL server"), noServer.standardError)
        let badURL = try tei(["admin", "shards", "add", "mysql://root:hunter2@db", "--db", coordinator])
        XCTAssertEqual(badURL.status, 2)
        XCTAssertTrue(badURL.standardError.contains("shard 1: 'mysql://' is not a PostgreSQL URL scheme"), badURL.standardError)
        XCTAssertFalse(badURL.standardError.contains("hunter2"))
    }

    func testAStudentQueriesTweetsSpreadOverTheShards() throws {
        XCTAssertEqual(try tei(["admin", "shards", "add"] + shards + ["--db", coordinator]).status, 0)
        let imported = try tei(["admin", "import", tweets, "--db", coordinator])
        XCTAssertEqual(imported.status, 0, imported.standardError)
        XCTAssertTrue(imported.standardError.contains("\(tweets): spreading its tweets over 2 shards by account"), imported.standardError)
        let schema = try XCTUnwrap(imported.standardOutput.components(separatedBy: " as ").dropFirst().first?.split(separator: " ").first)
        let counts = try shards.map { shard -> SQLValue? in
            try PostgresConnection(url: PostgresURL(parsing: shard)).query("SELECT count(*) FROM \(schema).rows").first?.first
        }
        XCTAssertEqual(counts.count, 2)
        XCTAssertTrue(counts.allSatisfy { if case .integer(let count)? = $0 { return count > 0 } else { return false } }, "\(counts)")
        XCTAssertEqual(counts.reduce(Int64(0)) { if case .integer(let count)? = $1 { return $0 + count } else { return $0 } }, 1800)

        let role = "student_" + UUID().uuidString.prefix(8).lowercased()
        roles.append(role)
        let granted = try tei(["admin", "grant-read", role, "--password-file", "-", "--db", coordinator], input: "pw-\(role)\n")
        XCTAssertEqual(granted.status, 0, granted.standardError)
        let student = coordinator.replacingOccurrences(of: "tei:\(Self.password(cluster.coordinator))@", with: "\(role):pw-\(role)@")
        let script = folder.appendingPathComponent("accounts.tei")
        try """
            let tweets = load "\(TEIBinary.repositoryRoot.path)/\(tweets)"
            tweets | group userid (n = count(), likes = sum(like_count)) | sort -n, userid | take 3
            tweets | filter tweet_language == "en" | count
            """.write(to: script, atomically: true, encoding: .utf8)
        let local = try tei(["run", script.path])
        XCTAssertEqual(local.status, 0, local.standardError)
        let throughShards = try tei(["run", script.path, "--db", student])
        XCTAssertEqual(throughShards.status, 0, throughShards.standardError)
        XCTAssertEqual(throughShards.standardOutput, local.standardOutput)

        // tei groups by the account id's code, the partition key: each shard counts its own accounts.
        try """
            let tweets = load "\(TEIBinary.repositoryRoot.path)/\(tweets)"
            explain tweets | group userid (n = count(), likes = sum(like_count)) | sort -n, userid | take 3
            """.write(to: script, atomically: true, encoding: .utf8)
        let explained = try tei(["run", script.path, "--db", student])
        XCTAssertEqual(explained.status, 0, explained.standardError)
        let plan = try PostgresConnection(url: PostgresURL(parsing: student)).query("EXPLAIN (VERBOSE) " + explained.standardOutput)
            .compactMap { row -> String? in if case .text(let line)? = row.first { return line } else { return nil } }
        let remote = plan.filter { $0.contains("Remote SQL:") }
        XCTAssertEqual(plan.filter { $0.contains("Async Foreign Scan") }.count, 2, plan.joined(separator: "\n"))
        XCTAssertEqual(remote.count, 2, plan.joined(separator: "\n"))
        XCTAssertTrue(remote.allSatisfy { $0.contains("count(*)") && $0.contains("GROUP BY") }, plan.joined(separator: "\n"))
    }

    func testAnImportStoppedWhileSpreadingLeavesNothingOnTheShards() throws {
        XCTAssertEqual(try tei(["admin", "shards", "add"] + shards + ["--db", coordinator]).status, 0)
        let source = folder.appendingPathComponent("tweets.csv")
        try TEIProcess.writeTweets(rows: 10_000, to: source)
        let watchers = try shards.map { try PostgresConnection(url: PostgresURL(parsing: $0)) }
        let releaseSchemas = "SELECT count(*) FROM pg_namespace WHERE nspname LIKE 'tei\\_%'"
        let process = try TEIProcess(["admin", "import", source.path, "--db", coordinator], cacheDirectory: folder.appendingPathComponent("cache"))
        // Stop it once the shards have their tables, while the rows move to them.
        let deadline = Date().addingTimeInterval(120)
        while Date() < deadline, process.ended == nil, try watchers[1].query(releaseSchemas) == [[.integer(0)]] {
            usleep(20_000)
        }
        XCTAssertNil(process.ended, "the import ended before the shards had its tables")
        process.send(SIGINT)
        let result = try XCTUnwrap(process.wait(until: Date().addingTimeInterval(60)))
        XCTAssertEqual(result.status, 130, result.standardError)
        for watcher in watchers {
            XCTAssertEqual(try watcher.query(releaseSchemas), [[.integer(0)]])
        }
        let coordinatorSchemas = try PostgresConnection(url: PostgresURL(parsing: coordinator)).query(releaseSchemas)
        XCTAssertEqual(coordinatorSchemas, [[.integer(0)]])

        let whole = try TEIProcess.run(["admin", "import", source.path, "--db", coordinator], cacheDirectory: folder.appendingPathComponent("cache"),
                                       timeout: 120)
        XCTAssertEqual(whole.status, 0, whole.standardError)
        for watcher in watchers {
            XCTAssertEqual(try watcher.query(releaseSchemas), [[.integer(1)]])
        }
    }
}
