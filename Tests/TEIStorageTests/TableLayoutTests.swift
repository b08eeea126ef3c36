import TEIFixtures
import TEITestSupport
import XCTest
@testable import TEIStorage

/// A loaded table describes its storage as typed values (`TableLayout`), and the names it gives
/// are those of the objects in the attached cache.
final class TableLayoutTests: XCTestCase {
    private var workspace: Workspace!
    private var store: TableStore!

    override func setUpWithError() throws {
        workspace = try Workspace()
        for file in try FixtureGenerator().committedFiles() {
            try workspace.write(file.path, file.data)
        }
        store = try workspace.store()
    }

    private func loadTweets() throws -> LoadedTable {
        try store.load(path: workspace.sources.appendingPathComponent("freedonia_201810_tweets_csv_hashed.csv").path)
    }

    private func encoding(_ table: LoadedTable, _ column: String) throws -> ColumnEncoding {
        try XCTUnwrap(table.layout.column(named: column), column).encoding
    }

    func testTweetsReportTheirEncodingsAndIndexes() throws {
        let table = try loadTweets()
        let layout = table.layout
        XCTAssertEqual(layout.columns.map(\.name), table.columns.map(\.name))
        XCTAssertNotNil(layout.relation.schema)
        XCTAssertNotNil(layout.rowNumber)

        guard case .dictionary(let userid) = try encoding(table, "userid") else { return XCTFail("userid is not a dictionary") }
        XCTAssertEqual(userid.table.schema, layout.relation.schema)
        guard case .dictionary(let language) = try encoding(table, "tweet_language") else { return XCTFail("tweet_language") }
        XCTAssertNotEqual(language.table, userid.table)
        XCTAssertNotEqual(language.codeColumn, userid.codeColumn)

        guard case .list(let hashtags) = try encoding(table, "hashtags") else { return XCTFail("hashtags is not a list") }
        guard case .list(let urls) = try encoding(table, "urls") else { return XCTFail("urls is not a list") }
        XCTAssertNotEqual(hashtags.table, urls.table)
        XCTAssertEqual(hashtags.table.schema, layout.relation.schema)

        guard case .separateText(let text) = try encoding(table, "tweet_text") else { return XCTFail("tweet_text is not separate") }
        XCTAssertEqual(text.table.schema, layout.relation.schema)

        for plain in ["tweet_time", "tweetid", "like_count", "user_screen_name", "source_file"] {
            XCTAssertEqual(try encoding(table, plain), .plain, plain)
        }
        XCTAssertEqual(layout.indexes.map(\.keys), TEIFormat.tweetIndexes.map(\.keys))
        XCTAssertEqual(layout.indexes.map(\.onlyWhereTrue), TEIFormat.tweetIndexes.map(\.onlyWhereTrue))
        XCTAssertEqual(Set(layout.indexes.map(\.name)).count, TEIFormat.tweetIndexes.count)
    }

    /// Dictionaries whose memory holds a couple of values continue on disk: the table has the same
    /// layout (every dictionary column keeps its codes, so `group` reads them, and every index),
    /// the same dictionary tables with one code per value, and the same rows as with the memory of
    /// a normal import.
    func testDictionariesPastTheirMemoryKeepOneCodePerValue() throws {
        let tight = try TableStore(database: try Database(), cacheDirectory: workspace.root.appendingPathComponent("tight"))
        tight.progressHandler = nil
        tight.dictionaryMemory = TableBuilder.DictionaryMemory(accountIDs: 256, accountRecords: 256, shortTexts: 256)
        let path = workspace.sources.appendingPathComponent("freedonia_201810_tweets_csv_hashed.csv").path
        let roomyTable = try store.load(path: path)
        let tightTable = try tight.load(path: path)
        XCTAssertEqual(tightTable.layout, roomyTable.layout)
        XCTAssertEqual(tightTable.dictionaryColumns, ["userid", "retweet_userid", "in_reply_to_userid", "tweet_language",
                                                      "tweet_client_name", "latitude", "longitude"])
        XCTAssertEqual(tightTable.layout.indexes.map(\.keys), TEIFormat.tweetIndexes.map(\.keys))

        let everyRow = "SELECT * FROM \(tightTable.relationSQL) ORDER BY \(CacheNames.rowNumber)"
        XCTAssertEqual(try tight.database.query(everyRow), try store.database.query(everyRow))
        for name in ["userid", "retweet_userid", "tweet_language", "tweet_client_name"] {
            let dictionary = try XCTUnwrap(tightTable.dictionary(of: name))
            let entries = "SELECT \(dictionary.idColumn), \(dictionary.valueColumn) FROM \(dictionary.table.quoted) ORDER BY 1"
            XCTAssertEqual(try tight.database.query(entries), try store.database.query(entries), name)
            let counts = try tight.database.query("SELECT count(*), count(DISTINCT \(dictionary.valueColumn)) FROM \(dictionary.table.quoted)")
            XCTAssertEqual(counts.first?.first, counts.first?.last, "\(name): one code per value")
            let column = Database.quote(identifier: name)
            let byCode = """
                SELECT (SELECT \(dictionary.valueColumn) FROM \(dictionary.table.quoted) WHERE \(dictionary.idColumn) = \(dictionary.codeColumn)),
                count(*) FROM \(tightTable.relationSQL) GROUP BY \(dictionary.codeColumn) ORDER BY 1
                """
            let byValue = "SELECT \(column), count(*) FROM \(tightTable.relationSQL) GROUP BY \(column) ORDER BY 1"
            XCTAssertEqual(try tight.database.query(byCode), try tight.database.query(byValue), name)
        }
        // 256 bytes hold two account ids at most: the others went to disk.
        let accounts = try tight.database.query("SELECT count(DISTINCT userid) FROM \(tightTable.relationSQL)")
        guard case .integer(let distinct)? = accounts.first?.first else { return XCTFail("no count") }
        XCTAssertGreaterThan(distinct, 10)
    }

