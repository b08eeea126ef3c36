import Foundation
import TEIPostgres
import TEITestSupport
import XCTest

/// On a terminal, a copy to a PostgreSQL server draws the local import's progress bar on stderr
/// (rows, MB/s, ETA), as the import into the local cache before it does, and clears it when done.
final class ServerProgressTests: XCTestCase {
    private var folder: URL!
    private var scratch: ScratchDatabase!
    private var database: String { scratch.name }
    private var server: TestPostgresServer!
    private var screens: [TerminalScreen] = []

    override func setUpWithError() throws {
        continueAfterFailure = false
        guard TerminalScreen.isAvailable else { throw XCTSkip("tmux is not installed") }
        server = try TestPostgresServer.shared()
        scratch = try ScratchDatabase(prefix: "tei_progress", on: server.url)
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("tei-pty-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDown() {
        screens.forEach { $0.close() }
        screens = []
        if let folder { try? FileManager.default.removeItem(at: folder) }
        scratch?.drop()
    }

    func testACopyToTheServerShowsAProgressBarOnATerminal() throws {
        guard let binary = TeiBinary.locate() else {
            throw TerminalScreen.Failure(description: "cannot find the tei binary beside the tests: build the tei product first (or set TEI_BINARY)")
        }
        var csv = "a,b\n"
        csv.reserveCapacity(12 << 20)
        for n in 0..<1_000_000 { csv += "\(n),\(n % 7)\n" }
        try Data(csv.utf8).write(to: folder.appendingPathComponent("huge.csv"))
        let screen = try TerminalScreen([binary.path, "admin", "import", "huge.csv", "--db", server.url(database: database)], environment: [
            "HOME": folder.path, "TEI_CACHE_DIR": folder.appendingPathComponent("cache").path,
            "TERM": "xterm-256color", "LANG": "C.UTF-8", "NO_COLOR": "1",
        ], directory: folder)
        screens.append(screen)
        let bar = try screen.waitFor("the copy's progress bar", timeout: 120) {
            $0.contains("copying huge.csv to the server") && $0.contains("MB/s") && $0.contains("ETA")
        }
        XCTAssertTrue(bar.contains(" rows"), bar)
        let done = try screen.waitFor("huge.csv: imported as", timeout: 120)
        XCTAssertFalse(done.contains("MB/s"), "the bar is cleared when the copy ends: \(done)")
        XCTAssertTrue(done.contains("huge.csv: copied rows: 1000000 rows"), done)
        XCTAssertFalse(done.contains(server.password), done)
    }
}
