import TEIStorage

/// Turns a result into text in one output format: the one entry point for printing results.
///
/// The text has no trailing newline (`print` adds one). Several results are separated by the caller.
public struct ResultRenderer: Sendable {
    public var format: OutputFormat
    /// The device the text is for; only the `table` format fits itself to it.
    public var terminal: TerminalInfo

    public init(format: OutputFormat, terminal: TerminalInfo = .plain) {
        self.format = format
        self.terminal = terminal
    }

    /// The text of `table` in `format`.
    public func render(_ table: ResultTable) -> String {
        switch format {
        case .table: return TextTableRenderer(terminal: terminal).render(table)
        case .markdown: return MarkdownRenderer().render(table)
        case .csv, .json, .jsonl:
            let sink = MemorySink()
            // A MemorySink never fails.
            try? format.rowWriter(columns: table.columns, sink: sink)?.writeAll(table)
            return sink.text
        }
    }

    /// `render(table)` cut before the line that counts its rows, for a format that shows a result's
    /// rows while their total is counted (`table`); nil for the others, which wait for the total.
    /// `rows` is nil when there is nothing above the footer.
    public func renderParts(_ table: ResultTable) -> (rows: String?, footer: String)? {
        format == .table ? TextTableRenderer(terminal: terminal).renderParts(table) : nil
    }
}
