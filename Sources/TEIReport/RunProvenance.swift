import Foundation
import TEIStorage

/// Where a report's results came from: the tool, the command, the parameters, the input files, the time.
public struct RunProvenance: Sendable {
    /// The version of tei that ran the script.
    public var toolVersion: String
    /// The command line as typed, program name first.
    public var commandLine: [String]
    /// The script's parameters with the values the run used.
    public var parameters: [ReportParameter]
    /// Every file the script loaded, in the order first loaded.
    public var inputFiles: [SourceFile]
    /// When the run started; nil leaves the time out so that reruns are byte-identical.
    public var startedAt: Date?

    public init(toolVersion: String, commandLine: [String], parameters: [ReportParameter] = [],
                inputFiles: [SourceFile] = [], startedAt: Date? = nil) {
        self.toolVersion = toolVersion
        self.commandLine = commandLine
        self.parameters = parameters
        self.inputFiles = inputFiles
        self.startedAt = startedAt
    }

    /// The command line as one shell-quoted string, the program shown by its name only.
    public var commandText: String {
        var words = commandLine
        if let program = words.first { words[0] = URL(fileURLWithPath: program).lastPathComponent }
        return words.map(ShellQuoting.quote).joined(separator: " ")
    }

    /// `startedAt` in ISO 8601, UTC, to the second.
    public var startedAtText: String? {
        guard let startedAt else { return nil }
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: startedAt)
    }
}

/// One script parameter as a report shows it.
public struct ReportParameter: Sendable, Equatable {
    public var name: String
    /// The value the run used, as text.
    public var value: String
    /// Whether the value came from `--param` rather than the script's default.
    public var isOverridden: Bool

    public init(name: String, value: String, isOverridden: Bool) {
        self.name = name
        self.value = value
        self.isOverridden = isOverridden
    }
}
