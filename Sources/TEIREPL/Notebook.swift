import Foundation
import TEIEngine
import TEILanguage
import TEIRender
import TEIStorage

/// The REPL's kernel: one session that every cell runs in, numbered results bound to `_` and
/// `_N`, the meta-commands, and the record of cells that `:save` writes. It has no terminal of
/// its own: text goes in, everything shown goes to a `TextSink`.
public final class Notebook {
    public let session: Session
    /// How results are printed (`:format`).
    public var format: OutputFormat
    /// The size and abilities of the screen results must fit.
    public var terminal: TerminalInfo
    /// Measures the screen again before each cell, so results fit after the window is resized.
    public var measureTerminal: (() -> TerminalInfo)?
    /// The most rows a table shows, however tall the screen (`--max-rows`).
    public var maxRows: Int?
    /// Whether diagnostics are colored.
    public var colorDiagnostics: Bool
    /// Whether tables and charts are drawn with ASCII characters only (`:ascii on|off`); nil
    /// leaves it to the terminal (its locale, or `--ascii`).
    public var drawsASCII: Bool?
    /// Whether each cell's running time is shown (`:time`).
    public var showsTiming = false
    /// Where relative paths in cells resolve.
    public var baseDirectory: URL
    /// The number the next code cell gets.
    public private(set) var nextCellNumber = 1
    /// Set by `:quit`.
    public private(set) var hasQuit = false
    /// Makes what shows each code cell's events; nil shows them as text on the sink (`Out[N]:`).
    /// The Jupyter kernel sets it to send rich outputs instead.
    public var makeCellDisplay: ((CellContext) -> CellDisplay)?

    private let sink: TextSink
    private let interrupter: CellInterrupter
    /// Held while a cell runs, and for good once `stopForGood` has taken it.
    private let runningCell = NSLock()
    private var cells: [RecordedCell] = []
    /// The number of the last shown result, which `_` means.
    private var lastResultNumber: Int?

