import Foundation
import TEIPostgres
import TEIPostgresStore
import TEIStorage
import TEITestSupport
import XCTest

/// Releases on a server through `PostgresStore`: the copy of a local import, the catalogue, a
/// student without the file, digests, concurrent first loads and interrupted copies.
final class PostgresStoreTests: XCTestCase {
    private var workspace: StoreWorkspace!

    override func setUpWithError() throws {
        workspace = try StoreWorkspace()
    }

    override func tearDown() {
        workspace = nil
    }

    private func schema(_ table: LoadedTable) throws -> String {
        try XCTUnwrap(table.layout.relation.schema)
    }

    private func catalogueRows(_ connection: PostgresConnection) throws -> [[SQLValue]] {
        try connection.query("SELECT name, sha256, schema, kind, rows FROM tei.catalogue ORDER BY name, schema")
    }

    /// Every row and column of the keyed view on the server, row numbers and codes included, equals
    /// the local cache's; so do the items, text and dictionary tables the layout names.
    func testACopyHoldsExactlyTheRowsOfTheLocalCache() throws {
        let store = try workspace.store()
        for path in [workspace.tweetsPath, workspace.usersPath] {
            let table = try store.load(path: path)
            XCTAssertTrue(table.imported)
            let local = try store.localStore.load(path: path)
            XCTAssertEqual(table.columns, local.columns)
            XCTAssertEqual(table.kind, local.kind)
            let localSchema = try XCTUnwrap(local.layout.relation.schema)
            func both(_ relation: String, orderBy: String) throws -> ([[SQLValue]], [[SQLValue]]) {
                let server = try store.connection.query(
                    "SELECT * FROM \(Database.quote(identifier: try schema(table))).\(Database.quote(identifier: relation)) ORDER BY \(orderBy)")
                let cache = try store.localStore.database.query(
                    "SELECT * FROM \(Database.quote(identifier: localSchema)).\(Database.quote(identifier: relation)) ORDER BY \(orderBy)")
                return (server, cache)
            }
            let (server, cache) = try both(table.layout.relation.name, orderBy: "\"__tei_row\"")
            XCTAssertGreaterThan(server.count, 100)
            XCTAssertEqual(server, cache)
            for column in table.layout.columns {
                switch column.encoding {
                case .list(let items):
                    let (server, cache) = try both(items.table.name, orderBy: "1, 2")
                    XCTAssertFalse(server.isEmpty, column.name)
                    XCTAssertEqual(server, cache, column.name)
                case .dictionary(let dictionary):
                    let (server, cache) = try both(dictionary.table.name, orderBy: "1")
                    XCTAssertEqual(server, cache, column.name)
                case .separateText(let text):
                    let (server, cache) = try both(text.table.name, orderBy: "1")
                    XCTAssertEqual(server, cache, column.name)
                case .plain:
                    break
                }
            }
            let data = try store.connection.query("SELECT * FROM \(Database.quote(identifier: try schema(table))).data LIMIT 1")
            XCTAssertEqual(data.first?.count, table.columns.count)
        }
        let tweets = try store.load(path: workspace.tweetsPath)
        let indexes = try store.connection.query("SELECT indexname FROM pg_indexes WHERE schemaname = $1 AND indexname LIKE 'rows_index_%' ORDER BY 1",
                                                 [.text(try schema(tweets))])
        XCTAssertEqual(indexes.map { $0.first }, tweets.layout.indexes.map { .text($0.name.name) }.sorted { "\($0)" < "\($1)" })
        XCTAssertFalse(tweets.layout.indexes.isEmpty)
        XCTAssertTrue(tweets.layout.indexes.allSatisfy { $0.name.schema == tweets.layout.relation.schema })
        // The server has statistics for the new tables.
        let analyzed = try store.connection.query("SELECT count(*) FROM pg_stats WHERE schemaname = $1", [.text(try schema(tweets))])
        XCTAssertNotEqual(analyzed.first?.first, .integer(0))
    }

