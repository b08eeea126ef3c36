import Foundation
@testable import TEIEngine
import XCTest

/// `SeekJoinSideByItemValue` (a join's right side that explodes a list is read from the items
/// sorted by value and time, seeking each left row's item and time range) and `TimeWindowSlots` (a
/// time window nothing seeks joins on time slots): each pass alone on the plan the others leave,
/// the plan SQLite runs, and the rows, which stay those of the plan as checked.
final class ItemsByValueSeekTests: XCTestCase {
    /// The join of `co_item_pairs` over the hashtags, as the standard library writes it.
    static let coHashtags = "t | filter not is_retweet | explode hashtags as item | select account = userid, message = tweetid, item, tweet_time "
        + "| join (t | filter not is_retweet | explode hashtags as partner_item "
        + "| select partner = userid, partner_message = tweetid, partner_item, at = tweet_time) "
        + "on item == partner_item and account < partner and tweet_time - at <= 1h and at - tweet_time <= 1h "
        + "| group account_a = account, account_b = partner (shared = count_distinct(item), messages_b = count_distinct(partner_message))"

    /// The same window over the retweeted tweets, of retweets and not (no index seeks them with the time).
    static let coRetweeters = "t | filter retweet_tweetid != null | select account = userid, item = retweet_tweetid, tweet_time "
        + "| join (t | select partner = userid, partner_item = retweet_tweetid, at = tweet_time) "
        + "on item == partner_item and account < partner and tweet_time - at <= 1d and at - tweet_time <= 2h "
        + "| group account_a = account, account_b = partner (n = count(), first = min(at))"

    /// `co_item_pairs` over the URLs as the standard library runs it: one relation of items, which
    /// both sides of the join read, so that it keeps its order for either.
    static let coLinks = "let items = t | filter not is_retweet | explode urls as item | select account = userid, message = tweetid, item, tweet_time\n"
        + "items | join (items | select partner = account, partner_message = message, partner_item = item, at = tweet_time) "
        + "on item == partner_item and account < partner and tweet_time - at <= 1h and at - tweet_time <= 1h "
        + "| group account_a = account, account_b = partner (shared = count_distinct(item), messages_a = count_distinct(message))"

    private var check: PassCheck!

    override func setUpWithError() throws {
        check = try PassCheck()
    }

    private func texts(_ pass: PhysicalPass, _ code: String) throws -> (String, String) {
        try check.prunedPassTexts(pass, code)
    }

    /// The right side seeks the copy in place; the left side, whose rows nothing orders, scans it;
    /// the accounts are compared by their ranks.
    func testTheRightSideOfAnItemWindowJoinReadsTheItemsByValue() throws {
        let (before, after) = try texts(SeekJoinSideByItemValue(), Self.coHashtags)
        XCTAssertEqual(before, """
        group account_a = decode(dict_0, __tei_code_1_l), account_b = decode(dict_0, __tei_code_1_r) (shared = count_distinct(item), messages_b = count_distinct(partner_message))
          join inner on ((((left.item == right.partner_item) and ((left.__tei_code_1 != right.__tei_code_1) and (left.account < right.partner))) and (right.at >= bound_subtract(left.tweet_time, 1h))) and (right.at <= bound_add(left.tweet_time, 1h))) → item = left.item, partner_message = right.partner_message, __tei_code_1_l = left.__tei_code_1, __tei_code_1_r = right.__tei_code_1  [unordered]
            project account = userid, item, tweet_time, __tei_code_1  [unordered]
              explode items of items_0 by __tei_row as item  [unordered]
                filter (is_retweet == false)  [unordered]
                  %t1 = scan freedonia_201901_1_tweets_csv_hashed.csv (tweetid, userid, tweet_time, is_retweet, __tei_code_1, __tei_row of 32 columns)
            project partner = userid, partner_message = tweetid, partner_item, at = tweet_time, __tei_code_1  [unordered]
              explode items of items_0 by __tei_row as partner_item  [unordered]
                filter (is_retweet == false)  [unordered]
                  read %t1

        """)
        XCTAssertEqual(after, """
        group account_a = decode(dict_0, __tei_code_1_l), account_b = decode(dict_0, __tei_code_1_r) (shared = count_distinct(item), messages_b = count_distinct(partner_message))
          join inner on ((((left.item == right.partner_item) and ((left.__tei_code_1 != right.__tei_code_1) and (left.__tei_rank_userid < right.__tei_rank_userid))) and (right.at >= bound_subtract(left.tweet_time, 1h))) and (right.at <= bound_add(left.tweet_time, 1h))) → item = left.item, partner_message = right.partner_message, __tei_code_1_l = left.__tei_code_1, __tei_code_1_r = right.__tei_code_1  [unordered]
            project account = userid, item, tweet_time, __tei_code_1, __tei_rank_userid  [unordered]
              filter (is_retweet == false)  [unordered]
                items of hashtags by value (tweetid, userid, tweet_time, is_retweet, __tei_code_1, __tei_row, item, __tei_rank_userid)  [unordered]
            project partner = userid, partner_message = tweetid, partner_item, at = tweet_time, __tei_code_1, __tei_rank_userid  [read in place]  [unordered]
              filter (is_retweet == false)  [read in place]  [unordered]
                items of hashtags by value (tweetid, userid, tweet_time, is_retweet, __tei_code_1, __tei_row, partner_item, __tei_rank_userid)  [read in place]  [unordered]

        """)
    }

