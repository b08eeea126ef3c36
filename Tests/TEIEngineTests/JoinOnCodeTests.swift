import Foundation
import TEIEngine
import TEIStorage
import XCTest

/// A join whose condition says a column equals a column of the other side, when both hold codes of
/// the same dictionary (a table joined with itself on `userid` or `tweet_language`), compares the
/// codes and reads the table in place; these tests hold it to the rows, in the order, of the same
/// join on computed copies of the columns (which have no codes), for every kind of join, and check
/// that SQLite then answers it in row order through an index, with no sort, so the first row of a
/// huge self-join comes at once.
final class JoinOnCodeTests: XCTestCase {
    static var prelude: String {
        ExplodeSideTableTests.prelude + """
            let c = t | derive k = userid ++ "", lang = tweet_language ++ ""
            let retweets = t | filter is_retweet
            let originals = t | filter not is_retweet | take 60
            let cr = c | filter is_retweet
            let co = c | filter not is_retweet | take 60

            """
    }

    /// Each pair: a join on loaded dictionary columns, and the same join on computed copies.
    func testJoiningOnCodesGivesTheRowsOfJoiningOnValues() throws {
        let harness = try SessionHarness(previewRows: nil)
        let pairs = [
            ("t | join t on tweet_language | select tweetid, tweetid_t, tweet_language | take 3000",
             "c | join c on lang | select tweetid, tweetid_c, tweet_language | take 3000"),
            ("retweets | join t on userid | select tweetid, tweetid_t, userid",
             "cr | join c on k | select tweetid, tweetid_c, userid"),
            ("retweets | join left originals on userid | select tweetid, tweetid_originals, like_count_originals",
             "cr | join left co on k | select tweetid, tweetid_co, like_count_co"),
            ("retweets | join semi originals on userid | select tweetid, userid",
             "cr | join semi co on k | select tweetid, userid"),
            ("retweets | join anti originals on userid | select tweetid, userid",
             "cr | join anti co on k | select tweetid, userid"),
            ("originals | join retweets on userid == right.userid and tweet_language == right.tweet_language | select tweetid, tweetid_retweets",
             "co | join cr on k == right.k and lang == right.lang | select tweetid, tweetid_cr"),
            ("originals | join left retweets on tweet_language, userid | select tweetid, tweetid_retweets",
             "co | join left cr on lang, k | select tweetid, tweetid_cr"),
        ]
        for (coded, computed) in pairs {
            let codedSQL = try harness.compiledSQL(Self.prelude + coded)
            XCTAssertTrue(codedSQL.contains("NOT MATERIALIZED"), coded)
            XCTAssertFalse(try harness.compiledSQL(Self.prelude + computed).contains("NOT MATERIALIZED"), computed)
            let expected = try harness.resultRows(Self.prelude + computed)
            XCTAssertGreaterThan(expected.count, 1, computed)
            XCTAssertEqual(try harness.resultRows(Self.prelude + coded), expected, coded)
        }
    }

