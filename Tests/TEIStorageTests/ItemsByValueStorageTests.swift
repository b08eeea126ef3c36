import TEIFixtures
import TEITestSupport
import XCTest
@testable import TEIStorage

/// The copies of a tweets table's list items sorted by value and time (`ItemsByValuePlan`): what
/// the layout reports, and that each holds every item of a row with a time, with the row's values
/// of the columns it carries.
final class ItemsByValueStorageTests: XCTestCase {
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

    private func byValue(_ table: LoadedTable, _ list: String) throws -> ItemsByValueLayout {
        try XCTUnwrap(table.layout.itemsByValue[list], list)
    }

    func testEachListOfATweetsTableHasItsCopyAndAGenericTableNone() throws {
        let table = try store.load(path: path)
        for list in ["hashtags", "urls", "user_mentions"] {
            let copy = try byValue(table, list)
            XCTAssertEqual(copy.table.schema, table.layout.relation.schema)
            XCTAssertEqual(copy.timeColumn, "tweet_time")
            XCTAssertEqual(Set(copy.carried.keys), ["tweet_time", "userid", "tweetid", "is_retweet"])
        }
        let file = try workspace.write("labels.csv", "userid,tweet_time,tags\nu1,2019-01-01 10:00,\"['a']\"\n")
        let generic = try store.load(path: file.path, options: LoadOptions(columnTypes: ["tags": .list, "tweet_time": .timestamp]))
        guard case .list? = generic.layout.column(named: "tags")?.encoding else { return XCTFail("tags is no list") }
        XCTAssertEqual(generic.layout.itemsByValue, [:])
    }

    /// Each copy holds, in key order, exactly the items of the rows whose time is not null, each
    /// with its row's time, account code, tweet id and retweet flag, as the table presents them.
    func testEachCopyHoldsTheItemsOfTheRowsWithATime() throws {
        let table = try store.load(path: path)
        XCTAssertGreaterThan(try copiedItems(of: table, lists: ["hashtags", "urls", "user_mentions"]), 100)
    }

    /// A list the script types as one (a researcher's own column of a tweets file) has no rollup to
    /// number its distinct items from: its copy numbers them from the items themselves, and holds
    /// the same as any other, items with the same value and time included.
    func testTheCopyOfAListWithoutARollupHoldsItsItems() throws {
        let names = TEIFormat.columns(of: .teiTweets).map(\.name).filter { !TEIFormat.optionalTweetColumns.contains($0) }
        func line(_ values: [String: String]) -> String {
            (names + ["labels"]).map { values[$0].map { "\"\($0)\"" } ?? "" }.joined(separator: ",")
        }
        let rows: [[String: String]] = [
            ["tweetid": "1", "userid": "b", "tweet_time": "2019-01-01 10:00", "labels": "['z', 'a', 'a']", "hashtags": "['x']"],
            ["tweetid": "2", "userid": "a", "tweet_time": "2019-01-01 09:00", "labels": "['a', 'é']"],
            ["tweetid": "3", "userid": "a", "labels": "['a']"],
            ["tweetid": "4", "userid": "c", "tweet_time": "2019-01-01 10:00", "labels": "['a', 'z']", "hashtags": "['x', 'w']"],
            ["tweetid": "5", "tweet_time": "1969-12-31 23:00", "labels": "['z']"],
        ]
        let header = (names + ["labels"]).joined(separator: ",")
        let file = try workspace.write("own_labels_tweets.csv", ([header] + rows.map(line)).joined(separator: "\n") + "\n")
        let table = try store.load(path: file.path, options: LoadOptions(columnTypes: ["labels": .list]))
        XCTAssertFalse(table.layout.rollups.contains { $0.itemsOf == "labels" })
        // The labels of the four rows with a time, and their hashtags.
        XCTAssertEqual(try copiedItems(of: table, lists: ["labels", "hashtags"]), 8 + 3)
    }

    /// Compares each of `lists`' copy with its items joined to their rows in key order; returns how
    /// many items the copies hold.
    private func copiedItems(of table: LoadedTable, lists: [String]) throws -> Int {
        let relation = table.relationSQL
        var checked = 0
        for list in lists {
            let copy = try byValue(table, list)
            guard case .list(let items)? = table.layout.column(named: list)?.encoding,
                  case .dictionary(let account)? = table.layout.column(named: "userid")?.encoding else {
                XCTFail(list)
                return checked
            }
            func stored(_ name: String) -> String { "c." + Database.quote(identifier: copy.carried[name]!) }
            let fromCopy = """
                SELECT c.\(copy.valueColumn), \(stored("tweet_time")), c.\(copy.rowColumn), c.\(copy.positionColumn), \(stored("userid")),
                \(stored("tweetid")), \(stored("is_retweet")) FROM \(copy.table.quoted) c
                """
            let fromRows = """
                SELECT i.\(items.valueColumn), r.tweet_time, r.\(table.layout.rowNumber!), i.\(items.positionColumn),
                r.\(Database.quote(identifier: account.codeColumn)), r.tweetid, r.is_retweet
                FROM \(items.table.quoted) i JOIN \(relation) r ON r.\(table.layout.rowNumber!) = i.\(items.rowColumn)
                WHERE r.tweet_time IS NOT NULL ORDER BY 1, 2, 3, 4
                """
            let copied = try store.database.query(fromCopy)
            XCTAssertEqual(copied, try store.database.query(fromRows), list)
            checked += copied.count
        }
        return checked
    }

    /// Each copy carries the rank of each item's account among the account ids, which compare as
    /// the ids do: never a pair of accounts whose ranks and ids compare differently, nor a rank
    /// missing where there is an id.
    func testTheRanksOfTheAccountsCompareAsTheirIds() throws {
        let table = try store.load(path: path)
        guard case .dictionary(let account)? = table.layout.column(named: "userid")?.encoding else { return XCTFail("userid") }
        for list in ["hashtags", "urls", "user_mentions"] {
            let copy = try byValue(table, list)
            let (code, rank) = try (XCTUnwrap(copy.carried["userid"]), XCTUnwrap(copy.ranks["userid"], list))
            XCTAssertEqual(Array(copy.ranks.keys), ["userid"])
            let accounts = """
                SELECT DISTINCT d.\(account.valueColumn) AS id, c.\(Database.quote(identifier: rank)) AS rank
                FROM \(copy.table.quoted) c LEFT JOIN \(account.table.quoted) d ON d.\(account.idColumn) = c.\(Database.quote(identifier: code))
                """
            let counts = try store.database.query("""
                WITH a AS (\(accounts)) SELECT count(*), sum((x.rank < y.rank) IS NOT (x.id < y.id)), sum((x.rank IS NULL) IS NOT (x.id IS NULL))
                FROM a x, a y
                """)
            XCTAssertEqual(counts.first.map { Array($0.dropFirst()) }, [.integer(0), .integer(0)], list)
            guard case .integer(let pairs)? = counts.first?.first else { return XCTFail(list) }
            XCTAssertGreaterThan(pairs, 100, list)
        }
    }
}
