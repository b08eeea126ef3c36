import Foundation
import TEIREPL
import XCTest

final class CommandHistoryTests: XCTestCase {
    func testDuplicatesCollapseToTheNewest() {
        var history = CommandHistory(limit: 10)
        history.add("a")
        history.add("b")
        history.add("a")
        history.add("  ")
        XCTAssertEqual(history.entries, ["b", "a"])
    }

    func testSizeIsBounded() {
        var history = CommandHistory(limit: 3)
        for n in 1...5 { history.add("cell \(n)") }
        XCTAssertEqual(history.entries, ["cell 3", "cell 4", "cell 5"])
    }

    func testMultiLineCellsSurviveAFileRoundTrip() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tei-history-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("tei/history")
        var history = CommandHistory(limit: 10)
        history.add("t\n  | filter text == \"a\\\\nb\"")
        history.add("t | count")
        try history.save(to: url)
        let text = try String(contentsOf: url, encoding: .utf8)
        XCTAssertEqual(text.split(separator: "\n").count, 2, "one line per entry")
        XCTAssertEqual(CommandHistory.load(from: url, limit: 10), history)
    }

    func testMissingFileIsAnEmptyHistory() {
        let url = URL(fileURLWithPath: "/nonexistent-\(UUID().uuidString)/history")
        XCTAssertEqual(CommandHistory.load(from: url).entries, [])
    }

    func testLocationFollowsXDGStateHome() {
        XCTAssertEqual(CommandHistory.defaultLocation(environment: ["XDG_STATE_HOME": "/s", "HOME": "/h"]).path, "/s/tei/history")
        XCTAssertEqual(CommandHistory.defaultLocation(environment: ["HOME": "/h"]).path, "/h/.local/state/tei/history")
    }
}
