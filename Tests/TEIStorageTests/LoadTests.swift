import XCTest
import ZIPFoundation
@testable import TEIStorage

/// Loading TEI and other CSVs through `TableStore.load`, one format quirk per test.
final class LoadTests: XCTestCase {
    private let hashed2019 = "YonB7sDqf9+ts0T3nZcFTCwI+9xx3nCoR7APykRtAE="

    func testTweets2018ArePutInTheTypedSchema() throws {
        let workspace = try Workspace()
        let file = try workspace.write("freedonia_201810_tweets_csv_hashed.csv", TEICSV.file(header: TEICSV.header2018, rows: [
            TEICSV.tweet(["is_retweet": "true", "retweet_userid": "2572896396", "retweet_tweetid": "877917212119416832",
                          "hashtags": "[STOPNazi, USA]", "urls": "[http://ru-open.livejournal.com/374284.html]",
                          "user_mentions": "[2572896396]", "tweet_text": "RT \"quoted\"\nsecond line"]),
            TEICSV.tweet(["tweetid": "492388766930444288", "hashtags": "", "urls": "", "user_mentions": "",
                          "follower_count": "", "in_reply_to_tweetid": "492388766930444000", "in_reply_to_userid": "42"]),
        ]))
        let store = try workspace.store()
        let table = try store.load(path: file.path)
        XCTAssertEqual(table.kind, .teiTweets)
        XCTAssertEqual(table.columns.map(\.name), TEICSV.header2018 + ["source_file"])
        XCTAssertEqual(table.columns.first { $0.name == "tweet_time" }?.type, .timestamp)
        XCTAssertEqual(table.columns.first { $0.name == "hashtags" }?.type, .list)
        XCTAssertEqual(table.columns.first { $0.name == "is_retweet" }?.type, .bool)
        XCTAssertEqual(table.columns.first { $0.name == "account_creation_date" }?.type, .date)
        XCTAssertTrue(table.imported)
        let rows = try store.rows(table, """
            tweetid, userid, tweet_time, account_creation_date, is_retweet, hashtags, urls, user_mentions,
            follower_count, retweet_userid, tweet_text, source_file, in_reply_to_tweetid, in_reply_to_userid, tweet_client_name, latitude
            """)
        XCTAssertEqual(rows.count, 2)
        XCTAssertEqual(rows[0], [
            .integer(877_919_995_476_496_385), .text(String(repeating: "ab", count: 32)), .integer(1_498_147_380),
            .integer(1_386_374_400), .integer(1), .text("[\"STOPNazi\",\"USA\"]"),
            .text("[\"http://ru-open.livejournal.com/374284.html\"]"), .text("[\"2572896396\"]"), .integer(132),
            .text("2572896396"), .text("RT \"quoted\"\nsecond line"), .text("freedonia_201810_tweets_csv_hashed.csv"),
            .null, .null, .text("TweetDeck"), .null,
        ])
        XCTAssertEqual(rows[1][5], .text("[]"))
        XCTAssertEqual(rows[1][8], .null)
        XCTAssertEqual(rows[1][12], .integer(492_388_766_930_444_000))
        XCTAssertEqual(rows[1][13], .text("42"))
        XCTAssertEqual(table.sources.map(\.rows), [2])
        XCTAssertEqual(table.sources.first?.sha256.count, 64)
        // Explode through the items relation.
        let items = try store.database.query("""
            SELECT k.tweetid, i.position, i.value FROM \(table.relationSQL) k
            JOIN \(table.items(of: "hashtags")!.table.quoted) i ON i.row = k.\(table.layout.rowNumber!) ORDER BY k.\(table.layout.rowNumber!), i.position
            """)
        XCTAssertEqual(items, [[.integer(877_919_995_476_496_385), .integer(1), .text("STOPNazi")],
                               [.integer(877_919_995_476_496_385), .integer(2), .text("USA")]])
        // The JSON encoding is what SQLite's JSON functions read.
        XCTAssertEqual(try store.scalar("SELECT sum(json_array_length(hashtags)) FROM \(table.relationSQL)"), .integer(2))
    }