    func testAGenericCSVHasPlainColumnsAndNoIndexes() throws {
        let file = try workspace.write("labels.csv", "userid,tweet_language,tags,when\nu1,en,\"['a']\",2020-01-02\n")
        let table = try store.load(path: file.path, options: LoadOptions(columnTypes: ["tags": .list]))
        XCTAssertEqual(table.kind, .generic)
        XCTAssertEqual(table.layout.columns.map(\.name), ["userid", "tweet_language", "tags", "when", "source_file"])
        for column in table.layout.columns where column.name != "tags" {
            XCTAssertEqual(column.encoding, .plain, column.name)
        }
        guard case .list = try encoding(table, "tags") else { return XCTFail("a list column keeps its items table") }
        XCTAssertEqual(table.layout.indexes, [])
        XCTAssertNotNil(table.layout.rowNumber)
    }

    /// Each name the layout gives reads what the relation shows: the items of every list, the
    /// decoded codes of every dictionary, the separate texts, and the indexes exist.
    func testTheLayoutsNamesResolveInTheAttachedCache() throws {
        let table = try loadTweets()
        let layout = table.layout
        let relation = layout.relation.quoted
        let rowNumber = Database.quote(identifier: try XCTUnwrap(layout.rowNumber))
        func q(_ name: String) -> String { Database.quote(identifier: name) }
        var checked = (lists: 0, dictionaries: 0, texts: 0)
        for column in layout.columns {
            let name = q(column.name)
            switch column.encoding {
            case .list(let items):
                let stored = try store.database.query("""
                    SELECT \(q(items.rowColumn)), \(q(items.positionColumn)), \(q(items.valueColumn))
                    FROM \(items.table.quoted) ORDER BY 1, 2
                    """)
                let parsed = try store.database.query("""
                    SELECT k.\(rowNumber), j.key + 1, j.value FROM \(relation) k, json_each(k.\(name)) j ORDER BY 1, 2
                    """)
                XCTAssertEqual(stored, parsed, column.name)
                XCTAssertGreaterThan(stored.count, 0, column.name)
                checked.lists += 1
            case .dictionary(let dictionary):
                let mismatches = try store.scalar("""
                    SELECT count(*) FROM \(relation) k
                    WHERE k.\(name) IS NOT (SELECT d.\(q(dictionary.valueColumn)) FROM \(dictionary.table.quoted) d
                                            WHERE d.\(q(dictionary.idColumn)) = k.\(q(dictionary.codeColumn)))
                    """)
                XCTAssertEqual(mismatches, .integer(0), column.name)
                checked.dictionaries += 1
            case .separateText(let text):
                let mismatches = try store.scalar("""
                    SELECT count(*) FROM \(text.table.quoted) t JOIN \(relation) k ON k.\(rowNumber) = t.\(q(text.rowColumn))
                    WHERE k.\(name) IS NOT t.\(q(text.valueColumn))
                    """)
                XCTAssertEqual(mismatches, .integer(0), column.name)
                XCTAssertNotEqual(try store.scalar("SELECT count(*) FROM \(text.table.quoted)"), .integer(0))
                checked.texts += 1
            case .plain:
                break
            }
        }
        XCTAssertEqual(checked.lists, 3)
        XCTAssertEqual(checked.dictionaries, 7)
        XCTAssertEqual(checked.texts, 1)
        for index in layout.indexes {
            let schema = Database.quote(identifier: try XCTUnwrap(index.name.schema))
            let found = try store.database.query("SELECT count(*) FROM \(schema).sqlite_master WHERE type = 'index' AND name = ?1",
                                                 [.text(index.name.name)])
            XCTAssertEqual(found, [[.integer(1)]], index.name.description)
        }
    }
}
