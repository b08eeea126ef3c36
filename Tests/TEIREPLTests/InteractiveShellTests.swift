import Foundation
@testable import TEIREPL
import XCTest

final class InteractiveShellTests: XCTestCase {
    func testStatementsContinueUntilComplete() throws {
        let test = try TestNotebook()
        let reader = ScriptedReader([.line("let t = load \"t.csv\""), .line("t |"), .line("  count"), .line("t | group userid ("),
                                     .line("  n = count())")])
        let shell = InteractiveShell(notebook: test.notebook, reader: reader, sink: test.output, historyLocation: nil)
        shell.run()
        XCTAssertEqual(reader.prompts, ["tei [1]> ", "tei [2]> ", "    ...> ", "tei [3]> ", "    ...> ", "tei [4]> "])
        XCTAssertEqual(reader.history, ["let t = load \"t.csv\"", "t |\n  count", "t | group userid (\n  n = count())"])
        XCTAssertTrue(test.output.text(of: .output).contains("Out[3]:"), test.output.all)
    }

    func testPastedLinesRunAsTheCellsOfAScript() throws {
        let test = try TestNotebook()
        let reader = ScriptedReader(["let t = load \"t.csv\"", "t", "  | take 1", "t | count", "", "  | count"].map { .line($0) })
        reader.pasting = true
        let shell = InteractiveShell(notebook: test.notebook, reader: reader, sink: test.output, historyLocation: nil)
        shell.run()
        XCTAssertEqual(reader.history, ["let t = load \"t.csv\"", "t\n  | take 1", "t | count\n\n  | count"],
                       "a pipeline goes on past a blank line, as in a script")
        XCTAssertTrue(test.output.text(of: .output).contains("Out[2]:"))
        XCTAssertTrue(test.output.text(of: .output).contains("Out[3]:"))
        XCTAssertEqual(test.notebook.nextCellNumber, 4)
    }

    func testCtrlCDropsTheLinesTypedSoFar() throws {
        let test = try TestNotebook()
        let reader = ScriptedReader([.line("let t = load \"t.csv\""), .line("t |"), .cancelled, .line("t | count")])
        let shell = InteractiveShell(notebook: test.notebook, reader: reader, sink: test.output, historyLocation: nil)
        shell.run()
        XCTAssertEqual(reader.history, ["let t = load \"t.csv\"", "t | count"])
        XCTAssertTrue(test.output.text(of: .error).isEmpty, test.output.all)
    }

    func testHistoryIsSavedAndReloaded() throws {
        let test = try TestNotebook()
        let location = test.folder.appendingPathComponent("state/tei/history")
        let first = ScriptedReader([.line("1 + 1"), .line("2 +"), .line("3"), .line("1 + 1")])
        InteractiveShell(notebook: test.notebook, reader: first, sink: test.output, historyLocation: location).run()
        let second = ScriptedReader([.line(":quit"), .line("never run")])
        InteractiveShell(notebook: test.notebook, reader: second, sink: test.output, historyLocation: location).run()
        XCTAssertEqual(Array(second.history.prefix(2)), ["2 +\n3", "1 + 1"])
        XCTAssertEqual(test.notebook.nextCellNumber, 4, "nothing after :quit runs")
    }
}
