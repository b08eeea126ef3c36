import Foundation
import TEIFixtures
import XCTest

/// The control group (`Fixtures/control_*.csv`) looks like ordinary people, so that beside it every
/// planted finding of the operation stands out — and the tests that find the operation find
/// nothing here.
final class ControlGroupTests: XCTestCase {
    private let spec = ReleaseSpec.control201901

    private func tweets() throws -> [[String: String]] { try GeneratedFixtures.table(spec.tweetsFileName).rows }
    private func users() throws -> [[String: String]] { try GeneratedFixtures.table(spec.usersFileName).rows }

    func testItIsSeparateFromTheOperationAndHashedThroughout() throws {
        let users = try users()
        XCTAssertEqual(users.count, 200)
        XCTAssertEqual(try tweets().count, 1_200)
        let operation = Set(try GeneratedFixtures.table(ReleaseSpec.freedonia201901.usersFileName).rows.map { $0["userid"]! })
        XCTAssertTrue(Set(users.map { $0["userid"]! }).isDisjoint(with: operation))
        XCTAssertTrue(users.allSatisfy { UInt64($0["userid"]!) == nil && $0["user_screen_name"] == $0["userid"] },
                      "private people: every account hashed")
        let periods = try tweets().map { String($0["tweet_time"]!.prefix(10)) }
        XCTAssertGreaterThanOrEqual(periods.min()!, "2016-01-01")
        XCTAssertLessThanOrEqual(periods.max()!, "2018-10-31")
    }

    func testAccountsWereCreatedOneByOneOverTheYears() throws {
        let days = try users().map { $0["account_creation_date"]! }
        XCTAssertLessThanOrEqual(Dictionary(grouping: days, by: { $0 }).values.map(\.count).max()!, 2)
        XCTAssertLessThan(days.min()!, "2009-07-01")
        XCTAssertGreaterThan(days.max()!, "2015-06-01")
        let followers = try users().map { Int($0["follower_count"]!)! }.sorted()
        XCTAssertLessThan(followers.last!, 5_000)
        XCTAssertTrue((20...1_000).contains(followers[followers.count / 2]), "a typical account has tens to hundreds of followers")
    }

    func testTheyTweetInWakingHoursAndAtWeekends() throws {
        let moscow = OfficeHours(rows: try tweets(), utcOffsetHours: 3)
        XCTAssertLessThan(moscow.tweetShare, 0.35)
        XCTAssertGreaterThan(moscow.weekendShare, 0.25)
        XCTAssertLessThan(moscow.accountsMostlyInOffice, 0.1)
        // No office anywhere: no offset puts half the tweets in office hours.
        for offset in -12...12 {
            XCTAssertLessThan(OfficeHours(rows: try tweets(), utcOffsetHours: offset).tweetShare, 0.4, "UTC\(offset)")
        }
    }

    func testTheirTextsVaryAndNobodyAmplifiesOrPostsOnASchedule() throws {
        let rows = try tweets()
        let originals = rows.filter { $0["is_retweet"] == "false" }
        let byText = Dictionary(grouping: originals, by: { $0["tweet_text"]! })
        XCTAssertTrue(byText.values.allSatisfy { Set($0.map { $0["userid"]! }).count < 3 }, "no copy-paste")
        XCTAssertGreaterThan(Double(byText.count) / Double(originals.count), 0.97)
        XCTAssertFalse(rows.contains { $0["hashtags"]!.contains("FreedoniaFirst") })
        let retweeted = Dictionary(grouping: rows.filter { $0["is_retweet"] == "true" }, by: { $0["retweet_userid"]! })
        XCTAssertLessThanOrEqual(retweeted.values.map(\.count).max()!, 15, "no outside account is amplified")
        let automation: Set = ["IFTTT", "twitterfeed", "Buffer", "Hootsuite", "TweetDeck", "ФридонияПост"]
        XCTAssertFalse(rows.contains { automation.contains($0["tweet_client_name"]!) })
        for (_, own) in Dictionary(grouping: rows, by: { $0["userid"]! }) where own.count >= 5 {
            let times = own.map { tweetMinute($0["tweet_time"]!) }.sorted()
            XCTAssertGreaterThan(Set(zip(times.dropFirst(), times).map { $0 - $1 }).count, 1, "gaps between tweets vary")
        }
    }
}
