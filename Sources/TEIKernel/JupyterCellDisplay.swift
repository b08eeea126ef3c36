import TEIEngine
import TEILanguage
import TEIREPL
import TEIRender
import TEIReport
import TEIStorage

/// Shows one cell's events in a Jupyter front end: tables as HTML and text, charts as SVG and
/// text, warnings and notes on the stderr stream. Errors are kept for the cell's `error` message.
///
/// The cell's last table is the result `_N` names, so when nothing follows it, it goes out as the
/// cell's `execute_result` (`Out[N]`); every other table or chart is `display_data`. To know,
/// a table waits until the next output, or the end of the cell.
final class JupyterCellDisplay: CellDisplay {
    private let context: CellContext
    private let renderer: ResultRenderer
    private let publish: (_ type: String, _ content: [String: Any]) -> Void
    private(set) var failedCharts = 0
    /// The cell's errors, rendered with the caret under its text (in colour when the notebook is).
    private(set) var errors: [(message: String, rendered: String)] = []
    /// The last table's bundle, not yet sent.
    private var pendingTable: [String: String]?
    /// The text of the `execute_result` sent, for the history's outputs.
    private(set) var resultText: String?

    init(context: CellContext, publish: @escaping (_ type: String, _ content: [String: Any]) -> Void) {
        self.context = context
        renderer = ResultRenderer(format: context.format, terminal: context.terminal)
        self.publish = publish
    }

    func emit(_ event: SessionEvent) {
        switch event {
        case .preview:
            // The `.result` with the total follows; a notebook shows the result once, whole.
            break
        case .result(let table, _):
            flushPendingTable()
            pendingTable = ["text/plain": renderer.render(table), "text/html": HTMLTableRenderer().render(table)]
        case .plot(let request, let table, _):
            showChart(request, table)
        case .explain(let sql, _):
            display(["text/plain": sql])
        case .saved(let path, let rows, _):
            stream("saved \(rows) row\(rows == 1 ? "" : "s") to \(path)")
        case .defined:
            break
        case .diagnostic(let diagnostic):
            let rendered = context.diagnostics.render(diagnostic)
            if diagnostic.severity == .error {
                errors.append((diagnostic.message, rendered))
            } else {
                stream(rendered)
            }
        }
    }

    /// The text chart as `tei run` draws it, and the same chart as SVG.
    private func showChart(_ request: PlotRequest, _ table: ResultTable) {
        let plotted = ChartBuilder.build(table, request: request)
        do {
            let terminal = context.terminal
            let text = try plotted.text(terminalWidth: terminal.width, ascii: terminal.ascii, color: false)
            display(["text/plain": text, "image/svg+xml": try plotted.chart.renderSVG(plotted.svgOptions)])
        } catch {
            failedCharts += 1
            errors.append(("\(error)", "error: \(error)"))
        }
        if let path = request.svgDisplayPath {
            stream("wrote chart to \(path)")
        }
    }

    /// Sends the table held back as `display_data`: something follows it.
    func flushPendingTable() {
        guard let table = pendingTable else { return }
        pendingTable = nil
        publish("display_data", ["data": table, "metadata": [String: Any](), "transient": [String: Any]()])
    }

    /// Ends the cell: the table held back is its result.
    func finish() {
        guard let table = pendingTable else { return }
        pendingTable = nil
        resultText = table["text/plain"]
        publish("execute_result", ["data": table, "metadata": [String: Any](), "execution_count": context.number])
    }

    private func display(_ data: [String: String]) {
        flushPendingTable()
        publish("display_data", ["data": data, "metadata": [String: Any](), "transient": [String: Any]()])
    }

    private func stream(_ text: String) {
        flushPendingTable()
        publish("stream", ["name": "stderr", "text": text + "\n"])
    }
}
