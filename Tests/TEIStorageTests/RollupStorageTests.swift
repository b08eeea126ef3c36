import TEIFixtures
import TEITestSupport
import XCTest
@testable import TEIStorage

/// The rollups a tweets table gets at import (`RollupPlan`): what the layout reports, that each
/// holds the counts of the rows it stands for, and that a rollup past its memory budget, computed
/// from the stored rows instead, holds the same.
final class RollupStorageTests: XCTestCase {
    private var workspace: Workspace!
    private var store: TableStore!
    private var path: String!

    override func setUpWithError() throws {
        workspace = try Workspace()
        for file in try FixtureGenerator().committedFiles() {
            try workspace.write(file.path, file.data)
        }
        store = try workspace.store()
        path = workspace.sources.appendingPathComponent("freedonia_201810_tweets_csv_hashed.csv").path
    }

    private func rows(_ store: TableStore, _ sql: String) throws -> [[SQLValue]] {
        try store.database.query(sql)
    }

    func testTweetsHaveTheirRollupsAndAGenericTableNone() throws {
        let table = try store.load(path: path)
        let rollups = table.layout.rollups
        XCTAssertEqual(rollups.map { $0.dimensions.map(\.column) }, [
            ["tweet_time", "tweet_language", "is_retweet"], ["userid", "is_retweet"], ["retweet_userid", "is_retweet"],
            ["hashtags"], ["urls"], ["user_mentions"],
        ])
        XCTAssertEqual(rollups[0].dimensions.map(\.grain), [.seconds(3600), .exact, .exact])
        XCTAssertEqual(rollups.map(\.itemsOf), [nil, nil, nil, "hashtags", "urls", "user_mentions"])
        XCTAssertTrue(rollups.allSatisfy { $0.relation.schema == table.layout.relation.schema })

        let file = try workspace.write("labels.csv", "userid,tweet_language,tags\nu1,en,\"['a']\"\n")
        XCTAssertEqual(try store.load(path: file.path, options: LoadOptions(columnTypes: ["tags": .list])).layout.rollups, [])
    }

    /// Each rollup's weights are the counts of its dimensions' values over the table's rows (or
    /// its list's items), computed here by grouping the rows themselves.
    func testEachRollupCountsTheRowsItStandsFor() throws {
        let table = try store.load(path: path)
        let relation = table.relationSQL
        let rollups = table.layout.rollups
        func view(_ n: Int) -> String { rollups[n].relation.quoted }
        let weight = Database.quote(identifier: rollups[0].weightColumn)
        let hourly = """
            SELECT tweet_time - ((tweet_time % 3600) + 3600) % 3600, tweet_language, is_retweet, count(*) FROM \(relation)
            GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
            """
        XCTAssertEqual(try rows(store, "SELECT tweet_time, tweet_language, is_retweet, \(weight) FROM \(view(0)) ORDER BY 1, 2, 3"),
                       try rows(store, hourly))
        for (n, account) in [(1, "userid"), (2, "retweet_userid")] {
            XCTAssertEqual(try rows(store, "SELECT \(account), is_retweet, \(weight) FROM \(view(n)) ORDER BY 1, 2"),
                           try rows(store, "SELECT \(account), is_retweet, count(*) FROM \(relation) GROUP BY 1, 2 ORDER BY 1, 2"))
        }
        for (n, list) in [(3, "hashtags"), (4, "urls"), (5, "user_mentions")] {
            let items = "SELECT j.value, count(*) FROM \(relation) AS t, json_each(t.\(list)) AS j GROUP BY 1 ORDER BY 1"
            let counted = try rows(store, items)
            XCTAssertFalse(counted.isEmpty, list)
            XCTAssertEqual(try rows(store, "SELECT \(list), \(weight) FROM \(view(n)) ORDER BY 1"), counted, list)
        }
    }

