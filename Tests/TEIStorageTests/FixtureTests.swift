import TEIFixtures
import XCTest
@testable import TEIStorage

/// The committed synthetic fixture set (generated in memory by TEIFixtures) through `load`.
final class FixtureTests: XCTestCase {
    private static let tweetsSchema = """
        tweetid int, userid text, user_display_name text, user_screen_name text, user_reported_location text, \
        user_profile_description text, user_profile_url text, follower_count int, following_count int, \
        account_creation_date date, account_language text, tweet_language text, tweet_text text, \
        tweet_time timestamp, tweet_client_name text, in_reply_to_tweetid int, in_reply_to_userid text, \
        quoted_tweet_tweetid int, is_retweet bool, retweet_userid text, retweet_tweetid int, latitude text, \
        longitude text, quote_count int, reply_count int, like_count int, retweet_count int, hashtags list, \
        urls list, user_mentions list, poll_choices text, source_file text
        """
    private static let usersSchema = """
        userid text, user_display_name text, user_screen_name text, user_reported_location text, \
        user_profile_description text, user_profile_url text, follower_count int, following_count int, \
        account_creation_date date, account_language text, source_file text
        """

    private var workspace: Workspace!

    override func setUpWithError() throws {
        workspace = try Workspace()
        for file in try FixtureGenerator().committedFiles() {
            try workspace.write(file.path, file.data)
        }
    }

    private func schema(_ table: LoadedTable) -> String {
        table.columns.map { "\($0.name) \($0.type.rawValue)" }.joined(separator: ", ")
    }

    private func path(_ name: String) -> String { workspace.sources.appendingPathComponent(name).path }

    func testReleasesLoadWithTheGoldenSchemas() throws {
        let store = try workspace.store()
        let cases: [(String, TableKind, Int, String)] = [
            ("freedonia_201810_tweets_csv_hashed.csv", .teiTweets, 1800, Self.tweetsSchema),
            ("freedonia_201810_users_csv_hashed.csv", .teiUsers, 300, Self.usersSchema),
            ("freedonia_201901_1_tweets_csv_hashed.csv", .teiTweets, 1800, Self.tweetsSchema),
            ("freedonia_201901_1_users_csv_hashed.csv", .teiUsers, 300, Self.usersSchema),
            ("freedonia_202012_tweets_csv_hashed.csv", .teiTweets, 1000,
             Self.tweetsSchema.replacingOccurrences(of: "poll_choices text, ", with: "")),
            ("freedonia_201901_1.zip/freedonia_201901_1_tweets_csv_hashed.csv", .teiTweets, 1800, Self.tweetsSchema),
        ]
        for (name, kind, rows, expected) in cases {
            let table = try store.load(path: path(name))
            XCTAssertEqual(table.kind, kind, name)
            XCTAssertEqual(schema(table), expected, name)
            XCTAssertEqual(try store.scalar("SELECT count(*) FROM \(table.relationSQL)"), .integer(Int64(rows)), name)
            XCTAssertEqual(table.warnings, [], name)
        }
        // The zipped release holds the same tweets as the plain file.
        let plain = try store.load(path: path("freedonia_201901_1_tweets_csv_hashed.csv"))
        let zipped = try store.load(path: path("freedonia_201901_1.zip/freedonia_201901_1_tweets_csv_hashed.csv"))
        XCTAssertEqual(try store.scalar("""
            SELECT count(*) FROM (SELECT tweetid, tweet_text, hashtags FROM \(plain.relationSQL)
                                  EXCEPT SELECT tweetid, tweet_text, hashtags FROM \(zipped.relationSQL))
            """), .integer(0))
        XCTAssertEqual(zipped.sources.map(\.path), ["freedonia_201901_1.zip/freedonia_201901_1_tweets_csv_hashed.csv"])
    }

