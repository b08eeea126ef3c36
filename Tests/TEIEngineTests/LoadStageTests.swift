import Foundation
import TEIEngine
import TEIStorage
import XCTest

/// The checker only peeks at the files `load` names; the load stage imports them after checking,
/// before anything runs, and a plain CSV whose import finds other types than its first rows showed
/// is checked again against the imported schema.
final class LoadStageTests: XCTestCase {
    /// A plain CSV whose column `n` holds whole numbers in the rows a peek reads, and text after them.
    private func writeLateText(_ harness: SessionHarness, name: String = "late.csv") throws {
        let rows = (1...TableStore.sampledRows).map { "\($0),x" } + ["n/a,y"]
        try (["n,label"] + rows).joined(separator: "\n").appending("\n")
            .write(to: harness.workingDirectory.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }

    private func cacheFiles(_ harness: SessionHarness) -> [String] {
        let folder = harness.workingDirectory.appendingPathComponent("cache")
        return ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasSuffix(".sqlite") }
    }

    func testCheckingImportsNothing() throws {
        let harness = try SessionHarness()
        try writeLateText(harness)
        let output = CapturedOutput(sources: harness.session.sources)
        let index = harness.session.addSource(name: "<command line>", text: #"load "late.csv" | filter n > 3 | count"#,
                                              baseDirectory: harness.workingDirectory)
        let statements = harness.session.check(sourceIndex: index, output: output, importing: false)
        XCTAssertEqual(statements?.count, 1, output.standardError.joined(separator: "\n"))
        XCTAssertEqual(cacheFiles(harness), [])
        XCTAssertTrue(harness.session.loadedTables.isEmpty)
    }

