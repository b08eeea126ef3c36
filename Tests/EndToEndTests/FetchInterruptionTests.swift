import Foundation
import XCTest

/// Ctrl-C during `tei fetch`, and what it shows on a terminal: the transfer stops, the partial file
/// stays and no final file appears, the status is 130, and the rerun resumes to a byte-identical file.
final class FetchInterruptionTests: XCTestCase {
    private var workspace: FetchWorkspace!

    override func setUpWithError() throws {
        workspace = try FetchWorkspace()
    }

    override func tearDown() {
        workspace = nil
    }

    private func partialSize(_ name: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: workspace.path(name)))?[.size] as? Int) ?? 0
    }

    func testCtrlCStopsCleanlyAndTheRerunResumesToAByteIdenticalFile() throws {
        let bytes = FetchServer.bytes(1_000_000, seed: 90)
        // The first GET is sent at 100 kB/s (10 s for the file); the rerun's at full speed.
        let server = try FetchServer(files: ["slow.zip": bytes], rules: ["/slow.zip": ["rate": 100_000, "times": 1]])
        let arguments = ["fetch", server.url("slow.zip"), "--to", workspace.path("out")]
        let process = try TEIProcess(arguments, cacheDirectory: workspace.root.appendingPathComponent("cache"))
        let deadline = Date().addingTimeInterval(30)
        while partialSize("out/.slow.zip.tei-fetch-partial") < 100_000 {
            guard Date() < deadline, process.ended == nil else { return XCTFail("the download never got under way") }
            usleep(20_000)
        }
        process.send(SIGINT)
        let result = try XCTUnwrap(process.wait(until: Date().addingTimeInterval(10)), "tei fetch did not stop on Ctrl-C")
        XCTAssertEqual(result.status, 130, result.standardError)
        XCTAssertTrue(result.standardError.contains(
            "interrupted: the partial downloads are kept (.NAME.tei-fetch-partial); run the same command again to resume them"),
            result.standardError)
        XCTAssertTrue(result.standardOutput.contains("slow.zip        interrupted"), result.standardOutput)
        XCTAssertFalse(workspace.exists("out/slow.zip"))
        let kept = partialSize("out/.slow.zip.tei-fetch-partial")
        XCTAssertGreaterThanOrEqual(kept, 100_000)
        XCTAssertLessThan(kept, bytes.count)

        let rerun = try workspace.fetch(Array(arguments.dropFirst()))
        XCTAssertEqual(rerun.status, 0, rerun.standardError)
        XCTAssertTrue(rerun.standardError.contains("resuming slow.zip at byte \(kept)"), rerun.standardError)
        XCTAssertEqual(workspace.contents("out/slow.zip"), bytes)
        XCTAssertEqual(try workspace.unfinished(in: "out"), [])
    }

    func testATerminalShowsBytesRateAndETA() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/script") else { throw XCTSkip("script(1) is not installed") }
        let bytes = FetchServer.bytes(600_000, seed: 91)
        let server = try FetchServer(files: ["shown.zip": bytes], rules: ["/shown.zip": ["rate": 400_000]])
        let manifest = workspace.path("files.txt")
        try "\(server.url("shown.zip")) \(bytes.count)\n".write(toFile: manifest, atomically: true, encoding: .utf8)
        // script(1) runs tei on a pseudo-terminal, as a user at a terminal would.
        let command = [TEIBinary.executable.path, "fetch", manifest, "--to", workspace.path("out")].map { "'\($0)'" }.joined(separator: " ")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        process.arguments = ["-q", "-e", "-c", command, "/dev/null"]
        let output = Pipe()
        process.standardOutput = output
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let shown = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0, shown)
        XCTAssertEqual(workspace.contents("out/shown.zip"), bytes)
        XCTAssertTrue(shown.contains("fetching 0/1  "), shown)
        XCTAssertTrue(shown.contains(" of 0.6 MB  "), shown)
        XCTAssertTrue(shown.contains(" MB/s  ETA 0:0"), shown)
        XCTAssertTrue(shown.contains("  shown.zip "), shown)
        XCTAssertTrue(shown.contains("%"), shown)
        XCTAssertTrue(shown.contains("\r\u{1B}[K"), "the line is redrawn in place")
    }
}
