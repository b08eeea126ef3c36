import Foundation
import TEIPostgres
import TEIStorage
import TEITestSupport
import XCTest

/// The golden scripts again, on PostgreSQL: each runs through the real `tei` with
/// `TEI_DATABASE_URL` naming the tests' server (its loads imported there by `PostgresStore`, its
/// queries in the PostgreSQL dialect) and must print exactly what it prints on SQLite, the same
/// `.out` and `.err`, except where a `NAME.pg.out` or `NAME.pg.err` beside it holds what names the
/// backend (`explain` shows the server's SQL). The scripts that cannot pass on PostgreSQL yet are
/// listed in `knownGaps` with the reason: they run too and must still differ, so that a gap
/// that closes is noticed and taken off the list.
final class PostgresGoldenTests: XCTestCase {
    /// Golden scripts (paths from the repository) whose output differs on PostgreSQL, and why.
    static let knownGaps: [String: String] = [:]

    /// Golden scripts whose error names the value of the first row found failing: through shards,
    /// the first row either shard sends, so they are compared with that value left out.
    static let failingRowThroughShards: [String: String] = [
        "Tests/Golden/error_pattern_runtime.tei": "the invalid pattern named is the first failing row's, and either shard may answer first",
    ]

    /// `text` with the pattern an "invalid regular expression" error names left out.
    static func withoutFailingPattern(_ text: String) -> String {
        text.replacingOccurrences(of: "invalid regular expression: [^\n]*", with: "invalid regular expression: …", options: .regularExpression)
    }

    func testGoldenScriptsOnPostgreSQL() throws {
        let server = try TestPostgresServer.shared()
        try checkGoldenScripts(on: server.url, backend: "PostgreSQL")
    }

    /// The same scripts through a coordinator whose tweets tables are spread over two shards
    /// (`tei admin shards add`, docs/postgres.md "Scale-out"): the same expected output, and every
    /// tweets release the scripts loaded has rows on both shards.
    func testGoldenScriptsThroughACoordinatorWithShards() throws {
        let cluster = try TestPostgresCluster.shared()
        let added = try TEIBinary.run(["admin", "shards", "add"] + cluster.shards + ["--db", cluster.coordinator])
        XCTAssertEqual(added.status, 0, added.standardError)
        try checkGoldenScripts(on: cluster.coordinator, backend: "a PostgreSQL coordinator with shards", failingRowDiffers: Self.failingRowThroughShards)

        let coordinator = try PostgresConnection(url: PostgresURL(parsing: cluster.coordinator))
        let releases = try coordinator.query("SELECT DISTINCT schema, rows FROM tei.catalogue WHERE kind = $1", [.text(TableKind.teiTweets.rawValue)])
        XCTAssertGreaterThan(releases.count, 1, "the scripts load tweets releases")
        let shards = try cluster.shards.map { try PostgresConnection(url: PostgresURL(parsing: $0)) }
        for release in releases {
            guard case .text(let schema) = release[0], case .integer(let rows) = release[1] else { return XCTFail("a catalogue row: \(release)") }
            let kind = try coordinator.query("SELECT relkind::text FROM pg_class WHERE oid = to_regclass($1)", [.text("\(schema).rows")])
            XCTAssertEqual(kind, [[.text("p")]], "\(schema).rows on the coordinator is partitioned")
            let counts = try shards.map { shard -> Int64 in
                guard case .integer(let count)? = try shard.query("SELECT count(*) FROM \(schema).rows").first?.first else { return -1 }
                return count
            }
            XCTAssertEqual(counts.reduce(0, +), rows, "\(schema): the shards hold every row")
            if rows > 1 { XCTAssertTrue(counts.allSatisfy { $0 > 0 }, "\(schema): rows on both shards: \(counts)") }
        }
    }

    /// Runs every golden script with `TEI_DATABASE_URL` naming `url`, expecting what it prints on
    /// PostgreSQL (those of `failingRowDiffers` without the pattern their error names), and holds the
    /// known gaps to still differ.
    private func checkGoldenScripts(on url: String, backend: String, failingRowDiffers: [String: String] = [:]) throws {
        let cases = GoldenTests.cases()
        let paths = Set(cases.map(\.relativePath))
        XCTAssertEqual(Set(Self.knownGaps.keys).subtracting(paths), [], "known gaps that are no golden script")
        XCTAssertEqual(Set(failingRowDiffers.keys).subtracting(paths), [], "listed scripts that are no golden script")
        var passed = 0
        for (script, relativePath) in cases {
            let differences = try GoldenTests.differences(script: script, relativePath: relativePath, backend: "pg",
                                                          environment: ["TEI_DATABASE_URL": url],
                                                          normalizing: failingRowDiffers[relativePath] == nil ? { $0 } : Self.withoutFailingPattern)
            if differences.isEmpty { passed += 1 }
            if Self.knownGaps[relativePath] != nil {
                XCTAssertFalse(differences.isEmpty, "\(relativePath) passes on \(backend) now: take it off the known gaps")
            } else {
                for difference in differences { XCTFail("on \(backend): " + difference) }
            }
        }
        print("golden scripts on \(backend): \(passed) of \(cases.count) pass; \(Self.knownGaps.count) known gaps")
    }
}
