import Foundation

/// The kinds of document `--report` writes, chosen by the report file's extension.
public enum ReportFormat: String, Sendable, CaseIterable {
    /// A Markdown document (`.md`, `.markdown`).
    case markdown
    /// One self-contained HTML page (`.html`, `.htm`).
    case html

    /// The format for a report written to `path`; nil when the extension names neither.
    public init?(path: String) {
        switch URL(fileURLWithPath: path).pathExtension.lowercased() {
        case "md", "markdown": self = .markdown
        case "html", "htm": self = .html
        default: return nil
        }
    }
}
