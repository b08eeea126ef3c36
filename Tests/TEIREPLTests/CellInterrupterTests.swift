import Foundation
@testable import TEIREPL
import XCTest

/// Ctrl-C stops the running cell even before its query starts, and never reaches a later cell.
final class CellInterrupterTests: XCTestCase {
    private final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var count = 0
        func increment() { lock.withLock { count += 1 } }
        var value: Int { lock.withLock { count } }
    }

    func testARequestKeepsInterruptingUntilTheCellEnds() throws {
        let calls = Counter()
        let interrupter = CellInterrupter { calls.increment() }
        interrupter.request()
        usleep(50_000)
        XCTAssertEqual(calls.value, 0, "between cells a request does nothing")

        interrupter.cellStarted()
        interrupter.request()
        let deadline = Date().addingTimeInterval(5)
        while calls.value < 3, Date() < deadline { usleep(5_000) }
        XCTAssertGreaterThanOrEqual(calls.value, 3, "a query prepared after the first call is interrupted too")
        interrupter.cellEnded()
        let afterEnd = calls.value
        usleep(100_000)
        XCTAssertEqual(calls.value, afterEnd, "no interrupt reaches the next cell")

        interrupter.cellStarted()
        usleep(50_000)
        XCTAssertEqual(calls.value, afterEnd, "a new cell starts without a pending request")
        interrupter.cellEnded()
    }

    func testInterruptStopsALongQueryAndTheNotebookGoesOn() throws {
        var csv = "a\n"
        for n in 0..<2000 { csv += "\(n)\n" }
        let test = try TestNotebook()
        try Data(csv.utf8).write(to: test.folder.appendingPathComponent("big.csv"))
        let notebook = test.notebook
        XCTAssertEqual(notebook.submit("let b = load \"big.csv\""), .success)
        let finished = Counter()
        // Keeps asking until the cell is over: whenever the first request lands, the cell stops.
        DispatchQueue.global().async {
            let deadline = Date().addingTimeInterval(20)
            while finished.value == 0, Date() < deadline {
                notebook.interrupt()
                usleep(20_000)
            }
        }
        let outcome = notebook.submit("b | join b on true | join b on true | count")
        finished.increment()
        XCTAssertEqual(outcome, .interrupted)
        XCTAssertTrue(test.output.text(of: .error).contains("error: interrupted"), test.output.all)
        XCTAssertEqual(notebook.submit("b | count"), .success, test.output.all)
    }
}