    /// A join whose rows nothing orders reads both sides from the copy, though their relation keeps
    /// its order for another reader, and compares the accounts by the ranks the copy carries.
    func testBothSidesOfAnUnorderedJoinReadTheCopyAndCompareTheAccountsRanks() throws {
        let (before, after) = try texts(SeekJoinSideByItemValue(), Self.coLinks)
        XCTAssertEqual(before, """
        group account_a = decode(dict_0, __tei_code_1_l), account_b = decode(dict_0, __tei_code_1_r) (shared = count_distinct(item), messages_a = count_distinct(message))
          join inner on ((((left.item == right.partner_item) and ((left.__tei_code_1 != right.__tei_code_1) and (left.account < right.partner))) and (right.at >= bound_subtract(left.tweet_time, 1h))) and (right.at <= bound_add(left.tweet_time, 1h))) → message = left.message, item = left.item, __tei_code_1_l = left.__tei_code_1, __tei_code_1_r = right.__tei_code_1  [unordered]
            %items1 = project account = userid, message = tweetid, item, tweet_time, __tei_code_1
              explode items of items_1 by __tei_row as item
                filter (is_retweet == false)
                  scan freedonia_201901_1_tweets_csv_hashed.csv (tweetid, userid, tweet_time, is_retweet, __tei_code_1, __tei_row of 32 columns)
            project partner = account, partner_item = item, at = tweet_time, __tei_code_1  [unordered]
              read %items1

        """)
        XCTAssertEqual(after, """
        group account_a = decode(dict_0, __tei_code_1_l), account_b = decode(dict_0, __tei_code_1_r) (shared = count_distinct(item), messages_a = count_distinct(message))
          join inner on ((((left.item == right.partner_item) and ((left.__tei_code_1 != right.__tei_code_1) and (left.__tei_rank_userid < right.__tei_rank_userid))) and (right.at >= bound_subtract(left.tweet_time, 1h))) and (right.at <= bound_add(left.tweet_time, 1h))) → message = left.message, item = left.item, __tei_code_1_l = left.__tei_code_1, __tei_code_1_r = right.__tei_code_1  [unordered]
            project account = userid, message = tweetid, item, tweet_time, __tei_code_1, __tei_rank_userid  [unordered]
              filter (is_retweet == false)  [unordered]
                items of urls by value (tweetid, userid, tweet_time, is_retweet, __tei_code_1, __tei_row, item, __tei_rank_userid)  [unordered]
            project partner = account, partner_item = item, at = tweet_time, __tei_code_1, __tei_rank_userid  [read in place]  [unordered]
              project account = userid, message = tweetid, item, tweet_time, __tei_code_1, __tei_rank_userid  [read in place]  [unordered]
                filter (is_retweet == false)  [read in place]  [unordered]
                  items of urls by value (tweetid, userid, tweet_time, is_retweet, __tei_code_1, __tei_row, item, __tei_rank_userid)  [read in place]  [unordered]

        """)
    }

