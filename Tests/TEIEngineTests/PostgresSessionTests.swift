import Foundation
import TEIEngine
import TEIPostgres
import TEIStorage
import TEITestSupport
import XCTest

/// Sessions whose queries run on a real PostgreSQL 15 (the tests' own, `TestPostgresServer`):
/// the PostgreSQL dialect's statements run there, answer as SQLite does, and the backend stops on
/// an interrupt and fails clearly when the server goes away mid-query.
final class PostgresSessionTests: XCTestCase {
    private var server: TestPostgresServer!

    override func setUpWithError() throws {
        server = try TestPostgresServer.shared()
    }

    private func connect(_ url: String? = nil) throws -> PostgresConnection {
        try PostgresConnection(url: PostgresURL(parsing: url ?? server.url))
    }

    /// A session on the server over tables copied there from the local cache, as `CopiedTables` copies them.
    private func serverHarness(connection: PostgresConnection? = nil, countingTime: TimeInterval? = nil,
                               previewRows: Int? = 100) throws -> SessionHarness {
        let connection = try connection ?? connect()
        return try SessionHarness(countingTime: countingTime, previewRows: previewRows) { store in
            try PostgresBackend(connection: connection, tables: try CopiedTables(connection: connection, store: store))
        }
    }

    /// Pipelines that exercise every operator and the operations that need no function of tei's
    /// own on the server, each shown in full on both backends.
    static let pipelines = [
        "tweets | select tweetid, userid, tweet_time, is_retweet, hashtags",
        "tweets | filter like_count > 2 and not is_retweet | sort -like_count, tweetid | select tweetid, like_count",
        "tweets | derive day = date(tweet_time), chars = len(tweet_text), tags = len(hashtags) | select tweetid, day, chars, tags",
        "tweets | derive h = hour(tweet_time), m = minute(tweet_time), w = weekday(tweet_time), wn = weekday_name(tweet_time) | select h, m, w, wn",
        "tweets | derive y = year(tweet_time), mo = month(tweet_time), d = day(tweet_time), t = text(tweet_time), dt = text(date(tweet_time)) | select y, mo, d, t, dt",
        "tweets | derive q = like_count / 0, r = like_count % 0, f = like_count / 4, s = like_count % 4 | select q, r, f, s",
        "tweets | derive b = bin(tweet_time, 1h), wk = bin(tweet_time, 7d), n = bin(like_count, 5) | select b, wk, n",
        "tweets | group userid (n = count(), likes = sum(like_count), mean = avg(like_count), first = min(tweet_time), rt = max(is_retweet)) | sort userid",
        "tweets | group tweet_language (n = count(), distinct_users = count_distinct(userid))",
        "tweets | sort tweet_time | take 3",
        "tweets | take 2..4 | select tweetid",
        "tweets | select userid | distinct",
        "tweets | explode hashtags as tag | select tweetid, tag",
        "tweets | filter \"Election2016\" in hashtags | select tweetid",
        "tweets | filter contains(tweet_text, \"Freedonia\") and starts_with(tweet_text, \"RT\") | select tweetid",
        "tweets | filter ends_with(tweet_text, \"!\") or tweet_text == \"\" | select tweetid, t = trim(tweet_text)",
        "tweets | derive s = substr(tweet_text, 1, 5), rep = replace(tweet_text, \"Vote\", \"Go\"), l = [\"a\", tweet_language] | select s, rep, l",
        "tweets | join users on userid | select tweetid, user_screen_name, follower_count",
        "tweets | join left (users | filter follower_count > 100) on userid | select tweetid, follower_count",
        "tweets | join semi users on userid | count",
        "tweets | append tweets | count",
        "tweets | describe",
        "tweets | group userid (sort tweet_time | derive n = row_number(), previous = lag(tweet_time), total = running_sum(like_count)) | select userid, n, previous, total",
        "tweets | sample 3 seed 7 | select tweetid",
        "tweets | derive i = int(is_retweet), f = float(like_count), x = round(2.5), y = round(like_count / 3, 2), z = abs(0 - like_count) | select i, f, x, y, z",
        "tweets | derive c = coalesce(in_reply_to_userid, userid), big = if(like_count > 3, \"many\", \"few\") | select c, big",
        "tweets | filter like_count + 9223372036854775000 > 0 | count",
        // tei's own functions, in schema tei on the server.
        "tweets | derive l = lower(tweet_text), u = upper(user_display_name), d = domain(\"https://www.Example.org/a\"), h = is_hashed(userid) | select l, u, d, h",
        "tweets | derive e = extract(tweet_text, \"#(\\\\w+)\", 1), r = replace_regex(tweet_text, \"[aeiou]\", \"_\"), s = split(tweet_text, \" \") | select e, r, s",
        "tweets | filter tweet_text ~ \"(?i)freedonia\" | select tweetid",
        "tweets | derive i = int(\"42\"), f = float(\"2.5\"), t = timestamp(\"2016-11-01 09:15\"), m = bin(tweet_time, 3mo) | select i, f, t, m",
        "tweets | group tweet_language (p = percentile(like_count, 0.9), med = median(like_count), sd = stddev(like_count), mo = mode(userid))",
        "tweets | group userid (all = collect(tweet_language), langs = collect_distinct(tweet_language), ids = join_text(text(tweetid), \";\")) | sort userid",
    ]