    /// A strict comparison of two sides' codes of one dictionary (`UnequalCodesFirst`) compares the
    /// codes first, and gives the rows of the comparison of computed copies.
    func testStrictComparisonsCompareCodesFirst() throws {
        let harness = try SessionHarness()
        let pairs = [
            ("retweets | select account = userid, retweet_tweetid | join (retweets | select partner = userid, rt = retweet_tweetid) "
                + "on retweet_tweetid == rt and account < partner | select account, partner",
             "cr | select account = k, retweet_tweetid | join (cr | select partner = k, rt = retweet_tweetid) "
                + "on retweet_tweetid == rt and account < partner | select account, partner"),
            ("originals | join (originals | select who = userid, lang = tweet_language) on userid > who and tweet_language != lang "
                + "| select tweetid, who",
             "co | join (co | select who = k, l2 = lang) on k > who and lang != l2 | select tweetid, who"),
        ]
        for (coded, computed) in pairs {
            let sql = try harness.compiledSQL(Self.prelude + coded)
            XCTAssertTrue(sql.range(of: #"l\."__tei_code_\d+" <> r\."__tei_code_\d+""#, options: .regularExpression) != nil, sql)
            let expected = try harness.resultRows(Self.prelude + computed)
            XCTAssertGreaterThan(expected.count, 1, computed)
            XCTAssertEqual(try harness.resultRows(Self.prelude + coded), expected, coded)
        }
    }

    /// Another table's value on the right of a join with a dictionary column is compared by value:
    /// only the left side's values are looked up in the dictionary.
    func testJoinsByValueWhenTheCodedColumnIsOnTheLeft() throws {
        let harness = try SessionHarness()
        for pipeline in ["t | join users on userid", "t | join left users on userid", "t | join c on userid == right.k"] {
            let sql = try harness.compiledSQL(Self.prelude + pipeline)
            XCTAssertFalse(sql.contains("NOT MATERIALIZED") || sql.contains("d.\"value\" = "), pipeline)
        }
    }

    static var usersPrelude: String {
        let users = SessionHarness.repositoryRoot.appendingPathComponent("Fixtures/freedonia_201901_1_users_csv_hashed.csv").path
        return prelude + """
            let fu = load "\(users)"
            let counts = t | group userid (tweets = count(), likes = sum(like_count))
            let plainCounts = c | group userid = k (tweets = count(), likes = sum(like_count))
            let strangers = fu | select userid = "x" ++ userid, account_language

            """
    }

    /// A join of any text on the left with a dictionary column (or a group's key decoded from one)
    /// on the right finds the left value's code in the dictionary and compares codes; it gives the
    /// rows of comparing the values, for every kind of join, for values the dictionary lacks and
    /// for empty ones (a reply's account, mostly empty, as text on the left).
    func testJoiningAValueWithCodesGivesTheRowsOfJoiningOnValues() throws {
        let harness = try SessionHarness(previewRows: nil)
        let pairs = [
            ("fu | join left counts on userid | group year = year(account_creation_date), month = month(account_creation_date) "
                + "(accounts = count(), tweets = sum(tweets), likes = sum(likes))",
             "fu | join left plainCounts on userid | group year = year(account_creation_date), month = month(account_creation_date) "
                + "(accounts = count(), tweets = sum(tweets), likes = sum(likes))"),
            ("fu | join t on userid | select userid, tweetid, account_language", "fu | join c on userid == right.k | select userid, tweetid, account_language"),
            ("fu | join semi retweets on userid | select userid", "fu | join semi cr on userid == right.k | select userid"),
            ("fu | join anti originals on userid | select userid", "fu | join anti co on userid == right.k | select userid"),
            ("strangers | join left counts on userid", "strangers | join left plainCounts on userid"),
            ("c | select reply = in_reply_to_userid ++ \"\", tweetid | join t on reply == right.userid | select tweetid, tweetid_t",
             "c | select reply = in_reply_to_userid ++ \"\", tweetid | join c on reply == right.k | select tweetid, tweetid_c"),
        ]
        for (coded, computed) in pairs {
            let codedSQL = try harness.compiledSQL(Self.usersPrelude + coded)
            XCTAssertTrue(codedSQL.contains("d.\"value\" = l."), coded)
            XCTAssertFalse(try harness.compiledSQL(Self.usersPrelude + computed).contains("d.\"value\" = "), computed)
            let expected = try harness.resultRows(Self.usersPrelude + computed)
            XCTAssertGreaterThan(expected.count, 1, computed)
            XCTAssertEqual(try harness.resultRows(Self.usersPrelude + coded), expected, coded)
        }
    }

    /// Users joined with their tweets look each account's tweets up in the index on the account's
    /// code, without a temporary index or a sort; the tweet counts per account, a group, are looked
    /// up by code too.
    func testAValueJoinedWithCodesSeeksTheIndex() throws {
        let harness = try SessionHarness()
        let details = try IndexUseTests.plan(Self.usersPrelude.replacingOccurrences(of: ExplodeSideTableTests.prelude, with: "")
                                                + "fu | join t on userid | select userid, tweetid", harness)
        XCTAssertTrue(details.contains { $0.contains("USING INDEX") && $0.contains("__tei_code_1=?") || $0.contains("(c1=?)") }, "\(details)")
        XCTAssertTrue(details.contains { $0.contains("USING COVERING INDEX") && $0.contains("value=?") }, "\(details)")
        XCTAssertFalse(details.contains { $0.contains("AUTOMATIC") }, "\(details)")
        let grouped = try IndexUseTests.plan(Self.usersPrelude.replacingOccurrences(of: ExplodeSideTableTests.prelude, with: "")
                                                + "fu | join left counts on userid | group account_language (n = count(), tweets = sum(tweets))",
                                             harness)
        XCTAssertTrue(grouped.contains { $0.contains("AUTOMATIC COVERING INDEX (__tei_code_1=?)") }, "\(grouped)")
    }

    /// Tweet counts per account joined with the users by code are grouped by the code alone when
    /// the join outputs no account id of theirs: no id is decoded per group, and the groups come
    /// from the rollup's index in code order, with no sort; the rows are those of the join by value
    /// (`testJoiningAValueWithCodesGivesTheRowsOfJoiningOnValues`).
    func testCountsJoinedByCodeDecodeNoIdTheJoinDoesNotOutput() throws {
        let harness = try SessionHarness()
        let prelude = Self.usersPrelude.replacingOccurrences(of: ExplodeSideTableTests.prelude, with: "")
        let counts = "let tweetCounts = t | group userid (tweets = count())\n"
        let question = "fu | join left tweetCounts on userid | group year = year(account_creation_date) (accounts = count(), tweets = sum(tweets))"
        let sql = try harness.compiledSQL(Self.usersPrelude + counts + question)
        XCTAssertTrue(sql.contains("d.\"value\" = l."), sql)
        XCTAssertFalse(sql.contains("WHERE d.\"id\" = "), sql)
        let details = try IndexUseTests.plan(prelude + counts + question, harness)
        XCTAssertEqual(details.filter { $0.contains("FOR GROUP BY") }.count, 1, "only the grouping by year sorts: \(details)")
        XCTAssertTrue(details.contains { $0.contains("USING COVERING INDEX rollup_") && $0.contains("_by_code") }, "\(details)")
        // Where the join outputs the group's account id, it is decoded as before.
        let kept = try harness.compiledSQL(Self.usersPrelude + counts + "fu | join left tweetCounts on userid == right.userid | select userid, userid_tweetCounts, tweets")
        XCTAssertTrue(kept.contains("WHERE d.\"id\" = "), kept)
        XCTAssertEqual(try harness.resultRows(Self.usersPrelude + counts + question),
                       try harness.resultRows(Self.usersPrelude + "let plain = c | group userid = k (tweets = count())\n"
                                              + question.replacingOccurrences(of: "tweetCounts", with: "plain")))
    }

    /// Under a group, where nothing reads the join's row order, users looked up in a large
    /// dictionary (here the fixture's, counted as 1,000,000 account ids) are read in the order of
    /// their ids, and the linked SQLite sorts them (the lookups then walk the index in order); the
    /// rows are those of the join by value. Among the fixture's few ids, or where the join's rows
    /// are shown in order, the users are read in their own order, unsorted.
    func testAValueLookedUpUnderAGroupIsReadInItsOrder() throws {
        let harness = try SessionHarness()
        let grouped = "fu | join left counts on userid | group account_language (accounts = count(), tweets = sum(tweets), likes = sum(likes))"
        let relation = try XCTUnwrap(SQLSnapshotTests.shownRelation(Self.usersPrelude + grouped, harness: harness))
        let query = QueryCompiler.compile(relation, tables: Self.counted(harness.session.tables, codes: 1_000_000, of: relation))
        XCTAssertTrue(query.sql.contains("ORDER BY \"userid\"\n"), query.sql)
        XCTAssertTrue(query.sql.contains("d.\"value\" = l.\"userid\""), query.sql)
        let explain = try harness.session.database.prepare("EXPLAIN QUERY PLAN " + query.sql)
        try explain.bind(query.parameters)
        var details: [String] = []
        while try explain.step() {
            if case .text(let detail) = explain.value(at: 3) { details.append(detail) }
        }
        XCTAssertTrue(details.contains("USE TEMP B-TREE FOR ORDER BY"), "the linked SQLite keeps the lookup order: \(details)")
        XCTAssertTrue(details.contains { $0.contains("USING COVERING INDEX") && $0.contains("value=?") }, "\(details)")
        let statement = try harness.session.database.prepare(query.sql)
        try statement.bind(query.parameters)
        var rows: [[String]] = []
        while try statement.step() {
            rows.append((0..<relation.columns.count).map { column in
                switch statement.value(at: column) {
                case .null: return ""
                case .integer(let value): return String(value)
                case .text(let value): return value
                default: return "other"
                }
            })
        }
        let expected = try harness.resultRows(Self.usersPrelude + grouped.replacingOccurrences(of: "counts", with: "plainCounts"))
        XCTAssertGreaterThan(rows.count, 1)
        XCTAssertEqual(rows, expected)
        let few = try harness.compiledSQL(Self.usersPrelude + grouped)
        XCTAssertTrue(few.contains("d.\"value\" = l.\"userid\""), few)
        XCTAssertFalse(few.contains("ORDER BY \"userid\"\n"), few)
        let shownRelation = try XCTUnwrap(SQLSnapshotTests.shownRelation(Self.usersPrelude + "fu | join left counts on userid | select userid, tweets",
                                                                         harness: harness))
        let shown = QueryCompiler.compile(shownRelation, tables: Self.counted(harness.session.tables, codes: 1_000_000, of: shownRelation)).sql
        XCTAssertTrue(shown.contains("d.\"value\" = l.\"userid\""), shown)
        XCTAssertFalse(shown.contains("ORDER BY \"userid\"\n"), shown)
    }

    /// `tables` with each dictionary of the tables `relation` reads counted as holding `codes` values.
    private static func counted(_ tables: TableBindings, codes: Int, of relation: Relation) -> TableBindings {
        var tables = tables
        for source in relation.sources {
            guard var table = tables[source.request] else { continue }
            table.layout.columns = table.layout.columns.map { column in
                guard case .dictionary(var dictionary) = column.encoding else { return column }
                dictionary.codes = codes
                return ColumnLayout(name: column.name, type: column.type, encoding: .dictionary(dictionary))
            }
            tables[source.request] = table
        }
        return tables
    }

    /// The self-joins on an indexed code column read the inner table through the index, in row
    /// order, so they sort nothing; the same join on computed values sorts every joined row.
    func testSelfJoinOnACodeColumnNeedsNoSort() throws {
        let harness = try SessionHarness()
        for pipeline in ["t | join t on tweet_language", "t | join t on userid", "t | join t on userid | select tweetid, tweetid_t",
                         "t | join left t on tweet_language", "t | join semi t on userid"] {
            let details = try IndexUseTests.plan(pipeline, harness)
            XCTAssertFalse(details.contains { $0.contains("USE TEMP B-TREE FOR ORDER BY") }, "\(pipeline): \(details)")
            XCTAssertFalse(details.contains { $0.contains("MATERIALIZE") }, "\(pipeline): \(details)")
            XCTAssertTrue(details.contains { $0.contains("USING INDEX") || $0.contains("USING COVERING INDEX") }, "\(pipeline): \(details)")
        }
        let computed = try IndexUseTests.plan("let c = t | derive lang = tweet_language ++ \"\"\nc | join c on lang", harness)
        XCTAssertTrue(computed.contains { $0.contains("USE TEMP B-TREE FOR ORDER BY") }, "\(computed)")
    }
}