    func testAWindowJoinNothingSeeksJoinsOnTimeSlots() throws {
        let (before, after) = try texts(TimeWindowSlots(), Self.coRetweeters)
        XCTAssertEqual(before, """
        group account_a = decode(dict_0, __tei_code_1_l), account_b = decode(dict_0, __tei_code_1_r) (n = count(), first = min(at))
          join inner on ((((left.item == right.partner_item) and ((left.__tei_code_1 != right.__tei_code_1) and (left.account < right.partner))) and (right.at >= bound_subtract(left.tweet_time, 1d))) and (right.at <= bound_add(left.tweet_time, 2h))) → at = right.at, __tei_code_1_l = left.__tei_code_1, __tei_code_1_r = right.__tei_code_1  [unordered]
            project account = userid, item = retweet_tweetid, tweet_time, __tei_code_1  [unordered]
              filter (retweet_tweetid != null)  [unordered]
                %t1 = scan freedonia_201901_1_tweets_csv_hashed.csv (userid, tweet_time, retweet_tweetid, __tei_code_1 of 32 columns)
            project partner = userid, partner_item = retweet_tweetid, at = tweet_time, __tei_code_1  [unordered]
              read %t1

        """)
        XCTAssertEqual(after, """
        group account_a = decode(dict_0, __tei_code_1_l), account_b = decode(dict_0, __tei_code_1_r) (n = count(), first = min(at))
          append  [unordered]
            append  [unordered]
              join inner on (((((left.item == right.partner_item) and ((left.__tei_code_1 != right.__tei_code_1) and (left.account < right.partner))) and (right.at >= bound_subtract(left.tweet_time, 1d))) and (right.at <= bound_add(left.tweet_time, 2h))) and (left.__tei_slot0 == right.__tei_slot)) → at = right.at, __tei_code_1_l = left.__tei_code_1, __tei_code_1_r = right.__tei_code_1  [unordered]
                %shared1 = project account, item, tweet_time, __tei_code_1, __tei_slot0 = bin(tweet_time, 1d 1s), __tei_slot1 = (bin(tweet_time, 1d 1s) + 1d 1s), __tei_slot2 = (bin(tweet_time, 1d 1s) - 1d 1s)  [unordered]
                  project account = userid, item = retweet_tweetid, tweet_time, __tei_code_1  [unordered]
                    filter (retweet_tweetid != null)  [unordered]
                      %t2 = scan freedonia_201901_1_tweets_csv_hashed.csv (userid, tweet_time, retweet_tweetid, __tei_code_1 of 32 columns)
                %shared3 = project partner, partner_item, at, __tei_code_1, __tei_slot = bin(at, 1d 1s)  [unordered]
                  project partner = userid, partner_item = retweet_tweetid, at = tweet_time, __tei_code_1  [unordered]
                    read %t2
              join inner on (((((left.item == right.partner_item) and ((left.__tei_code_1 != right.__tei_code_1) and (left.account < right.partner))) and (right.at >= bound_subtract(left.tweet_time, 1d))) and (right.at <= bound_add(left.tweet_time, 2h))) and (left.__tei_slot1 == right.__tei_slot)) → at = right.at, __tei_code_1_l = left.__tei_code_1, __tei_code_1_r = right.__tei_code_1  [unordered]
                read %shared1
                read %shared3
            join inner on (((((left.item == right.partner_item) and ((left.__tei_code_1 != right.__tei_code_1) and (left.account < right.partner))) and (right.at >= bound_subtract(left.tweet_time, 1d))) and (right.at <= bound_add(left.tweet_time, 2h))) and (left.__tei_slot2 == right.__tei_slot)) → at = right.at, __tei_code_1_l = left.__tei_code_1, __tei_code_1_r = right.__tei_code_1  [unordered]
              read %shared1
              read %shared3

        """)
    }

