import XCTest
@testable import TEIStorage

/// The importer against real TEI rows, read from `../shared/data/real` when it exists (never
/// copied into the repository). Skipped on machines without that folder.
final class RealDataTests: XCTestCase {
    private func realFile(_ name: String) throws -> URL {
        var folder = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        for _ in 0..<3 { folder.deleteLastPathComponent() }
        let url = folder.deletingLastPathComponent().appendingPathComponent("shared/data/real/\(name)")
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw XCTSkip("real TEI samples not present at \(url.path)")
        }
        return url
    }

    func testRussia2019SampleLoadsEveryRecord() throws {
        let file = try realFile("russia_201901_1_tweets_sample.csv")
        let workspace = try Workspace()
        let store = try workspace.store()
        let table = try store.load(path: file.path)
        XCTAssertEqual(table.kind, .teiTweets)
        XCTAssertEqual(table.sources.map(\.rows), [407])
        XCTAssertEqual(table.warnings, [])
        let t = table.relationSQL
        XCTAssertEqual(try store.scalar("SELECT count(*) FROM \(t)"), .integer(407))
        XCTAssertEqual(try store.scalar("SELECT count(DISTINCT userid) FROM \(t)"), .integer(86))
        XCTAssertEqual(try store.scalar("SELECT count(DISTINCT userid) FROM \(t) WHERE tei_is_hashed(userid)"), .integer(83))
        XCTAssertEqual(try store.scalar("SELECT sum(is_retweet) FROM \(t)"), .integer(3))
        XCTAssertEqual(try store.scalar("SELECT count(*) FROM \(table.items(of: "hashtags")!.table.quoted)"), .integer(1109))
        XCTAssertEqual(try store.scalar("SELECT sum(json_array_length(hashtags)) FROM \(t)"), .integer(1109))
        XCTAssertEqual(try store.scalar("SELECT count(*) FROM \(t) WHERE instr(tweet_text, char(10)) > 0"), .integer(73))
        XCTAssertEqual(try store.scalar("SELECT count(*) FROM \(t) WHERE latitude = 'absent'"), .integer(407))
        XCTAssertEqual(try store.scalar("SELECT count(*) FROM \(t) WHERE tweet_time IS NULL OR tweetid IS NULL"), .integer(0))
        // tweet_time agrees with the time encoded in the snowflake id (minute precision) for
        // tweets after snowflake ids began.
        XCTAssertEqual(try store.scalar("""
            SELECT count(*) FROM \(t) WHERE tweetid > 30000000000000000
              AND abs(((tweetid >> 22) + 1288834974657) / 1000 - tweet_time) >= 60
            """), .integer(0))
    }

    func testTruncatedRussiaFileFailsAtLine998() throws {
        let file = try realFile("russia_201901_1_tweets_headcut.csv")
        let workspace = try Workspace()
        XCTAssertThrowsError(try workspace.store().load(path: file.path)) { error in
            let error = error as? LoadError
            XCTAssertEqual(error?.line, 998)
            XCTAssertEqual(error?.message, "unterminated quoted field (the file may be truncated)")
            XCTAssertEqual(error?.file, file.path)
        }
        let store = try workspace.store()
        let lenient = try store.load(path: file.path, options: LoadOptions(lenient: true))
        XCTAssertEqual(try store.scalar("SELECT count(*) FROM \(lenient.relationSQL)"), .integer(407))
        XCTAssertEqual(lenient.warnings.count, 1)
        XCTAssertTrue(lenient.warnings[0].hasPrefix("skipped 1 malformed row: russia_201901_1_tweets_headcut.csv:998:"))
    }

    func testIRA2018Sample() throws {
        let file = try realFile("ira_201810_tweets_sample.csv")
        let workspace = try Workspace()
        let store = try workspace.store()
        let table = try store.load(path: file.path)
        XCTAssertEqual(try store.scalar("SELECT count(*) FROM \(table.relationSQL)"), .integer(2))
        XCTAssertEqual(try store.scalar("SELECT sum(is_retweet) FROM \(table.relationSQL)"), .integer(1))
        XCTAssertEqual(try store.scalar("SELECT count(*) FROM \(table.relationSQL) WHERE tei_is_hashed(userid)"), .integer(2))
        XCTAssertEqual(try store.scalar("SELECT json_array_length(urls) FROM \(table.relationSQL) WHERE is_retweet"), .integer(1))
        XCTAssertEqual(try store.scalar("SELECT tei_domain(json_extract(urls, '$[0]')) FROM \(table.relationSQL) WHERE is_retweet"),
                       .text("ru-open.livejournal.com"))
    }
}
