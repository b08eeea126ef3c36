@testable import TEIEngine
import TEIStorage
import XCTest

/// Each physical pass on its own, over plans already pruned (so scans list the few columns they
/// read), against the fixed test layout of the SQL snapshots (`SQLSnapshotTests.testTable`): the
/// plan text before and after the pass, and the cases it must leave alone. That the rows stay the
/// same over real caches is checked by `GroupByCodeTests`, `JoinOnCodeTests` and `ExplodeSideTableTests`.
final class PhysicalPassTests: XCTestCase {
    private var check: PassCheck!

    override func setUpWithError() throws {
        check = try PassCheck()
    }

    /// The pruned plan of `code` and the test layout of its tables.
    private func pruned(_ code: String) throws -> (Relation, TableBindings) {
        let relation = ProjectionPruning().rewrite(try check.plan(code))
        var tables = TableBindings()
        for source in relation.sources { tables[source.request] = SQLSnapshotTests.testTable(for: source) }
        return (relation, tables)
    }

    private func assertRewrite(_ pass: PhysicalPass, _ code: String, before: String, after: String,
                               file: StaticString = #filePath, line: UInt = #line) throws {
        let (relation, tables) = try pruned(code)
        XCTAssertEqual(PlanPrinter.text(relation), before, "before", file: file, line: line)
        XCTAssertEqual(PlanPrinter.text(pass.rewrite(relation, tables: tables)), after, "after", file: file, line: line)
    }

    private func assertUnchanged(_ pass: PhysicalPass, _ code: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let (relation, tables) = try pruned(code)
        XCTAssertEqual(PlanPrinter.text(pass.rewrite(relation, tables: tables)), PlanPrinter.text(relation), file: file, line: line)
    }

    func testGroupByDictionaryCodeGroupsALoadedColumnByItsCode() throws {
        try assertRewrite(GroupByDictionaryCode(), "t | filter like_count > 0 | select account = userid, like_count | group account (n = count())",
                          before: """
                          group account (n = count())
                            project account = userid
                              filter (like_count > 0)
                                scan tweets.csv (userid, like_count of 32 columns)

                          """, after: """
                          group account = decode(tweets_userid_values, userid_code) (n = count())
                            project account = userid, userid_code
                              filter (like_count > 0)
                                scan tweets.csv (userid, like_count, userid_code of 32 columns)

                          """)
        // A computed key has no code; a column without a dictionary has none either.
        try assertUnchanged(GroupByDictionaryCode(), "t | derive u = lower(userid) | group u (n = count())")
        try assertUnchanged(GroupByDictionaryCode(), "t | group user_screen_name (n = count())")
    }

    func testWindowPartitionByCodePartitionsALoadedColumnByItsCode() throws {
        try assertRewrite(WindowPartitionByCode(), "t | select tweetid, userid, tweet_time | group userid (sort tweet_time | derive n = row_number())",
                          before: """
                          sort userid
                            project tweetid, userid, tweet_time, n = __tei_w1
                              window __tei_w1 = row_number() over (by userid; sort tweet_time)
                                sort tweet_time
                                  project tweetid, userid, tweet_time
                                    scan tweets.csv (tweetid, userid, tweet_time of 32 columns)

                          """, after: """
                          sort userid
                            project tweetid, userid, tweet_time, n = __tei_w1
                              window __tei_w1 = row_number() over (by userid_code; sort tweet_time)
                                sort tweet_time
                                  project tweetid, userid, tweet_time, userid_code
                                    scan tweets.csv (tweetid, userid, tweet_time, userid_code of 32 columns)

                          """)
        // A column without a dictionary has no code.
        try assertUnchanged(WindowPartitionByCode(), "t | group user_screen_name (sort tweet_time | take 1)")
    }

    func testSeekFirstRowsPerGroupSeeksTheIndexOfTheKeyAndTheSortKey() throws {
        try assertRewrite(SeekFirstRowsPerGroup(), "t | group userid (sort -tweet_time | take 2..3) | select userid, tweetid",
                          before: """
                          project userid, tweetid
                            sort userid
                              project tweetid, userid
                                filter ((__tei_w1 >= 2) and (__tei_w1 <= 3))
                                  window __tei_w1 = row_number() over (by userid; sort -tweet_time)
                                    sort -tweet_time
                                      scan tweets.csv (tweetid, userid, tweet_time of 32 columns)

                          """, after: """
                          project userid, tweetid
                            sort userid
                              project tweetid, userid
                                filter ((__tei_w1 >= 2) and (__tei_w1 <= 3))
                                  window __tei_w1 = row_number() over (by userid; sort -tweet_time)
                                    first 3 per userid_code by -tweet_time (seek tweets_account_time)
                                      sort -tweet_time
                                        scan tweets.csv (tweetid, userid, tweet_time, row of 32 columns)

                          """)
        // Not every row of the table, other window functions, another order, no index on the key.
        for pipeline in ["t | filter like_count > 0 | group userid (sort tweet_time | take 1)",
                         "t | group userid (sort tweet_time | derive gap = tweet_time - lag(tweet_time) | take 1)",
                         "t | group userid (sort tweet_time, tweetid | take 1)", "t | group userid (take 1)",
                         "t | sort like_count | group userid (sort tweet_time | take 1)", "t | group userid (sort like_count | take 1)",
                         "t | group user_screen_name (sort tweet_time | take 1)", "t | take 100 | group userid (sort tweet_time | take 1)"] {
            try assertUnchanged(SeekFirstRowsPerGroup(), pipeline)
        }
    }