    /// Account ids, languages and clients are stored as dictionary codes that `DictionaryLayout`
    /// describes, and tweets per account, the language mix of original tweets and the most
    /// retweeted accounts read an index in key order instead of sorting the rows.
    func testAccountIDsAreDictionaryCodesWithAnIndexForPerAccountQuestions() throws {
        let workspace = try Workspace()
        let rows = (1...40).map { n in
            TEICSV.tweet(["tweetid": "\(1000 + n)", "userid": "user\(n % 4)", "is_retweet": n % 2 == 0 ? "true" : "false",
                          "retweet_userid": n % 2 == 0 ? "rt\(n % 3)" : ""])
        }
        let file = try workspace.write("t.csv", TEICSV.file(header: TEICSV.header2018, rows: rows))
        let store = try workspace.store()
        let table = try store.load(path: file.path)
        XCTAssertEqual(table.dictionaryColumns, ["userid", "retweet_userid", "in_reply_to_userid", "tweet_language",
                                               "tweet_client_name", "latitude", "longitude"])
        let userid = try XCTUnwrap(table.dictionary(of: "userid"))
        let keyed = table.relationSQL
        let decoded = try store.database.query("""
            SELECT (SELECT value FROM \(userid.table.quoted) WHERE id = \(userid.codeColumn)), count(*)
            FROM \(keyed) GROUP BY \(userid.codeColumn) ORDER BY 1
            """)
        XCTAssertEqual(decoded, (0..<4).map { [.text("user\($0)"), .integer(10)] })
        let retweeted = try XCTUnwrap(table.dictionary(of: "retweet_userid"))
        XCTAssertEqual(try store.scalar("SELECT count(DISTINCT \(retweeted.codeColumn)) FROM \(keyed)"), .integer(3))
        let language = try XCTUnwrap(table.dictionary(of: "tweet_language"))
        for question in [
            "SELECT \(userid.codeColumn), count(*) FROM \(keyed) GROUP BY 1",
            "SELECT \(language.codeColumn), count(*) FROM \(keyed) WHERE is_retweet = 0 GROUP BY 1",
            "SELECT \(retweeted.codeColumn), count(*) FROM \(keyed) WHERE is_retweet = 1 GROUP BY 1",
        ] {
            let plan = try store.database.query("EXPLAIN QUERY PLAN " + question)
                .compactMap { row in row.last.flatMap { if case .text(let text) = $0 { return text } else { return nil } } }
            XCTAssertTrue(plan.contains { $0.contains("COVERING INDEX") }, "\(question): \(plan)")
            XCTAssertFalse(plan.contains { $0.contains("TEMP B-TREE") }, "\(question): \(plan)")
        }
    }

    func testEras2019And2020AreBoundByNameIntoOneTable() throws {
        let workspace = try Workspace()
        try workspace.write("a_2019_tweets.csv", TEICSV.file(header: TEICSV.header2019, rows: [
            TEICSV.tweet(["tweetid": "1", "userid": hashed2019, "in_reply_to_tweetid": "11", "in_reply_to_userid": "4125840934",
                          "hashtags": "['SyrianArmy', 'Hama']", "user_mentions": "[1536791610, 0]",
                          "latitude": "absent", "longitude": "present", "is_retweet": "FALSE"]),
        ]))
        try workspace.write("b_2020_tweets.csv", TEICSV.file(header: TEICSV.header2020, rows: [
            TEICSV.tweet(["tweetid": "2", "urls": "['http://a.com/x,y', 'https://b.org']"]),
        ], lineEnd: "\r\n"))
        let store = try workspace.store()
        let table = try store.load(path: workspace.sources.path + "/*_tweets.csv")
        XCTAssertEqual(table.columns.count, 32, "poll_choices kept because one file has it")
        let rows = try store.rows(table, "tweetid, in_reply_to_tweetid, in_reply_to_userid, hashtags, user_mentions, latitude, longitude, is_retweet, urls, poll_choices, source_file")
        XCTAssertEqual(rows, [
            [.integer(1), .integer(11), .text("4125840934"), .text("[\"SyrianArmy\",\"Hama\"]"), .text("[\"1536791610\",\"0\"]"),
             .text("absent"), .text("present"), .integer(0), .text("[]"), .null, .text("a_2019_tweets.csv")],
            [.integer(2), .null, .null, .text("[]"), .text("[]"), .null, .null, .integer(0),
             .text("[\"http://a.com/x,y\",\"https://b.org\"]"), .null, .text("b_2020_tweets.csv")],
        ])
        XCTAssertEqual(try store.scalar("SELECT tei_is_hashed(userid) FROM \(table.relationSQL) WHERE tweetid = 1"), .integer(1))
    }

    func testThirtyColumnFilesHaveNoPollChoices() throws {
        let workspace = try Workspace()
        let file = try workspace.write("t.csv", TEICSV.file(header: TEICSV.header2020, rows: [TEICSV.tweet([:])]))
        let table = try workspace.store().load(path: file.path)
        XCTAssertEqual(table.columns.map(\.name), TEICSV.header2018.dropLast() + ["source_file"])
    }

    func testUsersFile() throws {
        let workspace = try Workspace()
        let header = Array(TEICSV.header2018[1...10])
        let file = try workspace.write("x_users_csv_hashed.csv", TEICSV.file(header: header, rows: [
            TEICSV.tweet(["userid": "4125840934", "follower_count": "19816"]),
        ]))
        let store = try workspace.store()
        let table = try store.load(path: file.path)
        XCTAssertEqual(table.kind, .teiUsers)
        XCTAssertEqual(try store.rows(table, "userid, follower_count, account_creation_date"),
                       [[.text("4125840934"), .integer(19816), .integer(1_386_374_400)]])
    }

