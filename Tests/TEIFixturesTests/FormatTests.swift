import Foundation
import TEIFixtures
import XCTest

/// The generated files have the real archive's layout and encodings, era by era.
final class FormatTests: XCTestCase {
    private let columns2018 = ["tweetid", "userid", "user_display_name", "user_screen_name",
        "user_reported_location", "user_profile_description", "user_profile_url", "follower_count",
        "following_count", "account_creation_date", "account_language", "tweet_language", "tweet_text",
        "tweet_time", "tweet_client_name", "in_reply_to_tweetid", "in_reply_to_userid", "quoted_tweet_tweetid",
        "is_retweet", "retweet_userid", "retweet_tweetid", "latitude", "longitude", "quote_count", "reply_count",
        "like_count", "retweet_count", "hashtags", "urls", "user_mentions", "poll_choices"]

    private var columns2019: [String] {
        var columns = columns2018
        columns.swapAt(15, 16)
        return columns
    }

    func testHeadersAreExactlyTheRealOnesPerEra() throws {
        XCTAssertEqual(try GeneratedFixtures.table("freedonia_201810_tweets_csv_hashed.csv").header, columns2018)
        XCTAssertEqual(try GeneratedFixtures.table("freedonia_201901_1_tweets_csv_hashed.csv").header, columns2019)
        XCTAssertEqual(try GeneratedFixtures.table("freedonia_202012_tweets_csv_hashed.csv").header,
                       Array(columns2019.dropLast()))
        let users = ["userid", "user_display_name", "user_screen_name", "user_reported_location",
                     "user_profile_description", "user_profile_url", "follower_count", "following_count",
                     "account_creation_date", "account_language"]
        for spec in GeneratedFixtures.userSpecs {
            XCTAssertEqual(try GeneratedFixtures.table(spec.usersFileName).header, users)
        }
    }

    func testHeadersMatchTheRealSamplesWhenAvailable() throws {
        let real = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/data/real")
        let pairs = [("ira_201810_tweets_sample.csv", ReleaseFormat.format2018),
                     ("russia_201901_1_tweets_sample.csv", .format2019)]
        for (name, format) in pairs {
            guard let data = FileManager.default.contents(atPath: real.appendingPathComponent(name).path) else {
                continue
            }
            let header = try RFC4180Reader.records(data).first
            XCTAssertEqual(header, format.tweetColumns.map(\.rawValue), name)
        }
    }

    func testEveryCSVParsesWithTheRightFieldCountAndEncoding() throws {
        for spec in GeneratedFixtures.tweetSpecs {
            let data = try GeneratedFixtures.data(spec.tweetsFileName)
            XCTAssertFalse(data.starts(with: [0xEF, 0xBB, 0xBF]), "no BOM")
            let table = try GeneratedFixtures.table(spec.tweetsFileName)
            XCTAssertEqual(table.rows.count, spec.tweetCount)
            XCTAssertEqual(table.header.count, spec.format == .format2020December ? 30 : 31)
        }
        for spec in GeneratedFixtures.userSpecs {
            XCTAssertEqual(try GeneratedFixtures.table(spec.usersFileName).rows.count, spec.accountCount)
        }
        XCTAssertTrue(try GeneratedFixtures.data(ReleaseSpec.freedonia201810.tweetsFileName).suffix(2) == Data("\n\n".utf8),
                      "the 2018 tweets file ends with an empty line")
    }

