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
        var cases = 0
        for folder in Self.folders {
            let url = TEIBinary.repositoryRoot.appendingPathComponent(folder)
            let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
            for name in names.sorted() where name.hasSuffix(".tei") {
                let script = url.appendingPathComponent(name)
                let expected = script.deletingPathExtension().appendingPathExtension("out")
                let recording = ProcessInfo.processInfo.environment["TEI_RECORD"] == "1"
                guard recording || FileManager.default.fileExists(atPath: expected.path) else { continue }
                try check(script: script, relativePath: "\(folder)/\(name)")
                cases += 1
            }
        }
        XCTAssertGreaterThan(cases, 10, "the golden folders should hold cases")
    }

    /// Cache schemas are named after a hash of the loaded file's absolute path, which differs
    /// between clones; everything else is compared to the letter.
    static func normalized(_ text: String) -> String {
        text.replacingOccurrences(of: #""tei_[0-9a-f]{16}""#, with: "\"tei_<cache>\"", options: .regularExpression)
    }

    private func check(script: URL, relativePath: String) throws {
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
        var result = try TEIBinary.run(["run", relativePath] + arguments)
        result.standardOutput = Self.normalized(result.standardOutput)
        result.standardError = Self.normalized(result.standardError)
        let outURL = script.deletingPathExtension().appendingPathExtension("out")
        let errURL = script.deletingPathExtension().appendingPathExtension("err")
        if ProcessInfo.processInfo.environment["TEI_RECORD"] == "1" {
            try result.standardOutput.write(to: outURL, atomically: true, encoding: .utf8)
            if !result.standardError.isEmpty || FileManager.default.fileExists(atPath: errURL.path) {
                try result.standardError.write(to: errURL, atomically: true, encoding: .utf8)
            }
        }
        XCTAssertEqual(result.status, expectedStatus, "\(relativePath): exit status; stderr:\n\(result.standardError)")
        let expectedOut = try String(contentsOf: outURL, encoding: .utf8)
        XCTAssertEqual(result.standardOutput, expectedOut, "\(relativePath): standard output differs")
        if let expectedErr = try? String(contentsOf: errURL, encoding: .utf8) {
            XCTAssertEqual(result.standardError, expectedErr, "\(relativePath): standard error differs")
        }
    }
}
