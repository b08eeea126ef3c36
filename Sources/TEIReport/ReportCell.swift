/// One statement of the script in a report: the comments before it, its code, and what it produced.
public struct ReportCell: Sendable {
    /// What happened to the statement in the run.
    public enum Status: Sendable, Equatable {
        /// The statement ran.
        case ran
        /// The statement stopped the run with an error.
        case failed
        /// The statement did not run: the script had errors, or an earlier statement failed.
        case notRun
    }

    /// The comment lines before the statement, without their `#`, as Markdown prose.
    public var prose: [String]
    /// The statement's source text (with a comment trailing its last line).
    public var code: String
    /// The 1-based line the statement starts on.
    public var line: Int
    public var outputs: [ReportOutput]
    public var status: Status

    public init(prose: [String], code: String, line: Int, outputs: [ReportOutput] = [], status: Status = .notRun) {
        self.prose = prose
        self.code = code
        self.line = line
        self.outputs = outputs
        self.status = status
    }
}
