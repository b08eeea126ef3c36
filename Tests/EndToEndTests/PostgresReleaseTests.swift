import Foundation
import TEIPostgres
import TEITestSupport
import XCTest

/// What a release on a server shows through the built `tei`, beside the local cache: groupings a
/// rollup answers read the server's copy of the rollup, with the same rows; a release loaded from
/// a file named otherwise than the importer's shows this load's names in `source_file`.
final class PostgresReleaseTests: XCTestCase {
    private var server: TestPostgresServer!
    private var scratch: ScratchDatabase!
    private var database: String { scratch.name }
    private var folder: URL!

    override func setUpWithError() throws {
        server = try TestPostgresServer.shared()
        scratch = try ScratchDatabase(prefix: "tei_release", on: server.url)
        folder = try TEIProcess.scratchFolder()
    }

    override func tearDown() {
        try? FileManager.default.removeItem(at: folder)
        scratch?.drop()
    }

    private var url: String { server.url(database: database) }
    private let tweets = TEIBinary.repositoryRoot.appendingPathComponent("Fixtures/freedonia_201810_tweets_csv_hashed.csv").path

    private func tei(_ arguments: [String], cache: String = "cache") throws -> TEIBinary.Result {
        let result = try TEIProcess.run(arguments, cacheDirectory: folder.appendingPathComponent(cache))
        XCTAssertEqual(result.status, 0, "\(arguments): \(result.standardError)")
        return result
    }

    func testGroupingsARollupAnswersReadItOnTheServerWithTheSameRows() throws {
        let questions = [
            "t | group tweet_language (n = count()) | sort -n, tweet_language",
            "t | filter not is_retweet | group userid (n = count()) | sort -n, userid | take 5",
            "t | group month = bin(tweet_time, 1mo) (n = count()) | sort month",
            "t | explode hashtags as tag | group tag = lower(tag) (n = count()) | sort -n, tag | take 5",
        ]
        for question in questions {
            let code = "let t = load \"\(tweets)\"\n\(question)"
            let local = try tei(["-c", code])
            let onServer = try tei(["--db", url, "-c", code], cache: "server-cache")
            XCTAssertEqual(onServer.standardOutput, local.standardOutput, question)
            let explained = try tei(["--db", url, "-c", "let t = load \"\(tweets)\"\nexplain \(question)"], cache: "server-cache")
            XCTAssertTrue(explained.standardOutput.contains("\"rollup_"), "\(question): \(explained.standardOutput)")
            XCTAssertFalse(explained.standardOutput.contains("\"keyed\""), "\(question): \(explained.standardOutput)")
        }
    }

    func testAFileNamedOtherwiseThanTheImportersShowsItsOwnName() throws {
        let teacher = try tei(["admin", "import", tweets, "--db", url])
        XCTAssertTrue(teacher.standardOutput.contains("imported as tei_"), teacher.standardOutput)
        let renamed = folder.appendingPathComponent("my_tweets.csv")
        try FileManager.default.copyItem(atPath: tweets, toPath: renamed.path)
        let code = "load \"\(renamed.path)\" | group source_file (n = count())"
        let student = try tei(["--db", url, "-c", code], cache: "student-cache")
        let local = try tei(["-c", code], cache: "student-cache")
        XCTAssertEqual(student.standardOutput, local.standardOutput)
        XCTAssertTrue(student.standardOutput.contains("my_tweets.csv"), student.standardOutput)
        XCTAssertFalse(student.standardError.contains("import"), "matched by its digest, not copied: \(student.standardError)")
        let again = try tei(["admin", "import", renamed.path, "--db", url], cache: "student-cache")
        XCTAssertEqual(again.standardOutput, "\(renamed.path): already on the server as "
                       + teacher.standardOutput.components(separatedBy: "imported as ")[1])
    }
}
