import Foundation
import TEIFixtures
import XCTest

/// The findings the course's lessons (and the capstone) discover are in the data, with the numbers
/// Fixtures/README.md and Examples/capstone/rubric.md state.
final class PlantedFindingsTests: XCTestCase {
    private struct Expected {
        let spec: ReleaseSpec
        /// Where the files are, relative to Fixtures/.
        var folder = ""
        let clusterDays: ClosedRange<String>
        let clusterSize: Int
        let campaignDays: ClosedRange<String>
        let campaignSpike: Int
        var campaignHashtag = "FreedoniaFirst"
        var officeUTCOffsetHours = 3
        var flagships: Set<String> = ["FreedoniaToday", "vestnik_fridonii", "SawtFreedonia", "SylvaniaWatch", "CourrierFreedonie"]
        var scheduledIntervals = [15, 30, 60, 120]
        var rename = (current: "SylvaniaWatch", former: "duck_soup_fans", on: "2017-02-01")
        var repurposedLanguage = "es"
        var hasUsersFile = true

        var tweetsPath: String { folder + spec.tweetsFileName }
        var usersPath: String { folder + spec.usersFileName }
    }

    private static let capstone = Expected(
        spec: .capstone202106, folder: "capstone/", clusterDays: "2018-08-24"..."2018-08-26", clusterSize: 24,
        campaignDays: "2020-04-14"..."2020-04-16", campaignSpike: 45, campaignHashtag: "SylvaniaLies",
        officeUTCOffsetHours: 8,
        flagships: ["FreedoniaPacific", "fridonia_segodnya", "MarxHarborPost", "FreedoniaAbend", "FreedonieActu"],
        scheduledIntervals: [45, 90], rename: ("MarxHarborPost", "harbor_recipes", "2020-03-09"), repurposedLanguage: "tr")

    private let expectations = [
        Expected(spec: .freedonia201810, clusterDays: "2014-08-24"..."2014-08-26", clusterSize: 25,
                 campaignDays: "2017-01-17"..."2017-01-19", campaignSpike: 45, rename: ("SylvaniaWatch", "duck_soup_fans", "2016-05-13")),
        Expected(spec: .freedonia201901, clusterDays: "2015-08-24"..."2015-08-26", clusterSize: 25,
                 campaignDays: "2017-09-12"..."2017-09-14", campaignSpike: 45, rename: ("SylvaniaWatch", "duck_soup_fans", "2017-02-17")),
        Expected(spec: .freedonia202012, clusterDays: "2018-01-22"..."2018-01-24", clusterSize: 22,
                 campaignDays: "2019-10-22"..."2019-10-24", campaignSpike: 45, rename: ("SylvaniaWatch", "duck_soup_fans", "2019-05-07"),
                 hasUsersFile: false),
        capstone,
    ]

    private var withUsersFiles: [Expected] { expectations.filter(\.hasUsersFile) }

    /// Accounts of a release: the users file when there is one, else the distinct tweet authors.
    private func accounts(_ expected: Expected) throws -> [[String: String]] {
        if expected.hasUsersFile { return try GeneratedFixtures.table(expected.usersPath).rows }
        var seen: [String: [String: String]] = [:]
        for row in try GeneratedFixtures.table(expected.tweetsPath).rows { seen[row["userid"]!] = row }
        return Array(seen.values)
    }

    private func tweets(_ expected: Expected) throws -> [[String: String]] {
        try GeneratedFixtures.table(expected.tweetsPath).rows
    }

    func testAClusterOfAccountsCreatedWithinThreeDays() throws {
        for expected in expectations {
            let created = try accounts(expected).map { $0["account_creation_date"]! }
            XCTAssertEqual(created.filter { expected.clusterDays.contains($0) }.count, expected.clusterSize,
                           expected.spec.baseName)
            // Every cluster day sees more creations than any other day, so the cluster stands out.
            let days = Dictionary(grouping: created, by: { $0 }).mapValues(\.count)
            let outside = days.filter { !expected.clusterDays.contains($0.key) }.values.max() ?? 0
            let quietestClusterDay = days.filter { expected.clusterDays.contains($0.key) }.values.min() ?? 0
            XCTAssertLessThan(outside, quietestClusterDay, expected.spec.baseName)
        }
    }

    func testBurstsOfIdenticalTextsWithinMinutes() throws {
        for expected in expectations {
            let rows = try tweets(expected).filter { $0["is_retweet"] == "false" }
            let groups = Dictionary(grouping: rows, by: { $0["tweet_text"]! })
                .values.filter { Set($0.map { $0["userid"]! }).count >= 5 }
            XCTAssertEqual(groups.count, 6, expected.spec.baseName)
            var crew: Set<String> = []
            for group in groups {
                let times = group.map { $0["tweet_time"]! }.sorted()
                XCTAssertTrue((7...12).contains(group.count))
                XCTAssertLessThan(minutes(times.last!) - minutes(times.first!), 5, "a burst lasts under 5 minutes")
                crew.formUnion(group.map { $0["userid"]! })
            }
            XCTAssertEqual(crew.count, 12, "the same 12 accounts post every burst")
            let crewCreation = try accounts(expected).filter { crew.contains($0["userid"]!) }
                .map { $0["account_creation_date"]! }
            XCTAssertTrue(crewCreation.allSatisfy { expected.clusterDays.contains($0) }, "the crew belongs to the cluster")
        }
    }

