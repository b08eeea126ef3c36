import Foundation
import XCTest

/// `--threads N` and `TEI_THREADS` set how many threads a grouping may run on, `TEI_PARALLEL_MIN_ROWS`
/// the smallest table split; a value that is not a whole number in range is refused before anything runs.
final class ThreadsOptionTests: XCTestCase {
    private let code = #"let t = load "Fixtures/freedonia_201901_1_tweets_csv_hashed.csv"; t | group tweet_client_name (n = count())"#

    /// With `TEI_PARALLEL_MIN_ROWS=0` even the fixture is split: `explain` says over how many
    /// threads, and the rows are those of one thread.
    func testEveryThreadCountGivesTheSameRows() throws {
        let anySize = ["TEI_PARALLEL_MIN_ROWS": "0"]
        let one = try TEIBinary.run(["-c", code, "--threads", "1"], environment: anySize)
        XCTAssertEqual(one.status, 0, one.standardError)
        let three = try TEIBinary.run(["-c", code], environment: anySize.merging(["TEI_THREADS": "3"]) { $1 })
        XCTAssertEqual(three.status, 0, three.standardError)
        XCTAssertEqual(three.standardOutput, one.standardOutput)
        let explained = try TEIBinary.run(["-c", code.replacingOccurrences(of: "t | group", with: "explain t | group"), "--threads", "2"],
                                          environment: anySize)
        XCTAssertEqual(explained.status, 0, explained.standardError)
        XCTAssertTrue(explained.standardOutput.hasPrefix("-- 2 threads: the rows of "), explained.standardOutput)
        XCTAssertTrue(explained.standardOutput.contains("-- merge of the partial results\n"), explained.standardOutput)
        let serial = try TEIBinary.run(["-c", code.replacingOccurrences(of: "t | group", with: "explain t | group"), "--threads", "1"],
                                       environment: anySize)
        XCTAssertTrue(serial.standardOutput.hasPrefix("WITH "), serial.standardOutput)
    }

    func testUnusableThreadCountsAreRefused() throws {
        let option = try TEIBinary.run(["-c", "1", "--threads", "0"])
        XCTAssertEqual(option.status, 2)
        XCTAssertTrue(option.standardError.contains("--threads must be at least 1"), option.standardError)
        let variable = try TEIBinary.run(["-c", "1"], environment: ["TEI_THREADS": "many"])
        XCTAssertEqual(variable.status, 2)
        XCTAssertTrue(variable.standardError.contains("TEI_THREADS must be a whole number from 1, found 'many'"), variable.standardError)
        XCTAssertEqual(variable.standardOutput, "")
        let rows = try TEIBinary.run(["-c", "1"], environment: ["TEI_PARALLEL_MIN_ROWS": "-5"])
        XCTAssertEqual(rows.status, 2)
        XCTAssertTrue(rows.standardError.contains("TEI_PARALLEL_MIN_ROWS must be a whole number from 0, found '-5'"), rows.standardError)
    }
}
