import Foundation
import TEIEngine
import TEILanguage
import TEIRender
import TEIStorage

/// Prints a session's events: results to standard output, diagnostics and notes to standard error.
final class ConsoleOutput: SessionOutput {
    private let renderer: ResultRenderer
    private let diagnostics: DiagnosticRenderer
    private let terminal: TerminalInfo
    private var printedResults = 0
    private(set) var errorCount = 0

    init(session: Session, format: OutputFormat, terminal: TerminalInfo, stderrColor: Bool) {
        renderer = ResultRenderer(format: format, terminal: terminal)
        self.terminal = terminal
        diagnostics = DiagnosticRenderer(sources: session.sources, color: stderrColor)
    }

    func emit(_ event: SessionEvent) {
        switch event {
        case .result(let table, _):
            writeResult(renderer.render(table))
        case .explain(let sql, _):
            writeResult(sql)
        case .plot(let request, let table, _):
            do {
                writeResult(try ChartBuilder.build(table, request: request)
                    .text(terminalWidth: terminal.width, ascii: terminal.ascii, color: terminal.color))
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

    private func writeResult(_ text: String) {
        if printedResults > 0 { Console.standardOutput("") }
        Console.standardOutput(text)
        printedResults += 1
    }
}

/// The process's output streams, written unbuffered in order.
enum Console {
    static func standardOutput(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }

    static func standardError(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }
}