    public init(session: Session, sink: TextSink, format: OutputFormat = .table, terminal: TerminalInfo = .plain,
                colorDiagnostics: Bool = false, baseDirectory: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)) {
        self.session = session
        self.sink = sink
        self.format = format
        self.terminal = terminal
        self.colorDiagnostics = colorDiagnostics
        self.baseDirectory = baseDirectory
        interrupter = CellInterrupter { [weak session] in session?.interrupt() }
    }

    /// Stops the cell running now, whether its query has started or not; between cells it does
    /// nothing. Safe to call from any thread (Ctrl-C arrives on a signal queue).
    public func interrupt() {
        interrupter.request()
    }

    /// Stops the cell running now and returns once it has ended (its temporary files removed); no
    /// cell starts after it. For a signal that ends tei (SIGTERM, SIGHUP), from any thread.
    public func stopForGood() {
        while !runningCell.try() {
            interrupter.request()
            usleep(10_000)
        }
    }

    /// Runs one cell: a meta-command when it starts with `:`, else tei code.
    @discardableResult
    public func submit(_ text: String) -> RunOutcome {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty { return .success }
        if trimmed.hasPrefix(":") { return runMetaCommand(trimmed) }
        let number = nextCellNumber
        nextCellNumber += 1
        return runCode(text, name: "cell \(number)", number: number, baseDirectory: baseDirectory, recordAs: text)
    }

    // MARK: - Code

    private func runCode(_ text: String, name: String, number: Int, baseDirectory: URL, recordAs record: String?) -> RunOutcome {
        if let measureTerminal { terminal = measureTerminal() }
        var terminal = terminal
        if let drawsASCII { terminal.ascii = drawsASCII }
        // Rows that do not fit the screen are counted, not fetched: the table shows a footer instead.
        session.options.previewRows = format == .table ? min(maxRows ?? .max, max(3, terminal.height - 8)) : nil
        let index = session.addSource(name: name, text: text, baseDirectory: baseDirectory)
        let context = CellContext(number: number, terminal: terminal, format: format,
                                  diagnostics: DiagnosticRenderer(sources: session.sources, color: colorDiagnostics))
        let output = makeCellDisplay?(context) ?? CellOutput(sink: sink, context: context)
        let previous = session.lastShown
        let started = Date()
        runningCell.lock()
        interrupter.cellStarted()
        var outcome = session.run(sourceIndex: index, output: output, reportUnusedParameters: false)
        interrupter.cellEnded()
        runningCell.unlock()
        if outcome == .success, output.failedCharts > 0 { outcome = .runFailed }
        if showsTiming {
            sink.writeLine(String(format: "time: %.3f s", Date().timeIntervalSince(started)), to: .error)
        }
        let usedResult = lastResultNumber
        if let relation = session.lastShown, relation !== previous {
            session.checker.define(table: relation, as: "_")
            session.checker.define(table: relation, as: "_\(number)")
            lastResultNumber = number
        }
        if outcome == .success, let record {
            cells.append(RecordedCell(resultNumber: lastResultNumber == number ? number : nil,
                                      text: Self.replacingLastResult(in: record, with: usedResult)))
        }
        return outcome
    }

    /// The text with each bare `_` replaced by `_N`, the result it meant when the cell ran, so a
    /// saved script does not depend on the order results were shown in.
    static func replacingLastResult(in text: String, with number: Int?) -> String {
        guard let number else { return text }
        var lexer = Lexer(source: Source(name: "", text: text), index: 0)
        var bytes = Array(text.utf8)
        for token in lexer.tokenize().reversed() where token.kind == .identifier && token.text == "_" && !token.quoted {
            bytes.replaceSubrange(token.span.start..<token.span.end, with: Array("_\(number)".utf8))
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    // MARK: - Meta-commands

    private func runMetaCommand(_ line: String) -> RunOutcome {
        let (name, argument) = MetaCommand.split(line)
        guard let command = MetaCommand.named(name) else {
            let hint = Suggestion.hint(for: name, among: MetaCommand.all.map(\.name)).map { " (\($0))" } ?? ""
            return fail("unknown command ':\(name)'\(hint); :help lists them")
        }
        switch command.name {
        case "help": return help(argument)
        case "schema": return schema(argument)
        case "sql":
            guard !argument.isEmpty else { return fail("usage: \(command.usage)") }
            return runCode("explain " + argument, name: "sql", number: nextCellNumber, baseDirectory: baseDirectory, recordAs: nil)
        case "time":
            guard argument == "on" || argument == "off" else { return fail("usage: \(command.usage)") }
            showsTiming = argument == "on"
            return note("timing is \(argument)")
        case "ascii":
            guard argument == "on" || argument == "off" else { return fail("usage: \(command.usage)") }
            drawsASCII = argument == "on"
            return note(argument == "on" ? "tables and charts are drawn with ASCII only" : "tables and charts may use Unicode lines")
        case "format":
            guard let chosen = OutputFormat(rawValue: argument) else { return fail("usage: \(command.usage)") }
            format = chosen
            return note("results print as \(chosen.rawValue)")
        case "run": return runFile(argument)
        case "vars": return vars()
        case "save": return save(argument)
        case "quit":
            hasQuit = true
            return .success
        default:
            return fail("unknown command ':\(name)'")
        }
    }

    private func help(_ topic: String) -> RunOutcome {
        if topic.isEmpty {
            sink.writeLine(HelpText.overview(), to: .output)
            return .success
        }
        if let text = helpText(for: topic) {
            sink.writeLine(text, to: .output)
            return .success
        }
        let known = HelpText.topics + session.checker.globalNames.filter { $0.kind == "fn" }.map(\.name)
        let hint = Suggestion.hint(for: topic, among: known).map { " (\($0))" } ?? ""
        return fail("no help for '\(topic)'\(hint)")
    }

    private func schema(_ name: String) -> RunOutcome {
        guard !name.isEmpty else { return fail("usage: :schema NAME") }
        guard let text = schemaText(ofTable: name) else {
            let tables = session.checker.globalNames.filter { $0.kind == "table" }.map(\.name)
            let hint = Suggestion.hint(for: name, among: tables).map { " (\($0))" } ?? ""
            return fail("no table called '\(name)'\(hint)")
        }
        sink.writeLine(text, to: .output)
        return .success
    }

    /// The columns of the session's table `name` and their types, one a line, as `:schema` shows
    /// them; nil when no table has that name.
    public func schemaText(ofTable name: String) -> String? {
        guard let columns = session.checker.columns(ofTable: name) else { return nil }
        let width = columns.map(\.name.count).max() ?? 0
        return columns.map { $0.name.padding(toLength: width + 2, withPad: " ", startingAt: 0) + $0.type.name }
            .joined(separator: "\n")
    }

    /// What `:help NAME` shows for a transform, function, meta-command or function defined in the
    /// session; nil when the name is none of these.
    public func helpText(for name: String) -> String? {
        HelpText.topic(name, userFunction: session.checker.userFunction(named: name))
    }

    private func vars() -> RunOutcome {
        let names = session.checker.globalNames
        guard !names.isEmpty else { return note("nothing is defined yet") }
        let width = names.map(\.name.count).max() ?? 0
        sink.writeLine(names.map { $0.name.padding(toLength: width + 2, withPad: " ", startingAt: 0) + $0.kind }
            .joined(separator: "\n"), to: .output)
        return .success
    }

    private func runFile(_ path: String) -> RunOutcome {
        guard !path.isEmpty else { return fail("usage: :run FILE") }
        let url = resolve(path)
        guard let data = FileManager.default.contents(atPath: url.path) else {
            return fail("cannot read \(path): \(FileManager.default.fileExists(atPath: url.path) ? "permission denied" : "no such file")")
        }
        let text = String(decoding: data, as: UTF8.self)
        let number = nextCellNumber
        nextCellNumber += 1
        return runCode(text, name: path, number: number, baseDirectory: url.deletingLastPathComponent(),
                       recordAs: "# :run \(path)\n" + text)
    }

    private func save(_ path: String) -> RunOutcome {
        guard !path.isEmpty else { return fail("usage: :save FILE") }
        let url = resolve(path)
        do {
            try SafeFileWriter(destination: url, displayPath: path, protectedFiles: session.filesRead).write(script())
        } catch {
            return fail((error as? FileWriteError)?.description ?? "cannot write \(path)")
        }
        return note("saved \(cells.count) cell\(cells.count == 1 ? "" : "s") to \(path)")
    }

    /// The session's successful cells as a script that replays them: a cell whose result a later
    /// cell uses as `_N` binds it with `let _N = …` and then shows it.
    func script() -> String {
        let used = Set(cells.flatMap { Self.numberedResults(in: $0.text) })
        var parts = ["# tei session saved by :save"]
        for cell in cells {
            guard let number = cell.resultNumber, used.contains(number) else {
                parts.append(cell.text)
                continue
            }
            parts.append(Self.bindingLastShow(in: cell.text, as: "_\(number)"))
        }
        return parts.joined(separator: "\n\n") + "\n"
    }

    private static func numberedResults(in text: String) -> [Int] {
        var lexer = Lexer(source: Source(name: "", text: text), index: 0)
        return lexer.tokenize().compactMap { token in
            guard token.kind == .identifier, token.text.hasPrefix("_") else { return nil }
            return Int(token.text.dropFirst())
        }
    }

    /// Rewrites the last shown pipeline of `text` as `let NAME = PIPELINE` followed by `NAME`.
    static func bindingLastShow(in text: String, as name: String) -> String {
        let (program, _) = Parser.parse(Source(name: "", text: text), index: 0)
        guard let last = program.statements.last(where: { if case .show = $0 { return true } else { return false } }) else {
            return text
        }
        var bytes = Array(text.utf8)
        let span = last.span
        let pipeline = String(decoding: bytes[span.start..<span.end], as: UTF8.self)
        bytes.replaceSubrange(span.start..<span.end, with: Array("let \(name) = \(pipeline)\n\(name)".utf8))
        return String(decoding: bytes, as: UTF8.self)
    }

    // MARK: - Completion support

    /// The completer for cells of this notebook: its names, the columns flowing into a step, paths.
    public func makeCompleter() -> Completer {
        Completer(globalNames: { [unowned self] in session.checker.globalNames },
                  columnsFlowingOutOf: { [unowned self] in columns(flowingOutOf: $0) }, baseDirectory: baseDirectory)
    }

    /// The number `submit(text)` gives its cell (code, or `:run`), or nil when it gives none (another
    /// meta-command, or nothing).
    public func cellNumber(for text: String) -> Int? {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty { return nil }
        if trimmed.hasPrefix(":") { return MetaCommand.split(trimmed).name == "run" ? nextCellNumber : nil }
        return nextCellNumber
    }

    /// The columns of the table a pipeline prefix produces (`t | filter x > 1`), for completing
    /// names inside the next step; empty when the prefix does not check. A file the session has not
    /// loaded gives the columns its header (and first rows) show: Tab never starts an import.
    public func columns(flowingOutOf pipeline: String) -> [String] {
        let text = pipeline.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { return [] }
        if let columns = session.checker.columns(ofTable: text) { return columns.map(\.name) }
        let index = session.addSource(name: "completion", text: text, baseDirectory: baseDirectory)
        let (program, syntaxErrors) = Parser.parse(session.sources[index], index: index)
        guard syntaxErrors.isEmpty, program.statements.count == 1, case .show = program.statements[0] else { return [] }
        let checked = session.checker.check(program)
        session.checker.clearDiagnostics()
        switch checked.first {
        case .show(let relation, _)?, .plot(let relation, _, _)?: return relation.columns.map(\.name)
        default: return []
        }
    }

    // MARK: - Helpers

    private func resolve(_ path: String) -> URL {
        let expanded = (path as NSString).expandingTildeInPath
        return expanded.hasPrefix("/") ? URL(fileURLWithPath: expanded) : baseDirectory.appendingPathComponent(expanded)
    }

    private func fail(_ message: String) -> RunOutcome {
        sink.writeLine("error: \(message)", to: .error)
        return .runFailed
    }

    private func note(_ message: String) -> RunOutcome {
        sink.writeLine(message, to: .error)
        return .success
    }
}
