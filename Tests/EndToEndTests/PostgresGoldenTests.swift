import Foundation
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

    func testGoldenScriptsOnPostgreSQL() throws {
        let server = try TestPostgresServer.shared()
        let cases = GoldenTests.cases()
        XCTAssertEqual(Set(Self.knownGaps.keys).subtracting(cases.map(\.relativePath)), [], "known gaps that are no golden script")
        var passed = 0
        for (script, relativePath) in cases {
            let differences = try GoldenTests.differences(script: script, relativePath: relativePath, backend: "pg",
                                                          environment: ["TEI_DATABASE_URL": server.url])
            if differences.isEmpty { passed += 1 }
            if Self.knownGaps[relativePath] != nil {
                XCTAssertFalse(differences.isEmpty, "\(relativePath) passes on PostgreSQL now: take it off the known gaps")
            } else {
                for difference in differences { XCTFail("on PostgreSQL: " + difference) }
            }
        }
        print("golden scripts on PostgreSQL: \(passed) of \(cases.count) pass; \(Self.knownGaps.count) known gaps")
    }
}
