import XCTest
@testable import TEIStorage

/// A tweet's account record (its user columns other than `userid`) is stored once per distinct
/// record in `accounts` and referenced by the tweet's row, first met first numbered: every tweet
/// shows its own user fields; a record that changes between an account's tweets is stored once per
/// version, and a version met again reuses its row; accounts with the same record share a row.
/// That holds whatever the fields look like to the compact spelling of the dictionary's keys
/// (`AccountRecordKey`: hex digits, repeated fields, empty ones), whether the records fit the
/// dictionary's memory or continue on disk, and whether the account ids' codes, through which the
/// importer finds an account's last record (`LastAccountRecords`), are held in memory or on disk.
final class AccountRecordTests: XCTestCase {
    private static let hashA = String(repeating: "0123456789abcdef", count: 4)
    private static let hashB = String(repeating: "fedcba9876543210", count: 4)
    private static let hashC = String(repeating: "00112233445566778899aabbccddeeff", count: 2)

    /// Each tweet's userid and the user fields that differ from `TEICSV.tweet`'s.
    private static let tweets: [(userid: String, fields: [String: String])] = [
        (hashA, ["user_display_name": hashA, "user_screen_name": hashA, "follower_count": "10"]),
        (hashA, ["user_display_name": hashA, "user_screen_name": hashA, "follower_count": "11"]),
        (hashA, ["user_display_name": hashA, "user_screen_name": hashA, "follower_count": "10"]),
        // Another account with the first record: it shares its row.
        (hashB, ["user_display_name": hashA, "user_screen_name": hashA, "follower_count": "10"]),
        (hashB, ["user_display_name": hashA.uppercased(), "user_screen_name": hashA, "follower_count": "10"]),
        (hashB, ["user_display_name": hashA, "user_screen_name": hashA.uppercased(), "follower_count": "10"]),
        (hashB, ["user_display_name": "AB12", "user_screen_name": "ab12"]),
        (hashB, ["user_display_name": "ab12", "user_screen_name": "ab12"]),
        (hashB, ["user_display_name": "ab12", "user_screen_name": "AB12"]),
        (hashB, ["user_display_name": "ab", "user_screen_name": "cd12"]),
        (hashB, ["user_display_name": "abc", "user_screen_name": "d12"]),
        (hashB, ["user_display_name": "abc", "user_screen_name": "abc"]),
        (hashB, ["user_display_name": "", "user_screen_name": "", "user_reported_location": ""]),
        (hashB, ["user_display_name": "", "user_screen_name": "", "user_reported_location": "", "user_profile_description": ""]),
        (hashB, ["user_display_name": "x", "user_screen_name": "", "user_reported_location": ""]),
        (hashB, ["user_display_name": "ab12", "user_screen_name": "ab12"]),
        (hashA, ["user_display_name": hashA, "user_screen_name": hashA, "follower_count": "11"]),
        (hashB, ["user_profile_description": String(repeating: "long é ", count: 40), "user_profile_url": "00"]),
        // An account whose record changes and changes back between other accounts' tweets, then
        // takes the record another account has.
        (hashC, ["follower_count": "1"]),
        (hashA, ["user_display_name": hashA, "user_screen_name": hashA, "follower_count": "10"]),
        (hashC, ["follower_count": "2"]),
        (hashC, ["follower_count": "1"]),
        (hashB, ["user_display_name": "ab12", "user_screen_name": "ab12"]),
        (hashC, ["follower_count": "2"]),
        (hashC, ["user_display_name": hashA, "user_screen_name": hashA, "follower_count": "11"]),
        // Tweets without an account id: their records are found through the dictionary alone.
        ("", ["follower_count": "1"]),
        ("", ["follower_count": "3"]),
        (hashC, ["follower_count": "3"]),
        (hashA, ["user_display_name": hashA, "user_screen_name": hashA, "follower_count": "10"]),
    ]

    private static let textColumns = ["user_display_name", "user_screen_name", "user_reported_location",
                                      "user_profile_description", "user_profile_url", "account_language"]

    private static var rows: [[String: String]] {
        tweets.enumerated().map { n, tweet in
            TEICSV.tweet(tweet.fields.merging(["tweetid": "\(n + 1)", "userid": tweet.userid]) { $1 })
        }
    }

    /// Per tweet, the number of its record among the distinct ones in order of first appearance.
    private static var expectedAccounts: [SQLValue] {
        let columns = textColumns + ["follower_count", "following_count", "account_creation_date"]
        var numbers: [[String]: Int] = [:]
        return rows.map { row in
            let record = columns.map { row[$0]! }
            if numbers[record] == nil { numbers[record] = numbers.count + 1 }
            return .integer(Int64(numbers[record]!))
        }
    }

    private func load(accountRecordMemory: Int, accountIDMemory: Int) throws -> (TableStore, LoadedTable) {
        let workspace = try Workspace()
        addTeardownBlock { _ = workspace }
        let file = try workspace.write("t.csv", TEICSV.file(header: TEICSV.header2018, rows: Self.rows))
        let store = try workspace.store()
        store.dictionaryMemory.accountRecords = accountRecordMemory
        store.dictionaryMemory.accountIDs = accountIDMemory
        return (store, try store.load(path: file.path))
    }

