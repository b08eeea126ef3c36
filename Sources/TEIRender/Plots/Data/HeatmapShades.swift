import Foundation

/// Maps heatmap values to shade levels: 0 for blank, `1..<levels` for equal parts of the range.
struct HeatmapShades {
    let lower: Double
    let upper: Double
    let scale: ValueScale
    let levels: Int
    /// Values below zero on a log scale, left blank. Zero is blank on either scale and is in the
    /// legend (a cell without rows sums to 0), so it is not counted as left out.
    let negative: Int

    init(values: [Double], scale: ValueScale, levels: Int) {
        self.scale = scale
        self.levels = levels
        let positive = values.filter { $0 > 0 }
        negative = scale == .log ? values.filter { $0 < 0 }.count : 0
        switch scale {
        case .linear:
            lower = min(values.min() ?? 0, 0)
            upper = values.max() ?? 0
        case .log:
            lower = positive.min() ?? 1
            upper = positive.max() ?? 1
        }
    }

    func level(_ value: Double?) -> Int {
        guard let value else { return 0 }
        if scale == .log && value <= 0 { return 0 }
        if scale == .linear && value == 0 && lower == 0 { return 0 }
        guard upper > lower else { return levels - 1 }
        let f = scale == .log
            ? (log10(value) - log10(lower)) / (log10(upper) - log10(lower))
            : (value - lower) / (upper - lower)
        return 1 + min(levels - 2, max(0, Int(floor(f * Double(levels - 1)))))
    }

    static func validate(_ chart: Heatmap) throws {
        guard chart.values.count == chart.yLabels.count else {
            throw PlotError.lengthMismatch(what: "heatmap values", expected: chart.yLabels.count, actual: chart.values.count)
        }
        for (label, row) in zip(chart.yLabels, chart.values) where row.count != chart.xLabels.count {
            throw PlotError.lengthMismatch(what: "heatmap row \"\(label)\"", expected: chart.xLabels.count, actual: row.count)
        }
    }
}
