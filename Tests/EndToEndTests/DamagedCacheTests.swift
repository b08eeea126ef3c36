import Foundation
import TEIStorage
import TEITestSupport
import XCTest

/// A cache file damaged inside (as by a bad disk or a broken copy) is found by the checksum of the
/// damaged page when that page is read, on attaching or by a query; the source is imported again
/// and the run still answers, with a warning. Damage never gives another answer.
final class DamagedCacheTests: XCTestCase {
    /// For 25 random places of each kind of damage, a script of the first questions of a study
    /// (count, tweets per account, a filter, hashtags, a text search, the networks of what tweets
    /// contain, which read the lists' items sorted by value) answers exactly as from the
    /// intact cache, warning once when the damage was in a page it read and not at all otherwise.
    func testRandomDamageNeverGivesAnotherAnswer() throws {
        let folder = try TEIProcess.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let source = folder.appendingPathComponent("tweets.csv")
        try TEIProcess.writeTweets(rows: 1500, to: source)
        let script = folder.appendingPathComponent("study.tei")
        try Data("""
            import "coordination"
            let t = load "tweets.csv"
            t | count
            t | group userid (n = count(), likes = sum(like_count)) | sort -n, userid
            t | filter like_count + retweet_count >= 2 and tweet_language == "en" | count
            t | explode hashtags as tag | group lower(tag) as tag (n = count()) | sort -n, tag
            t | filter contains(tweet_text, "the") | group tweet_language (n = count()) | sort tweet_language
            t | co_hashtag_pairs(window = 1d, min_shared = 1) | group shared (pairs = count()) | sort shared
            t | co_link_pairs(window = 1d, min_shared = 1) | group shared (pairs = count()) | sort shared
            t | co_mention_pairs(window = 1d, min_shared = 1) | group shared (pairs = count()) | sort shared

            """.utf8).write(to: script)
        let cache = folder.appendingPathComponent("cache", isDirectory: true)
        let arguments = ["--format", "csv", "run", script.path]
        let intact = try TEIProcess.run(arguments, cacheDirectory: cache)
        XCTAssertEqual(intact.status, 0, intact.standardError)
        XCTAssertEqual(intact.standardError, "")
        let answer = intact.standardOutput
        XCTAssertGreaterThan(answer.split(separator: "\n").count, 50, answer)

        let name = try XCTUnwrap(try FileManager.default.contentsOfDirectory(atPath: cache.path).first { $0.hasSuffix(".sqlite") })
        let file = cache.appendingPathComponent(name)
        let pristine = try Data(contentsOf: file)
        let warning = "warning: the cache of \(source.path) was damaged; re-imported"
        for (index, kind) in CacheDamage.Kind.allCases.enumerated() {
            var reimports = 0
            for trial in 0..<25 {
                try pristine.write(to: file)
                let place = try CacheDamage.damage(file, kind, seed: UInt64(index * 1000 + trial))
                let run = try TEIProcess.run(arguments, cacheDirectory: cache)
                XCTAssertEqual(run.status, 0, "\(place): \(run.standardError)")
                XCTAssertEqual(run.standardOutput, answer, place)
                // Nothing on standard error but, at most once, the warning and the line it points at.
                let warnings = run.standardError.split(separator: "\n").filter { $0.contains("warning:") }
                XCTAssertTrue(warnings.count <= 1 && warnings.allSatisfy { $0.hasSuffix(warning) }, "\(place): \(run.standardError)")
                XCTAssertEqual(warnings.isEmpty, run.standardError.isEmpty, "\(place): \(run.standardError)")
                reimports += warnings.count
            }
            // These questions read most pages of the file, so most damage is found and repaired (16,
            // 20 and 16 of 25 when written; without the checksums SQLite itself notices about 4).
            XCTAssertGreaterThanOrEqual(reimports, 10, "\(kind.rawValue): damage found in \(reimports) of 25 trials")
        }
    }

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