    func testTheCatalogueRecordsEachReleaseOnceUnderItsDigest() throws {
        let store = try workspace.store()
        let table = try store.load(path: workspace.tweetsPath)
        let rows = try catalogueRows(store.connection)
        let digest = try sha256sum(workspace.tweetsPath)
        XCTAssertEqual(rows, [[.text("freedonia_201810_tweets_csv_hashed.csv"), .text(digest), .text(try schema(table)),
                               .text("tei tweets"), .integer(Int64(table.sources[0].rows))]])
        let releases = try store.releases()
        XCTAssertEqual(releases.map(\.schema), [try schema(table)])
        XCTAssertEqual(releases.first?.columns, table.columns)
        // The import installed tei's functions, which queries of the release call.
        XCTAssertEqual(try store.connection.query("SELECT version FROM tei.function_version"), [[.integer(Int64(PostgresFunctions.version))]])
    }

    func testALaterLoadOfTheFileMatchesByDigestWithoutCopying() throws {
        let first = try workspace.store().load(path: workspace.tweetsPath)
        let client = try workspace.store()
        let again = try client.load(path: workspace.tweetsPath)
        XCTAssertFalse(again.imported)
        XCTAssertEqual(again.layout, first.layout)
        // Another path and name for the same bytes: still the same release, not imported locally either.
        let renamed = workspace.file("renamed.csv")
        try FileManager.default.copyItem(atPath: workspace.tweetsPath, toPath: renamed.path)
        var steps: [PostgresStore.Step] = []
        client.stepHandler = { steps.append($0) }
        let byContent = try client.load(path: renamed.path)
        // The release's tables, read through a view of this load's file name (`SourceNamesTests`).
        var expected = first.layout
        expected.relation = byContent.layout.relation
        XCTAssertEqual(byContent.layout, expected)
        XCTAssertEqual(PostgresStore.releaseSchema(of: byContent), PostgresStore.releaseSchema(of: first))
        XCTAssertEqual(byContent.sources.map(\.path), ["renamed.csv"])
        XCTAssertEqual(steps, [.digesting(path: renamed.path)])
        // Other options make another table, so another release.
        let lenient = try client.load(path: workspace.tweetsPath, options: LoadOptions(lenient: true))
        XCTAssertTrue(lenient.imported)
        XCTAssertNotEqual(lenient.layout.relation.schema, first.layout.relation.schema)
        XCTAssertEqual(try catalogueRows(client.connection).count, 2)
    }

    func testAReleaseWhoseSchemaWasDroppedIsCopiedAgain() throws {
        let store = try workspace.store()
        let first = try store.load(path: workspace.tweetsPath)
        try store.connection.execute("DROP SCHEMA \(Database.quote(identifier: try schema(first))) CASCADE")
        XCTAssertThrowsError(try workspace.store().load(path: "/nonexistent/freedonia_201810_tweets_csv_hashed.csv"))
        let again = try store.load(path: workspace.tweetsPath)
        XCTAssertTrue(again.imported)
        XCTAssertEqual(again.layout, first.layout)
        XCTAssertEqual(try store.connection.query("SELECT count(*) FROM \(Database.quote(identifier: try schema(again))).keyed"),
                       [[.integer(Int64(first.sources[0].rows))]])
        XCTAssertEqual(try catalogueRows(store.connection).count, 1)
    }

    func testANameOnlyInTheCatalogueIsUsedFromThere() throws {
        let teacher = try workspace.store().load(path: workspace.tweetsPath)
        let student = try workspace.store()
        let elsewhere = "/nonexistent/lesson/data/freedonia_201810_tweets_csv_hashed.csv"
        let table = try student.load(path: elsewhere)
        XCTAssertEqual(table.layout, teacher.layout)
        XCTAssertFalse(table.imported)
        XCTAssertEqual(table.sources.map(\.sha256), teacher.sources.map(\.sha256))
    }

    func testANameInNeitherPlaceIsAClearError() throws {
        let store = try workspace.store()
        XCTAssertThrowsError(try store.load(path: "/nonexistent/missing.csv")) { error in
            let failure = error as? LoadError
            XCTAssertEqual(failure?.file, "/nonexistent/missing.csv")
            XCTAssertEqual(failure?.message, "no such file, and the server's catalogue holds no release named \"missing.csv\"")
            XCTAssertEqual(failure?.hint, "check the path; `tei admin list --db URL` lists the server's releases; `tei admin import FILE --db URL` adds one")
        }
        _ = try store.load(path: workspace.tweetsPath)
        XCTAssertThrowsError(try store.load(path: "/nonexistent/freedonia_201810_tweets_csv_hashed.csv", options: LoadOptions(lenient: true))) { error in
            XCTAssertEqual((error as? LoadError)?.message,
                           "no such file, and the server's catalogue holds no release named \"freedonia_201810_tweets_csv_hashed.csv\" loaded with these options (lenient)")
        }
    }

