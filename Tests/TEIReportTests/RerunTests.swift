import Foundation
import XCTest

/// `tei run --report` end to end: two runs with `--no-timestamp` on the same inputs write the same bytes.
final class RerunTests: XCTestCase {
    /// The `tei` executable built beside the test bundle.
    private var executable: URL {
        let bundle = Bundle(for: RerunTests.self).bundleURL
        let candidates = [bundle, bundle.deletingLastPathComponent()].map { $0.appendingPathComponent("tei") }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[0]
    }

    private var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("tei-report-rerun-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    /// Runs `tei` from the repository root with a given cache folder; fails the test after 60 seconds.
    private func tei(_ arguments: [String], cache: URL) throws -> Int32 {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = ReportHarness.repositoryRoot
        var environment = ProcessInfo.processInfo.environment
        environment["TEI_CACHE_DIR"] = cache.path
        environment["NO_COLOR"] = "1"
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        let finished = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in finished.signal() }
        try process.run()
        if finished.wait(timeout: .now() + 60) == .timedOut {
            process.terminate()
            XCTFail("tei \(arguments.joined(separator: " ")) did not finish within 60 seconds")
            return -1
        }
        return process.terminationStatus
    }

    func testTwoRunsWithoutTimestampAreByteIdentical() throws {
        for format in ["md", "html"] {
            let report = folder.appendingPathComponent("report.\(format)")
            let arguments = ["run", "Examples/01-first-look.tei", "--report", report.path, "--no-timestamp"]
            // The first run imports into an empty cache, the second reads the cache: the report must not tell.
            XCTAssertEqual(try tei(arguments, cache: folder.appendingPathComponent("cache-\(format)")), 0)
            let first = try Data(contentsOf: report)
            try FileManager.default.removeItem(at: report)
            XCTAssertEqual(try tei(arguments, cache: folder.appendingPathComponent("cache-\(format)")), 0)
            let second = try Data(contentsOf: report)
            XCTAssertFalse(first.isEmpty)
            XCTAssertEqual(first, second, "\(format) reports of two runs differ")
            XCTAssertFalse(String(decoding: first, as: UTF8.self).contains("Run at"))
        }
    }

    func testReportRecordsTheTimeUnlessToldNot() throws {
        let report = folder.appendingPathComponent("timed.md")
        XCTAssertEqual(try tei(["run", "Examples/01-first-look.tei", "--report", report.path], cache: folder.appendingPathComponent("cache")), 0)
        let text = try String(contentsOf: report, encoding: .utf8)
        XCTAssertNotNil(text.range(of: #"- \*\*Run at:\*\* \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ"#, options: .regularExpression), text)
    }

    func testFailedRunStillWritesItsReportAndExitsOne() throws {
        let report = folder.appendingPathComponent("failed.html")
        let status = try tei(["run", "Tests/Golden/error_runtime.tei", "--report", report.path, "--no-timestamp"], cache: folder.appendingPathComponent("cache"))
        XCTAssertEqual(status, 1)
        let html = try String(contentsOf: report, encoding: .utf8)
        XCTAssertTrue(html.contains("failed at line 5: integer overflow: a whole number computed here is beyond"), html)
    }

    func testUnknownReportExtensionIsAUsageError() throws {
        let status = try tei(["run", "Examples/01-first-look.tei", "--report", folder.appendingPathComponent("r.pdf").path], cache: folder.appendingPathComponent("cache"))
        XCTAssertEqual(status, 2)
    }
}