    /// An edit in the middle of a source that keeps its size, first and last 64 KiB and (set back)
    /// its modification time is noticed by the change time, which no program can set back.
    func testAnEditedSourceWithItsTimeSetBackIsImportedAgain() throws {
        let folder = try TEIProcess.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let source = folder.appendingPathComponent("numbers.csv")
        // 40,000 rows of 7 bytes: the middle row is well inside neither sampled end.
        try Data((["n"] + (100_000..<140_000).map(String.init)).joined(separator: "\n").appending("\n").utf8).write(to: source)
        // A whole second, which setting the time again restores exactly.
        let modified = Date(timeIntervalSince1970: 1_600_000_000)
        try FileManager.default.setAttributes([.modificationDate: modified], ofItemAtPath: source.path)
        let cache = folder.appendingPathComponent("cache", isDirectory: true)
        let arguments = ["--format", "csv", "-c", "load \"\(source.path)\" | group (total = sum(n))"]
        let first = try TEIProcess.run(arguments, cacheDirectory: cache)
        XCTAssertEqual(first.standardOutput, "total\n\((100_000..<140_000).reduce(0, +))\n", first.standardError)

        var text = try String(contentsOf: source, encoding: .utf8)
        text = text.replacingOccurrences(of: "\n120000\n", with: "\n120009\n")
        try Data(text.utf8).write(to: source)
        try FileManager.default.setAttributes([.modificationDate: modified], ofItemAtPath: source.path)

        let edited = try TEIProcess.run(arguments, cacheDirectory: cache)
        XCTAssertEqual(edited.status, 0, edited.standardError)
        XCTAssertEqual(edited.standardOutput, "total\n\((100_000..<140_000).reduce(0, +) + 9)\n")
        XCTAssertEqual(edited.standardError, "", "an edited source is no damage")
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

    /// A source that can no longer be imported, edited as above, is reported as the import's error,
    /// even when its old cache is damaged too: nothing is answered from that cache.
    func testAnEditedSourceThatNoLongerImportsIsAClearErrorWithStatusOne() throws {
        let folder = try TEIProcess.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let source = folder.appendingPathComponent("tweets.csv")
        try TEIProcess.writeTweets(rows: 5000, to: source)
        let cache = folder.appendingPathComponent("cache", isDirectory: true)
        let modified = Date(timeIntervalSince1970: 1_600_000_000)
        try FileManager.default.setAttributes([.modificationDate: modified], ofItemAtPath: source.path)
        let arguments = ["--format", "csv", "-c", "load \"\(source.path)\" | filter like_count + retweet_count >= 0 | count"]
        XCTAssertEqual(try TEIProcess.run(arguments, cacheDirectory: cache).status, 0)
        let file = try XCTUnwrap(try FileManager.default.contentsOfDirectory(atPath: cache.path).first { $0.hasSuffix(".sqlite") })
        try CacheDamage.overwriteLeafPageOfRows(in: cache.appendingPathComponent(file))
        // A line break in the middle between two records (every field is quoted) becomes a comma,
        // giving one record twice the fields; size, first and last 64 KiB and time stay the same.
        var bytes = [UInt8](try Data(contentsOf: source))
        let boundary = Array("\"\n\"".utf8)
        let middle = try XCTUnwrap((bytes.count / 2..<bytes.count - 3).first { Array(bytes[$0..<$0 + 3]) == boundary })
        bytes[middle + 1] = UInt8(ascii: ",")
        try Data(bytes).write(to: source)
        try FileManager.default.setAttributes([.modificationDate: modified], ofItemAtPath: source.path)

        let result = try TEIProcess.run(arguments, cacheDirectory: cache)
        XCTAssertEqual(result.status, 1)
        XCTAssertEqual(result.standardOutput, "")
        XCTAssertTrue(result.standardError.contains("error: cannot load \(source.path):"), result.standardError)
        XCTAssertFalse(result.standardError.contains("warning:"), result.standardError)
    }
}
