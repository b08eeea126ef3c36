import Foundation
import TEIFixtures
import XCTest

/// The findings the course's lessons discover are in the data, with the numbers Fixtures/README.md states.
final class PlantedFindingsTests: XCTestCase {
    private struct Expected {
        let spec: ReleaseSpec
        let clusterDays: ClosedRange<String>
        let clusterSize: Int
        let campaignDays: ClosedRange<String>
        let campaignSpike: Int
    }

    private let expectations = [
        Expected(spec: .freedonia201810, clusterDays: "2014-08-24"..."2014-08-26", clusterSize: 25,
                 campaignDays: "2017-01-17"..."2017-01-19", campaignSpike: 45),
        Expected(spec: .freedonia201901, clusterDays: "2015-08-24"..."2015-08-26", clusterSize: 25,
                 campaignDays: "2017-09-12"..."2017-09-14", campaignSpike: 45),
        Expected(spec: .freedonia202012, clusterDays: "2018-01-22"..."2018-01-24", clusterSize: 21,
                 campaignDays: "2019-10-22"..."2019-10-24", campaignSpike: 45),
    ]

    /// Accounts of a release: the users file when there is one, else the distinct tweet authors.
    private func accounts(_ spec: ReleaseSpec) throws -> [[String: String]] {
        if spec.format != .format2020December { return try GeneratedFixtures.table(spec.usersFileName).rows }
        var seen: [String: [String: String]] = [:]
        for row in try GeneratedFixtures.table(spec.tweetsFileName).rows { seen[row["userid"]!] = row }
        return Array(seen.values)
    }

    func testAClusterOfAccountsCreatedWithinThreeDays() throws {
        for expected in expectations {
            let created = try accounts(expected.spec).map { $0["account_creation_date"]! }
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
            let rows = try GeneratedFixtures.table(expected.spec.tweetsFileName).rows.filter { $0["is_retweet"] == "false" }
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
            let crewCreation = try accounts(expected.spec).filter { crew.contains($0["userid"]!) }
                .map { $0["account_creation_date"]! }
            XCTAssertTrue(crewCreation.allSatisfy { expected.clusterDays.contains($0) }, "the crew belongs to the cluster")
        }
    }

    func testAHashtagCampaignSpikesOnThreeDays() throws {
        for expected in expectations {
            let campaign = try GeneratedFixtures.table(expected.spec.tweetsFileName).rows
                .filter { $0["hashtags"]!.contains("FreedoniaFirst") }
            XCTAssertEqual(campaign.count, 60, expected.spec.baseName)
            let days = campaign.map { String($0["tweet_time"]!.prefix(10)) }
            XCTAssertEqual(days.filter { expected.campaignDays.contains($0) }.count, expected.campaignSpike)
            let elsewhere = Dictionary(grouping: days.filter { !expected.campaignDays.contains($0) }, by: { $0 })
            XCTAssertLessThanOrEqual(elsewhere.values.map(\.count).max() ?? 0, 2)
        }
    }

    func testMostAccountsPostOnMoscowOfficeHours() throws {
        for expected in expectations {
            let rows = try GeneratedFixtures.table(expected.spec.tweetsFileName).rows
            var perAccount: [String: (office: Int, all: Int)] = [:]
            var weekend = 0
            for row in rows {
                let moscow = minutes(row["tweet_time"]!) + 180
                let day = Int((Double(moscow) / 1440).rounded(.down))
                let hour = (moscow - day * 1440) / 60
                let isWeekday = CivilTime.weekday(ofDay: day) < 5
                if !isWeekday { weekend += 1 }
                let office = isWeekday && (9..<18).contains(hour)
                perAccount[row["userid"]!, default: (0, 0)].office += office ? 1 : 0
                perAccount[row["userid"]!, default: (0, 0)].all += 1
            }
            let active = perAccount.values.filter { $0.all >= 5 }
            let officeBound = active.filter { Double($0.office) / Double($0.all) >= 0.8 }
            XCTAssertGreaterThan(Double(officeBound.count) / Double(active.count), 0.65, expected.spec.baseName)
            XCTAssertLessThan(Double(weekend) / Double(rows.count), 0.1, "weekends are quiet")
        }
    }

    func testAmplifiersRetweetAFewOutsideAccounts() throws {
        for spec in GeneratedFixtures.userSpecs {
            let rows = try GeneratedFixtures.table(spec.tweetsFileName).rows
            let users = Set(try GeneratedFixtures.table(spec.usersFileName).rows.map { $0["userid"]! })
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
        for spec in GeneratedFixtures.userSpecs {
            let big = try GeneratedFixtures.table(spec.usersFileName).rows.filter { UInt64($0["userid"]!) != nil }
            XCTAssertEqual(Set(big.map { $0["user_screen_name"]! }),
                           ["FreedoniaToday", "vestnik_fridonii", "SawtFreedonia", "SylvaniaWatch", "CourrierFreedonie"])
            XCTAssertTrue(big.allSatisfy { Int($0["follower_count"]!)! > 5_000 })
        }
    }

    func testAFewAccountsPostMost() throws {
        for spec in GeneratedFixtures.tweetSpecs {
            let rows = try GeneratedFixtures.table(spec.tweetsFileName).rows
            let counts = Dictionary(grouping: rows, by: { $0["userid"]! }).values.map(\.count).sorted(by: >)
            let topTenth = counts.prefix(max(1, counts.count / 10)).reduce(0, +)
            XCTAssertGreaterThan(Double(topTenth) / Double(rows.count), 0.45, spec.baseName)
        }
    }

    private func minutes(_ time: String) -> Int {
        let parts = time.split(whereSeparator: { "- :".contains($0) }).compactMap { Int($0) }
        return CivilTime.day(year: parts[0], month: parts[1], day: parts[2]) * 1440 + parts[3] * 60 + parts[4]
    }
}
