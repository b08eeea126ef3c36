import Foundation
@testable import TEIEngine
import XCTest

/// A grouping whose aggregates decompose, split over ranges of rows on several connections and
/// merged (`RangeSplit`, `RangeRunner`), gives the rows of the one statement it replaces: the same
/// values, the same order, the same ties, nulls and empty results, whatever the number of threads.
final class ParallelGroupingTests: XCTestCase {
    static let tweets = SessionHarness.repositoryRoot.appendingPathComponent("Fixtures/freedonia_201901_1_tweets_csv_hashed.csv").path
    static let users = SessionHarness.repositoryRoot.appendingPathComponent("Fixtures/freedonia_201901_1_users_csv_hashed.csv").path
    static var prelude: String { "let t = load \"\(tweets)\"\nlet users = load \"\(users)\"\n" }

    /// Splits every grouping it can, however small its table.
    static func splitting(threads: Int) -> Parallelism { Parallelism(threads: threads, minimumRows: 0) }

    /// Pipelines whose grouping splits: every decomposable aggregate, filters, keys that are
    /// dictionary codes, computed keys, null keys and values, expressions around aggregates, steps
    /// after the grouping (sort with ties, take, filter, join), explodes, empty inputs. Each sums the
    /// likes where a count alone would be answered by a rollup (`AggregateFromRollup`) instead.
    static let splitPipelines = [
        "t | group in_reply_to_userid (n = count(), likes = sum(like_count), first = min(tweet_time), last = max(tweet_time), mean = avg(like_count))",
        "t | group tweet_client_name (south = min(latitude), north = max(latitude), placed = count(latitude), language = max(tweet_language))",
        "t | derive f = float(like_count) / 3 | group latitude (least = min(f), most = max(f))",
        "t | filter not is_retweet | group tweet_client_name (n = count()) | sort -n",
        "t | group tweet_client_name (n = count()) | sort -n | take 2",
        "t | group hour = hour(tweet_time), weekday = weekday(tweet_time) (n = count(), retweeted = max(is_retweet), likes = sum(like_count))",
        "t | group tweet_client_name (per_tweet = sum(like_count) * 100 / count(), spread = max(like_count) - min(like_count) + 1)",
        "t | group (n = count(), retweets = sum(retweet_count), mean = avg(retweet_count), first = min(tweet_time))",
        "t | filter like_count < 0 | group in_reply_to_userid (n = count())",
        "t | filter like_count < 0 | group (n = count(), likes = sum(like_count), mean = avg(like_count), first = min(tweet_time))",
        "t | explode hashtags as tag | group tag (n = count(), likes = sum(like_count)) | filter n > 1 | sort -n",
        "t | derive gap = tweet_time - account_creation_date | group account_language (longest = max(gap), mean = avg(gap))",
        "let replies = t | group userid = in_reply_to_userid (replies = count(), likes = sum(like_count))\n"
            + "users | join left replies on userid | group account_language (accounts = count(), replies = sum(replies))",
    ]

    func testSplitGroupingsGiveTheRowsOfTheWholeOne() throws {
        let serial = try SessionHarness(previewRows: nil, parallelism: .serial)
        let parallel = [2, 3].map { try! SessionHarness(previewRows: nil, parallelism: Self.splitting(threads: $0)) }
        for pipeline in Self.splitPipelines {
            let expected = try serial.resultRows(Self.prelude + pipeline)
            for (harness, threads) in zip(parallel, [2, 3]) {
                let relation = try XCTUnwrap(SQLSnapshotTests.shownRelation(Self.prelude + pipeline, harness: harness))
                XCTAssertEqual(harness.session.compile(relation).ranges?.threads, threads, "split on \(threads) threads: \(pipeline)")
                XCTAssertEqual(try harness.resultRows(Self.prelude + pipeline), expected, "\(threads) threads: \(pipeline)")
            }
        }
    }

    func testOneThreadAndSmallTablesRunOneStatement() throws {
        let pipeline = Self.prelude + "t | group tweet_client_name (n = count())"
        for parallelism in [Parallelism.serial, Parallelism(threads: 1, minimumRows: 0), Parallelism(threads: 4)] {
            let harness = try SessionHarness(parallelism: parallelism)
            let relation = try XCTUnwrap(SQLSnapshotTests.shownRelation(pipeline, harness: harness))
            XCTAssertNil(harness.session.compile(relation).ranges, "\(parallelism)")
        }
    }

