import Foundation
import TEIEngine
import TEILanguage
import TEIRender
import TEIStorage

/// Prints a session's events: results to standard output, diagnostics and notes to standard error.
///
/// In `csv`, `json` and `jsonl` the rows of a result are streamed to standard output as the query
/// steps them. `json` prints one document per run: a single result is its array of rows; several
/// results are an array of them, an `explain` or a `plot` as a JSON string of its text.
///
/// In `table` a result whose total takes a while to count prints its rows at once (its `.preview`)
/// and its footer once counted (its `.result`); the text is the same as if printed whole.
final class ConsoleOutput: SessionOutput {
    private let format: OutputFormat
    private let renderer: ResultRenderer
    private let diagnostics: DiagnosticRenderer
    private let terminal: TerminalInfo
    private let standardOutput = FileDescriptorSink.standardOutput()
    /// How many results the run shows (statements that print), known once it is checked.
    private var expectedResults = 0
    private var printedResults = 0
    private(set) var errorCount = 0
    /// The result whose rows are being streamed.
    private var streaming: StreamedResult?
    /// The first failure to write standard output (a full disk, a closed pipe).
    private var writeFailure: FileWriteError?
    /// Whether the rows of the result being counted are printed, so its `.result` adds the footer.
    private var printedPreview = false

    init(session: Session, format: OutputFormat, terminal: TerminalInfo, stderrColor: Bool) {
        self.format = format
        renderer = ResultRenderer(format: format, terminal: terminal)
        self.terminal = terminal
        diagnostics = DiagnosticRenderer(sources: session.sources, color: stderrColor)
    }

    func willRun(_ statements: [CheckedStatement]) {
        expectedResults = statements.filter(\.printsResult).count
    }

    func rowWriter(columns: [Column]) -> RowWriter? {
        guard format.streams, let rows = format.rowWriter(columns: columns, sink: standardOutput) else { return nil }
        let result = StreamedResult(rows) { [unowned self] in startResult() }
        streaming = result
        return result
    }

    func emit(_ event: SessionEvent) {
        endStreamedResult()
        switch event {
        case .preview(let table, _):
            guard let parts = renderer.renderParts(table) else { break }
            startResult()
            if let rows = parts.rows { write(rows + "\n") }
            flushStreamedRows()
            printedPreview = true
        case .result(let table, _):
            if printedPreview, let parts = renderer.renderParts(table) {
                write(parts.footer + "\n")
                flushStreamedRows()
            } else {
                writeResult(renderer.render(table))
            }
            printedPreview = false
        case .explain(let sql, _):
            writeResult(sql, isText: true)
        case .plot(let request, let table, _):
            do {
                writeResult(try ChartBuilder.build(table, request: request)
                    .text(terminalWidth: terminal.width, ascii: terminal.ascii, color: terminal.color), isText: true)
            } catch {
                Console.standardError("error: \(error)")
                errorCount += 1
            }
            if let path = request.svgDisplayPath {
                Console.standardError("wrote chart to \(path)")
            }
        case .saved(let path, let rows, _):
            Console.standardError("saved \(rows) row\(rows == 1 ? "" : "s") to \(path)")
        case .defined:
            break
        case .diagnostic(let diagnostic):
            if diagnostic.severity == .error { errorCount += 1 }
            Console.standardError(diagnostics.render(diagnostic))
        }
    }

    /// Ends the run's output (closing the JSON array that holds several results); the failure to
    /// write standard output, if there was one.
    func finish() -> FileWriteError? {
        endStreamedResult()
        if format == .json, expectedResults > 1, printedResults > 0 { write("]\n") }
        flushStreamedRows()
        return writeFailure
    }

    /// A result printed whole; in `json` and `jsonl`, text that is not rows (SQL, a chart) is a string.
    private func writeResult(_ text: String, isText: Bool = false) {
        startResult()
        write((isText && (format == .json || format == .jsonl) ? JSONRenderer.string(text) : text) + "\n")
        flushStreamedRows()
    }

    private func write(_ text: String) {
        do { try standardOutput.write(text) } catch { remember(error) }
    }

    /// What goes between the results of a run, before each one.
    private func startResult() {
        switch format {
        case .json where expectedResults > 1: write(printedResults == 0 ? "[\n" : ",\n")
        case .json, .jsonl: break
        case .table, .csv, .markdown: if printedResults > 0 { write("\n") }
        }
        printedResults += 1
    }

    /// Ends the streamed result that a failing query left open, so the output stays one document.
    private func endStreamedResult() {
        do { try streaming?.endIfOpen() } catch { remember(error) }
        streaming = nil
        flushStreamedRows()
    }

    /// Writes out the rows buffered for standard output, before anything goes to standard error.
    private func flushStreamedRows() {
        do { try standardOutput.finish() } catch { remember(error) }
    }

    private func remember(_ error: Error) {
        if writeFailure == nil { writeFailure = error as? FileWriteError }
    }
}

/// A result's rows on their way to standard output: what separates it from the result before is
/// written when its first row is (so a query failing before any row leaves no trace), and it can
/// be ended when a query failed halfway.
private final class StreamedResult: RowWriter {
    private let rows: RowWriter
    private let started: () -> Void
    private var isOpen = false

    init(_ rows: RowWriter, started: @escaping () -> Void) {
        self.rows = rows
        self.started = started
    }

    func begin() throws {
        started()
        isOpen = true
        try rows.begin()
    }

    func write(_ row: [Value]) throws { try rows.write(row) }

    func end() throws {
        isOpen = false
        try rows.end()
    }

    func endIfOpen() throws {
        if isOpen { try end() }
    }
}

extension CheckedStatement {
    /// Whether running the statement prints something on standard output.
    var printsResult: Bool {
        switch self {
        case .show, .explain, .plot: return true
        case .save, .saveNetwork, .definition: return false
        }
    }
}

/// Standard error, written unbuffered in order (results go through `ConsoleOutput`'s sink).
enum Console {
    static func standardError(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }
}
