import Foundation
@testable import TEIEngine
import TEIStorage
import XCTest

/// `AggregateFromRollup`: a group that a rollup built at import answers reads the rollup. The pass
/// alone on the fixed test layout (plan text before and after), the rows it gives against the
/// unoptimized plan over the docs' tables, a Fixture release and random data, and the groups it
/// must leave to the table.
final class AggregateFromRollupTests: XCTestCase {
    private var check: PassCheck!

    override func setUpWithError() throws {
        check = try PassCheck()
    }

    /// The test layout of `SQLSnapshotTests`, with a rollup of the tweets per (hour, language,
    /// retweet flag) and one of the hashtags' items.
    private static func table(for source: TableSource) -> LoadedTable {
        var table = SQLSnapshotTests.testTable(for: source)
        let hours = RollupLayout(relation: StoredName(schema: nil, name: "tweets_per_hour"),
                                 dimensions: [RollupDimension(column: "tweet_time", grain: .seconds(3600)),
                                              RollupDimension(column: "tweet_language", grain: .exact),
                                              RollupDimension(column: "is_retweet", grain: .exact)],
                                 weightColumn: "weight")
        let accounts = RollupLayout(relation: StoredName(schema: nil, name: "tweets_per_account"),
                                    dimensions: [RollupDimension(column: "userid", grain: .exact), RollupDimension(column: "is_retweet", grain: .exact)],
                                    weightColumn: "weight")
        let hashtags = RollupLayout(relation: StoredName(schema: nil, name: "hashtag_uses"),
                                    dimensions: [RollupDimension(column: "hashtags", grain: .exact)], itemsOf: "hashtags",
                                    weightColumn: "weight")
        table.layout.rollups = [hours, accounts, hashtags]
        return table
    }

    private func rewritten(_ code: String) throws -> (before: String, after: String) {
        let relation = ProjectionPruning().rewrite(try check.plan(code))
        var tables = TableBindings()
        for source in relation.sources { tables[source.request] = Self.table(for: source) }
        return (PlanPrinter.text(relation), PlanPrinter.text(AggregateFromRollup().rewrite(relation, tables: tables)))
    }

    func testAGroupOfFunctionsOfTheDimensionsReadsTheRollup() throws {
        let plan = try rewritten("t | filter not is_retweet | group hour = hour(tweet_time), tweet_language (n = count(), "
                                 + "days = count_distinct(date(tweet_time)))")
        XCTAssertEqual(plan.before, """
            group hour = hour(tweet_time), tweet_language (n = count(), days = count_distinct(date(tweet_time)))
              filter not is_retweet
                scan tweets.csv (tweet_language, tweet_time, is_retweet of 32 columns)

            """)
        XCTAssertEqual(plan.after, """
            group hour = hour(tweet_time), tweet_language = decode(tweets_tweet_language_values, tweet_language_code) (n = sum(weight), days = count_distinct(date(tweet_time)))
              filter not is_retweet
                rollup tweets_per_hour (rows per tweet_time per 1h, tweet_language, is_retweet)

            """)
    }

    /// An account id passed on under another name groups by its dictionary code, carried with the
    /// weight through the projection; the first rollup that answers is read.
    func testADictionaryKeyGroupsByItsCodeInTheRollup() throws {
        let plan = try rewritten("t | select account = userid, is_retweet | filter is_retweet | group account (n = count())")
        XCTAssertEqual(plan.after, """
            group account = decode(tweets_userid_values, userid_code) (n = sum(weight))
              filter is_retweet
                project account = userid, is_retweet, weight, userid_code
                  rollup tweets_per_account (rows per userid, is_retweet)

            """)
        XCTAssertTrue(try rewritten("t | group is_retweet (n = count())").after.contains("rollup tweets_per_hour"))
    }

    func testAGroupOfAListsItemsReadsItsItemCounts() throws {
        let plan = try rewritten("t | explode hashtags as tag | filter tag != \"x\" | group tag = lower(tag) (n = count())")
        XCTAssertEqual(plan.after, """
            group tag = lower(tag) (n = sum(weight))
              filter (tag != "x")
                rollup hashtag_uses (items of hashtags)

            """)
    }

    /// A column not in the rollup, an aggregate that does not decompose, a time finer than an hour
    /// or compared as it is, a take on the way, a filter of the rows before their items: the table.
    func testWhatTheRollupCannotAnswerReadsTheTable() throws {
        for code in [
            "t | filter like_count > 0 | group tweet_language (n = count())",
            "t | group tweet_language (likes = sum(like_count))",
            "t | group is_retweet (n = count(tweet_language))",
            "t | group is_retweet (a = avg(hour(tweet_time)))",
            "t | group minute = minute(tweet_time) (n = count())",
            "t | group tweet_time (n = count())",
            "t | group half = bin(tweet_time, 30m) (n = count())",
            "t | filter tweet_time >= @2017-01-01 | group tweet_language (n = count())",
            "t | take 100 | group tweet_language (n = count())",
            "t | filter like_count > 0 | explode hashtags as tag | group tag (n = count())",
            "t | explode hashtags as tag | group tag, tweet_language (n = count())",
            "t | explode urls as u | group u (n = count())",
            "t | derive m = tweet_time | group m (n = count())",
            "t | group tweet_language (first = min(tweet_time))",
        ] {
            let plan = try rewritten(code)
            XCTAssertEqual(plan.after, plan.before, code)
        }
    }

