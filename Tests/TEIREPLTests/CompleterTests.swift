import Foundation
import TEIREPL
import XCTest

final class CompleterTests: XCTestCase {
    private var folder: URL!
    private var asked: [String] = []

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("tei-complete-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("data"), withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: folder.appendingPathComponent("data/tweets.csv").path, contents: Data())
        FileManager.default.createFile(atPath: folder.appendingPathComponent("data/users.csv").path, contents: Data())
        FileManager.default.createFile(atPath: folder.appendingPathComponent("helpers.tei").path, contents: Data())
    }

    override func tearDown() {
        try? FileManager.default.removeItem(at: folder)
    }

    private func completer() -> Completer {
        Completer(globalNames: { [("tweets", "table"), ("users", "table"), ("top", "fn"), ("since", "date")] },
                  columnsFlowingOutOf: { [weak self] pipeline in
                      self?.asked.append(pipeline)
                      return pipeline.hasPrefix("tweets") ? ["tweet_text", "tweet_time", "userid"] : ["user_screen_name"]
                  },
                  baseDirectory: folder)
    }

    func testTransformsAfterAPipe() {
        let completion = completer().complete("tweets | fi")
        XCTAssertEqual(completion.word, "fi")
        XCTAssertEqual(completion.candidates, ["filter"])
        XCTAssertTrue(completer().complete("tweets | ").candidates.contains("top"), "user functions are steps too")
    }

    func testColumnsOfTheTableFlowingIntoTheStep() {
        let completion = completer().complete("let x = tweets | filter tweet_")
        XCTAssertEqual(completion.candidates, ["tweet_text", "tweet_time"])
        XCTAssertEqual(completion.insertion, "t")
        XCTAssertEqual(asked, ["tweets"], "the let prefix is not part of the pipeline")
    }

    func testColumnsInsideBracketsOfAStepAndAcrossLines() {
        XCTAssertEqual(completer().complete("tweets\n  | group userid (n = count(), first = min(tweet_ti").candidates, ["tweet_time"])
        XCTAssertEqual(asked.last, "tweets")
        XCTAssertEqual(completer().complete("tweets | filter userid == \"1\"\n  | select user").candidates, ["userid", "users"])
        XCTAssertEqual(asked.last, "tweets | filter userid == \"1\"")
    }

    /// `| filter` ending a line continues the cell, and its condition on the next line completes
    /// from the columns flowing into it.
    func testColumnsOnTheLineAfterATrailingTransform() {
        XCTAssertEqual(completer().complete("tweets | filter\n  tweet_t").candidates, ["tweet_text", "tweet_time"])
        XCTAssertEqual(asked.last, "tweets")
        XCTAssertEqual(completer().complete("tweets | join users on\n  user").candidates, ["userid", "users"])
    }

    func testFunctionsAndNamesInsideAStep() {
        let candidates = completer().complete("tweets | filter si").candidates
        XCTAssertEqual(candidates, ["since"])
        XCTAssertTrue(completer().complete("tweets | derive n = lo").candidates.contains("lower"))
    }

    /// A raw string's backslash does not escape its closing quote, so what follows it completes.
    func testColumnsAfterARawStringEndingInABackslash() {
        XCTAssertEqual(completer().complete(#"tweets | filter tweet_text ~ r"\" and tweet_t"#).candidates, ["tweet_text", "tweet_time"])
        XCTAssertEqual(completer().complete(#"tweets | filter tweet_text ~ r"\d+ tweet_t"#).candidates, [], "still inside the raw string")
    }

    func testTablesAfterJoin() {
        XCTAssertEqual(completer().complete("tweets | join us").candidates, ["users"])
    }

    func testStatementStartOffersNamesAndKeywords() {
        let candidates = completer().complete("t | count\nt").candidates
        XCTAssertEqual(candidates, ["top", "tweets"])
        XCTAssertEqual(completer().complete("le").candidates, ["let"])
    }

    func testFilePathsInsideLoadAndImport() {
        XCTAssertEqual(completer().complete("let t = load \"da").candidates, ["data/"])
        XCTAssertEqual(completer().complete("let t = load \"data/t").candidates, ["data/tweets.csv"])
        XCTAssertEqual(completer().complete("let t = load tweets \"data/t").candidates, ["data/tweets.csv"])
        XCTAssertEqual(completer().complete("let t = load lenient \"data/t").candidates, ["data/tweets.csv"])
        XCTAssertEqual(completer().complete("import \"").candidates, ["data/", "helpers.tei"])
        XCTAssertEqual(completer().complete("t | filter x == \"da").candidates, [], "other strings are not paths")
    }

    func testMetaCommands() {
        XCTAssertEqual(completer().complete(":sc").candidates, [":schema"])
        XCTAssertEqual(completer().complete(":schema u").candidates, ["users"])
        XCTAssertEqual(completer().complete(":format j").candidates, ["json"])
        XCTAssertEqual(completer().complete(":help expl").candidates, ["explode"])
        XCTAssertEqual(completer().complete(":help sam").candidates, ["sample"])
        XCTAssertEqual(completer().complete("t | ren").candidates, ["rename"])
        XCTAssertEqual(completer().complete(":run hel").candidates, ["helpers.tei"])
    }

    func testCommonPrefixIsInserted() {
        XCTAssertEqual(Completion(word: "tw", candidates: ["tweet_text", "tweet_time"]).insertion, "eet_t")
        XCTAssertEqual(Completion(word: "x", candidates: []).insertion, "")
    }
}
