import Foundation
import TEIEngine
import TEIStorage
import TEITestSupport
import XCTest

/// A session (as the REPL keeps one) whose attached cache is damaged under it: the next query
/// re-imports the source and answers, or, when the source is gone, fails with a clear error.
final class DamagedCacheSessionTests: XCTestCase {
    private let query = "t | filter a + b >= 0 | group (n = count(), total = sum(a))"

    /// A session with `t` loaded from a 20,000-row CSV in its working folder, and its cache file.
    private func loadedSession() throws -> (SessionHarness, source: URL, cache: URL) {
        let harness = try SessionHarness()
        let source = harness.workingDirectory.appendingPathComponent("t.csv")
        let rows = (1...20_000).map { "\($0),\($0 % 7)" }
        try Data((["a,b"] + rows).joined(separator: "\n").appending("\n").utf8).write(to: source)
        let loaded = harness.run("let t = load \"t.csv\"")
        XCTAssertEqual(loaded.outcome, .success, loaded.output.standardError.joined(separator: "\n"))
        let folder = harness.workingDirectory.appendingPathComponent("cache")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".sqlite") }
        XCTAssertEqual(files.count, 1)
        return (harness, source, folder.appendingPathComponent(files[0]))
    }

    func testAQueryOnADamagedCacheReimportsWarnsOnceAndAnswers() throws {
        let (harness, source, cache) = try loadedSession()
        // Damaged in place, under the attached file: the pages were not read yet.
        try CacheDamage.overwriteLeafPageOfRows(in: cache)
        let (outcome, output) = harness.run(query)
        XCTAssertEqual(outcome, .success, output.standardError.joined(separator: "\n"))
        XCTAssertEqual(output.tables.first?.rows.first, [.int(20_000), .int(200_010_000)])
        XCTAssertEqual(output.diagnostics.map(\.message), ["the cache of \(source.path) was damaged; re-imported"])
        XCTAssertEqual(output.diagnostics.map(\.severity), [.warning])
        XCTAssertEqual(harness.session.loadedTables.first?.imported, true, "provenance shows the new import")
        // The repaired cache answers later queries without another warning.
        let again = harness.run(query)
        XCTAssertEqual(again.outcome, .success)
        XCTAssertEqual(again.output.diagnostics, [])
    }

    func testADamagedCacheWhoseSourceIsGoneIsAClearError() throws {
        let (harness, source, cache) = try loadedSession()
        try CacheDamage.overwriteLeafPageOfRows(in: cache)
        try FileManager.default.removeItem(at: source)
        let (outcome, output) = harness.run(query)
        XCTAssertEqual(outcome, .runFailed)
        XCTAssertEqual(output.errors.count, 1)
        let error = try XCTUnwrap(output.errors.first)
        XCTAssertEqual(error.message,
                       "\(cache.path): the cache is damaged and cannot be rebuilt: \(source.path): no such file")
        XCTAssertEqual(error.hints.count, 1)
        XCTAssertEqual(output.tables.count, 0)
    }
}
