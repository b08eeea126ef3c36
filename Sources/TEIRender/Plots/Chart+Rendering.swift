extension Chart {
    /// The chart drawn as text for a terminal, `options.width` columns wide.
    ///
    /// Empty data draws a "no data to plot" message; data that does not fit the chart's shape
    /// (a series shorter than its labels, unordered bin edges) throws a `PlotError`.
    public func renderText(_ options: ChartOptions = ChartOptions()) throws -> String {
        switch self {
        case .bar(let chart): return try BarTextRenderer(chart: chart, options: options).render()
        case .histogram(let chart): return try HistogramTextRenderer(chart: chart, options: options).render()
        case .line(let chart): return try LineTextRenderer(chart: chart, options: options).render()
        case .heatmap(let chart): return try HeatmapTextRenderer(chart: chart, options: options).render()
        case .sparklines(let chart): return SparklineTextRenderer(chart: chart, options: options).render()
        case .scatter(let chart): return ScatterTextRenderer(chart: chart, options: options).render()
        }
    }
}

extension Chart {
    /// The chart as a standalone SVG document (`options.pixelWidth` × `options.pixelHeight`),
    /// for papers and slides. Same data rules and errors as `renderText(_:)`.
    public func renderSVG(_ options: ChartOptions = ChartOptions()) throws -> String {
        switch self {
        case .bar(let chart): return try SVGBarRenderer(chart: chart, options: options).render()
        case .histogram(let chart): return try SVGHistogramRenderer(chart: chart, options: options).render()
        case .line(let chart):
            let (data, notes) = try LineData.make(chart, scale: options.scale)
            return SVGXYRenderer(data: data, options: options).render(notes: notes)
        case .heatmap(let chart): return try SVGHeatmapRenderer(chart: chart, options: options).render()
        case .sparklines(let chart): return SVGSparklineRenderer(chart: chart, options: options).render()
        case .scatter(let chart):
            let (data, notes) = ScatterData.make(chart, scale: options.scale)
            return SVGXYRenderer(data: data, options: options).render(notes: notes)
        }
    }
}