    /// A side whose filters read a column the copy does not carry, a join with a one-sided window,
    /// and a join whose rows keep their order are left as they are.
    func testWhatTheCopyOrTheSlotsCannotServeIsLeftAlone() throws {
        let uncarried = Self.coHashtags.replacingOccurrences(of: "| join (t | filter not is_retweet",
                                                             with: "| join (t | filter tweet_language == \"en\"")
        let (before, after) = try texts(SeekJoinSideByItemValue(), uncarried)
        XCTAssertEqual(before, after)
        XCTAssertFalse(after.contains("by value"))
        for pipeline in [Self.coRetweeters.replacingOccurrences(of: " and at - tweet_time <= 2h", with: ""),
                         "t | select account = userid, tweet_time | join (t | select partner = userid, at = tweet_time) "
                             + "on account == partner and tweet_time - at <= 1h and at - tweet_time <= 1h | select account, tweet_time, at"] {
            let (before, after) = try texts(TimeWindowSlots(), pipeline)
            XCTAssertEqual(before, after, pipeline)
        }
    }

    /// SQLite reads one range of the copy per left item, by value then time, and indexes nothing
    /// itself; the slots are a key of the automatic index of the side nothing seeks.
    func testSQLiteSeeksTheCopyAndIndexesTheSlots() throws {
        let harness = check.harness
        let seek = try IndexUseTests.plan(Self.coHashtags, harness)
        let range = try NSRegularExpression(pattern: #"USING PRIMARY KEY \(value=\? AND \w+>\? AND \w+<\?\)"#)
        XCTAssertTrue(seek.contains { range.firstMatch(in: $0, range: NSRange($0.startIndex..., in: $0)) != nil }, "\(seek)")
        XCTAssertFalse(seek.contains { $0.contains("AUTOMATIC") }, "\(seek)")
        // Both sides of co-link's join read the copy alone: no tweet row is sought, and accounts
        // are decoded only as the two keys of each group.
        let links = try IndexUseTests.plan(Self.coLinks, harness)
        let decode = "SEARCH d USING INTEGER PRIMARY KEY (rowid=?)"
        XCTAssertEqual(links.filter { $0.hasPrefix("SEARCH") || $0.hasPrefix("SCAN j") },
                       ["SCAN j", "SEARCH j USING PRIMARY KEY (value=? AND c13>? AND c13<?)", decode, decode], "\(links)")
        let slots = try IndexUseTests.plan(Self.coRetweeters, harness)
        XCTAssertEqual(slots.filter { $0.contains("AUTOMATIC") && $0.contains("__tei_slot") }.count, 3, "\(slots)")
    }

    /// Every rewrite gives the rows of the plan as checked, over the docs' tables and the Fixture's.
    func testTheRowsStayTheSame() throws {
        let urls = Self.coHashtags.replacingOccurrences(of: "hashtags", with: "urls")
        let mentions = Self.coHashtags.replacingOccurrences(of: "hashtags", with: "user_mentions")
            .replacingOccurrences(of: "<= 1h", with: "< 30d")
        let uncarried = Self.coHashtags.replacingOccurrences(of: "| join (t | filter not is_retweet",
                                                             with: "| join (t | filter tweet_language == \"en\"")
        let ordered = "t | explode hashtags as item | select tweetid, item, tweet_time "
            + "| join (t | explode hashtags as tag | select id = tweetid, tag, at = tweet_time) on item == tag and at - tweet_time <= 2d "
            + "and tweet_time - at <= 2d | select tweetid, id, item"
        let shares = Self.coRetweeters.replacingOccurrences(of: "<= 1d", with: "<= 400d").replacingOccurrences(of: "<= 2h", with: "< 300d")
        // The accounts compared by rank, either way round and with the bound included.
        let links = Self.coLinks.replacingOccurrences(of: "<= 1h", with: "<= 1d")
        let reversed = links.replacingOccurrences(of: "account < partner", with: "partner > account")
        let orEqual = links.replacingOccurrences(of: "account < partner", with: "account <= partner")
        try check.assertSameRows([Self.coHashtags, urls, mentions, uncarried, shares, ordered, links, reversed, orEqual])
    }
}
