import Foundation
import TEITestSupport
import XCTest

/// Tests/Postgres/pg.sh's cluster for scale-out: `cluster-run` gives a command a coordinator and two
/// shards and stops all three when it ends; `cluster-stop` removes only what `cluster` made.
final class TestClusterScriptTests: XCTestCase {
    private let psql = "/usr/lib/postgresql/15/bin/psql"

    func testClusterRunGivesTheCommandThreeServersAndStopsThemAfterwards() throws {
        try TestPostgresServer.requireInstalled()
        let run = try TestPostgresServer.runScript([
            "cluster-run", "sh", "-c",
            #"echo "$TEI_TEST_DATABASE_URL"; for shard in $TEI_TEST_SHARD_URLS; do echo "$shard"; "$0" "$shard" -Atc "SELECT 6 * 7"; done; exit 3"#,
            psql,
        ])
        XCTAssertEqual(run.status, 3, "the command's status passes through; stderr: \(run.errors)")
        let lines = run.output.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.count, 5, run.output)
        XCTAssertEqual(lines.filter { $0 == "42" }.count, 2, "each shard answers: \(run.output)")
        let folders = lines.filter { $0.hasPrefix("postgres://") }.compactMap { $0.components(separatedBy: "?host=").last }
        XCTAssertEqual(Set(folders).count, 3, "three servers of their own: \(run.output)")
        for folder in folders {
            XCTAssertFalse(FileManager.default.fileExists(atPath: folder), "\(folder) is still there")
        }
    }

    func testClusterStopRefusesAFolderItDidNotMake() throws {
        try TestPostgresServer.requireInstalled()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("not-a-cluster-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try TestPostgresServer.runScript(["cluster-stop", folder.path])
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.errors.contains("is not a folder made by pg.sh cluster"), run.errors)
        XCTAssertTrue(FileManager.default.fileExists(atPath: folder.path))
    }
}
