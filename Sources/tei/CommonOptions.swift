import ArgumentParser
import Foundation
import TEIEngine
import TEIRender
import TEIStorage

extension OutputFormat: ExpressibleByArgument {}
extension ColorPolicy: ExpressibleByArgument {}

/// Options every way of running tei code shares.
struct CommonOptions: ParsableArguments {
    @Option(name: .long, help: "How results are printed: table, csv, json, jsonl or markdown.")
    var format: OutputFormat = .table

    @Option(name: .customLong("param"), help: ArgumentHelp("Sets a script parameter declared with `param`, checked against its type.", valueName: "name=value"))
    var parameters: [String] = []

    @Option(name: .customLong("cache-dir"), help: ArgumentHelp("Where imported tables are cached (default: $TEI_CACHE_DIR, else $XDG_CACHE_HOME/tei or ~/.cache/tei).", valueName: "dir"))
    var cacheDirectory: String?

    @Option(name: .customLong("max-rows"), help: "The table format shows at most this many rows of a result, then says how many there are.")
    var maxRows: Int = 100

    @Flag(name: .long, help: "The table format counts the rows of every result exactly, however long it takes (otherwise it says \"more than N rows\" when counting would take over a second).")
    var count = false

    @Option(name: .long, help: "Color: auto (on a terminal without NO_COLOR), always or never.")
    var color: ColorPolicy = .auto

    @Flag(name: .long, help: "Draw tables and charts with ASCII characters only.")
    var ascii = false

    @Flag(name: .customLong("no-progress"), help: "Do not draw a progress bar while importing.")
    var noProgress = false

    func validate() throws {
        for parameter in parameters where !parameter.contains("=") {
            throw ValidationError("--param takes name=value, found '\(parameter)'")
        }
        if maxRows < 1 { throw ValidationError("--max-rows must be at least 1") }
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
        return terminal
    }

    func sessionOptions(environment: [String: String] = ProcessInfo.processInfo.environment) -> SessionOptions {
        let cache = cacheDirectory.map { URL(fileURLWithPath: ($0 as NSString).expandingTildeInPath) }
            ?? TableStore.defaultCacheDirectory(environment: environment)
        var options = SessionOptions(cacheDirectory: cache, previewRows: format == .table ? maxRows : nil)
        options.parameters = parameterValues
        options.libraryDirectories = StandardLibrary.directories(environment: environment)
        options.showsProgress = !noProgress
        if count { options.countingTime = nil }
        return options
    }
}

/// Where the Stdlib written in tei is found: `$TEI_STDLIB`, then a `Stdlib` folder beside or above
/// the executable (a build inside the repository), then the installed share folder.
enum StandardLibrary {
    static func directories(environment: [String: String]) -> [URL] {
        if let path = environment["TEI_STDLIB"], !path.isEmpty { return [URL(fileURLWithPath: path)] }
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<5 {
            let candidate = directory.appendingPathComponent("Stdlib")
            if FileManager.default.fileExists(atPath: candidate.path) { return [candidate] }
            directory.deleteLastPathComponent()
        }
        return [URL(fileURLWithPath: "/usr/local/share/tei/Stdlib")]
    }
}
