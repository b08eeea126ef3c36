import TEILanguage
import TEIStorage

extension Checker {
    /// Checks a `plot` step against the rows flowing into it.
    func checkPlot(kind: Name, arguments: [Argument], input: Relation, span: Span) throws -> (Relation, PlotRequest) {
        throw error("plot is not available in this build", at: kind.span)
    }
}
