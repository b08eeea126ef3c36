import Foundation
import XCTest
@testable import TEIStorage

/// A scratch folder for one test, with a source folder and a cache folder, removed afterwards.
final class Workspace {
    let root: URL
    let sources: URL
    let cache: URL

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("tei-storage-\(UUID().uuidString)")
        sources = root.appendingPathComponent("src", isDirectory: true)
        cache = root.appendingPathComponent("cache", isDirectory: true)
        try FileManager.default.createDirectory(at: sources, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: root) }

    @discardableResult
    func write(_ name: String, _ text: String) throws -> URL {
        try write(name, Data(text.utf8))
    }

    @discardableResult
    func write(_ name: String, _ data: Data) throws -> URL {
        let url = sources.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url)
        return url
    }

    /// Compresses `plain` with the system's gzip, which replaces it by `plain.gz`; returns that file.
    @discardableResult
    func gzip(_ plain: URL) throws -> URL {
        let gzip = Process()
        gzip.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        gzip.arguments = ["gzip", plain.path]
        try gzip.run()
        gzip.waitUntilExit()
        return plain.appendingPathExtension("gz")
    }

    /// A new session: a fresh in-memory connection and store over the shared cache folder.
    func store() throws -> TableStore {
        let store = try TableStore(database: try Database(), cacheDirectory: cache)
        store.progressHandler = nil
        return store
    }

    func cacheFiles() -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: cache.path)) ?? []).sorted()
    }
}

/// Builds TEI-shaped CSV text: every field quoted, as the releases write it.
enum TEICSV {
    static let header2018 = ["tweetid", "userid", "user_display_name", "user_screen_name", "user_reported_location",
        "user_profile_description", "user_profile_url", "follower_count", "following_count", "account_creation_date",
        "account_language", "tweet_language", "tweet_text", "tweet_time", "tweet_client_name", "in_reply_to_tweetid",
        "in_reply_to_userid", "quoted_tweet_tweetid", "is_retweet", "retweet_userid", "retweet_tweetid", "latitude",
        "longitude", "quote_count", "reply_count", "like_count", "retweet_count", "hashtags", "urls", "user_mentions",
        "poll_choices"]

    /// 2019 layout: the reply pair swapped.
    static var header2019: [String] {
        var header = header2018
        header.swapAt(15, 16)
        return header
    }

    /// 2020-12 layout: 2019 without poll_choices.
    static var header2020: [String] { Array(header2019.dropLast()) }

    static func line(_ fields: [String]) -> String {
        fields.map { "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }.joined(separator: ",")
    }

    /// A tweet row as a name → value map, with sensible defaults for the columns not given.
    static func tweet(_ values: [String: String]) -> [String: String] {
        var row: [String: String] = [
            "tweetid": "877919995476496385", "userid": String(repeating: "ab", count: 32),
            "user_display_name": "Display", "user_screen_name": "screen", "user_reported_location": "Freedonia",
            "user_profile_description": "about me", "user_profile_url": "", "follower_count": "132",
            "following_count": "120", "account_creation_date": "2013-12-07", "account_language": "en",
            "tweet_language": "en", "tweet_text": "hello", "tweet_time": "2017-06-22 16:03",
            "tweet_client_name": "TweetDeck", "in_reply_to_tweetid": "", "in_reply_to_userid": "",
            "quoted_tweet_tweetid": "", "is_retweet": "false", "retweet_userid": "", "retweet_tweetid": "",
            "latitude": "", "longitude": "", "quote_count": "0", "reply_count": "0", "like_count": "0",
            "retweet_count": "0", "hashtags": "[]", "urls": "[]", "user_mentions": "[]", "poll_choices": "",
        ]
        for (key, value) in values { row[key] = value }
        return row
    }

    static func file(header: [String], rows: [[String: String]], lineEnd: String = "\n") -> String {
        ([line(header)] + rows.map { row in line(header.map { row[$0] ?? "" }) })
            .map { $0 + lineEnd }.joined()
    }
}

extension TableStore {
    /// All rows of `table`, ordered as imported.
    func rows(_ table: LoadedTable, _ columns: String = "*") throws -> [[SQLValue]] {
        try database.query("SELECT \(columns) FROM \(table.relationSQL) ORDER BY \(Database.quote(identifier: table.layout.rowNumber!))")
    }

    func scalar(_ sql: String) throws -> SQLValue {
        try database.query(sql).first?.first ?? .null
    }
}
