import Foundation
@testable import TEIEngine
import XCTest

/// `ScanSharedJoinInputOnce`: the filtered rows that both sides of an unordered join read (the
/// replies of `co_reply_pairs`, whose item is a plain column) are filtered in one scan of the table,
/// unsought, rather than copied whole first; the plan SQLite runs, and the rows, which stay those of
/// the plan as checked.
final class ScanSharedJoinInputOnceTests: XCTestCase {
    /// `co_item_pairs` over the replies, as `co_reply_pairs` writes it.
    static func coReplies(window: String = "1h") -> String {
        "let items = t | filter not is_retweet and in_reply_to_tweetid != null "
            + "| select account = userid, message = tweetid, item = in_reply_to_tweetid, tweet_time\n"
            + "items | join (items | select partner = account, partner_message = message, partner_item = item, at = tweet_time) "
            + "on item == partner_item and account < partner and tweet_time - at <= \(window) and at - tweet_time <= \(window) "
            + "| group account_a = account, account_b = partner (shared = count_distinct(item), messages_a = count_distinct(message), "
            + "messages_b = count_distinct(partner_message), first = min(if(tweet_time < at, tweet_time, at)), last = max(if(tweet_time > at, tweet_time, at)))"
    }

    /// Replies made to test the pairs' edge cases (`Tests/Golden/co_reply.tei` says which).
    static var repliesPrelude: String {
        let replies = SessionHarness.repositoryRoot.appendingPathComponent("Tests/Golden/networks/replies.csv").path
        return "let t = load \"\(replies)\"\n"
    }

    private var check: PassCheck!

    override func setUpWithError() throws {
        check = try PassCheck()
    }

    func testTheRepliesAreFilteredAsTheTableIsReadUnsought() throws {
        let (before, after) = try check.prunedPassTexts(ScanSharedJoinInputOnce(), Self.coReplies())
        let group = "group account_a = decode(dict_0, __tei_code_1_l), account_b = decode(dict_0, __tei_code_1_r) (shared = count_distinct(item), "
            + "messages_a = count_distinct(message), messages_b = count_distinct(partner_message), first = min(if((tweet_time < at), tweet_time, at)), "
            + "last = max(if((tweet_time > at), tweet_time, at)))"
        let join = "join inner on ((((left.item == right.partner_item) and ((left.__tei_code_1 != right.__tei_code_1) and (left.account < right.partner))) "
            + "and (right.at >= bound_subtract(left.tweet_time, 1h))) and (right.at <= bound_add(left.tweet_time, 1h))) → message = left.message, "
            + "item = left.item, tweet_time = left.tweet_time, partner_message = right.partner_message, at = right.at, "
            + "__tei_code_1_l = left.__tei_code_1, __tei_code_1_r = right.__tei_code_1  [unordered]"
        let scan = "scan freedonia_201901_1_tweets_csv_hashed.csv (tweetid, userid, tweet_time, in_reply_to_tweetid, is_retweet, __tei_code_1 of 32 columns)"
        XCTAssertEqual(before, """
        \(group)
          \(join)
            %items1 = project account = userid, message = tweetid, item = in_reply_to_tweetid, tweet_time, __tei_code_1
              filter ((is_retweet == false) and (in_reply_to_tweetid != null))
                \(scan)
            project partner = account, partner_message = message, partner_item = item, at = tweet_time, __tei_code_1  [unordered]
              read %items1

        """)
        XCTAssertEqual(after, """
        \(group)
          \(join)
            %items1 = project account = userid, message = tweetid, item = in_reply_to_tweetid, tweet_time, __tei_code_1  [unordered]
              filter ((unsought(is_retweet) == false) and (unsought(in_reply_to_tweetid) != null))  [read in place]  [unordered]
                \(scan)  [read in place]  [unordered]
            project partner = account, partner_message = message, partner_item = item, at = tweet_time, __tei_code_1  [unordered]
              read %items1

        """)
    }

    /// SQLite reads the table once, with no index, into the one temporary table of replies that both
    /// sides read, and joins its copies through automatic indexes on the item and the time slot.
    func testSQLiteScansTheTableOnceAndIndexesTheSlots() throws {
        let details = try IndexUseTests.plan(Self.coReplies(), check.harness)
        XCTAssertEqual(details.filter { $0.hasPrefix("MATERIALIZE") }, ["MATERIALIZE step2", "MATERIALIZE items", "MATERIALIZE step4", "MATERIALIZE step3"],
                       "\(details)")
        // The table (`r` in its view) is scanned once and sought by no index of its own; the joins'
        // right sides are `r` too, each sought through an automatic index: none compares every
        // row with every row.
        XCTAssertEqual(details.filter { $0 == "SCAN r" }.count, 1, "\(details)")
        XCTAssertFalse(details.contains { $0.hasPrefix("SEARCH r USING") && !$0.contains("AUTOMATIC") }, "\(details)")
        XCTAssertEqual(details.filter { $0.hasPrefix("SEARCH r USING AUTOMATIC COVERING INDEX") && $0.contains("__tei_slot") }.count, 3,
                       "\(details)")
    }

    /// A join with a side read in place, a join of two relations that share only the scan (nothing
    /// filters it), and a join whose rows keep their order are left as they are.
    func testWhatOneScanCannotServeIsLeftAlone() throws {
        for pipeline in [ItemsByValueSeekTests.coLinks, ItemsByValueSeekTests.coRetweeters,
                         "t | select account = userid, item = in_reply_to_tweetid, tweet_time | join (t | filter in_reply_to_tweetid != null "
                             + "| select partner = userid, partner_item = in_reply_to_tweetid) on item == partner_item | group account (n = count())",
                         Self.coReplies().replacingOccurrences(of: "| group account_a = account", with: "| select account_a = account")
                             .replacingOccurrences(of: " (shared", with: ", shared").components(separatedBy: ", shared")[0]] {
            let (before, after) = try check.prunedPassTexts(ScanSharedJoinInputOnce(), pipeline)
            XCTAssertEqual(before, after, pipeline)
        }
    }

    /// The rows of the plan as checked: at windows with and without pairs, with the accounts compared
    /// either way round, and with filters that compare text, dictionary values, times and numbers
    /// unsought; over replies made for the edge cases (no time, no account, one account replying
    /// twice, ties) and the Fixture's tweets.
    func testTheRowsStayTheSame() throws {
        let wide = Self.coReplies(window: "400d")
        let pipelines = [Self.coReplies(), Self.coReplies(window: "1d"), Self.coReplies(window: "0s"), wide,
                         wide.replacingOccurrences(of: "account < partner", with: "partner > account"),
                         wide.replacingOccurrences(of: "in_reply_to_tweetid != null", with: "in_reply_to_tweetid != null and tweet_language == \"en\" "
                             + "and userid != \"1003\" and tweet_time >= @2016-01-01 and like_count >= 0")]
        try check.assertSameRows(pipelines, preludes: [Self.repliesPrelude, ExplodeSideTableTests.prelude])
        // Items of another plain column, which the Fixture's tweets share.
        let liked = Self.coReplies(window: "1d").replacingOccurrences(of: "in_reply_to_tweetid != null", with: "like_count > 0")
            .replacingOccurrences(of: "item = in_reply_to_tweetid", with: "item = like_count")
        try check.assertSameRows([liked], preludes: [ExplodeSideTableTests.prelude])
    }
}
