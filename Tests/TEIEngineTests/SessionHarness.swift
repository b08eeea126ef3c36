import Foundation
import TEIEngine
import TEILanguage
import TEIRender
import TEIStorage
import XCTest

/// Collects what a session shows, printed the way the `tei` command prints it: results on
/// "standard output" separated by blank lines, diagnostics on "standard error".
final class CapturedOutput: SessionOutput {
    private let renderer = ResultRenderer(format: .table)
    private let diagnosticRenderer: DiagnosticRenderer
    private(set) var standardOutput: [String] = []
    private(set) var standardError: [String] = []
    private(set) var diagnostics: [Diagnostic] = []
    private(set) var tables: [ResultTable] = []
    /// The `.preview` events, each sent before the `.result` of the same rows.
    private(set) var previews: [ResultTable] = []

    init(sources: SourceMap) {
        diagnosticRenderer = DiagnosticRenderer(sources: sources)
    }

    func emit(_ event: SessionEvent) {
        switch event {
        case .preview(let table, _):
            previews.append(table)
        case .result(let table, _):
            tables.append(table)
            standardOutput.append(renderer.render(table))
        case .explain(let sql, _):
            standardOutput.append(sql)
        case .plot(let request, let table, _):
            standardOutput.append(renderer.render(table) + "\n(\(request.kind) chart)")
        case .saved(let path, let rows, _):
            standardError.append("saved \(rows) row\(rows == 1 ? "" : "s") to \(path)")
        case .defined:
            break
        case .diagnostic(let diagnostic):
            diagnostics.append(diagnostic)
            standardError.append(diagnosticRenderer.render(diagnostic))
        }
    }

    var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }

    /// Standard output as the command writes it, without the final line break.
    var printed: String { standardOutput.joined(separator: "\n\n") }
}

/// A session over a temporary cache and working folder in which `docs/` is the repository's.
final class SessionHarness {
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    let workingDirectory: URL
    let session: Session

    /// `countingTime` is the session's (nil by default here, so totals never depend on the machine's speed);
    /// `previewRows` nil shows whole results; `parallelism` is the machine's by default, as in the `tei` command.
    /// `backend` makes the session's backend (by default the local SQLite cache).
    init(parameters: [String: String] = [:], countingTime: TimeInterval? = nil, previewRows: Int? = 100,
         parallelism: Parallelism = .standard(), backend: BackendMaker? = nil) throws {
        workingDirectory = FileManager.default.temporaryDirectory
            .appendingPathComponent("tei-engine-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: workingDirectory, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(
            at: workingDirectory.appendingPathComponent("docs"),
            withDestinationURL: Self.repositoryRoot.appendingPathComponent("docs"))
        var options = SessionOptions(cacheDirectory: workingDirectory.appendingPathComponent("cache"), previewRows: previewRows)
        options.showsProgress = false
        options.parameters = parameters
        options.countingTime = countingTime
        options.parallelism = parallelism
        session = try Session(options: options, backend: backend)
    }

    deinit { try? FileManager.default.removeItem(at: workingDirectory) }

    /// Runs code as `tei -c` would, returning what it printed.
    @discardableResult
    func run(_ code: String) -> (outcome: RunOutcome, output: CapturedOutput) {
        let output = CapturedOutput(sources: session.sources)
        let index = session.addSource(name: "<command line>", text: code, baseDirectory: workingDirectory)
        let outcome = session.run(sourceIndex: index, output: output)
        return (outcome, output)
    }

    /// Checks code without running it, returning the checked statements (nil on errors).
    func check(_ code: String) -> (statements: [CheckedStatement]?, output: CapturedOutput) {
        let output = CapturedOutput(sources: session.sources)
        let index = session.addSource(name: "<command line>", text: code, baseDirectory: workingDirectory)
        return (session.check(sourceIndex: index, output: output), output)
    }

    /// The SQL that the last pipeline of `code` compiles to.
    func compiledSQL(_ code: String, file: StaticString = #filePath, line: UInt = #line) throws -> String {
        let relation = try XCTUnwrap(SQLSnapshotTests.shownRelation(code, harness: self), file: file, line: line)
        return session.compile(relation).sql
    }

    /// The SQL of the last pipeline of `code`, with the names of the loaded tables' relations, items
    /// tables and dictionaries (taken from their layouts) written as `SQLSnapshotTests.normalizedSQL` does.
    func normalizedSQL(_ code: String, file: StaticString = #filePath, line: UInt = #line) throws -> String {
        SQLSnapshotTests.normalizedSQL(try XCTUnwrap(SQLSnapshotTests.shownRelation(code, harness: self), file: file, line: line), harness: self)
    }

    /// Runs `code`, which must succeed, and returns the rows of its last result as text.
    func resultRows(_ code: String, file: StaticString = #filePath, line: UInt = #line) throws -> [[String]] {
        let (outcome, output) = run(code)
        XCTAssertEqual(outcome, .success, output.standardError.joined(separator: "\n"), file: file, line: line)
        return try XCTUnwrap(output.tables.last, file: file, line: line).rows.map { $0.map(\.text) }
    }
}
