/// The ways a result can be written out.
public enum OutputFormat: String, CaseIterable, Sendable {
    /// Aligned columns fitted to the terminal, for reading.
    case table
    /// RFC 4180 comma-separated values with a header row, full precision.
    case csv
    /// One JSON array of objects, typed values, full precision.
    case json
    /// A GitHub-flavored Markdown table, for reports.
    case markdown
}