    func testListsOfBothErasDecodeAlike() throws {
        let store = try workspace.store()
        for name in ["freedonia_201810_tweets_csv_hashed.csv", "freedonia_201901_1_tweets_csv_hashed.csv"] {
            let table = try store.load(path: path(name))
            // Every list is a JSON array whose items match the items table.
            XCTAssertEqual(try store.scalar("SELECT count(*) FROM \(table.relationSQL) WHERE json_valid(hashtags) = 0 OR json_type(urls) <> 'array'"), .integer(0), name)
            XCTAssertEqual(try store.scalar("SELECT sum(json_array_length(urls)) FROM \(table.relationSQL)"),
                           try store.scalar("SELECT count(*) FROM \(table.items(of: "urls")!.table.quoted)"), name)
            XCTAssertEqual(try store.scalar("SELECT count(*) FROM \(table.items(of: "urls")!.table.quoted) WHERE tei_domain(value) IS NULL"), .integer(0), name)
            XCTAssertEqual(try store.scalar("SELECT count(*) FROM \(table.relationSQL) WHERE tei_is_hashed(userid) = 0 AND userid GLOB '*[^0-9]*'"), .integer(0), name)
        }
    }

    func testMixedZipAsksForOneKind() throws {
        XCTAssertThrowsError(try workspace.store().load(path: path("freedonia_201901_1.zip"))) { error in
            XCTAssertEqual((error as? LoadError)?.hint?.hasPrefix(#"load tweets "…" or load users "…" picks one kind"#), true, "\(error)")
        }
        let users = try workspace.store().load(path: path("freedonia_201901_1.zip"), options: LoadOptions(kind: .teiUsers))
        XCTAssertEqual(users.kind, .teiUsers)
        XCTAssertEqual(users.sources.map(\.path), ["freedonia_201901_1.zip/freedonia_201901_1_users_csv_hashed.csv"])
    }

    func testMalformedFixtures() throws {
        let store = try workspace.store()
        let expectations: [(String, Int?, String)] = [
            ("unterminated_quote_at_eof.csv", 5, "unterminated quoted field (the file may be truncated)"),
            ("wrong_field_count.csv", 3, "expected 31 fields, found 30"),
            ("missing_tweet_time_column.csv", 1, "missing required TEI column: tweet_time"),
            ("empty.csv", nil, "the file is empty"),
            ("zip_without_csv.zip", nil, "the zip holds no CSV file"),
            ("truncated.zip", nil, "the zip file is damaged or truncated"),
        ]
        for (name, line, message) in expectations {
            XCTAssertThrowsError(try store.load(path: path("malformed/" + name)), name) { error in
                XCTAssertEqual((error as? LoadError)?.line, line, name)
                XCTAssertEqual((error as? LoadError)?.message, message, name)
            }
        }
        XCTAssertEqual(workspace.cacheFiles().filter { $0.hasSuffix(".sqlite") }, [])
        let headerOnly = try store.load(path: path("malformed/header_only.csv"))
        XCTAssertEqual(try store.scalar("SELECT count(*) FROM \(headerOnly.relationSQL)"), .integer(0))
        for name in ["utf8_bom.csv", "crlf_line_ends.csv"] {
            let table = try store.load(path: path("malformed/" + name))
            XCTAssertEqual(try store.scalar("SELECT count(*) FROM \(table.relationSQL)"), .integer(4), name)
            XCTAssertEqual(table.warnings, [], name)
        }
        let invalid = try store.load(path: path("malformed/invalid_utf8.csv"))
        XCTAssertEqual(invalid.warnings, ["replaced 3 invalid UTF-8 sequences with U+FFFD"])
        let nul = try store.load(path: path("malformed/nul_bytes.csv"))
        XCTAssertEqual(nul.warnings, ["dropped 1 NUL byte"])
        XCTAssertEqual(try store.scalar("SELECT count(*) FROM \(nul.relationSQL) WHERE instr(tweet_text, char(0)) > 0"), .integer(0))
    }
}
