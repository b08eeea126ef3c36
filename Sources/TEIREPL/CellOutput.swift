import TEIEngine
import TEILanguage
import TEIRender

/// Shows the events of one REPL cell: results numbered `Out[N]`, diagnostics with the caret
/// under the cell's text.
final class CellOutput: SessionOutput {
    private let sink: TextSink
    private let renderer: ResultRenderer
    private let diagnostics: DiagnosticRenderer
    private let number: Int
    private(set) var shownResults = 0

    init(sink: TextSink, renderer: ResultRenderer, diagnostics: DiagnosticRenderer, number: Int) {
        self.sink = sink
        self.renderer = renderer
        self.diagnostics = diagnostics
        self.number = number
    }

    func emit(_ event: SessionEvent) {
        switch event {
        case .result(let table, _):
            show(renderer.render(table))
        case .plot(let request, let table, _):
            show(renderer.render(table) + "\n(\(request.kind) chart)")
        case .explain(let sql, _):
            sink.writeLine(sql, to: .output)
        case .saved(let path, let rows, _):
            sink.writeLine("saved \(rows) row\(rows == 1 ? "" : "s") to \(path)", to: .error)
        case .defined:
            break
        case .diagnostic(let diagnostic):
            sink.writeLine(diagnostics.render(diagnostic), to: .error)
        }
    }

    private func show(_ text: String) {
        shownResults += 1
        sink.writeLine("Out[\(number)]:", to: .output)
        sink.writeLine(text, to: .output)
    }
}
