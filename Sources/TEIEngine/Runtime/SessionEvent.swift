import TEILanguage
import TEIRender
import TEIStorage

/// Something a running session has to show: the results of statements, in order.
public enum SessionEvent {
    /// The rows of a shown pipeline.
    case result(ResultTable, span: Span)
    /// The rows of a shown pipeline sent before its total, which takes a `COUNT(*)` that may take
    /// a while; their total is the rows seen so far, as a lower bound. The `.result` with the same
    /// rows and the total follows, also when Ctrl-C stops the count (then with the lower bound).
    case preview(ResultTable, span: Span)
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
    /// Called once a source is checked, with the statements about to run (a JSON document that
    /// holds several results opens differently from one that holds one).
    func willRun(_ statements: [CheckedStatement])
    /// A writer to stream the rows of a shown result into as they are stepped, or nil to receive
    /// the result as a `.result` event instead (a preview, laid out whole).
    func rowWriter(columns: [Column]) -> RowWriter?
}

extension SessionOutput {
    public func willRun(_ statements: [CheckedStatement]) {}
    public func rowWriter(columns: [Column]) -> RowWriter? { nil }
}
