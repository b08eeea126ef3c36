import Foundation
import TEIEngine
import TEILanguage
import TEIPostgres
import TEIREPL
import TEIRender
import TEIReport
import TEIStorage

/// Runs one piece of tei source as a batch script and turns the outcome into an exit status.
struct ScriptRunner {
    let options: CommonOptions
    /// Where `--report` writes the record of the run, if it was asked for.
    var report: ReportRequest?

    /// Runs the script at `file`, or standard input for `-`.
    func run(script file: String) -> Int32 {
        file == "-" ? runStandardInput() : run(file: file, checkOnly: false)
    }

    func run(file: String, checkOnly: Bool) -> Int32 {
        let url = URL(fileURLWithPath: file)
        guard let data = FileManager.default.contents(atPath: url.path) else {
            Console.standardError("error: cannot read \(file): \(Self.whyUnreadable(url.path))")
            return 1
        }
        return run(bytes: Array(data), name: file, baseDirectory: url.deletingLastPathComponent(), checkOnly: checkOnly)
    }

    /// Why a script could not be read, truthfully: `tei Examples` names a folder, not a file it may not open.
    static func whyUnreadable(_ path: String) -> String {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else { return "no such file" }
        return isFolder.boolValue ? "is a folder, not a script" : "permission denied"
    }

    func runStandardInput() -> Int32 {
        run(bytes: Array(FileHandle.standardInput.readDataToEndOfFile()), name: "<stdin>", baseDirectory: nil)
    }

    /// Runs script bytes, refusing those that are not UTF-8 at the first bad byte.
    func run(bytes: [UInt8], name: String, baseDirectory: URL?, checkOnly: Bool = false) -> Int32 {
        switch Source.decode(bytes) {
        case .success(let text):
            return run(text: text, name: name, baseDirectory: baseDirectory, checkOnly: checkOnly)
        case .failure(let invalid):
            Console.standardError("\(name):\(invalid.line):\(invalid.column): error: \(InvalidUTF8.message)")
            return 1
        }
    }

    func run(text: String, name: String, baseDirectory: URL?, checkOnly: Bool = false) -> Int32 {
        let session: Session
        switch options.backend.startSession(options.sessionOptions()) {
        case .success(let started): session = started
        case .failure(let status): return status.rawValue
        }
        let terminal = options.terminal()
        let stderrColor = TerminalInfo.usesColor(policy: options.color, isTerminal: isatty(STDERR_FILENO) == 1,
                                                 environment: ProcessInfo.processInfo.environment)
        let output = ConsoleOutput(session: session, format: options.format, terminal: terminal, stderrColor: stderrColor)
        let base = baseDirectory ?? URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        let index = session.addSource(name: name, text: text, baseDirectory: base)
        // Ctrl-C stops the query or import running, and the run ends with status 130; SIGTERM and
        // SIGHUP stop it the same way and end it with 143 and 129.
        let interrupter = CellInterrupter { [weak session] in session?.interrupt() }
        let forwarder = InterruptForwarder { _ in interrupter.request() }
        interrupter.cellStarted()
        defer {
            interrupter.cellEnded()
            forwarder?.cancel()
        }
        let startedAt = Date()
        let recorder = report.map { _ in ReportRecorder(session: session, sourceIndex: index, forwardingTo: output, maxRows: options.maxRows) }
        let outcome = session.run(sourceIndex: index, output: recorder ?? output, checkOnly: checkOnly)
        if let signal = forwarder?.endingSignal {
            _ = output.finish()
            return 128 + signal
        }
        if let failure = output.finish() {
            // A closed pipe (`tei … | head -1`) is the reader's choice, not an error.
            if failure.isClosedPipe { return 0 }
            Console.standardError("error: \(failure)" + (failure.hint.map { "\nhint: \($0)" } ?? ""))
            return 1
        }
        if let report, let recorder, !report.write(recorder, scriptName: name, outcome: outcome, startedAt: startedAt,
                                                   protecting: session.filesRead) {
            return 1
        }
        switch outcome {
        case .success:
            // A check that finds nothing says so, so that silence is never mistaken for a skipped file.
            if checkOnly { Console.standardError("\(name): no errors; nothing was run") }
            return 0
        case .interrupted: return 130
        case .checkFailed, .runFailed:
            let errors = output.errorCount
            if outcome == .checkFailed, errors > 1 { Console.standardError("\(errors) errors; nothing was run") }
            return 1
        }
    }
}

/// `--report FILE` and `--no-timestamp`: where the record of a run goes and whether it says when it ran.
struct ReportRequest {
    var path: String
    var includesTimestamp: Bool

    /// Writes the report of a finished run; false (after saying why) when it cannot be written.
    func write(_ recorder: ReportRecorder, scriptName: String, outcome: RunOutcome, startedAt: Date, protecting sources: [URL]) -> Bool {
        guard let format = ReportFormat(path: path) else {
            Console.standardError("error: --report needs a file ending in .md or .html, found '\(path)'")
            return false
        }
        let provenance = RunProvenance(toolVersion: Tei.version, commandLine: PostgresURL.redacting(arguments: CommandLine.arguments),
                                       startedAt: includesTimestamp ? startedAt : nil)
        let document = recorder.document(scriptName: scriptName, provenance: provenance, outcome: outcome)
        let url = URL(fileURLWithPath: (path as NSString).expandingTildeInPath)
        do {
            try ReportWriter.write(document, format: format, to: SafeFileWriter(destination: url, displayPath: path, protectedFiles: sources))
            return true
        } catch let failure as FileWriteError {
            Console.standardError("error: \(failure)" + (failure.hint.map { "\nhint: \($0)" } ?? ""))
            return false
        } catch {
            Console.standardError("error: cannot write the report \(path)")
            return false
        }
    }
}