    /// Aggregates that need every value at once, and totals of floats (which round differently when
    /// added in another order), keep a grouping whose keys hold no dictionary codes whole; so do
    /// steps that read other rows, and keys that an index holds but that are no codes (the day).
    func testGroupingsThatDoNotDecomposeStayWhole() throws {
        let harness = try SessionHarness(parallelism: Self.splitting(threads: 2))
        for pipeline in [
            "t | group hour = hour(tweet_time) (accounts = count_distinct(userid))",
            "t | group is_retweet (typical = median(like_count))",
            "t | derive f = float(like_count) / 3 | group hour = hour(tweet_time) (n = count(), total = sum(f))",
            // Totals of floats round by the order of the rows, which a range of codes may change.
            "t | derive f = float(like_count) / 3 | group tweet_client_name (n = count(), total = sum(f))",
            "t | group userid (spread = stddev(like_count), typical = median(like_count))",
            "t | sort tweet_time | take 100 | group tweet_client_name (n = count())",
            "t | join users on userid | group account_language (n = count())",
            // Keys an index holds: the grouping reads the index in key order and sorts nothing,
            // while each range of rows or of codes would read nearly every page again.
            "t | group day = date(tweet_time) (n = count(), likes = sum(like_count))",
            "t | group userid (n = count(), likes = sum(like_count), typical = median(retweet_count)) | sort -likes | take 30",
            "t | filter not is_retweet | group tweet_language (accounts = count_distinct(userid), typical = median(like_count))",
        ] {
            let relation = try XCTUnwrap(SQLSnapshotTests.shownRelation(Self.prelude + pipeline, harness: harness))
            XCTAssertNil(harness.session.compile(relation).ranges, pipeline)
        }
    }

    /// Groupings split by ranges of a key's dictionary codes, each range computing its groups
    /// whole: aggregates that need every value at once, keys with empty values, several keys, steps
    /// after the grouping, `mode`, `collect` (whose values do not depend on the order of the rows).
    static let codeSplitPipelines = [
        "t | group tweet_client_name (accounts = count_distinct(userid), typical = median(like_count))",
        "t | derive f = float(like_count) / 3 | group tweet_client_name (n = count(), least = min(f), typical = median(f))",
        "t | group in_reply_to_userid (accounts = count_distinct(userid), first = min(tweet_time)) | sort -accounts",
        "t | group in_reply_to_userid, tweet_client_name (n = count_distinct(tweet_language)) | filter n > 0",
        "t | explode hashtags as tag | group tweet_client_name (tags = count_distinct(tag), common = mode(tag), all = collect(tag))",
        "t | filter like_count < 0 | group tweet_client_name (typical = median(like_count))",
    ]

    func testCodeRangesGiveTheRowsOfTheWholeGrouping() throws {
        let serial = try SessionHarness(previewRows: nil, parallelism: .serial)
        let parallel = [2, 3].map { try! SessionHarness(previewRows: nil, parallelism: Self.splitting(threads: $0)) }
        for pipeline in Self.codeSplitPipelines {
            let expected = try serial.resultRows(Self.prelude + pipeline)
            for (harness, threads) in zip(parallel, [2, 3]) {
                let relation = try XCTUnwrap(SQLSnapshotTests.shownRelation(Self.prelude + pipeline, harness: harness))
                let ranges = try XCTUnwrap(harness.session.compile(relation).ranges, pipeline)
                XCTAssertNotNil(ranges.codesOf, pipeline)
                XCTAssertEqual(ranges.threads, threads, "split on \(threads) threads: \(pipeline)")
                XCTAssertEqual(try harness.resultRows(Self.prelude + pipeline), expected, "\(threads) threads: \(pipeline)")
            }
        }
    }

    /// `explain` shows the ranges of codes, each range's statement and the statement putting the
    /// groups in order.
    func testExplainShowsTheRangesOfCodes() throws {
        try assertExplained("t | group in_reply_to_userid (accounts = count_distinct(retweet_userid)) | sort -accounts | take 3",
                            matches: "parallel_group_codes.explain")
    }

    /// `explain` shows the thread count, each range's statement and the merge.
    func testExplainShowsTheRangesAndTheMerge() throws {
        try assertExplained("t | filter not is_retweet | group in_reply_to_userid (n = count(), mean = avg(like_count)) | sort -n | take 3",
                            matches: "parallel_group.explain")
    }

