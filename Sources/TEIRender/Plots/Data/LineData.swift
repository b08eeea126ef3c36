/// Turns a line chart into runs of drawable points, counting what is skipped.
enum LineData {
    static func make(_ chart: LineChart, scale: ValueScale) throws -> (XYData, PlotNotes) {
        for series in chart.series where series.values.count != chart.x.count {
            throw PlotError.lengthMismatch(what: "line series \"\(series.name)\"",
                                           expected: chart.x.count, actual: series.values.count)
        }
        guard chart.x.allSatisfy(\.isFinite) else { throw PlotError.nonFiniteX }
        var nulls = 0, nonPositive = 0
        var runs: [[[(x: Double, y: Double)]]] = []
        for series in chart.series {
            var seriesRuns: [[(x: Double, y: Double)]] = []
            var current: [(x: Double, y: Double)] = []
            for (x, value) in zip(chart.x, series.values) {
                guard let y = value, y.isFinite else {
                    nulls += 1
                    if !current.isEmpty { seriesRuns.append(current); current = [] }
                    continue
                }
                guard scale == .linear || y > 0 else {
                    nonPositive += 1
                    if !current.isEmpty { seriesRuns.append(current); current = [] }
                    continue
                }
                current.append((x, y))
            }
            if !current.isEmpty { seriesRuns.append(current) }
            runs.append(seriesRuns)
        }
        var notes = PlotNotes()
        notes.skippedNulls(nulls)
        notes.skippedNonPositive(nonPositive)
        let data = XYData(names: chart.series.map(\.name), runs: runs, xKind: chart.axis, yKind: .number, joined: true)
        return (data, notes)
    }
}
