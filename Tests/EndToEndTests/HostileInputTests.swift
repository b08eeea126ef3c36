import Foundation
import XCTest

/// Inputs that used to crash `tei` (a stack overflow, a trap) or that `check` passed and SQLite then
/// refused: each must end in a diagnostic at the spot, exit status 1, and no signal.
final class HostileInputTests: XCTestCase {
    static let tweets = TEIBinary.repositoryRoot.appendingPathComponent("Fixtures/freedonia_201901_1_tweets_csv_hashed.csv").path
    static var prelude: String { "let t = load \"\(tweets)\"\n" }

    /// Runs `tei COMMAND script` on `text` written to a temporary script.
    private func tei(_ command: String, _ text: String, arguments: [String] = [],
                     file: StaticString = #filePath, line: UInt = #line) throws -> TEIBinary.Result {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tei-hostile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let script = folder.appendingPathComponent("hostile.tei")
        try Data(text.utf8).write(to: script)
        let result = try TEIBinary.run(["--no-progress", command, script.path] + arguments)
        XCTAssertFalse(result.standardError.contains("crashed"), result.standardError, file: file, line: line)
        return result
    }

    /// `tei check` and `tei run` both stop with exit status 1 and print `message` at `location`.
    private func assertRejected(_ text: String, _ message: String, at location: String,
                                file: StaticString = #filePath, line: UInt = #line) throws {
        for command in ["check", "run"] {
            let result = try tei(command, text, file: file, line: line)
            XCTAssertEqual(result.status, 1, "\(command): \(result.standardError.prefix(2000))", file: file, line: line)
            XCTAssertTrue(result.standardError.contains("hostile.tei:\(location): error: \(message)"),
                          "\(command): \(result.standardError.prefix(2000))", file: file, line: line)
        }
    }

    func testAChainOfFiveThousandOperatorsIsTooDeep() throws {
        try assertRejected("1" + String(repeating: " + 1", count: 5_000), "expression nests too deeply (more than 200 levels)",
                           at: "1:799")
        try assertRejected("true" + String(repeating: " and true", count: 5_000), "expression nests too deeply", at: "1:1797")
    }

    func testARecursiveFunctionIsReportedAtItsCall() throws {
        try assertRejected("fn f(x) = f(x)\nf(1)", "fn f calls itself: recursion is not supported", at: "1:11")
        try assertRejected("fn f(x) = g(x)\nfn g(x) = f(x) + 1\nf(1)", "fn f calls itself (f → g → f): recursion is not supported",
                           at: "2:11")
        try assertRejected(Self.prelude + "fn again(x) = x | again()\nt | again()", "fn again calls itself: recursion is not supported",
                           at: "2:19")
        // The same function twice in one expression, or on its own result, is no recursion.
        let nested = try tei("run", "fn inc(x) = x + 1\ninc(inc(1)) + inc(2)")
        XCTAssertEqual(nested.status, 0, nested.standardError)
        XCTAssertTrue(nested.standardOutput.contains("6"), nested.standardOutput)
    }

    func testAFunctionDoublingItsArgumentIsBounded() throws {
        let text = "fn twice(x) = x + x\n" + String(repeating: "twice(", count: 40) + "1" + String(repeating: ")", count: 40)
        try assertRejected(text, "this statement expands to more than 100000 expressions", at: "2:235")
    }

    func testDurationAndIntegerLiteralsPast64BitsAreReported() throws {
        try assertRejected("106751991167301d", "duration 106751991167301d is too large", at: "1:1")
        try assertRejected("99999999999999999999", "integer 99999999999999999999 is too large", at: "1:1")
        try assertRejected("9223372036854775807 + 1", "integer overflow: the result is beyond ±9223372036854775807", at: "1:1")
        try assertRejected("-9223372036854775807 - 1 - 1", "integer overflow", at: "1:1")
    }

    /// SQLite turns an integer `+` or `*` past 64 bits into an approximate real; tei stops instead,
    /// because an id changed in its last digits is a wrong answer.
    func testIntegerOverflowWhileRunningIsAnError() throws {
        let result = try tei("run", Self.prelude + "t | select square = tweetid * tweetid | take 2")
        XCTAssertEqual(result.status, 1, result.standardError)
        XCTAssertTrue(result.standardError.contains("hostile.tei:2:1: error: integer overflow: a whole number computed here is beyond"),
                      result.standardError)
        let fine = try tei("run", Self.prelude + "t | filter like_count != null | select n = like_count * 2 - 1, d = tweet_time - @2000-01-01 | take 1")
        XCTAssertEqual(fine.status, 0, fine.standardError)
    }

    func testTwentyThousandStepsAreTooMany() throws {
        try assertRejected(Self.prelude + "t" + String(repeating: " | take 5", count: 20_000),
                           "pipeline has more than 500 steps, counting those of the tables it reads", at: "2:4496")
        // Just under the limit, the pipeline runs.
        let long = try tei("run", Self.prelude + "t" + String(repeating: " | filter like_count >= 0 | take 1000", count: 249) + " | count")
        XCTAssertEqual(long.status, 0, String(long.standardError.prefix(2000)))
    }

    /// What SQLite refuses for its size is found by `check`, before anything runs.
    func testCheckFindsWhatSQLiteWouldRefuse() throws {
        let columns = (0..<2_100).map { "c\($0) = like_count" }.joined(separator: ", ")
        try assertRejected(Self.prelude + "t | count\nt | select \(columns)",
                           "this statement is too large for SQLite: it has more than 2000 columns", at: "3:1")
        let deep = String(repeating: "(", count: 40) + "like_count" + String(repeating: " + 1)", count: 40)
        try assertRejected(Self.prelude + "t | select x = \(deep)", "this statement is too large for SQLite: its expressions nest too deeply",
                           at: "2:1")
        // `check` ran no query: the first statement's result was not printed.
        let checked = try tei("check", Self.prelude + "t | count\nt | select \(columns)")
        XCTAssertEqual(checked.standardOutput, "")
    }