    private func assertEveryTweetKeepsItsRecord(accountRecordMemory: Int,
                                                accountIDMemory: Int = TableBuilder.DictionaryMemory.standard.accountIDs,
                                                file: StaticString = #filePath, line: UInt = #line) throws {
        let (store, table) = try load(accountRecordMemory: accountRecordMemory, accountIDMemory: accountIDMemory)
        let shown = try store.rows(table, (["userid", "follower_count"] + Self.textColumns).joined(separator: ", "))
        let expected: [[SQLValue]] = Self.rows.map { row in
            [row["userid"]!.isEmpty ? .null : .text(row["userid"]!), .integer(Int64(row["follower_count"]!)!)]
                + Self.textColumns.map { row[$0]!.isEmpty ? .null : .text(row[$0]!) }
        }
        XCTAssertEqual(shown, expected, "every tweet shows its own user fields", file: file, line: line)

        let schema = Database.quote(identifier: try XCTUnwrap(table.layout.relation.schema))
        let accounts = try store.database.query("SELECT \(CacheNames.account) FROM \(schema).\(CacheNames.rows) ORDER BY \(CacheNames.row)")
        XCTAssertEqual(accounts.map(\.first), Self.expectedAccounts, "one record per distinct record, first met first numbered",
                       file: file, line: line)
        let stored = try store.scalar("SELECT count(*) FROM \(schema).\(CacheNames.accounts)")
        XCTAssertEqual(stored, .integer(Int64(Set(Self.expectedAccounts.map { "\($0)" }).count)), file: file, line: line)
    }

    func testEveryTweetKeepsItsAccountRecordInMemory() throws {
        try assertEveryTweetKeepsItsRecord(accountRecordMemory: TableBuilder.DictionaryMemory.standard.accountRecords)
    }

    /// The same records, numbered the same, when the dictionary's memory holds one or none of them.
    func testEveryTweetKeepsItsAccountRecordPastTheMemory() throws {
        try assertEveryTweetKeepsItsRecord(accountRecordMemory: 200)
        try assertEveryTweetKeepsItsRecord(accountRecordMemory: 0)
    }

    /// The same records, numbered the same, when the account ids' dictionary holds one or none of
    /// the ids in memory and the others' codes come from disk, seen again after that.
    func testEveryTweetKeepsItsAccountRecordWithTheAccountIDsOnDisk() throws {
        let standard = TableBuilder.DictionaryMemory.standard.accountRecords
        for (records, ids) in [(standard, 0), (standard, 200), (0, 0), (200, 200)] {
            try assertEveryTweetKeepsItsRecord(accountRecordMemory: records, accountIDMemory: ids)
        }
    }
}

/// The compact spelling of the account record dictionary's keys.
final class AccountRecordKeyTests: XCTestCase {
    private func key(_ fields: [String]) -> [UInt8] {
        let key = ScratchBytes()
        withBuffers(fields.map { Array($0.utf8) }) { AccountRecordKey.spell(Array($0.indices), of: $0, into: key) }
        return Array(key.bytes)
    }

    private func withBuffers(_ fields: [[UInt8]], _ body: ([UnsafeBufferPointer<UInt8>]) -> Void) {
        let copies = fields.map { field -> UnsafeMutableBufferPointer<UInt8> in
            let copy = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: field.count)
            _ = copy.initialize(from: field)
            return copy
        }
        defer { copies.forEach { $0.deallocate() } }
        body(copies.map { UnsafeBufferPointer($0) })
    }

    /// A hashed 2018 account record (the hashed names twice, the counts, the date, the language)
    /// takes well under half its 250 bytes of fields and lengths.
    func testAHashedRecordIsCompact() {
        let hash = String(repeating: "0123456789abcdef", count: 4)
        let fields = [hash, hash, "", "News, views and facts.", "", "19", "123", "2012-12-28", "en"]
        XCTAssertEqual(key(fields).count, 33 + 1 + 1 + 24 + 1 + 2 + 4 + 11 + 3)
    }

    /// Records that differ in any byte, or only in where a field ends, get different keys.
    func testDifferentRecordsGetDifferentKeys() {
        let records: [[String]] = [
            ["ab12", "ab12"], ["ab12", "AB12"], ["AB12", "ab12"], ["ab", "12ab12"], ["ab1", "2ab12"], ["ab12ab12", ""],
            ["", ""], ["", "", ""], ["x", ""], ["", "x"], ["abc", "abc"], ["abc", ""], ["\u{AB}\u{12}", "ab12"],
            ["00", "00"], ["0", "0"], ["", "00"], [String(repeating: "a", count: 300), ""],
            [String(repeating: "a", count: 299), "a"], [String(repeating: "ab", count: 150), ""],
        ]
        let keys = records.map(key)
        XCTAssertEqual(Set(keys).count, records.count)
        XCTAssertEqual(records.map(key), keys, "the same record always gets the same key")
    }
}
