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
        let folder = Self.repositoryRoot.appendingPathComponent("Tests/KernelClient")
        let probe = try BuiltProgram.run(python, ["-c", "import jupyter_client, nbclient, nbformat, jupyter_kernel_test"],
                                         in: folder, timeout: 60)
        if probe?.status != 0 {
            let message = "the kernel tests need .venv-test with the packages of Tests/requirements.txt; "
                + "./dev test makes it from PyPI, and could not (no network?)"
            if let ci = ProcessInfo.processInfo.environment["CI"], !ci.isEmpty { return XCTFail(message) }
            throw XCTSkip(message)
        }
        let result = try XCTUnwrap(try BuiltProgram.run(python, ["-m", "unittest", "-v", module], in: folder, timeout: 600,
                                                        environment: ["TEI": BuiltProgram.tei.path, "PYTHONDONTWRITEBYTECODE": "1"]),
                                   "\(module) timed out")
        XCTAssertEqual(result.status, 0, "\(module) failed:\n\(result.output)")
    }
}