    func testTypesPastThePeekedRowsAreCheckedAgainBeforeAnythingRuns() throws {
        let harness = try SessionHarness()
        try writeLateText(harness)
        let (outcome, output) = harness.run(#"load "late.csv" | count"# + "\n" + #"load "late.csv" | filter n > 3"#)
        XCTAssertEqual(outcome, .checkFailed)
        XCTAssertEqual(output.standardOutput, [], "the first statement did not run")
        XCTAssertEqual(output.errors.count, 1, "reported once: \(output.standardError)")
        XCTAssertTrue(output.standardError.joined().contains("text"), output.standardError.joined(separator: "\n"))
        XCTAssertEqual(cacheFiles(harness).count, 1, "imported once")

        let shown = harness.run(#"load "late.csv" | select n | take 1001..1001"#)
        XCTAssertEqual(shown.outcome, .success, shown.output.standardError.joined(separator: "\n"))
        XCTAssertEqual(shown.output.tables.first?.columns, [Column("n", .text)])
        XCTAssertEqual(shown.output.tables.first?.rows, [[.text("n/a")]])
    }

    func testAFileChangedSinceAnEarlierCellIsCheckedAgainstItsNewColumns() throws {
        let harness = try SessionHarness()
        try "n,label\n1,x\n".write(to: harness.workingDirectory.appendingPathComponent("t.csv"), atomically: true, encoding: .utf8)
        XCTAssertEqual(harness.run(#"load "t.csv" | filter n > 0 | count"#).outcome, .success)
        try "n,label\nmany,x\n".write(to: harness.workingDirectory.appendingPathComponent("t.csv"), atomically: true, encoding: .utf8)
        let (outcome, output) = harness.run(#"load "t.csv" | filter n > 0 | count"#)
        XCTAssertEqual(outcome, .checkFailed, output.printed)
        XCTAssertEqual(output.errors.count, 1, output.standardError.joined(separator: "\n"))
    }

    func testEachLoadReportsItsWarningsAtItsPathOnceTheTablesAreImported() throws {
        let harness = try SessionHarness()
        try "a,b\n1,2\n3\n4,5\n".write(to: harness.workingDirectory.appendingPathComponent("ragged.csv"), atomically: true, encoding: .utf8)
        let (outcome, output) = harness.run(#"let t = load "ragged.csv" lenient"# + "\nt | count\nt | count")
        XCTAssertEqual(outcome, .success, output.standardError.joined(separator: "\n"))
        XCTAssertEqual(output.diagnostics.map(\.severity), [.warning], "one load, one warning: \(output.standardError)")
        XCTAssertTrue(output.standardError[0].contains("skipped 1 malformed row"), output.standardError[0])
        XCTAssertEqual(output.diagnostics.first?.span?.start, 13, "at the path")
    }
}

extension LoadStageTests {
    /// A `let` whose import failed is defined (its check passed), and using it later imports again
    /// rather than compiling a scan of a table never imported.
    func testALetWhoseImportFailedIsImportedAgainWhereItIsUsed() throws {
        let harness = try SessionHarness()
        let rows = (1...TableStore.sampledRows).map { "\($0),x" } + ["1"]
        try (["n,label"] + rows).joined(separator: "\n").appending("\n")
            .write(to: harness.workingDirectory.appendingPathComponent("ragged.csv"), atomically: true, encoding: .utf8)
        let first = harness.run(#"let t = load "ragged.csv""#)
        XCTAssertEqual(first.outcome, .checkFailed)
        XCTAssertTrue(first.output.standardError.joined().contains("expected 2 fields, found 1"), first.output.standardError.joined())
        let second = harness.run("t | count")
        XCTAssertEqual(second.outcome, .checkFailed)
        XCTAssertEqual(second.output.errors.count, 1)
        XCTAssertTrue(second.output.standardError.joined().contains("expected 2 fields, found 1"), second.output.standardError.joined())
    }
}

extension LoadStageTests {
    /// A `let` checked against a file that a later cell imported anew with other columns does not
    /// run on the new columns: it says the file changed.
    func testALetOverAFileImportedAnewWithOtherColumnsStops() throws {
        let harness = try SessionHarness()
        let file = harness.workingDirectory.appendingPathComponent("t.csv")
        try "n,label\n1,x\n".write(to: file, atomically: true, encoding: .utf8)
        XCTAssertEqual(harness.run(#"let t = load "t.csv""#).outcome, .success)
        try "n,label\nmany,x\n".write(to: file, atomically: true, encoding: .utf8)
        XCTAssertEqual(harness.run(#"load "t.csv" | count"#).outcome, .success)
        let (outcome, output) = harness.run("t | filter n > 0 | count")
        XCTAssertEqual(outcome, .checkFailed)
        XCTAssertEqual(output.standardOutput, [])
        XCTAssertTrue(output.standardError.joined().contains("'t.csv' has changed since this load was checked"), output.standardError.joined())
    }
}

extension LoadStageTests {
    /// A script that is right for the types of every row, but wrong for those of the first rows the
    /// checker saw, runs: the failed check imports the sampled CSV and checks again.
    func testAScriptRightOnlyForTheFullTypesRuns() throws {
        let harness = try SessionHarness()
        try writeLateText(harness)
        let (outcome, output) = harness.run(#"load "late.csv" | filter n == "n/a" | select label"#)
        XCTAssertEqual(outcome, .success, output.standardError.joined(separator: "\n"))
        XCTAssertEqual(output.tables.first?.rows, [[.text("y")]])
        XCTAssertEqual(output.diagnostics, [], "the first check's error is not reported")
    }

    /// A check that fails for another reason imports only the sampled CSVs, not the TEI tables.
    func testAFailedCheckImportsNoTableWhoseTypesItKnows() throws {
        let harness = try SessionHarness()
        let tweets = SessionHarness.repositoryRoot.appendingPathComponent("Fixtures/freedonia_201901_1_tweets_csv_hashed.csv").path
        let (outcome, output) = harness.run("load \"\(tweets)\" | filter like_count > \"x\"")
        XCTAssertEqual(outcome, .checkFailed)
        XCTAssertEqual(output.errors.count, 1)
        XCTAssertEqual(cacheFiles(harness), [])
    }
}
