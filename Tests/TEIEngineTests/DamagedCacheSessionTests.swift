import Foundation
import TEIEngine
import TEIStorage
import TEITestSupport
import XCTest

/// A session (as the REPL keeps one) whose attached cache is damaged under it: the next query
/// re-imports the source and answers, or, when the source is gone, fails with a clear error.
final class DamagedCacheSessionTests: XCTestCase {
    private let query = "t | filter a + b >= 0 | group (n = count(), total = sum(a))"

    /// A session with `t` loaded from a CSV of `rows` rows `(a, b)` = `(i, i % 7)` in its working
    /// folder, and its cache file.
    private func loadedSession(rows count: Int = 20_000) throws -> (SessionHarness, source: URL, cache: URL) {
        let harness = try SessionHarness()
        let source = harness.workingDirectory.appendingPathComponent("t.csv")
        let rows = (1...count).map { "\($0),\($0 % 7)" }
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

    /// Damage at a random place of an attached cache file (the REPL keeps a session open while a
    /// disk or a copy goes bad): every query answers as from the intact file, and at most one
    /// warns that it imported the source again.
    func testRandomDamageUnderAnAttachedCacheNeverGivesAnotherAnswer() throws {
        let rows = 5000
        let perRemainder = (0..<7).map { b in [Value.int(Int64(b)), .int(Int64((1...rows).filter { $0 % 7 == b }.count))] }
        for (index, kind) in CacheDamage.Kind.allCases.enumerated() {
            for trial in 0..<8 {
                let (harness, source, cache) = try loadedSession(rows: rows)
                let place = try CacheDamage.damage(cache, kind, seed: UInt64(100 + index * 1000 + trial))
                let total = harness.run(query)
                XCTAssertEqual(total.outcome, .success, "\(place): \(total.output.standardError)")
                XCTAssertEqual(total.output.tables.first?.rows, [[.int(Int64(rows)), .int(Int64(rows * (rows + 1) / 2))]], place)
                let grouped = harness.run("t | group b (n = count()) | sort b")
                XCTAssertEqual(grouped.outcome, .success, "\(place): \(grouped.output.standardError)")
                XCTAssertEqual(grouped.output.tables.first?.rows, perRemainder, place)
                let warnings = (total.output.diagnostics + grouped.output.diagnostics).map(\.message)
                XCTAssertTrue(warnings.count <= 1 && warnings.allSatisfy { $0 == "the cache of \(source.path) was damaged; re-imported" },
                              "\(place): \(warnings)")
            }
        }
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

    /// The tables a query reads are those of its plan, through `let`s and joins: of two loaded
    /// tables, only the damaged one is imported again, and the answer is that of the intact files.
    func testOnlyTheDamagedTableOfAJoinIsReimported() throws {
        let (harness, _, _) = try loadedSession(rows: 5000)
        let folder = harness.workingDirectory.appendingPathComponent("cache")
        func caches() throws -> Set<String> {
            Set(try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".sqlite") })
        }
        let before = try caches()
        let other = harness.workingDirectory.appendingPathComponent("u.csv")
        try Data((["a,c"] + (1...5000).map { "\($0),\($0 % 3)" }).joined(separator: "\n").appending("\n").utf8).write(to: other)
        let loaded = harness.run("let u = load \"u.csv\"\nlet v = u | filter c == 0")
        XCTAssertEqual(loaded.outcome, .success, loaded.output.standardError.joined(separator: "\n"))
        let cache = try XCTUnwrap(try caches().subtracting(before).first)
        try CacheDamage.overwriteLeafPageOfRows(in: folder.appendingPathComponent(cache))
        func fileNumber(_ name: String) throws -> Int? {
            try FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent(name).path)[.systemFileNumber] as? Int
        }
        let intact = try XCTUnwrap(before.first)
        let intactFile = try fileNumber(intact)

        let (outcome, output) = harness.run("t | join v on a | group (n = count(), total = sum(a))")
        XCTAssertEqual(outcome, .success, output.standardError.joined(separator: "\n"))
        let multiples = (1...5000).filter { $0 % 3 == 0 }
        XCTAssertEqual(output.tables.first?.rows.first, [.int(Int64(multiples.count)), .int(Int64(multiples.reduce(0, +)))])
        XCTAssertEqual(output.diagnostics.map(\.message), ["the cache of \(other.path) was damaged; re-imported"])
        XCTAssertEqual(try fileNumber(intact), intactFile, "t's cache is not imported again")
    }

    /// `save` streams its rows: damage met before the first row is repaired as for a shown result.
    func testASaveReadingADamagedCacheReimportsAndWritesTheRows() throws {
        let (harness, source, cache) = try loadedSession(rows: 5000)
        try CacheDamage.overwriteLeafPageOfRows(in: cache)
        let (outcome, output) = harness.run("save t | group b (n = count()) | sort b to \"out.csv\"")
        XCTAssertEqual(outcome, .success, output.standardError.joined(separator: "\n"))
        XCTAssertEqual(output.diagnostics.map(\.message), ["the cache of \(source.path) was damaged; re-imported"])
        let saved = try String(contentsOf: harness.workingDirectory.appendingPathComponent("out.csv"), encoding: .utf8)
        let counts = (0..<7).map { b in "\(b),\((1...5000).filter { $0 % 7 == b }.count)" }
        XCTAssertEqual(saved, (["b,n"] + counts).joined(separator: "\n") + "\n")
    }
}
