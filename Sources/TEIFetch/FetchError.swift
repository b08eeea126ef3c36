import TEIStorage

/// Why a file could not be fetched, in tei's words: what (a URL, or a manifest's file:line), what went
/// wrong and a hint. No Foundation or libcurl text reaches the user.
public struct FetchError: Error, Sendable, CustomStringConvertible {
    /// The URL, or `FILE:LINE` of a manifest line.
    public var subject: String
    public var reason: String
    public var hint: String?

    public init(subject: String, reason: String, hint: String? = nil) {
        self.subject = subject
        self.reason = reason
        self.hint = hint
    }

    /// A failure to write the download, with the URL it came from.
    init(url: String, writing failure: FileWriteError) {
        self.init(subject: url, reason: failure.description, hint: failure.hint)
    }

    public var description: String { "\(subject): \(reason)" }
}