    func testFieldValuesHaveTheArchiveShapes() throws {
        for spec in GeneratedFixtures.tweetSpecs {
            let rows = try GeneratedFixtures.table(spec.tweetsFileName).rows
            for row in rows {
                XCTAssertTrue(isMinute(row["tweet_time"]!), row["tweet_time"]!)
                XCTAssertTrue(isDate(row["account_creation_date"]!))
                XCTAssertTrue(["true", "false"].contains(row["is_retweet"]!))
                for count in ["quote_count", "reply_count", "like_count", "retweet_count"] {
                    XCTAssertTrue(row[count]!.isEmpty || Int(row[count]!) != nil, "\(count) = \(row[count]!)")
                }
                let geo = spec.format == .format2018 ? [""] : ["absent", "present"]
                XCTAssertTrue(geo.contains(row["latitude"]!) && geo.contains(row["longitude"]!))
                if row["is_retweet"] == "true" {
                    XCTAssertTrue(row["tweet_text"]!.hasPrefix("RT @"))
                    XCTAssertFalse(row["retweet_userid"]!.isEmpty)
                    XCTAssertNotNil(UInt64(row["retweet_tweetid"]!))
                } else {
                    XCTAssertEqual(row["retweet_userid"], "")
                    XCTAssertEqual(row["retweet_tweetid"], "")
                }
            }
            let counts = rows.filter { $0["like_count"]!.isEmpty }.count
            XCTAssertGreaterThan(counts, 0, "some counts are empty")
            let retweets = Double(rows.filter { $0["is_retweet"] == "true" }.count) / Double(rows.count)
            XCTAssertTrue((0.3...0.5).contains(retweets), "retweet share \(retweets)")
        }
    }

    func testHashedAccountsPerEra() throws {
        for spec in GeneratedFixtures.userSpecs {
            let rows = try GeneratedFixtures.table(spec.usersFileName).rows
            for row in rows {
                let id = row["userid"]!
                let followers = Int(row["follower_count"]!)!
                if followers < 5_000 {
                    XCTAssertEqual(row["user_display_name"], id)
                    XCTAssertEqual(row["user_screen_name"], id)
                    if spec.format == .format2018 {
                        XCTAssertEqual(id.count, 64)
                        XCTAssertTrue(id.allSatisfy { $0.isHexDigit && !$0.isUppercase }, id)
                    } else {
                        XCTAssertTrue((40...44).contains(id.count), id)
                        XCTAssertTrue(id.hasSuffix("="), id)
                        XCTAssertFalse(id.contains("/"), id)
                    }
                } else {
                    XCTAssertNotNil(UInt64(id), "big accounts keep numeric ids")
                    XCTAssertNotEqual(row["user_screen_name"], id)
                }
            }
            XCTAssertEqual(Set(rows.map { $0["userid"]! }).count, rows.count, "user ids are unique")
        }
    }

    func testListEncodingsPerEra() throws {
        let rows2018 = try GeneratedFixtures.table(ReleaseSpec.freedonia201810.tweetsFileName).rows
        let tagged2018 = rows2018.map { $0["hashtags"]! }.filter { $0.count > 2 }
        XCTAssertFalse(tagged2018.isEmpty)
        XCTAssertTrue(tagged2018.allSatisfy { $0.hasPrefix("[") && $0.hasSuffix("]") && !$0.contains("'") })
        XCTAssertTrue(rows2018.contains { $0["urls"]!.hasPrefix("[http") && $0["urls"]!.contains(",") },
                      "2018 URLs with commas are ambiguous")

        for spec in [ReleaseSpec.freedonia201901, .freedonia202012] {
            let rows = try GeneratedFixtures.table(spec.tweetsFileName).rows
            let tagged = rows.map { $0["hashtags"]! }.filter { $0.count > 2 }
            XCTAssertTrue(tagged.allSatisfy { $0.hasPrefix("['") && $0.hasSuffix("']") }, spec.baseName)
            let urls = rows.map { $0["urls"]! }
            XCTAssertTrue(urls.contains { $0.contains("\"https://freedonia-herald.example/opinion/it's-time-to-choose\"") },
                          "a URL holding ' is written in double quotes")
            XCTAssertTrue(urls.contains { $0.contains("files\\\\report-2017.pdf") }, "backslashes are escaped")
        }
        for spec in GeneratedFixtures.tweetSpecs {
            let rows = try GeneratedFixtures.table(spec.tweetsFileName).rows
            XCTAssertTrue(rows.contains { $0["hashtags"] == "[]" } && rows.contains { $0["hashtags"] == "" },
                          "empty lists appear both as [] and as an empty field")
            let mentions = rows.map { $0["user_mentions"]! }.filter { $0.count > 2 }
            XCTAssertTrue(mentions.allSatisfy { $0.dropFirst().dropLast().split(separator: ",")
                .allSatisfy { UInt64($0.trimmingCharacters(in: .whitespaces)) != nil } })
        }
    }

