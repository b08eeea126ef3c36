import Foundation
import TEIEngine
import TEILanguage
import TEIStorage

/// Records a session's events for a report while passing each on to another output (the console),
/// then assembles the report of the run.
public final class ReportRecorder: SessionOutput {
    private let session: Session
    private let sourceIndex: Int
    private let forwardTo: SessionOutput?
    private let diagnosticRenderer: DiagnosticRenderer
    /// A shown table keeps at most this many rows in the report.
    private let maxRows: Int
    private var segments: ScriptSegments
    private var outputs: [[ReportOutput]]
    private var hasRun: [Bool]
    private var hasFailed: [Bool]
    private var otherDiagnostics: [String] = []
    private var firstError: (line: Int?, message: String)?
    /// The cell of the last event that could be placed: where output from elsewhere (a library) goes.
    private var currentCell: Int?

    /// Records the run of `session.sources[sourceIndex]`, forwarding every event to `output`.
    public init(session: Session, sourceIndex: Int, forwardingTo output: SessionOutput?, maxRows: Int = 100) {
        self.session = session
        self.sourceIndex = sourceIndex
        forwardTo = output
        diagnosticRenderer = DiagnosticRenderer(sources: session.sources, color: false)
        self.maxRows = max(1, maxRows)
        segments = ScriptSegments(source: session.sources[sourceIndex], sourceIndex: sourceIndex)
        outputs = Array(repeating: [], count: segments.segments.count)
        hasRun = Array(repeating: false, count: segments.segments.count)
        hasFailed = Array(repeating: false, count: segments.segments.count)
    }

    public func emit(_ event: SessionEvent) {
        forwardTo?.emit(event)
        switch event {
        case .preview:
            // The report keeps the `.result` that follows, with its total.
            break
        case .result(let table, let span):
            place(.table(preview(table)), at: span, ran: true)
        case .explain(let sql, let span):
            place(.sql(sql), at: span, ran: true)
        case .saved(let path, let rows, let span):
            place(.saved(path: path, rows: rows), at: span, ran: true)
        case .plot(let request, let table, let span):
            place(.chart(request, table), at: span, ran: true)
        case .defined(_, let span):
            if let cell = cell(containing: span) {
                hasRun[cell] = true
                currentCell = cell
            }
        case .diagnostic(let diagnostic):
            record(diagnostic)
        }
    }

    /// The report of the run, once `Session.run` has returned `outcome`.
    public func document(scriptName: String, provenance: RunProvenance, outcome: RunOutcome) -> ReportDocument {
        var provenance = provenance
        if provenance.parameters.isEmpty {
            provenance.parameters = session.checker.parameters.map { parameter in
                ReportParameter(name: parameter.name, value: parameter.value.text,
                                isOverridden: session.options.parameters[parameter.name] != nil)
            }
        }
        if provenance.inputFiles.isEmpty {
            provenance.inputFiles = session.loadedTables.flatMap(\.sources)
        }
        let cells = segments.segments.indices.map { index in
            let segment = segments.segments[index]
            let status: ReportCell.Status = hasFailed[index] ? .failed : (hasRun[index] && outcome != .checkFailed ? .ran : .notRun)
            return ReportCell(prose: segment.prose, code: segment.code, line: segment.line, outputs: outputs[index], status: status)
        }
        return ReportDocument(scriptName: scriptName, provenance: provenance, outcome: outcome, firstError: firstError,
                              cells: cells, closingProse: segments.closingProse, otherDiagnostics: otherDiagnostics)
    }

    // MARK: Placing events

    private func record(_ diagnostic: Diagnostic) {
        let rendered = diagnosticRenderer.render(diagnostic)
        let cell = diagnostic.span.flatMap(cell(containing:))
        if diagnostic.severity == .error, firstError == nil {
            let line = diagnostic.span.flatMap { span in
                span.source == sourceIndex ? session.sources[sourceIndex].location(of: span.start).line : nil
            }
            firstError = (line, diagnostic.message)
        }
        guard let cell else {
            otherDiagnostics.append(rendered)
            return
        }
        if diagnostic.severity == .error { hasFailed[cell] = true }
        outputs[cell].append(.diagnostic(diagnostic, rendered: rendered))
        currentCell = cell
    }

    private func place(_ output: ReportOutput, at span: Span, ran: Bool) {
        guard let cell = cell(containing: span) ?? currentCell else { return }
        outputs[cell].append(output)
        if ran { hasRun[cell] = true }
        currentCell = cell
    }

    /// The last cell starting at or before `span`, when the span is in the script itself.
    private func cell(containing span: Span) -> Int? {
        guard span.source == sourceIndex else { return nil }
        return segments.segments.lastIndex { $0.start <= span.start }
    }

    private func preview(_ table: ResultTable) -> ResultTable {
        guard table.rows.count > maxRows else { return table }
        return ResultTable(columns: table.columns, rows: Array(table.rows.prefix(maxRows)), totalRows: table.totalRows)
    }
}