    func testPipelinesAnswerOnTheServerAsOnSQLite() throws {
        let local = try SessionHarness()
        let remote = try serverHarness()
        let loads = """
            let tweets = load "docs/data/tweets.csv"
            let users = load "docs/data/users.csv"

            """
        for pipeline in Self.pipelines {
            let (localOutcome, localOutput) = local.run(loads + pipeline)
            let (remoteOutcome, remoteOutput) = remote.run(loads + pipeline)
            XCTAssertEqual(localOutcome, .success, "\(pipeline): \(localOutput.standardError)")
            XCTAssertFalse(localOutput.printed.isEmpty, pipeline)
            XCTAssertEqual(remoteOutcome, localOutcome, "\(pipeline): \(remoteOutput.standardError)")
            XCTAssertEqual(remoteOutput.printed, localOutput.printed, pipeline)
            XCTAssertEqual(remoteOutput.standardError, localOutput.standardError, pipeline)
        }
    }

    /// Expressions whose SQL differs most between the engines: texts of floats (SQLite's `%!.15g`),
    /// rounding, division and remainders, times.
    static let expressions = [
        "text(0.1 + 0.2)", "text(3.0)", "text(1e20)", "text(0.00001)", "text(1.5e300)", "text(-1e-300)", "text(5e-324)",
        "text(123456789012345678.0)", "text(2.0 / 3.0)", "text(0.0001)", "text(999999999999999.0)",
        "round(2.675, 2)", "round(-2.5)", "round(0.5)", "7 / 2", "0 - 7 % 3", "bin(0 - 7, 5)", "bin(2.5, 2)", "bin(0 - 2.5, 2)", "bin(7, 2.0)", "abs(0 - 3)",
        "snowflake_time(1212161544113111040)", "text(2h)", "[\"a\", \"b\"]", "len([])", "contains([\"a\"], \"a\")",
    ]

    func testExpressionsAnswerOnTheServerAsOnSQLite() throws {
        let local = try SessionHarness()
        let remote = try serverHarness()
        for expression in Self.expressions {
            let (localOutcome, localOutput) = local.run(expression)
            XCTAssertEqual(localOutcome, .success, "\(expression): \(localOutput.standardError)")
            let (remoteOutcome, remoteOutput) = remote.run(expression)
            XCTAssertEqual(remoteOutcome, .success, "\(expression): \(remoteOutput.standardError)")
            XCTAssertEqual(remoteOutput.printed, localOutput.printed, expression)
        }
    }

    func testAnOverflowIsTeisIntegerOverflowError() throws {
        let remote = try serverHarness()
        let (outcome, output) = remote.run("""
            load "docs/data/tweets.csv" | derive big = like_count + 9223372036854775800 | group (total = sum(big))
            """)
        XCTAssertEqual(outcome, .runFailed)
        XCTAssertTrue(output.standardError.joined().contains("integer overflow"), "\(output.standardError)")
    }

    func testEveryStatementOfTheSQLSnapshotsRunsOnTheServer() throws {
        let connection = try connect()
        let schema = "snapshots_\(UInt32.random(in: 0...UInt32.max))"
        try PostgresFunctions.install(on: connection)
        try connection.execute("CREATE SCHEMA \(schema); SET search_path TO \(schema)")
        let harness = try SessionHarness()
        let files = try FileManager.default.contentsOfDirectory(atPath: SQLSnapshotTests.folder.path).filter { $0.hasSuffix(".tei") }.sorted()
        var created: Set<String> = []
        var ran = 0
        for file in files {
            let code = try String(contentsOf: SQLSnapshotTests.folder.appendingPathComponent(file), encoding: .utf8)
            guard let relation = SQLSnapshotTests.shownRelation(code, harness: harness) else { continue }
            var tables = TableBindings()
            for source in relation.sources {
                let table = SQLSnapshotTests.testTable(for: source)
                tables[source.request] = table
                for statement in Self.creation(of: table.layout) where created.insert(statement).inserted {
                    try connection.execute(statement)
                }
            }
            let query = QueryCompiler.compile(relation, tables: tables, dialect: PostgreSQLDialect())
            for sql in [query.sql, query.countSQL] {
                XCTAssertNoThrow(try connection.query(sql, query.parameters), "\(file)")
            }
            ran += 1
        }
        XCTAssertEqual(ran, files.count)
    }