    func testPythonReprMatchesPython() {
        XCTAssertEqual(PythonRepr.string("SyrianArmy"), "'SyrianArmy'")
        XCTAssertEqual(PythonRepr.string("it's"), "\"it's\"")
        XCTAssertEqual(PythonRepr.string("say \"hi\""), "'say \"hi\"'")
        XCTAssertEqual(PythonRepr.string("it's \"x\""), "'it\\'s \"x\"'")
        XCTAssertEqual(PythonRepr.string("a\\b"), "'a\\\\b'")
        XCTAssertEqual(PythonRepr.string("a\nb\u{7}"), "'a\\nb\\x07'")
        XCTAssertEqual(PythonRepr.string("Фридония 🦆"), "'Фридония 🦆'")
        XCTAssertEqual(PythonRepr.string("a\u{A0}b\u{200E}"), "'a\\xa0b\\u200e'")
        XCTAssertEqual(ListStyle.pythonRepr.encode(strings: ["a", "it's"]), "['a', \"it's\"]")
        XCTAssertEqual(ListStyle.bracketed.encode(strings: ["STOPNazi", "USA"]), "[STOPNazi, USA]")
        XCTAssertEqual(ListStyle.pythonRepr.encode(ids: [1536791610, 0]), "[1536791610, 0]")
    }

    func testTextsCarryTheRealQuirks() throws {
        let texts = try GeneratedFixtures.tweetSpecs.flatMap { try GeneratedFixtures.table($0.tweetsFileName).rows }
            .map { $0["tweet_text"]! }
        XCTAssertTrue(texts.contains { $0.contains("\r\n") }, "CRLF inside a quoted field")
        XCTAssertTrue(texts.contains { $0.contains("\n") && !$0.contains("\r") }, "LF inside a quoted field")
        XCTAssertTrue(texts.contains { $0.contains("\"") }, "embedded double quotes")
        XCTAssertTrue(texts.contains { $0.unicodeScalars.contains { (0x0400...0x04FF).contains($0.value) } }, "Cyrillic")
        XCTAssertTrue(texts.contains { $0.unicodeScalars.contains { (0x0600...0x06FF).contains($0.value) } }, "Arabic")
        XCTAssertTrue(texts.contains { $0.unicodeScalars.contains { $0.value >= 0x1F300 } }, "emoji")
    }

    func testSnowflakeIDsAgreeWithTweetTime() throws {
        for spec in GeneratedFixtures.tweetSpecs {
            let rows = try GeneratedFixtures.table(spec.tweetsFileName).rows
            for row in rows {
                let id = try XCTUnwrap(UInt64(row["tweetid"]!))
                let minute = Int(Snowflake.unixMilliseconds(of: id) / 60_000)
                XCTAssertEqual(CivilTime.minuteText(minute), row["tweet_time"], "tweet \(id)")
            }
            XCTAssertEqual(Set(rows.map { $0["tweetid"]! }).count, rows.count, "tweet ids are unique")
        }
        // A known instant: the Twitter epoch plus one minute.
        XCTAssertEqual(Snowflake.id(unixMilliseconds: Snowflake.epochMilliseconds + 60_000, workerBits: 5),
                       UInt64(60_000) << 22 | 5)
    }

    func testCivilTimeRoundTrips() {
        XCTAssertEqual(CivilTime.dateText(ofDay: 0), "1970-01-01")
        XCTAssertEqual(CivilTime.day(year: 2016, month: 2, day: 29), 16_860)
        XCTAssertEqual(CivilTime.minuteText(CivilTime.day(year: 2017, month: 6, day: 22) * 1440 + 16 * 60 + 3),
                       "2017-06-22 16:03")
        XCTAssertEqual(CivilTime.weekday(ofDay: CivilTime.day(year: 2018, month: 10, day: 17)), 2, "a Wednesday")
        for day in stride(from: 10_000, to: 20_000, by: 37) {
            let date = CivilTime.date(ofDay: day)
            XCTAssertEqual(CivilTime.day(year: date.year, month: date.month, day: date.day), day)
        }
    }

    private func isMinute(_ text: String) -> Bool {
        text.range(of: #"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$"#, options: .regularExpression) != nil
    }

    private func isDate(_ text: String) -> Bool {
        text.range(of: #"^\d{4}-\d{2}-\d{2}$"#, options: .regularExpression) != nil
    }
}
