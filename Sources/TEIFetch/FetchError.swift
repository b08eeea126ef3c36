import TEIStorage

/// Why a file could not be fetched, in tei's words: what (a URL, or a manifest's file:line), what went
/// wrong and a hint. No Foundation or libcurl text reaches the user.
public struct FetchError: Error, Sendable, CustomStringConvertible {
    /// The URL, or `FILE:LINE` of a manifest line.
    public var subject: String
    public var reason: String
    public var hint: String?
    /// Whether Ctrl-C stopped the item rather than a failure: reported once for the run, not per file.
    public private(set) var isInterruption = false

    public init(subject: String, reason: String, hint: String? = nil) {
        self.subject = subject
        self.reason = reason
        self.hint = hint
    }

    /// The item `subject` names was stopped by Ctrl-C; what was downloaded stays in its partial file.
    static func interrupted(_ subject: String) -> FetchError {
        var error = FetchError(subject: subject, reason: "interrupted", hint: "run the same command again: it resumes from the partial file")
        error.isInterruption = true
        return error
    }

    /// A failure to write the download, with the URL it came from.
    init(url: String, writing failure: FileWriteError) {
        self.init(subject: url, reason: failure.description, hint: failure.hint)
    }

    public var description: String { "\(subject): \(reason)" }
}