    /// The statements making empty server tables in `layout`: the table with its row number,
    /// dictionaries and items tables.
    static func creation(of layout: TableLayout) -> [String] {
        let dialect = PostgreSQLDialect()
        var columns = layout.rowNumber.map { ["\(dialect.quote(identifier: $0)) bigint"] } ?? []
        var others: [String] = []
        for column in layout.columns {
            switch column.encoding {
            case .dictionary(let dictionary):
                // The table's view shows the value and its code.
                columns.append("\(dialect.quote(identifier: column.name)) text")
                columns.append("\(dialect.quote(identifier: dictionary.codeColumn)) bigint")
                others.append("CREATE TABLE \(dictionary.table.name) (\(dictionary.idColumn) bigint, \(dictionary.valueColumn) text)")
            case .list(let items):
                columns.append("\(dialect.quote(identifier: column.name)) text")
                others.append("CREATE TABLE \(items.table.name) (\(items.rowColumn) bigint, \(items.positionColumn) bigint, \(items.valueColumn) text)")
            case .plain, .separateText:
                columns.append("\(dialect.quote(identifier: column.name)) \(PostgreSQLDialect.serverType(column.type))")
            }
        }
        return ["CREATE TABLE \(dialect.quote(identifier: layout.relation.name)) (\(columns.joined(separator: ", ")))"] + others
    }

    func testAnInterruptStopsTheServersQuery() throws {
        let connection = try connect()
        let backend = try PostgresBackend(connection: connection, tables: try CopiedTables(connection: connection, store: nil))
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.5) { backend.interrupt() }
        let started = Date()
        XCTAssertThrowsError(try backend.start("SELECT pg_sleep(30)", parameters: []).step()) { error in
            XCTAssertEqual((error as? QueryFailure)?.kind, .interrupted, "\(error)")
        }
        XCTAssertLessThan(Date().timeIntervalSince(started), 10)
        // The connection runs the next statement.
        let cursor = try backend.start("SELECT 1 + $1", parameters: [.integer(1)])
        XCTAssertTrue(try cursor.step())
        XCTAssertEqual(cursor.value(at: 0), .integer(2))
    }

    func testASessionInterruptedDuringAServerQueryEndsInterrupted() throws {
        let remote = try serverHarness()
        DispatchQueue.global().asyncAfter(deadline: .now() + 1) { remote.session.interrupt() }
        // 8⁹ rows: far longer than the test waits.
        let (outcome, output) = remote.run("""
            let t = load "docs/data/tweets.csv" | select tweetid
            t | join (t | rename b = tweetid) on true | join (t | rename c = tweetid) on true | join (t | rename d = tweetid) on true
              | join (t | rename e = tweetid) on true | join (t | rename f = tweetid) on true | join (t | rename g = tweetid) on true
              | join (t | rename h = tweetid) on true | join (t | rename i = tweetid) on true | group (n = count())
            """)
        XCTAssertEqual(outcome, .interrupted, "\(output.standardError)")
        XCTAssertEqual(output.errors.map(\.message), ["interrupted"])
    }

    func testAServerStoppedMidQueryIsAClearErrorNotAHang() throws {
        let own = try TestPostgresServer()
        let remote = try serverHarness(connection: try connect(own.url))
        DispatchQueue.global().asyncAfter(deadline: .now() + 1.5) { try? own.stop(immediate: true) }
        let started = Date()
        let (outcome, output) = remote.run("""
            let t = load "docs/data/tweets.csv" | select tweetid
            t | join (t | rename b = tweetid) on true | join (t | rename c = tweetid) on true | join (t | rename d = tweetid) on true
              | join (t | rename e = tweetid) on true | join (t | rename f = tweetid) on true | join (t | rename g = tweetid) on true
              | join (t | rename h = tweetid) on true | join (t | rename i = tweetid) on true | group (n = count())
            """)
        XCTAssertEqual(outcome, .runFailed)
        XCTAssertLessThan(Date().timeIntervalSince(started), 30)
        let message = output.standardError.joined(separator: "\n")
        XCTAssertTrue(message.contains("lost the connection to PostgreSQL at postgres://tei:***@/postgres?host=\(own.folder)"), message)
        XCTAssertTrue(message.contains("hint: the server may have been stopped or restarted"), message)
        XCTAssertFalse(message.contains(own.password), message)
    }

    func testADatabaseThatDoesNotSortByBytesIsRefused() throws {
        let connection = try connect()
        let name = "english_\(UInt32.random(in: 0...UInt32.max))"
        try connection.execute("CREATE DATABASE \(name) LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8' TEMPLATE template0")
        defer { try? connection.execute("DROP DATABASE \(name)") }
        let other = try connect(server.url(database: name))
        XCTAssertThrowsError(try PostgresBackend(connection: other, tables: try CopiedTables(connection: other, store: nil))) { error in
            XCTAssertEqual((error as? QueryFailure)?.message,
                           "the database at postgres://tei:***@/\(name)?host=\(server.folder) sorts text by the collation C.UTF-8, not by bytes as tei does")
        }
    }
}