    func testNULBOMAndInvalidUTF8AreRepairedWithWarnings() throws {
        let workspace = try Workspace()
        var bytes: [UInt8] = [0xEF, 0xBB, 0xBF]
        bytes += Array(TEICSV.file(header: TEICSV.header2018, rows: [TEICSV.tweet(["tweet_text": "A_B_C"])]).utf8)
        let text = (0..<bytes.count).first { bytes[$0...].starts(with: Array("A_B_C".utf8)) }!
        bytes[text + 1] = 0
        bytes[text + 3] = 0xFF
        bytes += Array("\n".utf8)
        let file = try workspace.write("nul.csv", Data(bytes))
        let store = try workspace.store()
        let table = try store.load(path: file.path)
        XCTAssertEqual(try store.rows(table, "tweet_text"), [[.text("AB\u{FFFD}C")]])
        XCTAssertTrue(table.warnings.contains { $0.contains("1 NUL byte") }, "\(table.warnings)")
        XCTAssertTrue(table.warnings.contains { $0.contains("1 invalid UTF-8") }, "\(table.warnings)")
    }

    func testZipWithSeveralCSVsAndRepeatedHeaders() throws {
        let workspace = try Workspace()
        let zip = workspace.sources.appendingPathComponent("release.zip")
        let archive = try Archive(url: zip, accessMode: .create)
        for (name, id) in [("release/part_2018.csv", "1"), ("release/part_2019.csv", "2")] {
            let data = Data(TEICSV.file(header: TEICSV.header2019, rows: [TEICSV.tweet(["tweetid": id])]).utf8)
            try archive.addEntry(with: name, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate,
                                 provider: { position, size in data[Int(position)..<Int(position) + size] })
        }
        try archive.addEntry(with: "release/readme.txt", type: .file, uncompressedSize: Int64(2), provider: { _, _ in Data("hi".utf8) })
        let store = try workspace.store()
        let table = try store.load(path: zip.path)
        XCTAssertEqual(try store.rows(table, "tweetid, source_file"), [
            [.integer(1), .text("release.zip/release/part_2018.csv")],
            [.integer(2), .text("release.zip/release/part_2019.csv")],
        ])
        XCTAssertEqual(table.sources.map(\.path), ["release.zip/release/part_2018.csv", "release.zip/release/part_2019.csv"])
    }

    func testGzipAndDirectorySources() throws {
        let workspace = try Workspace()
        let csv = TEICSV.file(header: TEICSV.header2019, rows: (1...50).map { TEICSV.tweet(["tweetid": "\($0)"]) })
        try workspace.write("set/2019/part.csv", csv)
        let later = TEICSV.file(header: TEICSV.header2019, rows: (51...100).map { TEICSV.tweet(["tweetid": "\($0)"]) })
        let plain = try workspace.write("set/2020.csv", later)
        try workspace.gzip(plain)
        let store = try workspace.store()
        XCTAssertEqual(try store.load(path: workspace.sources.path + "/set").sources.map(\.path), ["2020.csv.gz"])
        let table = try store.load(path: workspace.sources.path + "/set", options: LoadOptions(recursive: true))
        XCTAssertEqual(table.sources.map(\.path), ["part.csv", "2020.csv.gz"])
        XCTAssertEqual(try store.scalar("SELECT count(*) FROM \(table.relationSQL)"), .integer(100))
        XCTAssertEqual(try store.scalar("SELECT count(DISTINCT source_file) FROM \(table.relationSQL)"), .integer(2))
    }

    func testGenericCSVIsTypedByInferenceAndOverrides() throws {
        let workspace = try Workspace()
        let file = try workspace.write("labels.csv", """
            account,label,score,flagged,seen,zip
            4125840934,troll,0.5,true,2019-01-02,007
            x1,,2,false,2019-01-03,123

            """)
        let store = try workspace.store()
        let table = try store.load(path: file.path)
        XCTAssertEqual(table.kind, .generic)
        XCTAssertEqual(table.columns, [Column("account", .text), Column("label", .text), Column("score", .float),
                                       Column("flagged", .bool), Column("seen", .date), Column("zip", .text),
                                       Column("source_file", .text)])
        XCTAssertEqual(try store.rows(table, "account, label, score, flagged, seen, zip"), [
            [.text("4125840934"), .text("troll"), .real(0.5), .integer(1), .integer(1_546_387_200), .text("007")],
            [.text("x1"), .null, .real(2), .integer(0), .integer(1_546_473_600), .text("123")],
        ])
        let retyped = try store.load(path: file.path, options: LoadOptions(columnTypes: ["zip": .int, "account": .int]))
        XCTAssertEqual(try store.rows(retyped, "account, zip"), [[.integer(4_125_840_934), .integer(7)], [.null, .integer(123)]])
        XCTAssertTrue(retyped.warnings.contains("account: 1 value is not an int and became null"), "\(retyped.warnings)")
        XCTAssertThrowsError(try store.load(path: file.path, options: LoadOptions(columnTypes: ["nope": .int]))) { error in
            XCTAssertEqual((error as? LoadError)?.message, "no column named nope to retype")
        }
    }
}