    func testAHashtagCampaignSpikesOnThreeDays() throws {
        for expected in expectations {
            let campaign = try tweets(expected).filter { $0["hashtags"]!.contains(expected.campaignHashtag) }
            XCTAssertEqual(campaign.count, 60, expected.spec.baseName)
            let days = campaign.map { String($0["tweet_time"]!.prefix(10)) }
            XCTAssertEqual(days.filter { expected.campaignDays.contains($0) }.count, expected.campaignSpike)
            let elsewhere = Dictionary(grouping: days.filter { !expected.campaignDays.contains($0) }, by: { $0 })
            XCTAssertLessThanOrEqual(elsewhere.values.map(\.count).max() ?? 0, 2)
        }
    }

    func testMostAccountsPostOnTheirOfficesHours() throws {
        let control = try OfficeHours(rows: GeneratedFixtures.table(ReleaseSpec.control201901.tweetsFileName).rows, utcOffsetHours: 3)
        for expected in expectations {
            let hours = OfficeHours(rows: try tweets(expected), utcOffsetHours: expected.officeUTCOffsetHours)
            XCTAssertGreaterThan(hours.accountsMostlyInOffice, 0.65, expected.spec.baseName)
            XCTAssertGreaterThan(hours.tweetShare, 0.7, expected.spec.baseName)
            XCTAssertLessThan(hours.weekendShare, control.weekendShare / 2, "weekends are quiet next to ordinary accounts")
            // The office's own offset gives a higher share than any other whole-hour offset.
            for offset in -12...12 where offset != expected.officeUTCOffsetHours {
                XCTAssertLessThan(OfficeHours(rows: try tweets(expected), utcOffsetHours: offset).tweetShare, hours.tweetShare,
                                  "\(expected.spec.baseName) at UTC\(offset)")
            }
        }
    }

    func testAmplifiersRetweetAFewOutsideAccounts() throws {
        for expected in withUsersFiles {
            let spec = expected.spec
            let rows = try tweets(expected)
            let users = Set(try accounts(expected).map { $0["userid"]! })
            let retweeted = Dictionary(grouping: rows.filter { $0["is_retweet"] == "true" }, by: { $0["retweet_userid"]! })
                .mapValues(\.count).sorted { $0.value > $1.value }
            let topThree = retweeted.prefix(3)
            XCTAssertTrue(topThree.allSatisfy { !users.contains($0.key) }, "the amplified accounts are outsiders")
            XCTAssertTrue(topThree.allSatisfy { $0.value >= 2 * retweeted[3].value }, "and far ahead of the rest")
            let topIDs = Set(topThree.map(\.key))
            var perAccount: [String: (amplifying: Int, all: Int)] = [:]
            for row in rows {
                perAccount[row["userid"]!, default: (0, 0)].all += 1
                perAccount[row["userid"]!, default: (0, 0)].amplifying += topIDs.contains(row["retweet_userid"]!) ? 1 : 0
            }
            let amplifiers = perAccount.values.filter { $0.all >= 5 && Double($0.amplifying) / Double($0.all) >= 0.6 }
            XCTAssertGreaterThanOrEqual(amplifiers.count, 10, spec.baseName)
        }
    }

    func testAHandfulOfUnhashedHighFollowerAccounts() throws {
        for expected in withUsersFiles {
            let big = try accounts(expected).filter { UInt64($0["userid"]!) != nil }
            XCTAssertEqual(Set(big.map { $0["user_screen_name"]! }), expected.flagships)
            XCTAssertTrue(big.allSatisfy { Int($0["follower_count"]!)! > 5_000 })
        }
    }

    func testAFewAccountsPostMost() throws {
        for expected in expectations {
            let spec = expected.spec
            let rows = try tweets(expected)
            let counts = Dictionary(grouping: rows, by: { $0["userid"]! }).values.map(\.count).sorted(by: >)
            let topTenth = counts.prefix(max(1, counts.count / 10)).reduce(0, +)
            XCTAssertGreaterThan(Double(topTenth) / Double(rows.count), 0.45, spec.baseName)
        }
    }

