import Foundation
import TEILanguage
import TEIStorage

/// A statement after checking: everything the interpreter needs to run it, nothing it has to look up.
public enum CheckedStatement {
    /// Show the rows of a pipeline.
    case show(Relation, span: Span)
    /// Write the rows of a pipeline to a file.
    case save(Relation, to: URL, format: SaveFormat, span: Span)
    /// Print the SQL of a pipeline.
    case explain(Relation, span: Span)
    /// Draw a chart of a pipeline's rows.
    case plot(Relation, PlotRequest, span: Span)
    /// A definition (`let`, `fn`, `param`, `import`): nothing to run.
    case definition(name: String?, span: Span)
}

/// The file formats `save` writes, chosen by the file's extension.
public enum SaveFormat: String, CaseIterable, Sendable {
    case csv, json
}

/// A `plot` step: the chart kind and its arguments, resolved against the rows it draws.
public struct PlotRequest: Sendable {
    public var kind: String
    /// Columns in the order they were given (x, y, …), by name in the plotted relation.
    public var columns: [String]
    /// The column after `by`, whose values split the data into series.
    public var seriesColumn: String?
    /// Options given as `name = value` (`bins`, `title`, `width`, `height`, `log`…).
    public var options: [String: Value]
    /// The SVG file to write too (`to "fig.svg"`), resolved.
    public var svgPath: URL?
}

extension CheckedStatement {
    /// The statement's place in the source.
    public var span: Span {
        switch self {
        case .show(_, let span), .save(_, _, _, let span), .explain(_, let span), .plot(_, _, let span),
             .definition(_, let span):
            return span
        }
    }
}
