import Foundation
import TEILanguage
import TEIRender
import TEIStorage

/// A statement after checking: everything the interpreter needs to run it, nothing it has to look up.
public enum CheckedStatement {
    /// Show the rows of a pipeline.
    case show(Relation, span: Span)
    /// Write the rows of a pipeline to a file.
    case save(Relation, to: URL, format: SaveFormat, span: Span)
    /// Write a network (its edges, and its nodes when given) to a GEXF or GraphML file.
    case saveNetwork(NetworkSave, span: Span)
    /// Print the SQL of a pipeline.
    case explain(Relation, span: Span)
    /// Draw a chart of a pipeline's rows.
    case plot(Relation, PlotRequest, span: Span)
    /// A definition (`let`, `fn`, `param`, `import`): nothing to run.
    case definition(name: String?, span: Span)
}

/// The file formats `save` writes, chosen by the file's ending (`SaveFormat(fileName:)`).
public enum SaveFormat: CaseIterable, Sendable {
    /// `.csv`, and `.tsv` (tab-separated, quoted the same way), and `.csv.gz` (gzip-compressed).
    case csv, tsv, csvGzip
    /// `.json`: one array of objects; `.jsonl`/`.ndjson`: one object per line.
    case json, jsonLines
}

/// A checked `save EDGES to "FILE.gexf" [with nodes = NODES]`: the two relations and which of
/// their columns are what (`NetworkLayout`).
public struct NetworkSave {
    public var edges: Relation
    public var nodes: Relation?
    public var layout: NetworkLayout
    public var url: URL
    public var format: NetworkFormat

    /// The relations the save runs: the edges, then the nodes.
    public var relations: [Relation] { [edges] + (nodes.map { [$0] } ?? []) }
}

/// A checked `plot` step: how to turn the plotted relation's rows into a chart.
///
/// The relation that comes with it computes exactly what is drawn (bins, buckets, the top
/// categories, a sample); `ChartBuilder` only reshapes its rows. Its columns, by kind:
///
/// | kind    | columns                                                     |
/// |---------|-------------------------------------------------------------|
/// | bar     | label, [series], y₁…yₖ, categories in all                   |
/// | hist    | bin number (null for null values), low, high, count         |
/// | line    | x, [series], y₁…yₖ (averages), rows averaged into the point |
/// | heatmap | x, y, value                                                  |
/// | spark   | [series], y₁…yₖ                                              |
/// | scatter | x, y, [series], points in all                                |
///
/// `[series]` is there when the step says `by COLUMN`.
public struct PlotRequest: Sendable {
    public var kind: ChartKind
    /// The names of the value columns as the user wrote them: legend and row names.
    public var seriesNames: [String]
    /// Whether the relation has a series column (`by`), whose values name the series.
    public var splitsSeries: Bool
    /// Whether x values are numbers or times (hist, line, scatter; bar: whether the labels are
    /// times, so the query keeps the latest categories, a run in time, not the largest).
    public var xAxis: AxisKind = .number
    /// Whether y values are numbers or times (scatter).
    public var yAxis: AxisKind = .number
    /// hist: whether x is stored as whole numbers, so bins have whole-number widths.
    public var wholeNumberBins = false
    /// hist: the number of bins asked for (the most there will be).
    public var bins = PlotRequest.defaultBins
    /// line: the most points per series; more rows are averaged into this many x buckets.
    public var bucketLimit = 0
    /// scatter: the most points drawn; more are thinned to every n-th point.
    public var sampleLimit = PlotRequest.defaultSampleLimit
    /// bar: how many categories the query keeps (the largest, or the latest for times).
    public var categoryLimit = PlotRequest.defaultCategoryLimit
    /// `title = "…"`.
    public var title: String?
    /// `width = N`: text columns, instead of the terminal's width.
    public var width: Int?
    /// `height = N`: text lines, instead of 20.
    public var height: Int?
    /// `log = true`: values on a logarithmic scale.
    public var logScale = false
    /// The SVG file to write too (`to "fig.svg"`), resolved against the script's folder.
    public var svgPath: URL?
    /// `svgPath` as the user would write it, for messages.
    public var svgDisplayPath: String?

    /// Bins of `plot hist` without `bins =`.
    public static let defaultBins = 20
    /// Categories `plot bar` keeps; the same as the renderer's default limit.
    public static let defaultCategoryLimit = 30
    /// Points `plot scatter` draws at most.
    public static let defaultSampleLimit = 5_000
    /// The text width line buckets are sized for when `width =` is not given.
    public static let defaultBucketWidth = 160

    public init(kind: ChartKind, seriesNames: [String], splitsSeries: Bool) {
        self.kind = kind
        self.seriesNames = seriesNames
        self.splitsSeries = splitsSeries
    }
}

extension CheckedStatement {
    /// The statement's place in the source.
    public var span: Span {
        switch self {
        case .show(_, let span), .save(_, _, _, let span), .saveNetwork(_, let span), .explain(_, let span),
             .plot(_, _, let span), .definition(_, let span):
            return span
        }
    }
}