    /// The plan of `code` as `WindowInIndexOrder` meets it: after every other pass and the last pruning.
    private func optimizedUpToPrunedPasses(_ code: String) throws -> (Relation, TableBindings) {
        let (relation, tables) = try pruned(code)
        let logical = Optimizer.passes.reduce(relation) { plan, pass in pass.rewrite(plan) }
        let physical = Optimizer.physicalPasses.reduce(logical) { plan, pass in pass.rewrite(plan, tables: tables) }
        return (ProjectionPruning().rewrite(physical), tables)
    }

    func testWindowInIndexOrderReadsAnIndexThatHoldsEveryColumn() throws {
        // Partitioned by the account's code, the rows need the code, the time and the row number alone.
        let (gaps, tables) = try optimizedUpToPrunedPasses(
            "t | group userid (sort tweet_time | derive gap = tweet_time - lag(tweet_time)) | filter gap != null | group userid (g = median(gap))")
        XCTAssertEqual(PlanPrinter.text(gaps), """
                       group userid = decode(tweets_userid_values, userid_code) (g = median(gap))
                         filter (gap != null)  [unordered]
                           project gap = (tweet_time - __tei_w1), userid_code  [unordered]
                             window __tei_w1 = lag(tweet_time) over (by userid_code; sort tweet_time)
                               sort tweet_time
                                 scan tweets.csv (tweet_time, userid_code of 32 columns)

                       """)
        XCTAssertEqual(PlanPrinter.text(WindowInIndexOrder().rewrite(gaps, tables: tables)), """
                       group userid = decode(tweets_userid_values, userid_code) (g = median(gap))
                         filter (gap != null)  [unordered]
                           project gap = (tweet_time - __tei_w1), userid_code  [unordered]
                             window __tei_w1 = lag(tweet_time) over (by userid_code; sort tweet_time)  [in index order]
                               sort tweet_time
                                 scan tweets.csv (tweet_time, userid_code of 32 columns)

                       """)
        // Other columns than the index holds, descending, a filter first, a key without an index.
        for pipeline in ["t | group userid (sort tweet_time | derive gap = tweet_time - lag(tweet_time)) | select gap, tweetid",
                         "t | group userid (sort -tweet_time | derive gap = tweet_time - lag(tweet_time)) | group userid (g = median(gap))",
                         "t | filter is_retweet | group userid (sort tweet_time | derive gap = tweet_time - lag(tweet_time)) | group userid (g = median(gap))",
                         "t | group user_screen_name (sort tweet_time | derive gap = tweet_time - lag(tweet_time)) | group (g = median(gap))"] {
            let (plan, tables) = try optimizedUpToPrunedPasses(pipeline)
            XCTAssertEqual(PlanPrinter.text(WindowInIndexOrder().rewrite(plan, tables: tables)), PlanPrinter.text(plan), pipeline)
        }
    }

    func testExplodeFromItemsTableReadsALoadedListByRowNumber() throws {
        try assertRewrite(ExplodeFromItemsTable(), "t | filter like_count > 0 | select tweetid, hashtags | explode hashtags as tag",
                          before: """
                          explode hashtags as tag
                            project tweetid, hashtags
                              filter (like_count > 0)
                                scan tweets.csv (tweetid, like_count, hashtags of 32 columns)

                          """, after: """
                          explode items of tweets_hashtags_items by row as tag
                            project tweetid, hashtags, row
                              filter (like_count > 0)
                                scan tweets.csv (tweetid, like_count, hashtags, row of 32 columns)

                          """)
        // Renamed, computed, or past a step that no longer keeps one row per loaded row: JSON it is.
        try assertUnchanged(ExplodeFromItemsTable(), "t | select tweetid, h = hashtags | explode h as tag")
        try assertUnchanged(ExplodeFromItemsTable(), "t | derive h = [\"a\"] | explode h as tag")
        try assertUnchanged(ExplodeFromItemsTable(), "t | distinct tweetid, hashtags | explode hashtags as tag")
    }

