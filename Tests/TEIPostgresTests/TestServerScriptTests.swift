import Foundation
import TEITestSupport
import XCTest

/// Tests/Postgres/pg.sh leaves no server behind: `run` stops its server when the command ends,
/// and the watchdog of `start --owner` stops it when the owner ends.
final class TestServerScriptTests: XCTestCase {
    private let psql = "/usr/lib/postgresql/15/bin/psql"

    func testRunGivesTheCommandAServerAndStopsItAfterwards() throws {
        _ = try TestPostgresServer.shared()  // skips (or fails under ./dev test) without PostgreSQL
        let run = try TestPostgresServer.runScript([
            "run", "sh", "-c", #"echo "$TEI_TEST_DATABASE_URL"; "$0" "$TEI_TEST_DATABASE_URL" -Atc "SELECT 6 * 7"; exit 3"#, psql,
        ])
        XCTAssertEqual(run.status, 3, "the command's status passes through; stderr: \(run.errors)")
        let lines = run.output.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.count, 2, run.output)
        XCTAssertEqual(lines.last, "42")
        let folder = try XCTUnwrap(lines.first?.components(separatedBy: "?host=").last)
        XCTAssertTrue(folder.hasPrefix("/tmp/tei-pg."), folder)
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder), "the server's folder is still there")
    }

    func testTheWatchdogStopsTheServerWhenItsOwnerEnds() throws {
        _ = try TestPostgresServer.shared()
        let owner = Process()
        owner.executableURL = URL(fileURLWithPath: "/bin/sleep")
        owner.arguments = ["600"]
        try owner.run()
        let folder = try TestPostgresServer.script(["start", "--owner", String(owner.processIdentifier)])
        XCTAssertTrue(FileManager.default.fileExists(atPath: folder + "/.s.PGSQL.5432"), "no socket in \(folder)")
        owner.terminate()
        let deadline = Date().addingTimeInterval(60)
        while FileManager.default.fileExists(atPath: folder), Date() < deadline {
            Thread.sleep(forTimeInterval: 0.2)
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder), "the watchdog did not stop the server")
    }

    /// A test process that holds many files open (as the whole suite's does by the time these tests
    /// run) still starts a server: the server inherits none of them.
    func testTheServerInheritsNoFileOfTheTestProcess() throws {
        _ = try TestPostgresServer.shared()
        var original = rlimit()
        getrlimit(Int32(RLIMIT_NOFILE.rawValue), &original)
        // A limit just above the descriptors the suite already holds (earlier tests leave some open),
        // so that filling it takes few and the test process still has room of its own.
        let highestOpen = (try FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")).compactMap { rlim_t($0) }.max() ?? 2
        var lowered = original
        lowered.rlim_cur = min(original.rlim_cur, highestOpen + 256)
        setrlimit(Int32(RLIMIT_NOFILE.rawValue), &lowered)
        var held: [Int32] = []
        defer {
            held.forEach { close($0) }
            setrlimit(Int32(RLIMIT_NOFILE.rawValue), &original)
        }
        // Every descriptor taken, then 45 given back: PostgreSQL would need 58 if it inherited the
        // rest, and the test process keeps room for what other threads of the suite still open.
        while case let descriptor = open("/dev/null", O_RDONLY), descriptor >= 0 {
            held.append(descriptor)
        }
        for _ in 0..<min(45, held.count) { close(held.removeLast()) }
        let server = try TestPostgresServer()
        try server.stop()
    }

    func testStopRemovesOnlyFoldersTheScriptMade() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tei-not-a-server-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try TestPostgresServer.runScript(["stop", folder.path])
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.errors.contains("is not a folder made by pg.sh start"), run.errors)
        XCTAssertTrue(FileManager.default.fileExists(atPath: folder.path))
    }
}
