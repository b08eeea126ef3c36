import Foundation
import TEIFixtures
import XCTest

final class DeterminismTests: XCTestCase {
    func testTwoGenerationsAreByteIdentical() throws {
        let first = try FixtureGenerator().committedFiles()
        let second = try FixtureGenerator().committedFiles()
        XCTAssertEqual(first.map(\.path), second.map(\.path))
        for (a, b) in zip(first, second) {
            XCTAssertEqual(a.data, b.data, "\(a.path) differs between runs")
        }
    }

    func testSeedChangesTheOutput() throws {
        let spec = ReleaseSpec.freedonia201901
        let one = try FixtureGenerator(seed: 1).tweetsData(of: spec)
        let two = try FixtureGenerator(seed: 2).tweetsData(of: spec)
        XCTAssertNotEqual(one, two)
    }

    func testStreamingToAFileMatchesMemory() throws {
        let spec = try ReleaseSpec.stream(rows: 3_000, format: .format2018)
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("tei-fixtures-\(UUID().uuidString).csv")
        defer { try? FileManager.default.removeItem(at: url) }
        let sink = try FileSink(url: url)
        try FixtureGenerator(seed: 7).writeTweets(of: spec, to: sink)
        try sink.close()
        XCTAssertEqual(try Data(contentsOf: url), try FixtureGenerator(seed: 7).tweetsData(of: spec))
    }

    func testStreamHasExactlyTheRequestedRowsAndScalesAccounts() throws {
        let spec = try ReleaseSpec.stream(rows: 12_000, format: .format2020December)
        XCTAssertEqual(spec.accountCount, 300)
        let table = try RFC4180Reader.table(try FixtureGenerator(seed: 7).tweetsData(of: spec))
        XCTAssertEqual(table.rows.count, 12_000)
        XCTAssertEqual(table.header.count, 30)
        let users = try RFC4180Reader.table(try FixtureGenerator(seed: 7).usersData(of: spec))
        XCTAssertEqual(users.rows.count, 300)
    }

    func testBadArgumentsAreErrorsNotCrashes() {
        XCTAssertThrowsError(try ReleaseSpec.stream(rows: -1, format: .format2019))
        XCTAssertThrowsError(try ReleaseSpec.stream(rows: 10, accounts: 0, format: .format2019))
        XCTAssertThrowsError(try ReleaseSpec(baseName: "x", format: .format2019, tweetCount: 1, accountCount: 1,
                                             firstTweetDay: 17_000, lastTweetDay: 17_001))
        XCTAssertThrowsError(try ReleaseSpec(baseName: "x", format: .format2019, tweetCount: 1, accountCount: 1,
                                             firstTweetDay: 100, lastTweetDay: 1_000))
    }
}