    func testScheduledAccountsPostAtFixedIntervals() throws {
        for expected in expectations {
            var clockwork: [Int] = []
            for (_, rows) in Dictionary(grouping: try tweets(expected), by: { $0["userid"]! }) where rows.count >= 10 {
                let times = rows.map { minutes($0["tweet_time"]!) }.sorted()
                let gaps = Set(zip(times.dropFirst(), times).map { $0 - $1 })
                if gaps.count == 1 {
                    clockwork.append(gaps.first!)
                    XCTAssertEqual(rows.count, 30, "\(expected.spec.baseName): a run of 30 tweets")
                    XCTAssertEqual(Set(rows.map { $0["tweet_client_name"]! }).count, 1, "a program posts through one app")
                }
            }
            XCTAssertEqual(clockwork.sorted(), expected.scheduledIntervals, expected.spec.baseName)
        }
    }

    func testRepurposedAccountsKeepTheirFirstOwnersLanguage() throws {
        for expected in expectations {
            let repurposed = try accounts(expected).filter { $0["account_language"] == expected.repurposedLanguage }
            XCTAssertEqual(repurposed.count, 6, expected.spec.baseName)
            XCTAssertTrue(repurposed.allSatisfy { ("2011-01-01"..."2012-06-24").contains($0["account_creation_date"]!) })
            let ids = Set(repurposed.map { $0["userid"]! })
            let theirs = try tweets(expected).filter { ids.contains($0["userid"]!) }
            XCTAssertGreaterThan(theirs.count, 20, expected.spec.baseName)
            XCTAssertFalse(theirs.contains { $0["tweet_language"] == expected.repurposedLanguage }, "they never tweet in it")
            XCTAssertFalse(try tweets(expected).contains { $0["tweet_language"] == expected.repurposedLanguage })
        }
    }

    func testARenamedFlagshipShowsItsFormerHandleInOlderRetweets() throws {
        for expected in expectations {
            let rows = try tweets(expected)
            let id = try XCTUnwrap(rows.first { $0["user_screen_name"] == expected.rename.current }?["userid"], expected.spec.baseName)
            let retweets = rows.filter { $0["retweet_userid"] == id }
            let former = retweets.filter { $0["tweet_text"]!.hasPrefix("RT @\(expected.rename.former): ") }
            let current = retweets.filter { $0["tweet_text"]!.hasPrefix("RT @\(expected.rename.current): ") }
            XCTAssertEqual(former.count + current.count, retweets.count, expected.spec.baseName)
            XCTAssertGreaterThanOrEqual(former.count, 5, expected.spec.baseName)
            XCTAssertGreaterThanOrEqual(current.count, 5, expected.spec.baseName)
            // Originals come at most 12 hours before their retweets, so the handles change within a day of the rename.
            let lastFormer = former.map { $0["tweet_time"]! }.max()!, firstCurrent = current.map { $0["tweet_time"]! }.min()!
            XCTAssertLessThan(lastFormer, expected.rename.on + " 12:00", expected.spec.baseName)
            XCTAssertGreaterThanOrEqual(firstCurrent, expected.rename.on, expected.spec.baseName)
            XCTAssertFalse(rows.contains { $0["user_screen_name"] == expected.rename.former }, "the release shows only the new handle")
        }
    }

    private func minutes(_ time: String) -> Int { tweetMinute(time) }
}

/// How much of a set of tweets falls in office hours (Monday to Friday, 09:00–17:59) at a UTC offset.
struct OfficeHours {
    /// Share of all tweets in office hours.
    let tweetShare: Double
    /// Share of all tweets on Saturdays and Sundays, local time.
    let weekendShare: Double
    /// Share of the accounts with at least 5 tweets that post at least 80% of them in office hours.
    let accountsMostlyInOffice: Double

    init(rows: [[String: String]], utcOffsetHours: Int) {
        var perAccount: [String: (office: Int, all: Int)] = [:]
        var weekend = 0, office = 0
        for row in rows {
            let local = tweetMinute(row["tweet_time"]!) + utcOffsetHours * 60
            let day = Int((Double(local) / 1440).rounded(.down))
            let hour = (local - day * 1440) / 60
            let isWeekday = CivilTime.weekday(ofDay: day) < 5
            let inOffice = isWeekday && (9..<18).contains(hour)
            weekend += isWeekday ? 0 : 1
            office += inOffice ? 1 : 0
            perAccount[row["userid"]!, default: (0, 0)].office += inOffice ? 1 : 0
            perAccount[row["userid"]!, default: (0, 0)].all += 1
        }
        tweetShare = Double(office) / Double(rows.count)
        weekendShare = Double(weekend) / Double(rows.count)
        let active = perAccount.values.filter { $0.all >= 5 }
        accountsMostlyInOffice = Double(active.filter { Double($0.office) / Double($0.all) >= 0.8 }.count) / Double(active.count)
    }
}

/// Minutes since 1970 of a `tweet_time` (`YYYY-MM-DD HH:MM`, UTC).
func tweetMinute(_ time: String) -> Int {
    let parts = time.split(whereSeparator: { "- :".contains($0) }).compactMap { Int($0) }
    return CivilTime.day(year: parts[0], month: parts[1], day: parts[2]) * 1440 + parts[3] * 60 + parts[4]
}
