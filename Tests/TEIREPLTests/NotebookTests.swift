import Foundation
import TEIEngine
import TEIRender
@testable import TEIREPL
import XCTest

final class NotebookTests: XCTestCase {
    func testResultsAreNumberedAndReusableAsUnderscore() throws {
        let test = try TestNotebook()
        let notebook = test.notebook
        XCTAssertEqual(notebook.submit("let t = load \"t.csv\""), .success)
        XCTAssertEqual(notebook.submit("t | filter like_count > 1"), .success)
        XCTAssertTrue(test.output.text(of: .output).hasPrefix("Out[2]:"))
        test.output.clear()
        XCTAssertEqual(notebook.submit("_ | count"), .success)
        XCTAssertTrue(test.output.text(of: .output).contains("Out[3]:\nn\n"))
        XCTAssertTrue(test.output.text(of: .output).contains("\n2\n"), test.output.all)
        test.output.clear()
        XCTAssertEqual(notebook.submit("_2 | sort -like_count | take 1 | select like_count"), .success)
        XCTAssertTrue(test.output.text(of: .output).contains("3"), test.output.all)
        XCTAssertEqual(notebook.nextCellNumber, 5)
    }

    func testAnErrorLeavesTheSessionWorking() throws {
        let test = try TestNotebook()
        let notebook = test.notebook
        notebook.submit("let t = load \"t.csv\"")
        XCTAssertEqual(notebook.submit("t | filter nope > 1"), .checkFailed)
        let error = test.output.text(of: .error)
        XCTAssertTrue(error.contains("cell 2:1:12: error:"), error)
        XCTAssertTrue(error.contains("  1 | t | filter nope > 1\n    |            ^^^^"), error)
        test.output.clear()
        XCTAssertEqual(notebook.submit("t | count"), .success)
        XCTAssertTrue(test.output.text(of: .output).contains("Out[3]:"))
    }

    func testLongResultsFitTheScreenWithAFooter() throws {
        let test = try TestNotebook(rows: 50)
        test.notebook.terminal = TerminalInfo(width: 80, height: 20)
        test.notebook.submit("load \"\(test.folder.path)/t.csv\"")
        let shown = test.output.text(of: .output)
        XCTAssertLessThan(shown.split(separator: "\n").count, 20, shown)
        XCTAssertTrue(shown.contains("50"), "the footer gives the total: \(shown)")
    }

    func testMetaCommands() throws {
        let test = try TestNotebook()
        let notebook = test.notebook
        notebook.submit("let t = load \"t.csv\"")
        notebook.submit(":schema t")
        XCTAssertTrue(test.output.text(of: .output).contains("like_count   int"), test.output.all)
        test.output.clear()
        notebook.submit(":vars")
        XCTAssertEqual(test.output.text(of: .output), "t  table")
        test.output.clear()
        notebook.submit(":sql t | take 1")
        XCTAssertTrue(test.output.text(of: .output).contains("SELECT"), test.output.all)
        test.output.clear()
        notebook.submit(":help filter")
        XCTAssertTrue(test.output.text(of: .output).hasPrefix("filter CONDITION"))
        test.output.clear()
        notebook.submit(":help sample")
        XCTAssertTrue(test.output.text(of: .output).hasPrefix("sample N [seed S] | sample P% [seed S]"), test.output.all)
        test.output.clear()
        notebook.submit(":help")
        XCTAssertTrue(test.output.text(of: .output).contains(":schema NAME"))
        test.output.clear()
        XCTAssertEqual(notebook.submit(":fromat csv"), .runFailed)
        XCTAssertTrue(test.output.text(of: .error).contains("did you mean 'format'?"), test.output.all)
        notebook.submit(":format csv")
        test.output.clear()
        notebook.submit("t | select like_count | take 1")
        XCTAssertEqual(test.output.text(of: .output), "Out[2]:\nlike_count\n1")
        XCTAssertEqual(notebook.submit(":time maybe"), .runFailed)
        notebook.submit(":quit")
        XCTAssertTrue(notebook.hasQuit)
    }

    func testRunLoadsAScriptIntoTheSession() throws {
        let test = try TestNotebook()
        try Data("let t = load \"t.csv\"\nfn big(x) = x | filter like_count > 1\n".utf8)
            .write(to: test.folder.appendingPathComponent("setup.tei"))
        XCTAssertEqual(test.notebook.submit(":run setup.tei"), .success)
        XCTAssertEqual(test.notebook.submit("t | big | count"), .success)
        XCTAssertTrue(test.output.text(of: .output).contains("\n2\n"), test.output.all)
        XCTAssertEqual(test.notebook.submit(":run missing.tei"), .runFailed)
    }

