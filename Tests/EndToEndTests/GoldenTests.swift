import Foundation
import XCTest

/// Runs every golden script through the real `tei` binary and compares what it prints, exactly,
/// with the files beside it: `NAME.tei` → `NAME.out` (standard output) and, when present,
/// `NAME.err` (standard error). Header comments give directives: `# args: --format csv` and
/// `# exit: 1`. A new case is new files, not new code. `TEI_RECORD=1` rewrites the expected files;
/// read the diff before committing them.
final class GoldenTests: XCTestCase {
    static let folders = ["Tests/Golden", "Examples", "Examples/capstone"]

    func testGoldenScripts() throws {
        let cases = Self.cases()
        for (script, relativePath) in cases {
            try Self.check(script: script, relativePath: relativePath)
        }
        XCTAssertGreaterThan(cases.count, 10, "the golden folders should hold cases")
    }

    /// Every golden script with an expected output (or every script, when recording), with its path
    /// relative to the repository.
    static func cases() -> [(script: URL, relativePath: String)] {
        var cases: [(URL, String)] = []
        for folder in folders {
            let url = TEIBinary.repositoryRoot.appendingPathComponent(folder)
            let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
            for name in names.sorted() where name.hasSuffix(".tei") {
                let script = url.appendingPathComponent(name)
                let expected = script.deletingPathExtension().appendingPathExtension("out")
                let recording = ProcessInfo.processInfo.environment["TEI_RECORD"] == "1"
                guard recording || FileManager.default.fileExists(atPath: expected.path) else { continue }
                cases.append((script, "\(folder)/\(name)"))
            }
        }
        return cases
    }

    /// Cache schemas are named after a hash of the loaded file's absolute path, which differs
    /// between clones, and a server's after a hash of its content and the cache's format, which
    /// changes with the format; everything else is compared to the letter.
    static func normalized(_ text: String) -> String {
        text.replacingOccurrences(of: #""tei_[0-9a-f]{16}([0-9a-f]{8})?""#, with: "\"tei_<cache>\"", options: .regularExpression)
    }

    /// Runs a golden script and fails the test where its output differs from the expected files.
    static func check(script: URL, relativePath: String, file: StaticString = #filePath, line: UInt = #line) throws {
        for difference in try differences(script: script, relativePath: relativePath) {
            XCTFail(difference, file: file, line: line)
        }
    }

    /// Runs a golden script and says how its output differs from the expected files (nothing when
    /// it does not). `backend` names a backend whose own expected files (`NAME.BACKEND.out`,
    /// `NAME.BACKEND.err`) take the place of the shared ones where they exist, for output that
    /// names the backend (`explain`); `environment` is added to the run's; `normalizing` is
    /// applied to both the output and the expected files before they are compared.
    static func differences(script: URL, relativePath: String, backend: String? = nil,
                            environment: [String: String] = [:], normalizing: (String) -> String = { $0 }) throws -> [String] {
        let text = try String(contentsOf: script, encoding: .utf8)
        var arguments: [String] = []
        var expectedStatus: Int32 = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            guard line.hasPrefix("#") else { break }
            let body = line.dropFirst().trimmingCharacters(in: .whitespaces)
            if body.hasPrefix("args:") {
                arguments = body.dropFirst(5).split(separator: " ").map(String.init)
            } else if body.hasPrefix("exit:") {
                expectedStatus = Int32(body.dropFirst(5).trimmingCharacters(in: .whitespaces)) ?? 0
            }
        }
        var result = try TEIBinary.run(["run", relativePath] + arguments, environment: environment)
        result.standardOutput = normalizing(Self.normalized(result.standardOutput))
        result.standardError = normalizing(Self.normalized(result.standardError))
        func expected(_ suffix: String) -> URL {
            let shared = script.deletingPathExtension().appendingPathExtension(suffix)
            guard let backend else { return shared }
            let own = script.deletingPathExtension().appendingPathExtension("\(backend).\(suffix)")
            return FileManager.default.fileExists(atPath: own.path) ? own : shared
        }
        let outURL = expected("out")
        let errURL = expected("err")
        if backend == nil, ProcessInfo.processInfo.environment["TEI_RECORD"] == "1" {
            try result.standardOutput.write(to: outURL, atomically: true, encoding: .utf8)
            if !result.standardError.isEmpty || FileManager.default.fileExists(atPath: errURL.path) {
                try result.standardError.write(to: errURL, atomically: true, encoding: .utf8)
            }
        }
        var differences: [String] = []
        if result.status != expectedStatus {
            differences.append("\(relativePath): exit status \(result.status), expected \(expectedStatus); stderr:\n\(result.standardError)")
        }
        let expectedOut = normalizing(try String(contentsOf: outURL, encoding: .utf8))
        if result.standardOutput != expectedOut {
            differences.append("\(relativePath): standard output differs from \(outURL.lastPathComponent):\n\(result.standardOutput)\n--- expected:\n\(expectedOut)")
        }
        if let expectedErr = (try? String(contentsOf: errURL, encoding: .utf8)).map(normalizing), result.standardError != expectedErr {
            differences.append("\(relativePath): standard error differs from \(errURL.lastPathComponent):\n\(result.standardError)\n--- expected:\n\(expectedErr)")
        }
        return differences
    }
}
