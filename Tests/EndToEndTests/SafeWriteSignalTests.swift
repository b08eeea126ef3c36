import Foundation
import XCTest

/// A save stopped by a signal leaves the old file and no temporary file: SIGTERM and SIGHUP stop it
/// as Ctrl-C does; after SIGKILL, which cannot be caught, the next save to the target cleans up.
final class SafeWriteSignalTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = try TEIProcess.scratchFolder()
        // 100 keys × 300 rows each: the self-join has 9 million rows, many seconds of saving.
        let rows = (0..<30_000).map { "\($0 % 100),row \($0)" }.joined(separator: "\n")
        try ("a,b\n" + rows + "\n").write(to: folder.appendingPathComponent("big.csv"), atomically: true, encoding: .utf8)
        try "old\n".write(to: folder.appendingPathComponent("k.json"), atomically: true, encoding: .utf8)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    private let slowSave = "save load \"big.csv\" | join (load \"big.csv\" | select a, c = b) on a to \"k.json\""

    private func temporaries() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix(".k.json.tei-") }
    }

    /// Starts the slow save and returns once its temporary file exists.
    private func startSlowSave() throws -> TEIProcess {
        let process = try TEIProcess(["-c", slowSave], cacheDirectory: folder.appendingPathComponent("cache"), workingDirectory: folder)
        let deadline = Date().addingTimeInterval(60)
        while try temporaries().isEmpty {
            guard Date() < deadline, process.ended == nil else {
                let result = process.wait(until: Date())
                return try XCTUnwrap(nil, "the save never started its temporary file: \(String(describing: result))")
            }
            usleep(5_000)
        }
        return process
    }

    func testSIGTERMAndSIGHUPStopASaveLikeCtrlCAndLeaveNoTemporaryFile() throws {
        for signal in [SIGTERM, SIGHUP] {
            let process = try startSlowSave()
            process.send(signal)
            let result = try XCTUnwrap(process.wait(until: Date().addingTimeInterval(30)), "tei did not stop")
            XCTAssertEqual(result.status, 128 + signal, result.standardError)
            XCTAssertTrue(result.standardError.contains("interrupted"), result.standardError)
            XCTAssertEqual(try temporaries(), [], "no temporary file is left after signal \(signal)")
            XCTAssertEqual(try String(contentsOf: folder.appendingPathComponent("k.json"), encoding: .utf8), "old\n")
        }
    }

    func testAfterAKilledSaveTheNextSaveToTheTargetRemovesTheDeadTemporary() throws {
        let process = try startSlowSave()
        process.send(SIGKILL)
        _ = try XCTUnwrap(process.wait(until: Date().addingTimeInterval(30)), "tei did not die")
        XCTAssertEqual(try temporaries().count, 1, "SIGKILL cannot be caught: the temporary stays for now")
        // A temporary of a writer still running (this test) is not touched, nor one without a pid.
        let live = ".k.json.tei-\(getpid())-live", unknown = ".k.json.tei-abcdef"
        for name in [live, unknown] { try Data("x".utf8).write(to: folder.appendingPathComponent(name)) }

        let result = try TEIProcess.run(["-c", "save load \"big.csv\" | take 2 to \"k.json\""],
                                        cacheDirectory: folder.appendingPathComponent("cache"), workingDirectory: folder)
        XCTAssertEqual(result.status, 0, result.standardError)
        XCTAssertTrue(result.standardError.contains("saved 2 rows"), result.standardError)
        XCTAssertEqual(try temporaries().sorted(), [unknown, live].sorted(), "only the dead writer's temporary is removed")
    }
}
