import TEIEngine
import TEILanguage
import TEIRender
import TEIStorage

/// Shows the events of one code cell; `Notebook` makes one per cell.
public protocol CellDisplay: SessionOutput {
    /// Charts that could not be drawn; the cell counts as failed when there are any.
    var failedCharts: Int { get }
}

/// What a cell's display is made for: the cell's number and how its results are laid out.
public struct CellContext {
    /// The cell's number: its results are `_N` with this N.
    public let number: Int
    public let terminal: TerminalInfo
    public let format: OutputFormat
    /// Renders diagnostics with the caret under the cell's text.
    public let diagnostics: DiagnosticRenderer
}

/// Shows the events of one REPL cell: results and charts numbered `Out[N]`, diagnostics with
/// the caret under the cell's text.
final class CellOutput: CellDisplay {
    private let sink: TextSink
    private let renderer: ResultRenderer
    private let diagnostics: DiagnosticRenderer
    private let terminal: TerminalInfo
    private let number: Int
    private(set) var shownResults = 0
    /// Charts that could not be drawn; the cell counts as failed when there are any.
    private(set) var failedCharts = 0

    init(sink: TextSink, context: CellContext) {
        self.sink = sink
        renderer = ResultRenderer(format: context.format, terminal: context.terminal)
        terminal = context.terminal
        diagnostics = context.diagnostics
        number = context.number
    }

    func emit(_ event: SessionEvent) {
        switch event {
        case .preview:
            // A cell's result shows whole, under its `Out[N]:`, once its total is counted.
            break
        case .result(let table, _):
            show(renderer.render(table))
        case .plot(let request, let table, _):
            showChart(request, table)
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

    /// Draws a chart as `tei run` does, whatever `:format` says: a chart has no CSV or JSON form.
    private func showChart(_ request: PlotRequest, _ table: ResultTable) {
        do {
            show(try ChartBuilder.build(table, request: request)
                .text(terminalWidth: terminal.width, ascii: terminal.ascii, color: terminal.color))
        } catch {
            failedCharts += 1
            sink.writeLine("error: \(error)", to: .error)
        }
        if let path = request.svgDisplayPath {
            sink.writeLine("wrote chart to \(path)", to: .error)
        }
    }

    private func show(_ text: String) {
        shownResults += 1
        sink.writeLine("Out[\(number)]:", to: .output)
        sink.writeLine(text, to: .output)
    }
}
