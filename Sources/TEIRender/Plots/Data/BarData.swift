/// A bar chart reduced to the rows that are drawn, with notes on what was left out.
struct BarData {
    /// One drawn line: a category (named on its first series only) and one series' value.
    struct Row {
        var label: String
        var seriesName: String
        var series: Int
        var value: Double?
    }

    var rows: [Row]
    var notes: PlotNotes
    /// Whether the chart has several series, so rows name their series.
    var hasSeveralSeries: Bool
    /// The values that can be placed on the scale (positive only on a log scale).
    var placeable: [Double]

    /// Keeps at most `options.maxCategories` categories (the largest, in their given order),
    /// skips missing values, and notes both.
    static func make(_ chart: BarChart, options: ChartOptions, ellipsis: String) throws -> BarData {
        for series in chart.series where series.values.count != chart.labels.count {
            throw PlotError.lengthMismatch(what: "bar series \"\(series.name)\"",
                                           expected: chart.labels.count, actual: series.values.count)
        }
        var notes = PlotNotes()
        let cleaned = chart.series.map { $0.values.map { $0.flatMap { $0.isFinite ? $0 : nil } } }
        let drawable = chart.labels.indices.filter { i in cleaned.contains { $0[i] != nil } }
        let shown = selectCategories(drawable, values: cleaned, limit: options.effectiveMaxCategories)
        notes.notShown(drawable.count - shown.count, "categories", ellipsis: ellipsis)
        notes.skippedNulls(cleaned.joined().filter { $0 == nil }.count)
        let several = chart.series.count > 1

        var rows: [Row] = []
        for i in shown {
            for (s, series) in chart.series.enumerated() where several || cleaned[s][i] != nil {
                rows.append(Row(label: s == 0 ? chart.labels[i].sanitizedLabel : "",
                                seriesName: several ? series.name.sanitizedLabel : "",
                                series: s, value: cleaned[s][i]))
            }
        }
        let values = rows.compactMap(\.value)
        let placeable = options.scale == .log ? values.filter { $0 > 0 } : values
        notes.skippedNonPositive(values.count - placeable.count)
        return BarData(rows: rows, notes: notes, hasSeveralSeries: several, placeable: placeable)
    }

    /// The value axis for these bars: from zero (or, on a log scale, half the smallest value,
    /// which keeps the smallest bar visible) to the largest value, so the longest bar fills the
    /// width; round ticks inside.
    func axis(scale: ValueScale, tickCount: Int) -> Axis? {
        guard let low = placeable.min(), let high = placeable.max() else { return nil }
        switch scale {
        case .linear:
            return Axis.values(lower: low, upper: high, scale: .linear, includeZero: true, tickCount: tickCount,
                               extendToTicks: false)
        case .log:
            return Axis.values(lower: low / 2, upper: high, scale: .log, includeZero: false, tickCount: tickCount,
                               extendToTicks: false)
        }
    }

    private static func selectCategories(_ indices: [Int], values: [[Double?]], limit: Int) -> [Int] {
        guard indices.count > limit else { return indices }
        let magnitude = { (i: Int) -> Double in values.compactMap { $0[i] }.map(abs).max() ?? 0 }
        let largest = indices.sorted { (magnitude($0), -$0) > (magnitude($1), -$1) }.prefix(limit)
        return largest.sorted()
    }
}
