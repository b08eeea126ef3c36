/// The ways a result can be written out.
public enum OutputFormat: String, CaseIterable, Sendable {
    /// Aligned columns fitted to the terminal, for reading.
    case table
    /// RFC 4180 comma-separated values with a header row, full precision.
    case csv
    /// One JSON document per run: an array of objects, typed values, full precision.
    case json
    /// JSON Lines: one JSON object per row, one row per line.
    case jsonl
    /// A GitHub-flavored Markdown table, for reports.
    case markdown

    /// Whether results in this format are written row by row as the query steps them.
    public var streams: Bool {
        switch self {
        case .csv, .json, .jsonl: return true
        case .table, .markdown: return false
        }
    }
}
