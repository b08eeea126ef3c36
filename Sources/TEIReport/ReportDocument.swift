import TEIEngine
import TEILanguage

/// The record of one run of a script: provenance, then the script cell by cell with its results.
public struct ReportDocument {
    /// The script's name as the command line gave it.
    public var scriptName: String
    public var provenance: RunProvenance
    public var outcome: RunOutcome
    /// The first error of the run, if any: where and why it failed.
    public var firstError: (line: Int?, message: String)?
    public var cells: [ReportCell]
    /// Comment lines after the last statement.
    public var closingProse: [String]
    /// Diagnostics that belong to no statement of the script (e.g. errors inside an imported file).
    public var otherDiagnostics: [String]

    public init(scriptName: String, provenance: RunProvenance, outcome: RunOutcome,
                firstError: (line: Int?, message: String)? = nil, cells: [ReportCell],
                closingProse: [String] = [], otherDiagnostics: [String] = []) {
        self.scriptName = scriptName
        self.provenance = provenance
        self.outcome = outcome
        self.firstError = firstError
        self.cells = cells
        self.closingProse = closingProse
        self.otherDiagnostics = otherDiagnostics
    }

    /// One line on how the run ended.
    public var outcomeText: String {
        let ran = cells.filter { $0.status == .ran }.count
        let statements = "\(ran) of \(cells.count) statement\(cells.count == 1 ? "" : "s") ran"
        let location = firstError.flatMap { $0.line }.map { " at line \($0)" } ?? ""
        let reason = firstError.map { ": " + $0.message } ?? ""
        switch outcome {
        case .success: return "succeeded; \(statements)"
        case .checkFailed: return "not run: the script has errors\(location)\(reason); nothing ran"
        case .runFailed: return "failed\(location)\(reason); \(statements)"
        case .interrupted: return "interrupted\(location); \(statements)"
        }
    }
}
