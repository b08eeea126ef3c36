import Foundation
import TEIEngine
import TEIRender
@testable import TEIREPL

/// A scratch folder with a small CSV, and a notebook over a fresh session whose output is captured.
final class TestNotebook {
    let folder: URL
    let output = CapturedText()
    let notebook: Notebook

    init(rows: Int = 3) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("tei-repl-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var csv = "userid,tweet_text,like_count\n"
        for n in 1...rows { csv += "u\(n % 2),text \(n),\(n)\n" }
        try Data(csv.utf8).write(to: folder.appendingPathComponent("t.csv"))
        var options = SessionOptions(cacheDirectory: folder.appendingPathComponent("cache"))
        options.showsProgress = false
        notebook = Notebook(session: try Session(options: options), sink: output,
                            terminal: TerminalInfo(width: 80, height: 24), baseDirectory: folder)
    }

    deinit { try? FileManager.default.removeItem(at: folder) }
}

/// Lines handed to the shell as if typed, ending with end of input.
final class ScriptedReader: LineReading {
    private var inputs: [LineInput]
    /// Each prompt shown, in order.
    private(set) var prompts: [String] = []
    private(set) var history: [String] = []
    /// Whether lines count as pasted (already waiting) input.
    var pasting = false

    init(_ inputs: [LineInput]) { self.inputs = inputs }

    func readLine(prompt: String, pending: String) -> LineInput {
        prompts.append(prompt)
        return inputs.isEmpty ? .endOfInput : inputs.removeFirst()
    }

    func hasPendingInput() -> Bool { pasting && !inputs.isEmpty }
    func setHistory(_ entries: [String], limit: Int) { history = entries }
    func addHistory(_ entry: String) { history.append(entry) }
}
