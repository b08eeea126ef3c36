import Foundation
import TEIStorage
import TEITestSupport
import XCTest

/// A cache file damaged inside (as by a bad disk or a broken copy) passes the checks made when it
/// is attached; the query that reads the damage has the source imported again and still answers.
final class DamagedCacheTests: XCTestCase {
    func testADamagedCacheIsReimportedAndTheQueryAnswers() throws {
        let folder = try TEIProcess.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let source = folder.appendingPathComponent("tweets.csv")
        try TEIProcess.writeTweets(rows: 5000, to: source)
        let cache = folder.appendingPathComponent("cache", isDirectory: true)
        // The filter reads two columns of every row from the table itself; a bare count may be
        // answered from an index and never read the damaged page.
        let arguments = ["--format", "csv", "-c", "load \"\(source.path)\" | filter like_count + retweet_count >= 0 | count"]
        let first = try TEIProcess.run(arguments, cacheDirectory: cache)
        XCTAssertEqual(first.status, 0, first.standardError)
        // Rows whose counts are empty drop out; the count from the intact cache is the answer.
        let answer = first.standardOutput
        XCTAssertTrue(answer.hasPrefix("n\n") && answer != "n\n0\n", answer)

        let files = try FileManager.default.contentsOfDirectory(atPath: cache.path).filter { $0.hasSuffix(".sqlite") }
        XCTAssertEqual(files.count, 1)
        try CacheDamage.overwriteLeafPageOfRows(in: cache.appendingPathComponent(files[0]))

        let repaired = try TEIProcess.run(arguments, cacheDirectory: cache)
        XCTAssertEqual(repaired.status, 0, repaired.standardError)
        XCTAssertEqual(repaired.standardOutput, answer)
        XCTAssertEqual(repaired.standardError.components(separatedBy: "\n").filter { $0.contains("warning:") },
                       ["<command line>:1:1: warning: the cache of \(source.path) was damaged; re-imported"])
        // The repaired cache is used as it is by the next run.
        let after = try TEIProcess.run(arguments, cacheDirectory: cache)
        XCTAssertEqual(after.status, 0)
        XCTAssertEqual(after.standardOutput, answer)
        XCTAssertEqual(after.standardError, "")
    }

    func testDamageMetAfterRowsWereStreamedStopsTheRunAndTheNextRunAnswers() throws {
        let folder = try TEIProcess.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let source = folder.appendingPathComponent("tweets.csv")
        try TEIProcess.writeTweets(rows: 5000, to: source)
        let cache = folder.appendingPathComponent("cache", isDirectory: true)
        // Rows stream in file order: the damaged page in the middle is met after the first rows.
        let arguments = ["--format", "csv", "-c", "load \"\(source.path)\" | select tweetid, like_count"]
        let first = try TEIProcess.run(arguments, cacheDirectory: cache)
        XCTAssertEqual(first.status, 0, first.standardError)
        let file = try XCTUnwrap(try FileManager.default.contentsOfDirectory(atPath: cache.path).first { $0.hasSuffix(".sqlite") })
        try CacheDamage.overwriteLeafPageOfRows(in: cache.appendingPathComponent(file))

        let stopped = try TEIProcess.run(arguments, cacheDirectory: cache)
        XCTAssertEqual(stopped.status, 1)
        XCTAssertTrue(stopped.standardError.contains("\(file): the cache was found damaged after rows were written"), stopped.standardError)
        XCTAssertTrue(stopped.standardError.contains("hint: run again"), stopped.standardError)
        XCTAssertTrue(first.standardOutput.hasPrefix(stopped.standardOutput), "the rows before the damage, each once")
        XCTAssertLessThan(stopped.standardOutput.count, first.standardOutput.count)

        let again = try TEIProcess.run(arguments, cacheDirectory: cache)
        XCTAssertEqual(again.status, 0, again.standardError)
        XCTAssertEqual(again.standardOutput, first.standardOutput)
    }

    func testADamagedCacheThatCannotBeRebuiltIsAClearErrorWithStatusOne() throws {
        let folder = try TEIProcess.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let source = folder.appendingPathComponent("tweets.csv")
        try TEIProcess.writeTweets(rows: 5000, to: source)
        let cache = folder.appendingPathComponent("cache", isDirectory: true)
        // A whole second, which setting the time again restores exactly.
        let modified = Date(timeIntervalSince1970: 1_600_000_000)
        try FileManager.default.setAttributes([.modificationDate: modified], ofItemAtPath: source.path)
        let arguments = ["--format", "csv", "-c", "load \"\(source.path)\" | filter like_count + retweet_count >= 0 | count"]
        XCTAssertEqual(try TEIProcess.run(arguments, cacheDirectory: cache).status, 0)
        let file = try XCTUnwrap(try FileManager.default.contentsOfDirectory(atPath: cache.path).first { $0.hasSuffix(".sqlite") })
        try CacheDamage.overwriteLeafPageOfRows(in: cache.appendingPathComponent(file))
        // The source can no longer be imported, yet keeps its identity (size, modification time,
        // first and last 64 KiB), so the damaged cache is still attached: a line break in the
        // middle between two records (every field is quoted) becomes a comma, giving one record
        // twice the fields.
        var bytes = [UInt8](try Data(contentsOf: source))
        let boundary = Array("\"\n\"".utf8)
        let middle = try XCTUnwrap((bytes.count / 2..<bytes.count - 3).first { Array(bytes[$0..<$0 + 3]) == boundary })
        bytes[middle + 1] = UInt8(ascii: ",")
        try Data(bytes).write(to: source)
        try FileManager.default.setAttributes([.modificationDate: modified], ofItemAtPath: source.path)

        let result = try TEIProcess.run(arguments, cacheDirectory: cache)
        XCTAssertEqual(result.status, 1)
        XCTAssertEqual(result.standardOutput, "")
        let message = "error: \(cache.appendingPathComponent(file).path): the cache is damaged and cannot be rebuilt: \(source.path):"
        XCTAssertTrue(result.standardError.contains(message), result.standardError)
        XCTAssertTrue(result.standardError.contains("hint:"), result.standardError)
    }
}
