import Foundation
import TEIEngine
import TEIRender
import TEIStorage

/// Runs one piece of tei source as a batch script and turns the outcome into an exit status.
struct ScriptRunner {
    let options: CommonOptions

    func run(file: String, checkOnly: Bool) -> Int32 {
        let url = URL(fileURLWithPath: file)
        guard let data = FileManager.default.contents(atPath: url.path) else {
            Console.standardError("error: cannot read \(file): \(FileManager.default.fileExists(atPath: url.path) ? "permission denied" : "no such file")")
            return 1
        }
        let text = String(decoding: data, as: UTF8.self)
        return run(text: text, name: file, baseDirectory: url.deletingLastPathComponent(), checkOnly: checkOnly)
    }

    func runStandardInput() -> Int32 {
        let data = FileHandle.standardInput.readDataToEndOfFile()
        return run(text: String(decoding: data, as: UTF8.self), name: "<stdin>", baseDirectory: nil)
    }

    func run(text: String, name: String, baseDirectory: URL?, checkOnly: Bool = false) -> Int32 {
        let session: Session
        do {
            session = try Session(options: options.sessionOptions())
        } catch {
            Console.standardError("error: cannot start a session: \(error)")
            return 1
        }
        let terminal = options.terminal()
        let stderrColor = TerminalInfo.usesColor(policy: options.color, isTerminal: isatty(STDERR_FILENO) == 1,
                                                 environment: ProcessInfo.processInfo.environment)
        let output = ConsoleOutput(session: session, format: options.format, terminal: terminal, stderrColor: stderrColor)
        let base = baseDirectory ?? URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        let index = session.addSource(name: name, text: text, baseDirectory: base)
        let interruption = InterruptHandler(session: session)
        defer { interruption.cancel() }
        let outcome = session.run(sourceIndex: index, output: output, checkOnly: checkOnly)
        switch outcome {
        case .success: return 0
        case .interrupted: return 130
        case .checkFailed, .runFailed:
            let errors = output.errorCount
            if outcome == .checkFailed, errors > 1 { Console.standardError("\(errors) errors; nothing was run") }
            return 1
        }
    }
}

/// Turns Ctrl-C during a query into `sqlite3_interrupt`, so the query stops cleanly (and an
/// import in progress is rolled back rather than left half done).
final class InterruptHandler {
    private let source: DispatchSourceSignal

    init(session: Session) {
        signal(SIGINT, SIG_IGN)
        source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        source.setEventHandler { [weak session] in session?.interrupt() }
        source.resume()
    }

    func cancel() {
        source.cancel()
        signal(SIGINT, SIG_DFL)
    }
}
