import ArgumentParser
import Foundation
import TEIEngine
import TEIRender
import TEIREPL

/// `tei repl`: the interactive prompt (also what `tei` opens with no arguments on a terminal).
struct Repl: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Opens the interactive prompt; with standard input not a terminal, runs it as a script."
    )

    @OptionGroup var options: CommonOptions

    func run() throws {
        throw ExitCode(ReplLauncher(options: options).run())
    }
}

/// Starts the REPL on the terminal, or runs standard input as a script when it is not one.
struct ReplLauncher {
    let options: CommonOptions

    func run() -> Int32 {
        guard isatty(STDIN_FILENO) == 1 else { return ScriptRunner(options: options).runStandardInput() }
        let environment = ProcessInfo.processInfo.environment
        var sessionOptions = options.sessionOptions(environment: environment)
        sessionOptions.previewRows = nil
        let session: Session
        switch options.backend.startSession(sessionOptions) {
        case .success(let started): session = started
        case .failure(let status): return status.rawValue
        }
        let sink = StandardStreams()
        let stderrColor = TerminalInfo.usesColor(policy: options.color, isTerminal: isatty(STDERR_FILENO) == 1, environment: environment)
        let notebook = Notebook(session: session, sink: sink, format: options.format, terminal: options.terminal(environment: environment),
                                colorDiagnostics: stderrColor)
        notebook.maxRows = options.maxRows
        notebook.measureTerminal = { options.terminal(environment: environment) }
        let completer = notebook.makeCompleter()
        guard let reader = EditlineReader(completer: completer.complete) else {
            Console.standardError("error: cannot start the line editor")
            return 1
        }
        // SIGTERM and SIGHUP stop the running cell as Ctrl-C does, then end tei with 128 + the signal.
        // `_exit`, not `exit`: the main thread may be back in the line editor, and running exit
        // handlers under it crashed tei now and then. Each cell has saved the history already; the
        // terminal gets back the settings it had before the line editor changed them.
        var terminalSettings = termios()
        let hasTerminalSettings = tcgetattr(STDIN_FILENO, &terminalSettings) == 0
        let interrupts = InterruptForwarder { [weak notebook] signal in
            guard signal != SIGINT else { notebook?.interrupt(); return }
            notebook?.stopForGood()
            if hasTerminalSettings { tcsetattr(STDIN_FILENO, TCSANOW, &terminalSettings) }
            _exit(128 + signal)
        }
        defer { interrupts?.cancel() }
        Console.standardError("tei \(Tei.version): :help lists commands, Ctrl-D leaves")
        let shell = InteractiveShell(notebook: notebook, reader: reader, sink: sink,
                                     historyLocation: CommandHistory.defaultLocation(environment: environment))
        shell.run()
        return 0
    }
}