    func testOneStoreLoadsMoreReleasesThanSQLiteAttachesAtOnce() throws {
        let store = try workspace.store()
        let count = store.localStore.attachLimit + 2
        var schemas = Set<String>()
        for n in 0..<count {
            let file = workspace.file("part-\(n).csv")
            try Data("n,label\n\(n),part \(n)\n".utf8).write(to: file)
            schemas.insert(try schema(try store.load(path: file.path)))
        }
        XCTAssertEqual(schemas.count, count)
        XCTAssertEqual(try store.releases().count, count)
    }

    func testTwoReleasesUnderOneNameAreNotGuessedBetween() throws {
        let store = try workspace.store()
        _ = try store.load(path: workspace.tweetsPath)
        let other = FileManager.default.temporaryDirectory.appendingPathComponent("tei-store-other-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: other, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: other) }
        // The same name, other content: the users file's rows under the tweets file's name.
        let sameName = other.appendingPathComponent("freedonia_201810_tweets_csv_hashed.csv")
        try FileManager.default.copyItem(atPath: workspace.usersPath, toPath: sameName.path)
        _ = try store.load(path: sameName.path)
        XCTAssertThrowsError(try store.load(path: "/nonexistent/freedonia_201810_tweets_csv_hashed.csv")) { error in
            let failure = error as? LoadError
            XCTAssertTrue(failure?.message.contains("holds 2 different releases named \"freedonia_201810_tweets_csv_hashed.csv\"") == true,
                          failure?.message ?? "\(error)")
            XCTAssertTrue(failure?.hint?.hasPrefix("put the file you mean at this path") == true)
        }
    }

    func testConcurrentFirstLoadsImportOnce() throws {
        let stores = [try workspace.store(), try workspace.store()]
        let path = workspace.tweetsPath
        var results: [Result<LoadedTable, Error>?] = [nil, nil]
        let lock = NSLock()
        DispatchQueue.concurrentPerform(iterations: 2) { index in
            let result = Result { try stores[index].load(path: path) }
            lock.withLock { results[index] = result }
        }
        let tables = try results.map { try XCTUnwrap($0).get() }
        XCTAssertEqual(tables.filter(\.imported).count, 1, "exactly one client copies the release")
        XCTAssertEqual(tables[0].layout, tables[1].layout)
        XCTAssertEqual(try catalogueRows(stores[0].connection).count, 1)
        let schemas = try stores[0].connection.query("SELECT count(*) FROM pg_namespace WHERE nspname LIKE 'tei\\_%'")
        XCTAssertEqual(schemas, [[.integer(1)]])
    }

    func testAnInterruptedCopyLeavesNoHalfRelease() throws {
        let store = try workspace.store()
        var interrupted = false
        store.stepHandler = { step in
            // The first table is copied whole; the interruption stops the copy before the second.
            if case .copied(let table, _) = step, table == "rows", !interrupted {
                interrupted = true
                store.interruptImport()
            }
        }
        XCTAssertThrowsError(try store.load(path: workspace.tweetsPath)) { error in
            let failure = error as? LoadError
            XCTAssertEqual(failure?.isInterruption, true, "\(error)")
            XCTAssertEqual(failure?.file, workspace.tweetsPath)
        }
        XCTAssertTrue(interrupted)
        let connection = try workspace.connect()
        XCTAssertEqual(try connection.query("SELECT count(*) FROM tei.catalogue"), [[.integer(0)]])
        XCTAssertEqual(try connection.query("SELECT count(*) FROM pg_namespace WHERE nspname LIKE 'tei\\_%'"), [[.integer(0)]])
        store.stepHandler = nil
        XCTAssertTrue(try store.load(path: workspace.tweetsPath).imported, "a later load imports it whole")
    }

    private func sha256sum(_ path: String) throws -> String {
        var digest = SHA256()
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        data.withUnsafeBytes { digest.update($0) }
        return digest.finalizeHex()
    }
}
