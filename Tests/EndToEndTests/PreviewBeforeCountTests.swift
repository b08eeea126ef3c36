import Foundation
import XCTest

/// The table format prints a result's rows as soon as they are fetched and the footer with their
/// total once it is counted: "more than N rows" when counting passes a second, the exact total
/// with `--count`. Ctrl-C during the count leaves the rows printed under the lower bound.
///
/// The result is cheap to start and slow to count: its first 11,000 rows pass the filter at once,
/// and each of the 2,000 after them makes the regular expression backtrack for milliseconds.
/// Timing is asserted only as an order (rows before footer), never as a duration.
final class PreviewBeforeCountTests: XCTestCase {
    private var folder: URL!

    private static let script = """
        let t = load "r.csv"
        t | filter v <= 11000 or s ~ "^(a|aa)+$"
        """

    private static let preview = """
        v  s  source_file
        ─  ─  ───────────
        1  b  r.csv
        2  b  r.csv
        3  b  r.csv

        """

    override func setUpWithError() throws {
        folder = try TEIProcess.scratchFolder()
        let slow = String(repeating: "a", count: 21) + "!"
        let rows = (1...11_000).map { "\($0),b" } + (11_001...13_000).map { "\($0),\(slow)" }
        try Data((["v,s"] + rows + [""]).joined(separator: "\n").utf8).write(to: folder.appendingPathComponent("r.csv"))
        try Data(Self.script.utf8).write(to: folder.appendingPathComponent("slow.tei"))
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    private func start(_ options: [String]) throws -> TEIProcess {
        try TEIProcess(["run", "slow.tei", "--max-rows", "3"] + options,
                       cacheDirectory: folder.appendingPathComponent("cache"), workingDirectory: folder)
    }

    /// Runs to the end and checks that the rows were printed before the footer.
    private func assertPreviewCameFirst(_ options: [String], footer: String) throws {
        let process = try start(options)
        let result = try XCTUnwrap(process.wait(until: Date().addingTimeInterval(300)), "tei did not finish within 300 s")
        XCTAssertEqual(result.status, 0, result.standardError)
        XCTAssertEqual(result.standardOutput, Self.preview + footer + "\n")
        let previewAt = try XCTUnwrap(process.whenStandardOutputFirstHeld(Self.preview))
        let footerAt = try XCTUnwrap(process.whenStandardOutputFirstHeld(footer))
        XCTAssertLessThan(previewAt, footerAt, "the rows were printed before their total was counted")
    }

    func testTheRowsComeAtOnceAndTheFooterSaysMoreThanAfterASecond() throws {
        try assertPreviewCameFirst([], footer: "showing first 3 of more than 10,003 rows")
    }

    func testWithCountTheFooterGivesTheExactTotalAfterTheRows() throws {
        try assertPreviewCameFirst(["--count"], footer: "showing first 3 of 11,000 rows")
    }

    func testCtrlCDuringTheCountLeavesTheRowsWithALowerBound() throws {
        let process = try start(["--count"])
        let deadline = Date().addingTimeInterval(120)
        while process.whenStandardOutputFirstHeld(Self.preview) == nil, process.ended == nil, Date() < deadline {
            Thread.sleep(forTimeInterval: 0.05)
        }
        XCTAssertNil(process.ended, "the count ended before Ctrl-C: make the slow rows slower")
        process.send(SIGINT)
        let result = try XCTUnwrap(process.wait(until: Date().addingTimeInterval(30)), "tei did not stop within 30 s of Ctrl-C")
        XCTAssertEqual(result.status, 130, result.standardError)
        XCTAssertEqual(result.standardOutput, Self.preview + "showing first 3 of more than 10,003 rows\n")
        XCTAssertTrue(result.standardError.contains("error: interrupted"), result.standardError)
    }

    /// `--report` passes the rows on to the console at once too, and records the result whole.
    func testAReportRecordsTheResultWithItsTotal() throws {
        let report = folder.appendingPathComponent("run.md")
        try assertPreviewCameFirst(["--report", "run.md", "--no-timestamp"], footer: "showing first 3 of more than 10,003 rows")
        let text = try String(contentsOf: report, encoding: .utf8)
        XCTAssertTrue(text.contains("showing first 3 of more than 10,003 rows"), text)
    }
}