    func testSavedSessionReplaysAsAScript() throws {
        let test = try TestNotebook()
        let notebook = test.notebook
        notebook.submit("let t = load \"t.csv\"")
        notebook.submit("t | filter like_count > 1")
        notebook.submit("t | filter oops")
        notebook.submit("_ | count")
        notebook.submit(":save session.tei")
        let script = try String(contentsOf: test.folder.appendingPathComponent("session.tei"), encoding: .utf8)
        XCTAssertFalse(script.contains("oops"), "cells with errors are left out")
        XCTAssertTrue(script.contains("let _2 = t | filter like_count > 1\n_2"), script)
        XCTAssertTrue(script.contains("_2 | count"), script)

        var options = SessionOptions(cacheDirectory: test.folder.appendingPathComponent("cache"))
        options.showsProgress = false
        let replay = try Session(options: options)
        let index = replay.addSource(name: "session.tei", text: script, baseDirectory: test.folder)
        let captured = CapturingOutput()
        XCTAssertEqual(replay.run(sourceIndex: index, output: captured), .success, captured.diagnostics.joined(separator: "\n"))
        XCTAssertEqual(captured.results, 2)
    }

    func testColumnsFlowingOutOfAPipeline() throws {
        let test = try TestNotebook()
        test.notebook.submit("let t = load \"t.csv\"")
        XCTAssertEqual(test.notebook.columns(flowingOutOf: "t | select userid, n = like_count * 2"), ["userid", "n"])
        XCTAssertEqual(test.notebook.columns(flowingOutOf: "t"), ["userid", "tweet_text", "like_count", "source_file"])
        XCTAssertEqual(test.notebook.columns(flowingOutOf: "t | filter"), [])
        XCTAssertEqual(test.notebook.columns(flowingOutOf: "nothing"), [])
        XCTAssertTrue(test.notebook.session.checker.diagnostics.isEmpty)
    }

    /// Tab asks for columns while the user types: a file this session has not loaded offers the
    /// columns its header and first rows show, and is not imported for it (an import could take minutes).
    func testTabAfterALoadOfAFileNotLoadedYetOffersItsColumnsWithoutImportingIt() throws {
        let test = try TestNotebook()
        try Data("zeta,ypsilon\n1,2\n".utf8).write(to: test.folder.appendingPathComponent("other.csv"))
        let cache = test.folder.appendingPathComponent("cache")
        let cacheFiles = { (try? FileManager.default.contentsOfDirectory(atPath: cache.path))?.filter { $0.hasSuffix(".sqlite") } ?? [] }
        let completer = Completer(globalNames: { test.notebook.session.checker.globalNames },
                                  columnsFlowingOutOf: { test.notebook.columns(flowingOutOf: $0) },
                                  baseDirectory: test.notebook.baseDirectory)
        XCTAssertEqual(completer.complete("load \"other.csv\" | filter ze").candidates, ["zeta"])
        XCTAssertEqual(completer.complete("load \"other.csv\" lenient | select yp").candidates, ["ypsilon"])
        XCTAssertEqual(cacheFiles(), [], "nothing was imported")
        XCTAssertTrue(test.notebook.session.loadedTables.isEmpty)
        XCTAssertTrue(test.notebook.session.checker.diagnostics.isEmpty)
        XCTAssertEqual(test.notebook.columns(flowingOutOf: "load \"absent.csv\""), [], "a load that fails offers nothing")
        test.notebook.submit("load \"other.csv\" | count")
        XCTAssertEqual(cacheFiles().count, 1, "running the cell imports")
        XCTAssertEqual(test.notebook.columns(flowingOutOf: "load \"other.csv\" | filter zeta > 1"), ["zeta", "ypsilon", "source_file"])
    }
}

/// Counts results and keeps diagnostics of a plain session run.
final class CapturingOutput: SessionOutput {
    var results = 0
    var diagnostics: [String] = []

    func emit(_ event: SessionEvent) {
        switch event {
        case .result: results += 1
        case .diagnostic(let diagnostic): diagnostics.append(diagnostic.message)
        default: break
        }
    }
}
