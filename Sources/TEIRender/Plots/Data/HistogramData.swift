/// Checks a histogram's shape before drawing.
enum HistogramData {
    static func validate(_ chart: Histogram) throws {
        guard chart.counts.isEmpty || chart.edges.count == chart.counts.count + 1 else {
            throw PlotError.lengthMismatch(what: "histogram bin edges", expected: chart.counts.count + 1,
                                           actual: chart.edges.count)
        }
        guard chart.edges.allSatisfy(\.isFinite),
              zip(chart.edges, chart.edges.dropFirst()).allSatisfy({ $0 < $1 }) else {
            throw PlotError.invalidBinEdges
        }
    }
}
