import TEILanguage
import TEIStorage

/// Something a running session has to show: the results of statements, in order.
public enum SessionEvent {
    /// The rows of a shown pipeline.
    case result(ResultTable, span: Span)
    /// The SQL of an `explain`.
    case explain(sql: String, span: Span)
    /// A `save` wrote `rows` rows to `path`.
    case saved(path: String, rows: Int, span: Span)
    /// The rows a `plot` draws, and how to draw them.
    case plot(PlotRequest, ResultTable, span: Span)
    /// A definition (let, fn, param, import) took effect.
    case defined(name: String?, span: Span)
    /// A problem: an error stops the script; a warning does not.
    case diagnostic(Diagnostic)
}

/// Receives the events of a session as they happen, so output appears while a script runs.
public protocol SessionOutput: AnyObject {
    func emit(_ event: SessionEvent)
}