    /// A 5 MB unknown name gets no did-you-mean search (it took 8 s) and is not printed whole.
    func testAHugeUnknownNameIsReportedBriefly() throws {
        let name = "x" + String(repeating: "a", count: 5_000_000)
        let result = try tei("check", Self.prelude + "t | filter \(name) > 0")
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.standardError.contains("hostile.tei:2:12: error: unknown column 'xaaaa"), String(result.standardError.prefix(500)))
        XCTAssertFalse(result.standardError.contains("did you mean"))
        XCTAssertLessThan(result.standardError.utf8.count, 1_000, "the name is cut in the message and the source line")
    }

    /// tei text never holds NUL (imports drop it, SQLite's text functions stop at it).
    func testTheNULCharacterInTextIsRejected() throws {
        for literal in [#""a\0b""#, #""a\u{0}b""#, "\"a\u{0}b\""] {
            try assertRejected("\"ok\"\n" + literal, "a string cannot hold the NUL character: tei text never contains it", at: "2:1")
        }
        try assertRejected("`a\0b`", "a quoted name cannot hold the NUL character", at: "1:1")
    }

    func testNonFiniteFloatParametersAreRejected() throws {
        for value in ["nan", "inf", "-infinity", "1e999"] {
            let result = try tei("run", "param ratio = 1.5\nratio", arguments: ["--param", "ratio=\(value)"])
            XCTAssertEqual(result.status, 1, value)
            XCTAssertTrue(result.standardError.contains("error: --param ratio=\(value): expected a finite number like 2.5 (not nan or inf)"),
                          result.standardError)
        }
        let finite = try tei("run", "param ratio = 1.5\nratio", arguments: ["--param", "ratio=2.25"])
        XCTAssertEqual(finite.status, 0, finite.standardError)
        XCTAssertTrue(finite.standardOutput.contains("2.25"), finite.standardOutput)
    }

    /// The engine's hidden columns (row numbers, sort keys) start with `__tei_`: a user's column of
    /// such a name once stood in for the sort key, and `take 2` answered a=3, a=2 instead of 3, 1.
    func testNamesStartingWithTheEnginesPrefixAreRefusedWhereverTheyAreGiven() throws {
        let message = "names starting with __tei_ are reserved for tei's own columns"
        try assertRejected(Self.prelude + "t | derive __tei_o1 = 1 | take 2", message, at: "2:12")
        try assertRejected(Self.prelude + "t | select tweetid as __TEI_x", message, at: "2:23")
        try assertRejected(Self.prelude + "t | group userid (__Tei_n = count())", message, at: "2:19")
        try assertRejected(Self.prelude + "t | explode hashtags as __tei_tag", message, at: "2:25")
        try assertRejected("let __tei_t = 3", message, at: "1:5")
        try assertRejected("param __tei_p = 3", message, at: "1:7")
        try assertRejected("fn __tei_f(x) = x", message, at: "1:4")
        try assertRejected("fn f(__tei_x) = 1", message, at: "1:6")
    }

    /// A number past 64 bits once became the largest integer and a float literal past 1.8e308 became
    /// null, both with exit status 0.
    func testNumbersThatDoNotFitAreErrors() throws {
        try assertRejected("1e400 > 5.0", "number 1e400 is too large", at: "1:1")
        for text in ["int(\"99999999999999999999\")", "int(1e300)", "int(-1e300)", "int(\"-1e19\")"] {
            let result = try tei("run", text)
            XCTAssertEqual(result.status, 1, "\(text): \(result.standardOutput)")
            XCTAssertTrue(result.standardError.contains("hostile.tei:1:1: error: integer overflow"), "\(text): \(result.standardError)")
        }
        let fitting = try tei("run", Self.prelude + "t | take 1 | select a = int(\" 42 \"), b = int(\"-3.9\"), c = int(\"1e3\"), d = int(2.9), e = int(-9223372036854775808.0)",
                              arguments: ["--format", "csv"])
        XCTAssertEqual(fitting.status, 0, fitting.standardError)
        XCTAssertTrue(fitting.standardOutput.hasSuffix("\n42,-3,1000,2,-9223372036854775808\n"), fitting.standardOutput)
        // Text that is no decimal number, or a float past 1.8e308, is null rather than 0, 12 or inf.
        let notNumbers = try tei("run", Self.prelude + "t | take 1 | select a = int(\"12abc\"), b = int(\"0x10\"), c = float(\"abc\"), d = float(\"1e400\"), e = float(\"inf\"), f = float(\" 2.5\")",
                                 arguments: ["--format", "csv"])
        XCTAssertEqual(notNumbers.status, 0, notNumbers.standardError)
        XCTAssertTrue(notNumbers.standardOutput.hasSuffix("\n,,,,,2.5\n"), notNumbers.standardOutput)
    }

    /// A long `in` list once met the statement's expression limit, whose hint speaks of functions.
    func testALongInListIsRefusedWithItsOwnLimit() throws {
        let items = (0..<100_000).map { "\"v\($0)\"" }.joined(separator: ", ")
        try assertRejected(Self.prelude + "t | filter tweet_language in [\(items)] | count",
                           "a list of 100000 items is more than tei can compare at once (limit 50000)", at: "2:30")
        let result = try tei("check", Self.prelude + "t | filter tweet_language in [\(items)] | count")
        XCTAssertTrue(result.standardError.contains("hint: save the values in a CSV file, load it and use join"), result.standardError)
        XCTAssertFalse(result.standardError.contains("function"), result.standardError)
    }
}
