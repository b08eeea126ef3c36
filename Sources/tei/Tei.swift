import ArgumentParser
import Foundation
import TEIEngine
import TEIRender
import TEIReport
import TEIStorage

/// The `tei` command: runs scripts, checks them, evaluates inline code.
@main
struct Tei: ParsableCommand {
    static let version = TEIVersion.current

    static let configuration = CommandConfiguration(
        commandName: "tei",
        abstract: "A dataflow query language for the Twitter Election Integrity archives.",
        discussion: """
        `tei FILE.tei` runs a script, as `tei run FILE.tei` does. With no arguments, tei opens the
        interactive prompt on a terminal, and otherwise reads a script from standard input.
        The Stdlib is found beside the executable (<prefix>/share/tei/Stdlib for <prefix>/bin/tei);
        TEI_STDLIB names another folder.
        Exit status: 0 success, 1 an error in the script or its data, 2 a usage error.
        """,
        version: version,
        subcommands: [Run.self, Check.self, Repl.self, Fetch.self, Kernel.self, NotebookCommand.self, Status.self, Admin.self]
    )

    @Option(name: .customShort("c"), help: ArgumentHelp("Runs CODE instead of a script file.", valueName: "code"))
    var code: String?

    @OptionGroup var options: CommonOptions

    func run() throws {
        if let code {
            throw ExitCode(ScriptRunner(options: options).run(bytes: Self.argumentBytes(code), name: "<command line>", baseDirectory: nil))
        }
        // On a terminal the REPL opens; otherwise standard input runs as a script, without prompts.
        throw ExitCode(ReplLauncher(options: options).run())
    }

    /// The bytes of the argument that became `argument`: Swift replaces invalid UTF-8 in arguments
    /// with U+FFFD, and only the bytes as given show a script that is not UTF-8, and where.
    static func argumentBytes(_ argument: String) -> [UInt8] {
        guard argument.contains("\u{FFFD}") else { return Array(argument.utf8) }
        for index in 0..<Int(CommandLine.argc) {
            guard let pointer = CommandLine.unsafeArgv[index] else { continue }
            let bytes = UnsafeBufferPointer(start: pointer, count: strlen(pointer)).map { UInt8(bitPattern: $0) }
            if String(decoding: bytes, as: UTF8.self) == argument { return bytes }
        }
        return Array(argument.utf8)
    }

    /// Parses the command line, mapping usage errors to exit status 2.
    static func main() {
        // A broken pipe (`tei … | head -1`) ends the run at once and quietly, as for other tools.
        signal(SIGPIPE, SIG_DFL)
        // Past `ulimit -f`, a write fails with EFBIG (reported, the partial file removed) instead
        // of the process being killed mid-write.
        signal(SIGXFSZ, SIG_IGN)
        do {
            var command = try parseAsRoot(scriptShorthand(CommandLine.arguments.dropFirst()))
            try command.run()
        } catch let exit as ExitCode {
            Foundation.exit(exit.rawValue)
        } catch {
            let code = exitCode(for: error)
            if code == .success || code.rawValue == ExitCode.success.rawValue {
                Tei.exit(withError: error)
            }
            FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
            Foundation.exit(2)
        }
    }

    /// `tei FILE.tei …` means `tei run FILE.tei …`, options before or after the script: without `-c`,
    /// the first argument that is neither an option nor an option's value is a subcommand or a script.
    /// (A positional argument on the root command would take subcommand names too.)
    static func scriptShorthand(_ arguments: ArraySlice<String>) -> [String] {
        var index = arguments.startIndex
        while index < arguments.endIndex {
            let argument = arguments[index]
            if argument.hasPrefix("-c") { return Array(arguments) }
            if argument == "-" || !argument.hasPrefix("-") {
                let subcommands = configuration.subcommands.map { $0._commandName } + ["help"]
                return subcommands.contains(argument) ? Array(arguments) : [Run._commandName] + arguments
            }
            index += optionsTakingValues.contains(argument) ? 2 : 1
        }
        return Array(arguments)
    }

    /// The options written `--name value` (as two arguments) that `tei` and `tei run` take.
    static let optionsTakingValues = CommonOptions.optionsTakingValues.union(ReportOptions.optionsTakingValues)
}

/// `tei run FILE.tei`: runs a script.
struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Runs a script ('-' reads it from standard input).")

    @Argument(help: "The script to run, or - for standard input.")
    var file: String

    @OptionGroup var options: CommonOptions

    @OptionGroup var report: ReportOptions

    func run() throws {
        throw ExitCode(ScriptRunner(options: options, report: report.request).run(script: file))
    }
}

/// `--report FILE` and `--no-timestamp`, for `tei run FILE` and `tei FILE`.
struct ReportOptions: ParsableArguments {
    /// The options above that take a value (see `Tei.scriptShorthand`).
    static let optionsTakingValues: Set<String> = ["--report"]

    @Option(name: .customLong("report"), help: ArgumentHelp("Also writes a report of the run: a Markdown (.md) or self-contained HTML (.html) record with provenance.", valueName: "file"))
    var report: String?

    @Flag(name: .customLong("no-timestamp"), help: "Leaves the time of the run out of the report, so reruns on the same inputs are byte-identical.")
    var noTimestamp = false

    func validate() throws {
        if let report, ReportFormat(path: report) == nil {
            throw ValidationError("--report needs a file ending in .md or .html, found '\(report)'")
        }
        if noTimestamp, report == nil { throw ValidationError("--no-timestamp only applies with --report") }
    }

    var request: ReportRequest? {
        report.map { ReportRequest(path: $0, includesTimestamp: !noTimestamp) }
    }
}

/// `tei check FILE.tei`: parses and checks a script without running it.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Parses and checks a script without running any query.")

    @Argument(help: "The script to check.")
    var file: String

    @OptionGroup var options: CommonOptions

    func run() throws {
        throw ExitCode(ScriptRunner(options: options).run(file: file, checkOnly: true))
    }
}
