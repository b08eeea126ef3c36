import Foundation
import TEIEngine
import TEIReport
import XCTest

/// Runs a script in-process through a `ReportRecorder` and renders its report with fixed provenance.
enum ReportHarness {
    static let testsFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let repositoryRoot = testsFolder.deletingLastPathComponent().deletingLastPathComponent()

    /// A cache folder private to this test process.
    static let cacheDirectory: URL = {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("tei-report-tests-\(ProcessInfo.processInfo.processIdentifier)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }()

    /// The report document of running `script` (a file) with `parameters`; `displayArguments` are
    /// shown after the script's name in the command line the report records.
    static func document(script: URL, name: String, parameters: [String: String] = [:],
                         displayArguments: [String] = []) throws -> (ReportDocument, RunOutcome) {
        var options = SessionOptions(cacheDirectory: cacheDirectory, previewRows: 100)
        options.parameters = parameters
        options.showsProgress = false
        // The repository's standard library, as an installed tei finds its own beside it.
        options.libraryDirectories = [repositoryRoot.appendingPathComponent("Stdlib")]
        let session = try Session(options: options)
        let text = try String(contentsOf: script, encoding: .utf8)
        let index = session.addSource(name: name, text: text, baseDirectory: script.deletingLastPathComponent())
        let recorder = ReportRecorder(session: session, sourceIndex: index, forwardingTo: nil, maxRows: 100)
        let outcome = session.run(sourceIndex: index, output: recorder)
        let command = ["tei", "run", name] + displayArguments
            + parameters.keys.sorted().flatMap { ["--param", "\($0)=\(parameters[$0]!)"] }
        let provenance = RunProvenance(toolVersion: "0.0.0-test", commandLine: command)
        return (recorder.document(scriptName: name, provenance: provenance, outcome: outcome), outcome)
    }

    /// Compares `actual` with the golden file, or rewrites it when TEI_RECORD=1.
    static func assertGolden(_ actual: String, file name: String, file: StaticString = #filePath, line: UInt = #line) throws {
        try assertGolden(actual, at: testsFolder.appendingPathComponent("Golden").appendingPathComponent(name), file: file, line: line)
    }

    /// Compares `actual` with the golden file at `url`, or rewrites it when TEI_RECORD=1.
    static func assertGolden(_ actual: String, at url: URL, file: StaticString = #filePath, line: UInt = #line) throws {
        let name = url.lastPathComponent
        if ProcessInfo.processInfo.environment["TEI_RECORD"] == "1" {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(actual.utf8).write(to: url)
            return
        }
        guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
            XCTFail("missing golden file \(name); record it with TEI_RECORD=1", file: file, line: line)
            return
        }
        if actual != expected {
            let actualLines = actual.components(separatedBy: "\n"), expectedLines = expected.components(separatedBy: "\n")
            let first = zip(actualLines, expectedLines).enumerated().first { $0.element.0 != $0.element.1 }?.offset
                ?? min(actualLines.count, expectedLines.count)
            XCTFail("\(name) differs at line \(first + 1):\n  expected: \(first < expectedLines.count ? expectedLines[first] : "<end>")\n"
                    + "  actual:   \(first < actualLines.count ? actualLines[first] : "<end>")", file: file, line: line)
        }
    }
}