    func testJoinOnDictionaryCodesComparesCodesOfOneDictionaryAndReadsBothSidesInPlace() throws {
        try assertRewrite(JoinOnDictionaryCodes(), "t | select tweetid, userid | join (t | select userid, id = tweetid) on userid",
                          before: """
                          join inner on (left.userid == right.userid) → tweetid = left.tweetid, userid = left.userid, id = right.id
                            project tweetid, userid
                              %t1 = scan tweets.csv (tweetid, userid of 32 columns)
                            project userid, id = tweetid
                              read %t1

                          """, after: """
                          join inner on (left.userid_code == right.userid_code) → tweetid = left.tweetid, userid = left.userid, id = right.id
                            project tweetid, userid, userid_code  [read in place]
                              %t1 = scan tweets.csv (tweetid, userid, userid_code of 32 columns)  [read in place]
                            project userid, id = tweetid, userid_code  [read in place]
                              read %t1

                          """)
        // Two tables' dictionaries are not one: their codes do not compare.
        try assertUnchanged(JoinOnDictionaryCodes(), "t | select tweetid, userid | join (users | select userid, follower_count) on userid")
    }

    /// A text on the left looked up in the right side's dictionary (the users file's plain `userid`
    /// against the tweets' account ids, as a cache lays them out), under a group that leaves the
    /// join's rows unordered: the left side is read in the order of the text; in order, it is not.
    func testJoinOnDictionaryCodesReadsTheLookedUpTextInOrderWhenTheJoinIsUnordered() throws {
        let code = "users | join left (t | group userid (n = count())) on userid | group account_language (n = sum(n))"
        let (pruned, testTables) = try pruned(code)
        let tables = Self.cacheAccountIDs(testTables, of: pruned)
        let unordered = GroupByDictionaryCode().rewrite(UnorderedGroupInputs().rewrite(pruned), tables: tables)
        XCTAssertEqual(PlanPrinter.text(unordered), """
                       group account_language (n = sum(n))
                         join left on (left.userid == right.userid) → account_language = left.account_language, n = right.n  [unordered]
                           scan users.csv (userid, account_language of 11 columns)  [unordered]
                           group userid = decode(tweets_userid_values, userid_code) (n = count())
                             scan tweets.csv (userid, userid_code of 32 columns)  [unordered]

                       """)
        XCTAssertEqual(PlanPrinter.text(JoinOnDictionaryCodes().rewrite(unordered, tables: tables)), """
                       group account_language (n = sum(n))
                         join left on (encode(tweets_userid_values, left.userid) == right.userid_code) → account_language = left.account_language, n = right.n  [unordered]
                           in lookup order of userid
                             scan users.csv (userid, account_language of 11 columns)  [unordered]
                           group userid_code (n = count())
                             scan tweets.csv (userid, userid_code of 32 columns)  [unordered]

                       """)
        // The join's rows shown in the users' order: they are read in that order.
        let (shown, shownTables) = try self.pruned("users | join left (t | group userid (n = count())) on userid")
        let cacheTables = Self.cacheAccountIDs(shownTables, of: shown)
        let rewritten = PlanPrinter.text(JoinOnDictionaryCodes().rewrite(GroupByDictionaryCode().rewrite(shown, tables: cacheTables), tables: cacheTables))
        XCTAssertTrue(rewritten.contains("encode(tweets_userid_values, left.userid)"), rewritten)
        XCTAssertFalse(rewritten.contains("lookup order"), rewritten)
        // Among few account ids, whose index the caches hold, the lookups are not worth a sort.
        let fewCodes = Self.cacheAccountIDs(testTables, of: pruned, codes: 25_000)
        let few = PlanPrinter.text(JoinOnDictionaryCodes().rewrite(GroupByDictionaryCode().rewrite(UnorderedGroupInputs().rewrite(pruned), tables: fewCodes),
                                                                   tables: fewCodes))
        XCTAssertTrue(few.contains("encode(tweets_userid_values, left.userid)"), few)
        XCTAssertFalse(few.contains("lookup order"), few)
    }

    /// `tables` with the users' `userid` plain text and the tweets' looked up by value through an
    /// index, as in a cache, among `codes` account ids.
    private static func cacheAccountIDs(_ tables: TableBindings, of relation: Relation, codes: Int = 219_542) -> TableBindings {
        var tables = tables
        for source in relation.sources {
            guard var table = tables[source.request] else { continue }
            table.layout.columns = table.layout.columns.map { column in
                guard column.name == "userid", case .dictionary(var dictionary) = column.encoding else { return column }
                guard table.layout.column(named: "tweetid") != nil else { return ColumnLayout(name: column.name, type: column.type) }
                dictionary.valueIndex = StoredName(schema: nil, name: "tweets_userid_values_by_value")
                dictionary.codes = codes
                return ColumnLayout(name: column.name, type: column.type, encoding: .dictionary(dictionary))
            }
            tables[source.request] = table
        }
        return tables
    }
}
