import Foundation
import TEITestSupport
import XCTest

/// The README's tour is code a newcomer copies first: it must run as written, from the repository root.
final class ReadmeTests: XCTestCase {
    func testTheTourRuns() throws {
        let readme = try String(contentsOf: TEIBinary.repositoryRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let lines = readme.components(separatedBy: "\n")
        let heading = try XCTUnwrap(lines.firstIndex(of: "## A ten-line tour"))
        let block = try XCTUnwrap(DocumentExamples.blocks(in: lines).first { $0.opening > heading && $0.kind == "tei" }).code
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("tei-readme-\(UUID().uuidString)")
        // `save` in the tour writes out/recent.csv; point it at a temporary folder.
        let script = block.replacingOccurrences(of: "\"out/recent.csv\"", with: "\"\(output.path)/recent.csv\"")
        let result = try TEIBinary.run(["run", "-"], input: script)
        XCTAssertEqual(result.status, 0, result.standardError)
        XCTAssertTrue(result.standardOutput.contains("WITH \"tweets\" AS ("), "explain prints the SQL")
        XCTAssertTrue(result.standardError.contains("saved 100 rows"), result.standardError)
        let saved = try String(contentsOf: output.appendingPathComponent("recent.csv"), encoding: .utf8)
        XCTAssertTrue(saved.hasPrefix("tweetid,userid,"), "the CSV starts with its header")
        try? FileManager.default.removeItem(at: output)
    }
}
