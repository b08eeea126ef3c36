import ArgumentParser
import Foundation
import TEIEngine
import TEIRender
import TEIStorage

extension OutputFormat: ExpressibleByArgument {}
extension ColorPolicy: ExpressibleByArgument {}

/// Options every way of running tei code shares.
struct CommonOptions: ParsableArguments {
    /// The options below that take a value (see `Tei.scriptShorthand`).
    static let optionsTakingValues = BackendOptions.optionsTakingValues.union(["--format", "--param", "--max-rows", "--color", "--width", "--threads"])

    @Option(name: .long, help: "How results are printed: table, csv, json, jsonl or markdown.")
    var format: OutputFormat = .table

    @Option(name: .customLong("param"), help: ArgumentHelp("Sets a script parameter declared with `param`, checked against its type.", valueName: "name=value"))
    var parameters: [String] = []

    @OptionGroup var backend: BackendOptions

    @Option(name: .customLong("max-rows"), help: "The table format shows at most this many rows of a result, then says how many there are.")
    var maxRows: Int = 100

    @Flag(name: .long, help: "The table format counts the rows of every result exactly, however long it takes (otherwise it says \"more than N rows\" when counting would take over a second).")
    var count = false

    @Option(name: .long, help: "Color: auto (on a terminal without NO_COLOR), always or never.")
    var color: ColorPolicy = .auto

    @Flag(name: .long, help: "Draw tables and charts with ASCII characters only.")
    var ascii = false

    @Option(name: .long, help: ArgumentHelp("Fits tables and charts to this many columns, even in a file or pipe (where tables are otherwise whole).", valueName: "columns"))
    var width: Int?

    @Flag(name: .customLong("no-progress"), help: "Do not draw a progress bar while importing.")
    var noProgress = false

    @Option(name: .long, help: ArgumentHelp("How many threads a grouping over a large table may run on (default: $TEI_THREADS, else one per core); 1 runs every query on one.", valueName: "n"))
    var threads: Int?

    func validate() throws {
        var named: Set<Substring> = []
        for parameter in parameters {
            guard let equals = parameter.firstIndex(of: "=") else {
                throw ValidationError("--param takes name=value, found '\(parameter)'")
            }
            // A later value silently winning would run the script with one the user may not have meant.
            guard named.insert(parameter[..<equals]).inserted else {
                throw ValidationError("--param \(parameter[..<equals]) is given twice; give each parameter once")
            }
        }
        if maxRows < 1 { throw ValidationError("--max-rows must be at least 1") }
        if let width, width < 1 { throw ValidationError("--width must be at least 1") }
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1") }
        do {
            try Parallelism.validate(ProcessInfo.processInfo.environment)
        } catch let failure as ThreadsSettingError {
            throw ValidationError(failure.message)
        }
    }

    var parameterValues: [String: String] {
        var values: [String: String] = [:]
        for parameter in parameters {
            let parts = parameter.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            values[String(parts[0])] = String(parts[1])
        }
        return values
    }

    func terminal(environment: [String: String] = ProcessInfo.processInfo.environment) -> TerminalInfo {
        var terminal = TerminalInfo.detect(for: STDOUT_FILENO, environment: environment, colorPolicy: color)
        if ascii { terminal.ascii = true }
        if let width {
            terminal.width = width
            terminal.fitsTables = true
        }
        return terminal
    }

    func sessionOptions(environment: [String: String] = ProcessInfo.processInfo.environment) -> SessionOptions {
        var options = SessionOptions(cacheDirectory: backend.cacheFolder(environment: environment), previewRows: format == .table ? maxRows : nil)
        options.parameters = parameterValues
        options.libraryDirectories = StandardLibrary.directories(environment: environment)
        options.showsProgress = !noProgress
        if count { options.countingTime = nil }
        options.parallelism = .standard(environment: environment)
        if let threads { options.parallelism.threads = Parallelism(threads: threads).threads }
        return options
    }
}
