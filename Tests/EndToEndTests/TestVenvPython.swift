import Foundation
import XCTest

/// The Python of `.venv-test`, which `./dev test` makes from PyPI (Tests/requirements.txt): the
/// tests that read tei's files back with other tools (networkx, the toolkit's normalisation) run
/// their scripts with it.
enum TestVenvPython {
    /// The venv's interpreter. Without the venv the test skips, saying why; under CI (where
    /// `./dev test` must have made it) the test fails instead.
    static func interpreter() throws -> URL {
        let python = TEIBinary.repositoryRoot.appendingPathComponent(".venv-test/bin/python")
        guard FileManager.default.isExecutableFile(atPath: python.path) else {
            let message = "no .venv-test: `./dev test` makes it from PyPI, and could not (no network?)"
            if let ci = ProcessInfo.processInfo.environment["CI"], !ci.isEmpty { throw MissingVenv(message: message) }
            throw XCTSkip(message)
        }
        return python
    }

    /// Runs `arguments` with `python` in `folder` to its end: its status, and its standard output
    /// and error together.
    static func run(_ python: URL, _ arguments: [String], in folder: URL) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = python
        process.arguments = arguments
        process.currentDirectoryURL = folder
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}

/// `.venv-test` is missing where the tests need it (under CI).
struct MissingVenv: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