    /// With room for one key and a few bytes of items, every rollup is computed from the stored
    /// rows once they are in: the same layout and the same counts.
    func testRollupsPastTheirBudgetHoldTheSameCounts() throws {
        let tight = try TableStore(database: try Database(), cacheDirectory: workspace.root.appendingPathComponent("tight"))
        tight.progressHandler = nil
        tight.rollupBudget = RollupBuilder.Budget(keys: 1, codes: 1, itemBytes: 64)
        let roomyTable = try store.load(path: path)
        let tightTable = try tight.load(path: path)
        XCTAssertEqual(tightTable.layout.rollups, roomyTable.layout.rollups)
        for rollup in tightTable.layout.rollups {
            let names = (rollup.dimensions.map(\.column) + [rollup.weightColumn]).map(Database.quote(identifier:))
            let all = "SELECT \(names.joined(separator: ", ")) FROM \(rollup.relation.quoted) ORDER BY \((1...names.count - 1).map(String.init).joined(separator: ", "))"
            XCTAssertEqual(try rows(tight, all), try rows(store, all), rollup.relation.name)
        }
    }

    /// The hourly rollup counted in memory holds its keys in the order their first rows came, the
    /// same in every import.
    func testTheHourlyRollupKeepsItsKeysInTheOrderFirstMet() throws {
        let table = try store.load(path: path)
        let schema = Database.quote(identifier: try XCTUnwrap(table.layout.relation.schema))
        let language = CacheNames.code(try XCTUnwrap(table.columns.firstIndex { $0.name == "tweet_language" }))
        let firstMet = try rows(store, """
            SELECT tweet_time - ((tweet_time % 3600) + 3600) % 3600, \(language), is_retweet, count(*)
            FROM \(schema).\(CacheNames.keyedView) GROUP BY 1, 2, 3 ORDER BY min(\(CacheNames.rowNumber))
            """)
        let names = ((0..<3).map(CacheNames.dimension) + [CacheNames.weight]).joined(separator: ", ")
        let stored = try rows(store, "SELECT \(names) FROM \(schema).\(CacheNames.rollup(0)) ORDER BY rowid")
        XCTAssertGreaterThan(stored.count, 1)
        XCTAssertEqual(stored, firstMet)
    }

    /// The rollups whose first dimension is an account's code are indexed by all their columns, the
    /// code first, so SQLite reads them in code order; the one by hour has no such index.
    func testRollupsByAccountAreIndexedByCode() throws {
        let table = try store.load(path: path)
        let schema = Database.quote(identifier: try XCTUnwrap(table.layout.relation.schema))
        let indexes = try rows(store, "SELECT name, tbl_name FROM \(schema).sqlite_master WHERE type = 'index' AND name LIKE 'rollup%' ORDER BY name")
        XCTAssertEqual(indexes, [[.text("rollup_1_by_code"), .text("rollup_1")], [.text("rollup_2_by_code"), .text("rollup_2")]])
        let columns = try rows(store, "SELECT name FROM pragma_index_info('rollup_1_by_code', \(schema.replacingOccurrences(of: "\"", with: "'")))")
        XCTAssertEqual(columns, [[.text("d0")], [.text("d1")], [.text(CacheNames.weight)]])
    }

    /// An attached cache reads through a page cache of its own, larger than SQLite's default 2 MB.
    func testAnAttachedCacheHasItsOwnPageCache() throws {
        let table = try store.load(path: path)
        let schema = Database.quote(identifier: try XCTUnwrap(table.layout.relation.schema))
        XCTAssertEqual(try rows(store, "PRAGMA \(schema).cache_size"), [[.integer(-Int64(TableStore.attachedCacheKiB))]])
        XCTAssertGreaterThan(TableStore.attachedCacheKiB, 2000)
    }

    func testBucketsRoundTimesDownBefore1970Too() {
        XCTAssertEqual(RollupBuilder.bucket(7199, 3600), 3600)
        XCTAssertEqual(RollupBuilder.bucket(3600, 3600), 3600)
        XCTAssertEqual(RollupBuilder.bucket(-1, 3600), -3600)
        XCTAssertEqual(RollupBuilder.bucket(-3600, 3600), -3600)
    }
}