    /// `explain PIPELINE` on two threads against the snapshot `Tests/TEIEngineTests/SQL/SNAPSHOT`
    /// (re-recorded with TEI_RECORD=1).
    private func assertExplained(_ pipeline: String, matches snapshot: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let harness = try SessionHarness(parallelism: Self.splitting(threads: 2))
        let (outcome, output) = harness.run(Self.prelude + "explain " + pipeline)
        XCTAssertEqual(outcome, .success, output.standardError.joined(separator: "\n"), file: file, line: line)
        // Cache schemas are named after a hash of the loaded file's path, which differs between clones.
        let text = output.printed.replacingOccurrences(of: #""tei_[0-9a-f]{16}""#, with: "\"tei_<cache>\"", options: .regularExpression) + "\n"
        let path = SessionHarness.repositoryRoot.appendingPathComponent("Tests/TEIEngineTests/SQL/" + snapshot)
        if ProcessInfo.processInfo.environment["TEI_RECORD"] == "1" {
            try text.write(to: path, atomically: true, encoding: .utf8)
        }
        XCTAssertEqual(text, try String(contentsOf: path, encoding: .utf8), file: file, line: line)
    }

    /// A range that fails (here a total past 64 bits in the second half of the rows) stops the
    /// query with the error the whole statement gives, once.
    func testAFailingRangeFailsTheQueryOnce() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tei-parallel-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("big.csv")
        let rows = (1...1000).map { "\($0 % 7),\($0 > 500 ? Int64.max / 10 : 1)" }
        try (["k,v"] + rows).joined(separator: "\n").write(to: file, atomically: true, encoding: .utf8)
        let code = "let b = load \"\(file.path)\"\nb | group k (total = sum(v))"
        let serial = try SessionHarness(parallelism: .serial).run(code)
        let parallel = try SessionHarness(parallelism: Self.splitting(threads: 2)).run(code)
        XCTAssertEqual(serial.outcome, .runFailed)
        XCTAssertEqual(parallel.outcome, .runFailed)
        XCTAssertEqual(parallel.output.errors.count, 1)
        XCTAssertEqual(parallel.output.standardError, serial.output.standardError)
        XCTAssertTrue(parallel.output.standardError.joined().contains("integer overflow"), parallel.output.standardError.joined())
    }

    /// An interrupt reaches the connections running the ranges: the query stops long before the
    /// ranges would have ended, says "interrupted", and the session runs the next query.
    func testAnInterruptStopsEveryRange() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tei-parallel-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("rows.csv")
        try (["k,v"] + (1...40_000).map { "\($0 % 97),row \($0) of many rows to match slowly" }).joined(separator: "\n")
            .write(to: file, atomically: true, encoding: .utf8)
        let harness = try SessionHarness(parallelism: Self.splitting(threads: 2))
        let load = "let b = load \"\(file.path)\"\n"
        XCTAssertEqual(harness.run(load + "b | count").outcome, .success)
        // Each row matched against a pattern that backtracks: seconds of work in each range.
        let slow = load + #"b | group k (n = count(), hits = sum(int(v ~ "^(r|o|w| |[0-9]|f|m|a|n|y|s|t|c|h|l|e)*Z")))"#
        let relation = try XCTUnwrap(SQLSnapshotTests.shownRelation(slow, harness: harness))
        XCTAssertEqual(harness.session.compile(relation).ranges?.threads, 2)

        let started = Date()
        XCTAssertEqual(harness.run(slow).outcome, .success)
        let whole = Date().timeIntervalSince(started)

        let done = DispatchSemaphore(value: 0)
        let run = InterruptedRun()
        let interruptedAt = Date()
        Thread.detachNewThread {
            run.result = harness.run(slow)
            done.signal()
        }
        // As the front ends do: the request is repeated until the run ends (an interrupt that
        // comes before a statement starts is forgotten).
        Thread.sleep(forTimeInterval: whole / 10)
        while done.wait(timeout: .now() + 0.005) == .timedOut { harness.session.interrupt() }
        let stopped = Date().timeIntervalSince(interruptedAt)
        let result = run.result
        XCTAssertEqual(result?.outcome, .interrupted, result?.output.standardError.joined(separator: "\n") ?? "")
        XCTAssertEqual(result?.output.errors.map(\.message), ["interrupted"])
        XCTAssertLessThan(stopped, whole * 0.6, "stopped after \(stopped) s of a \(whole) s query")
        XCTAssertEqual(try harness.resultRows(load + "b | group k (n = count()) | take 1"), [["0", "412"]])
    }
}

/// What the run on another thread gave; read once its semaphore is signalled.
private final class InterruptedRun: @unchecked Sendable {
    var result: (outcome: RunOutcome, output: CapturedOutput)?
}
