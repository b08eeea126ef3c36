import Foundation
import XCTest

/// Drives the built tei kernel through the real Jupyter protocol with Jupyter's own clients
/// (jupyter_client, nbclient, jupyter_kernel_test), from the Python tests in Tests/KernelClient:
/// each test here runs one of their modules in the venv `./dev test` makes (.venv-test).
///
/// Without that venv (`swift test` alone, or no network when `./dev test` ran) the tests are
/// skipped, saying so; under CI (`CI` set) a missing venv fails them instead.
final class KernelClientTests: XCTestCase {
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Every lesson of the course through `tei notebook` and nbclient, against its golden output.
    func testLessonsRunAsNotebooksWithTheirGoldenOutput() throws { try runPython("test_lessons") }

    /// Results, charts, errors, interrupts, completion, inspection and is_complete.
    func testProtocolThroughJupyterClient() throws { try runPython("test_protocol") }

    /// Malformed and wrongly signed frames, a bad connection file, SIGTERM and the parent's death.
    func testBadInputAndLifetime() throws { try runPython("test_bad_input") }

    /// jupyter_kernel_test's checks for the message types the kernel handles.
    func testJupyterKernelTestConformance() throws { try runPython("test_kernel_test") }

    private func runPython(_ module: String) throws {
        let python = Self.repositoryRoot.appendingPathComponent(".venv-test/bin/python")
        let probe = try run(python, ["-c", "import jupyter_client, nbclient, nbformat, jupyter_kernel_test"], timeout: 60)
        if probe?.status != 0 {
            let message = "the kernel tests need .venv-test with the packages of Tests/KernelClient/requirements.txt; "
                + "./dev test makes it from PyPI, and could not (no network?)"
            if let ci = ProcessInfo.processInfo.environment["CI"], !ci.isEmpty { return XCTFail(message) }
            throw XCTSkip(message)
        }
        let result = try XCTUnwrap(try run(python, ["-m", "unittest", "-v", module], timeout: 600), "\(module) timed out")
        XCTAssertEqual(result.status, 0, "\(module) failed:\n\(result.output)")
    }

    /// The built `tei`, beside this test bundle (and `tei-kernel` beside it).
    private var tei: URL {
        let bundle = Bundle(for: KernelClientTests.self).bundleURL
        let candidates = [bundle, bundle.deletingLastPathComponent()].map { $0.appendingPathComponent("tei") }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[0]
    }

    /// Runs `program` in Tests/KernelClient; nil when it could not start or ran past `timeout` seconds.
    private func run(_ program: URL, _ arguments: [String], timeout: TimeInterval) throws -> (status: Int32, output: String)? {
        guard FileManager.default.isExecutableFile(atPath: program.path) else { return nil }
        let process = Process()
        process.executableURL = program
        process.arguments = arguments
        process.currentDirectoryURL = Self.repositoryRoot.appendingPathComponent("Tests/KernelClient")
        var environment = ProcessInfo.processInfo.environment
        environment["TEI"] = tei.path
        environment["PYTHONDONTWRITEBYTECODE"] = "1"
        process.environment = environment
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("tei-kernel-client-\(UUID().uuidString).log")
        FileManager.default.createFile(atPath: log.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: log) }
        let handle = try FileHandle(forWritingTo: log)
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning, Date() < deadline { usleep(50_000) }
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
            return nil
        }
        try handle.close()
        let output = String(decoding: FileManager.default.contents(atPath: log.path) ?? Data(), as: UTF8.self)
        return (process.terminationStatus, output)
    }
}
