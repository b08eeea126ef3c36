import Foundation
import XCTest

/// Columns a researcher adds to a TEI file (hand labels) through `tei`: kept beside the release's
/// columns, with types inferred from their values as a plain CSV's are.
final class TEIOwnColumnsTests: XCTestCase {
    private var folder: URL!
    private let release = TEIBinary.repositoryRoot.appendingPathComponent("Fixtures/freedonia_202012_tweets_csv_hashed.csv")
    /// The labels: text, int and bool.
    private let labels = "derive label = if(is_retweet, \"amplifier\", \"author\"), score = like_count % 3 ?? 0, checked = (like_count % 2 == 0) ?? false"

    override func setUpWithError() throws {
        folder = try TEIProcess.scratchFolder()
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    /// A TEI tweets file of the release's first four tweets with three columns of labels added.
    private func labelledFile() throws -> URL {
        let file = folder.appendingPathComponent("labelled_tweets.csv")
        let save = try TEIBinary.run(["-c", "save load \"\(release.path)\" | take 4 | \(labels) to \"\(file.path)\""])
        XCTAssertEqual(save.status, 0, save.standardError)
        return file
    }

    func testAddedColumnsAreSelectableFilterableAndTyped() throws {
        let file = try labelledFile()
        let expected = try TEIBinary.run(["--format", "csv", "-c", """
            load "\(release.path)" | take 4 | \(labels) | filter score >= 1 and checked | select tweetid, label, score, checked
            """])
        XCTAssertEqual(expected.status, 0, expected.standardError)
        let result = try TEIBinary.run(["--format", "csv", "-c",
                                        "load tweets \"\(file.path)\" | filter score >= 1 and checked | select tweetid, label, score, checked"])
        XCTAssertEqual(result.status, 0, result.standardError)
        XCTAssertEqual(result.standardOutput, expected.standardOutput)
        XCTAssertGreaterThan(result.standardOutput.split(separator: "\n").count, 1, "some row should pass the filter")
        XCTAssertEqual(result.standardError, "", "kept columns need no warning")

        let types = try TEIBinary.run(["--format", "csv", "-c", "load \"\(file.path)\" | describe | filter column in [\"label\", \"score\", \"checked\"] | select column, type"])
        XCTAssertEqual(types.status, 0, types.standardError)
        XCTAssertEqual(types.standardOutput, "column,type\nlabel,text\nscore,int\nchecked,bool\n")

        let wrong = try TEIBinary.run(["-c", "load \"\(file.path)\" | filter label > 1"])
        XCTAssertEqual(wrong.status, 1)
        XCTAssertTrue(wrong.standardError.contains("cannot apply '>' to text and int"), wrong.standardError)
    }

    /// A TEI tweets file of `rows` synthetic tweets (ids from `first`, every release column empty
    /// but tweetid and userid), with `added` columns whose value `value(row, column)` gives.
    private func syntheticFile(_ name: String, rows: Int, first: Int = 1000, added: [String] = [],
                               value: (Int, String) -> String = { _, _ in "" }) throws -> URL {
        let header = try String(contentsOf: release, encoding: .utf8).split(separator: "\n", maxSplits: 1)[0]
        let fields = header.split(separator: ",").count
        var text = header + added.map { ",\"\($0)\"" }.joined() + "\n"
        for row in 0..<rows {
            text += "\(first + row),u\(row % 7)" + String(repeating: ",", count: fields - 2)
                + added.map { "," + value(row, $0) }.joined() + "\n"
        }
        let file = folder.appendingPathComponent(name)
        try Data(text.utf8).write(to: file)
        return file
    }

    func testAColumnOneFileOfALoadLacksIsNullInItsRows() throws {
        _ = try syntheticFile("a_tweets.csv", rows: 2, added: ["label"]) { row, _ in "L\(row)" }
        _ = try syntheticFile("b_tweets.csv", rows: 2, first: 2000)
        let result = try TEIBinary.run(["--format", "csv", "-c", "load tweets \"\(folder.path)\" | select source_file, tweetid, label"])
        XCTAssertEqual(result.status, 0, result.standardError)
        XCTAssertEqual(result.standardOutput, "source_file,tweetid,label\na_tweets.csv,1000,L0\na_tweets.csv,1001,L1\nb_tweets.csv,2000,\nb_tweets.csv,2001,\n")
    }

    /// The first thousand rows say int; a later `n/a` makes the column text. The script is checked
    /// against the sample, then again against the imported types.
    func testATypeThatOnlyTheWholeFileShowsIsTheOneUsed() throws {
        let file = try syntheticFile("late_tweets.csv", rows: 1500, added: ["score"]) { row, _ in row < 1200 ? "\(row)" : "n/a" }
        let result = try TEIBinary.run(["--format", "csv", "-c", "load tweets \"\(file.path)\" | filter score == \"n/a\" | count"])
        XCTAssertEqual(result.status, 0, result.standardError)
        XCTAssertEqual(result.standardOutput, "n\n300\n")
    }
}
