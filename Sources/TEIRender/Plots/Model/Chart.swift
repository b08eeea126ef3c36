/// The kinds of chart the `plot` step draws.
public enum ChartKind: String, Sendable, Hashable, CaseIterable {
    case bar, hist, line, heatmap, spark, scatter
}

/// A chart ready to draw: the data the engine computed, in the shape its kind needs.
///
/// Render it with `renderText(_:)` for a terminal or `renderSVG(_:)` for a document.
public enum Chart: Sendable, Hashable {
    case bar(BarChart)
    case histogram(Histogram)
    case line(LineChart)
    case heatmap(Heatmap)
    case sparklines(Sparklines)
    case scatter(ScatterChart)

    /// The kind of this chart.
    public var kind: ChartKind {
        switch self {
        case .bar: return .bar
        case .histogram: return .hist
        case .line: return .line
        case .heatmap: return .heatmap
        case .sparklines: return .spark
        case .scatter: return .scatter
        }
    }
}
