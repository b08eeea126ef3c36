import Foundation
import TEILanguage

/// The REPL's loop: reads lines into cells (a statement continues while it is incomplete, and a
/// pasted line starting with `|` carries on the one before), runs each cell in the notebook, and
/// keeps the history.
public final class InteractiveShell {
    private let notebook: Notebook
    private let reader: LineReading
    private var history: CommandHistory
    private let historyLocation: URL?
    private let sink: TextSink
    /// Lines read ahead while pasting that turned out to start the next cell.
    private var carried: [LineInput] = []

    public init(notebook: Notebook, reader: LineReading, sink: TextSink, historyLocation: URL?, historyLimit: Int = 1000) {
        self.notebook = notebook
        self.reader = reader
        self.sink = sink
        self.historyLocation = historyLocation
        history = historyLocation.map { CommandHistory.load(from: $0, limit: historyLimit) } ?? CommandHistory(limit: historyLimit)
        reader.setHistory(history.entries, limit: history.limit)
    }

    /// The primary prompt, showing the number the next cell gets.
    var prompt: String { "tei [\(notebook.nextCellNumber)]> " }

    /// The prompt for a statement's further lines, as wide as the primary one.
    var continuationPrompt: String {
        String(repeating: " ", count: max(0, prompt.count - 5)) + "...> "
    }

    /// Runs cells until `:quit` or end of input.
    public func run() {
        while !notebook.hasQuit, let cell = readCell() {
            remember(cell)
            notebook.submit(cell)
        }
    }

    /// Reads the lines of one cell; nil at end of input.
    func readCell() -> String? {
        var lines: [String] = []
        while true {
            let input = carried.isEmpty
                ? reader.readLine(prompt: lines.isEmpty ? prompt : continuationPrompt, pending: lines.joined(separator: "\n"))
                : carried.removeFirst()
            switch input {
            case .endOfInput:
                // Ctrl-D with a statement half typed runs it, so its error shows; on an empty line it leaves.
                return lines.isEmpty ? nil : lines.joined(separator: "\n")
            case .cancelled:
                lines = []
            case .line(let line):
                if lines.isEmpty, line.allSatisfy(\.isWhitespace) { continue }
                lines.append(line)
                if lines.count == 1, line.drop(while: \.isWhitespace).hasPrefix(":") { return line }
                let text = lines.joined(separator: "\n")
                guard InputCompleteness.isComplete(text) else { continue }
                if readAheadContinues(text) { continue }
                return text
            }
        }
    }

    /// While pasted text is waiting, reads past blank and comment lines to the next line: a
    /// script's pipeline goes on when that line starts with `|`. What was read waits in `carried`.
    private func readAheadContinues(_ text: String) -> Bool {
        while carried.isEmpty || Self.isBlankOrComment(carried.last), reader.hasPendingInput() {
            carried.append(reader.readLine(prompt: continuationPrompt, pending: text))
        }
        guard case .line(let line)? = carried.last else { return false }
        return InputCompleteness.continuesStatement(withNextLine: line)
    }

    private static func isBlankOrComment(_ input: LineInput?) -> Bool {
        guard case .line(let line)? = input else { return false }
        let trimmed = line.drop(while: \.isWhitespace)
        return trimmed.isEmpty || trimmed.hasPrefix("#")
    }

    private func remember(_ cell: String) {
        reader.addHistory(cell)
        history.add(cell)
        guard let historyLocation else { return }
        do {
            try history.save(to: historyLocation)
        } catch {
            sink.writeLine("warning: cannot save history to \(historyLocation.path): \(error.localizedDescription)", to: .error)
        }
    }
}
