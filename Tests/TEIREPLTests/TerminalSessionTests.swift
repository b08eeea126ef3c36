import Foundation
import XCTest

/// Drives the real `tei` binary in a pseudo-terminal and checks what the screen shows.
final class TerminalSessionTests: XCTestCase {
    private var folder: URL!
    private var binary: URL!
    /// Every screen a test opened, closed in `tearDown` even when the test failed half-way.
    private var screens: [TerminalScreen] = []

    override func setUpWithError() throws {
        continueAfterFailure = false
        guard TerminalScreen.isAvailable else { throw XCTSkip("tmux is not installed") }
        guard let binary = TeiBinary.locate() else {
            throw TerminalScreen.Failure(description: "cannot find the tei binary beside the tests: build the tei product first (or set TEI_BINARY)")
        }
        self.binary = binary
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("tei-pty-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data("userid,tweet_text,like_count\nu1,hello,3\nu2,world,5\nu1,again,1\n".utf8)
            .write(to: folder.appendingPathComponent("t.csv"))
    }

    override func tearDown() {
        screens.forEach { $0.close() }
        screens = []
        if let folder { try? FileManager.default.removeItem(at: folder) }
    }

    /// With `showingExitStatus`, a shell runs tei and prints its exit status when it ends: tmux
    /// sometimes leaves an exited program unreaped, with no status to read.
    private func startREPL(showingExitStatus: Bool = false) throws -> TerminalScreen {
        let command = showingExitStatus
            ? ["/bin/sh", "-c", "\"$0\" --no-progress; echo \"tei exited with status $?\"", binary.path]
            : [binary.path, "--no-progress"]
        // A private home, state, config and cache: no ~/.editrc, history or cache of the user's leaks in.
        let screen = try TerminalScreen(command, environment: [
            "HOME": folder.path,
            "XDG_STATE_HOME": folder.appendingPathComponent("state").path,
            "XDG_CONFIG_HOME": folder.appendingPathComponent("config").path,
            "XDG_CACHE_HOME": folder.appendingPathComponent("xdg-cache").path,
            "TEI_CACHE_DIR": folder.appendingPathComponent("cache").path,
            "TERM": "xterm-256color", "LANG": "C.UTF-8", "NO_COLOR": "1",
        ], directory: folder)
        screens.append(screen)
        try screen.waitFor("tei [1]> ")
        return screen
    }

    private func loadTable(_ screen: TerminalScreen) throws {
        try screen.type("let t = load \"t.csv\"")
        try screen.press("Enter")
        try screen.waitFor("tei [2]> ")
    }

    func testMultiLineCellWithTabCompletionOfAColumn() throws {
        let screen = try startREPL()
        try loadTable(screen)
        try screen.type("t | filter like")
        try screen.press("Tab")
        try screen.waitFor("t | filter like_count")
        try screen.type(" > 1 |")
        try screen.press("Enter")
        try screen.waitFor("    ...> ")
        try screen.type("  sort -like_count")
        try screen.press("Enter")
        let shown = try screen.waitFor("tei [3]> ")
        XCTAssertTrue(shown.contains("Out[2]:"), shown)
        XCTAssertTrue(shown.contains("2 rows"), shown)
        let rows = shown.components(separatedBy: "\n").filter { $0.hasPrefix("u1") || $0.hasPrefix("u2") }
        XCTAssertEqual(rows.map { String($0.prefix(2)) }, ["u2", "u1"], shown)
    }

    /// A string ends on its line (as in a script): Enter on an unclosed one runs the cell and
    /// shows where the quote is missing, instead of waiting at `...>` for a quote that cannot help.
    func testAnUnclosedStringRunsAndSaysSoInsteadOfTrappingThePrompt() throws {
        let screen = try startREPL()
        try loadTable(screen)
        try screen.type("t | filter tweet_text == \"hello")
        try screen.press("Enter")
        let shown = try screen.waitFor("tei [3]> ")
        XCTAssertTrue(shown.contains("cell 2:1:26: error: unterminated string: expected a closing \""), shown)
        XCTAssertFalse(shown.contains("...>"), shown)
        try screen.type("t | filter tweet_text == \"hello\" | count")
        try screen.press("Enter")
        XCTAssertTrue(try screen.waitFor("tei [4]> ").contains("Out[3]:\nn\n─\n1\n"))
    }

    /// `| filter` at the end of a line waits for its condition on the next one, and Tab there
    /// completes a column of the table flowing into the step.
    func testALineEndingInATransformContinuesAndTabCompletesAColumnPrefix() throws {
        try Data("userid,tweet_language,like_count\nu1,en,3\nu2,fr,5\nu3,en,1\n".utf8)
            .write(to: folder.appendingPathComponent("langs.csv"))
        let screen = try startREPL()
        try screen.type("let tweets = load \"langs.csv\"")
        try screen.press("Enter")
        try screen.waitFor("tei [2]> ")
        try screen.type("tweets | filter")
        try screen.press("Enter")
        try screen.waitFor("    ...> ")
        try screen.type("  tweet_lang")
        try screen.press("Tab")
        try screen.waitFor("...>   tweet_language")
        try screen.type(" == \"en\" | count")
        try screen.press("Enter")
        let shown = try screen.waitFor("tei [3]> ")
        XCTAssertTrue(shown.contains("Out[2]:\nn\n─\n2\n"), shown)
    }

    /// Tab after a `load` of a file the session has not loaded completes from the file's header,
    /// without importing it.
    func testTabAfterALoadOfANewFileCompletesItsColumnsWithoutImportingIt() throws {
        let screen = try startREPL()
        try screen.type("load \"t.csv\" | filter like")
        try screen.press("Tab")
        try screen.waitFor("tei [1]> load \"t.csv\" | filter like_count")
        let cache = folder.appendingPathComponent("cache")
        XCTAssertEqual(((try? FileManager.default.contentsOfDirectory(atPath: cache.path)) ?? []).filter { $0.hasSuffix(".sqlite") }, [])
        try screen.type(" > 1 | count")
        try screen.press("Enter")
        try screen.waitFor("tei [2]> ")
        XCTAssertEqual(((try? FileManager.default.contentsOfDirectory(atPath: cache.path)) ?? []).filter { $0.hasSuffix(".sqlite") }.count, 1,
                       "running the cell imports")
    }

    func testUnderscoreAndAnErrorFollowedByAWorkingCell() throws {
        let screen = try startREPL()
        try loadTable(screen)
        try screen.type("t | filter like_count > 1")
        try screen.press("Enter")
        try screen.waitFor("tei [3]> ")
        try screen.type("t | filter nope")
        try screen.press("Enter")
        var shown = try screen.waitFor("tei [4]> ")
        XCTAssertTrue(shown.contains("cell 3:1:12: error: unknown column 'nope'"), shown)
        XCTAssertTrue(shown.contains("  1 | t | filter nope\n    |            ^^^^"), shown)
        try screen.type("_ | count")
        try screen.press("Enter")
        shown = try screen.waitFor("tei [5]> ")
        XCTAssertTrue(shown.contains("Out[4]:\nn\n─\n2\n"), shown)
        try screen.type("_2 | take 1 | select tweet_text")
        try screen.press("Enter")
        shown = try screen.waitFor("tei [6]> ")
        XCTAssertTrue(shown.contains("Out[5]:\ntweet_text\n──────────\nhello"), shown)
    }

    func testCtrlCInterruptsAQueryAndTheSessionGoesOn() throws {
        var csv = "a,b\n"
        for n in 0..<2000 { csv += "\(n),\(n % 7)\n" }
        try Data(csv.utf8).write(to: folder.appendingPathComponent("big.csv"))
        let screen = try startREPL()
        try screen.type("let b = load \"big.csv\"")
        try screen.press("Enter")
        try screen.waitFor("tei [2]> ")
        // Eight billion rows: far longer than the test waits, unless Ctrl-C stops it.
        try screen.type("b | join b on true | join b on true | count")
        try screen.press("Enter")
        try screen.waitFor("| count\n")
        usleep(300_000)
        try screen.press("C-c")
        var shown = try screen.waitFor("error: interrupted", timeout: 5)
        try screen.waitFor("tei [3]> ")
        try screen.type("b | count")
        try screen.press("Enter")
        shown = try screen.waitFor("tei [4]> ")
        XCTAssertTrue(shown.contains("Out[3]:"), shown)
        XCTAssertTrue(shown.contains("2000") || shown.contains("2,000"), shown)
        // At the prompt, Ctrl-C clears the line and keeps the cell number.
        try screen.type("b | nonsense")
        try screen.press("C-c")
        shown = try screen.waitFor("tei [4]> ", count: 2)
        XCTAssertTrue(shown.contains("b | nonsense^C"), shown)
        XCTAssertFalse(try screen.hasExited())
    }

    func testSIGTERMStopsASaveRemovesItsTemporaryFileAndEndsTheREPLWithStatus143() throws {
        var csv = "a,b\n"
        for n in 0..<30_000 { csv += "\(n % 100),row \(n)\n" }
        try Data(csv.utf8).write(to: folder.appendingPathComponent("big.csv"))
        try Data("old\n".utf8).write(to: folder.appendingPathComponent("k.json"))
        let screen = try startREPL(showingExitStatus: true)
        // Nine million rows to save: far longer than the test waits, unless SIGTERM stops it.
        try screen.type("save load \"big.csv\" | join (load \"big.csv\" | select a, c = b) on a to \"k.json\"")
        try screen.press("Enter")
        let temporaries = { try FileManager.default.contentsOfDirectory(atPath: self.folder.path).filter { $0.hasPrefix(".k.json.tei-") } }
        let deadline = Date().addingTimeInterval(30)
        while try temporaries().isEmpty {
            XCTAssertLessThan(Date(), deadline, "the save never started its temporary file")
            usleep(5_000)
        }
        kill(try XCTUnwrap(try screen.childOfProgram()), SIGTERM)
        try screen.waitFor("tei exited with status 143", timeout: 10)
        XCTAssertEqual(try temporaries(), [])
        XCTAssertEqual(try String(contentsOf: folder.appendingPathComponent("k.json"), encoding: .utf8), "old\n")
    }

    func testCtrlCStopsAnImportAndTheSessionGoesOn() throws {
        // A million rows: an import of seconds in a debug build, so Ctrl-C comes in the middle of it.
        var csv = "a,b\n"
        csv.reserveCapacity(12 << 20)
        for n in 0..<1_000_000 { csv += "\(n),\(n % 7)\n" }
        try Data(csv.utf8).write(to: folder.appendingPathComponent("huge.csv"))
        let screen = try startREPL()
        try screen.type("let h = load \"huge.csv\"")
        try screen.press("Enter")
        try screen.waitFor("huge.csv\"\n")
        usleep(300_000)
        try screen.press("C-c")
        var shown = try screen.waitFor("the import was interrupted", timeout: 10)
        shown = try screen.waitFor("tei [2]> ")
        XCTAssertTrue(shown.contains("nothing was cached"), shown)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("cache").path)
            .filter { $0.hasSuffix(".sqlite") || $0.contains(".tmp-") }, [])
        // The same load, not interrupted, imports every row.
        try screen.type("let h = load \"huge.csv\"")
        try screen.press("Enter")
        try screen.waitFor("tei [3]> ", timeout: 120)
        try screen.type("h | count")
        try screen.press("Enter")
        shown = try screen.waitFor("tei [4]> ")
        XCTAssertTrue(shown.contains("1000000") || shown.contains("1,000,000"), shown)
    }

    /// On a terminal an import draws a progress bar on stderr (rows, MB/s, ETA) and clears it when done.
    func testAnImportShowsAProgressBarOnATerminal() throws {
        var csv = "a,b\n"
        csv.reserveCapacity(12 << 20)
        for n in 0..<1_000_000 { csv += "\(n),\(n % 7)\n" }
        try Data(csv.utf8).write(to: folder.appendingPathComponent("huge.csv"))
        let screen = try TerminalScreen([binary.path, "-c", "load \"huge.csv\" | count"], environment: [
            "HOME": folder.path, "TEI_CACHE_DIR": folder.appendingPathComponent("cache").path,
            "TERM": "xterm-256color", "LANG": "C.UTF-8", "NO_COLOR": "1",
        ], directory: folder)
        screens.append(screen)
        let bar = try screen.waitFor("the progress bar") { $0.contains("importing huge.csv") && $0.contains("MB/s") && $0.contains("ETA") }
        XCTAssertTrue(bar.contains(" rows"), bar)
        let done = try screen.waitFor("1000000", timeout: 120)
        XCTAssertFalse(done.contains("MB/s"), "the bar is cleared when the import ends: \(done)")
    }

    func testHistoryIsRecalledAfterARestart() throws {
        let first = try startREPL()
        try loadTable(first)
        try first.type("t |")
        try first.press("Enter")
        try first.type("  count")
        try first.press("Enter")
        try first.waitFor("tei [3]> ")
        try first.press("C-d")
        try first.waitFor("the first REPL to exit") { _ in (try? first.hasExited()) == true }

        let second = try startREPL()
        try loadTable(second)
        // Newest first: the load just typed, then the two-line cell as one entry.
        try second.press("Up", "Up")
        try second.waitFor("tei [2]> t |\n  count")
        try second.press("Enter")
        var shown = try second.waitFor("tei [3]> ")
        XCTAssertTrue(shown.contains("Out[2]:\nn\n─\n3\n"), shown)
        try second.press("C-r")
        try second.type("load")
        shown = try second.waitFor("let t = load \"t.csv\"", count: 2)
        XCTAssertFalse(try second.hasExited())
    }

    func testAPlotIsDrawnAndAsciiOnRedrawsItWithASCII() throws {
        let screen = try startREPL()
        try loadTable(screen)
        try screen.type("t | group userid (n = sum(like_count)) | sort userid | plot bar userid n")
        try screen.press("Enter")
        var shown = try screen.waitFor("tei [3]> ")
        XCTAssertTrue(shown.contains("Out[2]:\nu1 │█"), shown)
        XCTAssertTrue(shown.contains("█ 5\n"), shown)
        try screen.type(":ascii on")
        try screen.press("Enter")
        try screen.waitFor("drawn with ASCII only")
        try screen.press("Up", "Up", "Enter")
        shown = try screen.waitFor("tei [4]> ")
        XCTAssertTrue(shown.contains("Out[3]:\nu1 |#"), shown)
        XCTAssertTrue(shown.contains("# 5\n"), shown)
    }
}
