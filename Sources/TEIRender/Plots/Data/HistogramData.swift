/// Checks a histogram's shape and prepares its counts for drawing, the same for every renderer.
enum HistogramData {
    /// The counts to draw: `counts` per bin (nil where missing or not finite) and `placeable`, the
    /// ones the scale can show (positive on a log scale). What is left out is told in `notes`.
    ///
    /// A bin counting 0 is an empty bin, drawn empty on either scale: it holds no values, so it
    /// is not noted as values left off the log scale.
    static func counts(_ chart: Histogram, options: ChartOptions, notes: inout PlotNotes) -> (counts: [Double?], placeable: [Double]) {
        let counts = chart.counts.map { $0.flatMap { $0.isFinite ? $0 : nil } }
        notes.skippedNulls(counts.filter { $0 == nil }.count)
        let present = counts.compactMap { $0 }
        let placeable = options.scale == .log ? present.filter { $0 > 0 } : present
        if options.scale == .log { notes.skippedNegative(present.filter { $0 < 0 }.count, thing: "bin") }
        return (counts, placeable)
    }

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