/// What a test puts on the server for each `load`: the table imported into the local cache, read
/// back by tei and copied into a server table of its own schema in the server encoding (row number,
/// then the columns as plain values). The real import (`PostgresStore`) keeps dictionaries and
/// items tables too; the engine reads either through the layout.
final class CopiedTables: ServerTables {
    private let connection: PostgresConnection
    private let store: TableStore?
    private let schema = "copied_\(UInt32.random(in: 0...UInt32.max))"
    private var copied: [String: LoadedTable] = [:]
    private(set) var filesRead: [URL] = []

    init(connection: PostgresConnection, store: TableStore?) throws {
        self.connection = connection
        self.store = store
        try connection.execute("CREATE SCHEMA \(schema)")
    }

    func interruptImport() {}

    func peek(path: String, options: LoadOptions) throws -> TableSchema {
        let table = try load(path: path, options: options)
        return TableSchema(kind: table.kind, columns: table.columns)
    }

    func load(path: String, options: LoadOptions) throws -> LoadedTable {
        if let table = copied[path] { return table }
        guard let store else { throw LoadError(file: path, message: "no local store") }
        let local = try store.load(path: path, options: options)
        let name = "t\(copied.count)"
        let dialect = PostgreSQLDialect()
        let columns = local.columns.map { "\(dialect.quote(identifier: $0.name)) \(PostgreSQLDialect.serverType($0.type))" }
        try connection.execute("CREATE TABLE \(schema).\(name) (\"row\" bigint, \(columns.joined(separator: ", ")))")
        let rows = try self.rows(of: path, local)
        try connection.copyIn("COPY \(schema).\(name) FROM STDIN") { copy in
            for (index, row) in rows.enumerated() { try copy.write([.integer(Int64(index + 1))] + row.map(Self.serverValue)) }
        }
        let table = LoadedTable(cacheKey: CacheKey(name), layout: TableLayout(
            relation: StoredName(schema: schema, name: name), rowNumber: "row",
            columns: local.columns.map { ColumnLayout(name: $0.name, type: $0.type) }), kind: local.kind, sources: [])
        copied[path] = table
        return table
    }

    /// The rows of the table `path` names in file order, as tei shows them on the local cache.
    private func rows(of path: String, _ local: LoadedTable) throws -> [[Value]] {
        guard let store else { return [] }
        var options = SessionOptions(cacheDirectory: store.cacheDirectory)
        options.showsProgress = false
        let session = try Session(options: options)
        let output = CapturedOutput(sources: session.sources)
        let literal = path.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        let index = session.addSource(name: "<copy>", text: "load \"\(literal)\"", baseDirectory: URL(fileURLWithPath: "/"))
        guard session.run(sourceIndex: index, output: output) == .success, let table = output.tables.last, table.columns == local.columns else {
            throw LoadError(file: path, message: "could not read the rows to copy: \(output.standardError)")
        }
        return table.rows
    }

    private static func serverValue(_ value: Value) -> SQLValue {
        switch value {
        case .null: return .null
        case .int(let v), .timestamp(let v), .date(let v), .duration(let v): return .integer(v)
        case .float(let v): return .real(v)
        case .text(let v): return .text(v)
        case .bool(let v): return .integer(v ? 1 : 0)
        case .list(let items):
            let data = (try? JSONSerialization.data(withJSONObject: items, options: [.withoutEscapingSlashes])) ?? Data("[]".utf8)
            return .text(String(decoding: data, as: UTF8.self))
        }
    }
}
