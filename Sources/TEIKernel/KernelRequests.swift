import Foundation
import TEIEngine
import TEILanguage
import TEIREPL
import TEIReport
import TEIStorage

/// Answers the shell channel's requests from one notebook: the session every cell runs in, so a
/// Jupyter cell means what the same cell means in the REPL (`_`, `_N`, `let`, `:schema`, …).
/// Runs on the shell thread only.
final class KernelRequests {
    let notebook: Notebook
    private let sink: StreamSink
    private let completer: Completer
    private var history = ExecutionHistory()

    /// `sink` must be the notebook's sink: what cells print goes out as `stream` messages.
    init(notebook: Notebook, sink: StreamSink) {
        self.notebook = notebook
        self.sink = sink
        completer = notebook.makeCompleter()
    }

    /// What `kernel_info_reply` says; the same on shell and control, and safe from any thread.
    static var kernelInfo: [String: Any] {
        [
            "status": "ok",
            "protocol_version": KernelMessage.protocolVersion,
            "implementation": "tei",
            "implementation_version": TEIVersion.current,
            "language_info": ScriptNotebook.languageInfo(version: TEIVersion.current),
            "banner": "tei \(TEIVersion.current): a dataflow query language for the Twitter Election Integrity archives. :help lists commands.",
            "help_links": [[String: Any]](),
        ]
    }

    // MARK: - execute

    /// Runs `code` as the notebook's next cell; `publish` sends iopub messages answering the
    /// request. Returns the reply's content.
    func execute(_ content: [String: Any], publish: @escaping (_ type: String, _ content: [String: Any]) -> Void) -> [String: Any] {
        let code = content["code"] as? String ?? ""
        let silent = content["silent"] as? Bool ?? false
        let publishOutput: (String, [String: Any]) -> Void = silent ? { _, _ in } : publish
        let number = notebook.cellNumber(for: code) ?? max(1, notebook.nextCellNumber - 1)
        if !silent { publish("execute_input", ["code": code, "execution_count": number]) }
        var display: JupyterCellDisplay?
        notebook.makeCellDisplay = { context in
            let made = JupyterCellDisplay(context: context, publish: publishOutput)
            display = made
            return made
        }
        sink.publish = publishOutput
        sink.beforeWrite = { display?.flushPendingTable() }
        // The bar redraws its line (`\r`, which front ends honour) and stays, finished, as a record.
        notebook.session.importProgressHandler = { progress in
            let line = "\r" + TerminalProgressBar.line(for: progress) + (progress.isFinished ? "\n" : "")
            publishOutput("stream", ["name": "stderr", "text": line])
        }
        sink.reset()
        let outcome = notebook.submit(code)
        sink.publish = nil
        sink.beforeWrite = nil
        display?.finish()
        if !silent, content["store_history"] as? Bool ?? true { history.add(code, output: display?.resultText) }
        let errors = display?.errors ?? []
        guard outcome != .success || !errors.isEmpty else {
            return ["status": "ok", "execution_count": number, "user_expressions": [String: Any](), "payload": [Any]()]
        }
        // A failing meta-command reports on the sink instead of through diagnostics.
        let reported = errors.isEmpty ? [(message: sink.lastErrorLine ?? "the cell failed", rendered: sink.lastErrorLine ?? "")] : errors
        let error: [String: Any] = [
            "ename": outcome == .interrupted ? "Interrupted" : "Error",
            "evalue": reported[0].message,
            "traceback": reported.flatMap { $0.rendered.components(separatedBy: "\n") },
        ]
        publishOutput("error", error)
        return error.merging(["status": "error", "execution_count": number]) { first, _ in first }
    }

    // MARK: - complete, inspect, is_complete, history

    func complete(_ content: [String: Any]) -> [String: Any] {
        let code = content["code"] as? String ?? ""
        let cursor = CodePoints(code).clamp(content["cursor_pos"] as? Int)
        let completion = completer.complete(CodePoints(code).prefix(cursor))
        return [
            "status": "ok",
            "matches": completion.candidates,
            "cursor_start": cursor - completion.word.unicodeScalars.count,
            "cursor_end": cursor,
            "metadata": [String: Any](),
        ]
    }

    /// Shift-Tab: a table's schema, or a transform's, function's or command's help.
    func inspect(_ content: [String: Any]) -> [String: Any] {
        let code = CodePoints(content["code"] as? String ?? "")
        let name = code.word(around: code.clamp(content["cursor_pos"] as? Int))
        var text: String?
        if let schema = notebook.schemaText(ofTable: name) {
            text = "table \(name)\n\(schema)"
        } else if !name.isEmpty {
            text = notebook.helpText(for: name)
        }
        return ["status": "ok", "found": text != nil, "data": text.map { ["text/plain": $0] } ?? [:], "metadata": [String: Any]()]
    }

    func isComplete(_ content: [String: Any]) -> [String: Any] {
        let code = content["code"] as? String ?? ""
        if code.trimmingCharacters(in: .whitespaces).hasPrefix(":") { return ["status": "complete"] }
        guard InputCompleteness.isComplete(code) else { return ["status": "incomplete", "indent": ""] }
        let (_, syntaxErrors) = Parser.parse(Source(name: "<cell>", text: code), index: 0)
        return ["status": syntaxErrors.isEmpty ? "complete" : "invalid"]
    }

    func history(_ content: [String: Any]) -> [String: Any] {
        ["status": "ok", "history": history.entries(for: content)]
    }
}

/// A cell's text indexed by Unicode code points, the unit of Jupyter's `cursor_pos`.
struct CodePoints {
    private let scalars: [Unicode.Scalar]

    init(_ text: String) { scalars = Array(text.unicodeScalars) }

    /// A cursor position within the text; a missing one means its end.
    func clamp(_ position: Int?) -> Int { min(max(0, position ?? scalars.count), scalars.count) }

    func prefix(_ count: Int) -> String {
        var text = String.UnicodeScalarView()
        text.append(contentsOf: scalars[..<count])
        return String(text)
    }

    /// The name (letters, digits, `_`) the cursor is in or just after.
    func word(around cursor: Int) -> String {
        func isNameCharacter(_ scalar: Unicode.Scalar) -> Bool {
            scalar == "_" || scalar.properties.isAlphabetic || scalar.properties.numericType != nil
        }
        var start = cursor, end = cursor
        while start > 0, isNameCharacter(scalars[start - 1]) { start -= 1 }
        while end < scalars.count, isNameCharacter(scalars[end]) { end += 1 }
        var text = String.UnicodeScalarView()
        text.append(contentsOf: scalars[start..<end])
        return String(text)
    }
}