    /// Over real caches (the docs' tables and a Fixture release): the same rows as the plan read
    /// from the table, and the optimized plan reads a rollup.
    func testRollupsGiveTheRowsOfTheTable() throws {
        let pipelines = [
            "t | group hour = hour(tweet_time), weekday = weekday(tweet_time) (n = count())",
            "t | filter not is_retweet | group tweet_language (n = count()) | sort -n, tweet_language",
            "t | group day = date(tweet_time) (n = count(), languages = count_distinct(tweet_language), first = min(tweet_language), "
                + "last = max(is_retweet))",
            "t | derive week = bin(tweet_time, 7d), lang = tweet_language | filter lang != \"en\" | group week, lang (n = count())",
            "t | group month = bin(tweet_time, 1mo), y = year(tweet_time) (n = count())",
            "t | group userid (n = count()) | sort -n, userid | take 20",
            "t | filter is_retweet | group userid (n = count(), twice = count() * 2 + 1)",
            "t | explode hashtags as tag | group tag = lower(tag) (n = count()) | sort -n, tag",
            "t | explode urls as url | filter url != \"\" | group host = domain(url) (n = count(), urls = count_distinct(url))",
            "let counts = t | group userid (tweets = count())\n"
                + "users | join left counts on userid | group year = year(account_creation_date) (accounts = count(), tweets = sum(tweets))",
        ]
        try check.assertSameRows(pipelines)
        for pipeline in pipelines {
            XCTAssertTrue(try optimizedPlan(pipeline).contains("rollup "), pipeline)
        }
    }

    private func optimizedPlan(_ pipeline: String, prelude: String = PassCheck.preludes[1]) throws -> String {
        PlanPrinter.text(Optimizer.optimize(try check.plan(pipeline, prelude: prelude), tables: check.harness.session.tables))
    }

    /// Random tweets: times before 1970 and on hour boundaries, missing times, languages, flags
    /// and accounts, lists with repeated items. Every pipeline gives the table's rows.
    func testRollupsGiveTheRowsOfTheTableOverRandomTweets() throws {
        let file = check.harness.workingDirectory.appendingPathComponent("random_tweets.csv")
        var random = RandomTweets(seed: 2026, rows: 3000)
        try random.csv().write(to: file, atomically: true, encoding: .utf8)
        let prelude = "let t = load \"\(file.path)\"\n"
        for pipeline in [
            "t | group hour = hour(tweet_time), weekday = weekday(tweet_time), day = date(tweet_time) (n = count())",
            "t | group tweet_language, is_retweet (n = count(), first = min(date(tweet_time)), last = max(hour(tweet_time)))",
            "t | filter tweet_language != \"en\" | group m = bin(tweet_time, 1mo), tweet_language (n = count())",
            "t | group userid, is_retweet (n = count())",
            "t | explode hashtags as tag | group tag = lower(tag) (n = count(), spellings = count_distinct(tag))",
            "t | explode urls as u | group host = domain(u) (n = count())",
        ] {
            let relation = try check.plan(pipeline, prelude: prelude)
            let tables = check.harness.session.tables
            XCTAssertTrue(PlanPrinter.text(Optimizer.optimize(relation, tables: tables)).contains("rollup "), pipeline)
            let expected = try check.rows(SQLGenerator.compile(relation, tables: tables))
            XCTAssertGreaterThan(expected.count, 2, pipeline)
            XCTAssertEqual(try check.rows(QueryCompiler.compile(relation, tables: tables)), expected, pipeline)
        }
    }
}

/// A tweets file in the 2018 layout with random values where a rollup could go wrong.
private struct RandomTweets {
    var state: UInt64
    let rows: Int

    init(seed: UInt64, rows: Int) {
        state = seed
        self.rows = rows
    }

    private mutating func next(_ bound: Int) -> Int {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return Int((state >> 33) % UInt64(bound))
    }

    private mutating func pick(_ values: [String]) -> String { values[next(values.count)] }

    private mutating func time() -> String {
        guard next(20) > 0 else { return "" }
        let year = 1965 + next(60), month = 1 + next(12), day = 1 + next(28)
        let hour = next(24), minute = next(3) == 0 ? 0 : next(60), second = next(3) == 0 ? 0 : next(60)
        return String(format: "%04d-%02d-%02d %02d:%02d:%02d", year, month, day, hour, minute, second)
    }

    private mutating func list(_ items: [String]) -> String {
        "[" + (0..<next(4)).map { _ in pick(items) }.joined(separator: ", ") + "]"
    }

    mutating func csv() -> String {
        let header = ["tweetid", "userid", "user_display_name", "user_screen_name", "user_reported_location", "user_profile_description",
                      "user_profile_url", "follower_count", "following_count", "account_creation_date", "account_language",
                      "tweet_language", "tweet_text", "tweet_time", "tweet_client_name", "in_reply_to_tweetid", "in_reply_to_userid",
                      "quoted_tweet_tweetid", "is_retweet", "retweet_userid", "retweet_tweetid", "latitude", "longitude", "quote_count",
                      "reply_count", "like_count", "retweet_count", "hashtags", "urls", "user_mentions", "poll_choices"]
        var lines = [header.map { "\"\($0)\"" }.joined(separator: ",")]
        for row in 0..<rows {
            var fields = Array(repeating: "", count: header.count)
            fields[0] = String(1000 + row)
            fields[1] = pick(["u1", "u2", "u3", "u4", "u5", ""])
            fields[11] = pick(["en", "ru", "fr", "", "und"])
            fields[12] = "text \(row)"
            fields[13] = time()
            fields[18] = pick(["true", "false", ""])
            fields[27] = list(["a", "A", "b", "c d", "é"])
            fields[28] = list(["https://x.example/a", "http://Y.example/b", "https://z.example"])
            fields[29] = "[]"
            lines.append(fields.map { "\"\($0)\"" }.joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
