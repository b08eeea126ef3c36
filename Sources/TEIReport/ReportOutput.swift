import TEIEngine
import TEILanguage
import TEIStorage

/// One thing a statement produced, as a report shows it.
public enum ReportOutput: Sendable {
    /// The rows of a shown pipeline (possibly a preview of more).
    case table(ResultTable)
    /// The SQL of an `explain`.
    case sql(String)
    /// A chart of a `plot`, with the rows it draws.
    case chart(PlotRequest, ResultTable)
    /// A `save` wrote `rows` rows to `path`.
    case saved(path: String, rows: Int)
    /// An error or warning, with its text rendered as on the console (without color).
    case diagnostic(Diagnostic, rendered: String)
}
