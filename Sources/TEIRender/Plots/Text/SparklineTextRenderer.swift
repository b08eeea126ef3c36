import Foundation

/// Draws one sparkline per group: `label ▁▂▅█▇▃ 1..40`, each row scaled to its own range.
struct SparklineTextRenderer {
    let chart: Sparklines
    let options: ChartOptions

    func render() -> String {
        let layout = TextChartLayout(options: options)
        let glyphs = layout.glyphs
        let style = ANSIStyle(enabled: options.color)
        var notes = PlotNotes()
        let cleaned = chart.rows.map { row in row.values.map { $0.flatMap { $0.isFinite ? $0 : nil } } }
        notes.skippedNulls(cleaned.joined().filter { $0 == nil }.count)
        let drawable = cleaned.indices.filter { cleaned[$0].contains { $0 != nil } }
        guard !drawable.isEmpty else { return layout.noData(notes: notes) }
        let shown = Array(drawable.prefix(options.effectiveMaxCategories))
        notes.notShown(drawable.count - shown.count, "rows", ellipsis: glyphs.ellipsis)

        var ranges: [ClosedRange<Double>?] = []
        var nonPositive = 0
        var series: [[Double?]] = []
        for index in shown {
            var values = cleaned[index]
            if options.scale == .log {
                nonPositive += values.filter { ($0 ?? 1) <= 0 }.count
                values = values.map { $0.flatMap { $0 > 0 ? log10($0) : nil } }
            }
            let present = values.compactMap { $0 }
            ranges.append(present.isEmpty ? nil : present.min()!...present.max()!)
            series.append(values)
        }
        notes.skippedNonPositive(nonPositive)
        let rangeTexts = shown.map { index -> String in
            let present = cleaned[index].compactMap { $0 }.filter { options.scale == .linear || $0 > 0 }
            guard let low = present.min(), let high = present.max() else { return "" }
            return low == high ? NumberText.value(low) : "\(NumberText.value(low))..\(NumberText.value(high))"
        }
        let width = options.effectiveWidth
        let labels = shown.map { chart.rows[$0].name.sanitizedLabel }
        let rangeWidth = rangeTexts.map { TerminalText.displayWidth(of: $0) }.max() ?? 0
        let longest = series.map(\.count).max() ?? 0
        let labelWidth = max(1, min(labels.map { TerminalText.displayWidth(of: $0) }.max() ?? 0, width / 3))
        let sparkWidth = max(1, min(longest, width - labelWidth - rangeWidth - 2))

        var body: [String] = []
        for (row, values) in series.enumerated() {
            let resampled = Self.resample(values, to: sparkWidth)
            let cells = resampled.map { value -> String in
                guard let value, let range = ranges[row] else { return " " }
                let levels = glyphs.sparkLevels.count
                let level = range.upperBound == range.lowerBound
                    ? levels / 2 - 1
                    : Int(((value - range.lowerBound) / (range.upperBound - range.lowerBound) * Double(levels - 1)).rounded())
                return glyphs.sparkLevels[level]
            }
            let spark = style.series(cells.joined(), 0) + String(repeating: " ", count: sparkWidth - resampled.count)
            body.append(labels[row].truncated(toWidth: labelWidth, ellipsis: glyphs.ellipsis).padded(toWidth: labelWidth)
                        + " " + spark + " " + rangeTexts[row])
        }
        return layout.assemble(body: body, notes: notes)
    }

    /// `values` averaged into at most `count` buckets of consecutive values; a bucket with no
    /// value stays missing.
    static func resample(_ values: [Double?], to count: Int) -> [Double?] {
        guard values.count > count else { return values }
        return (0..<count).map { bucket in
            let from = bucket * values.count / count, to = (bucket + 1) * values.count / count
            let present = values[from..<to].compactMap { $0 }
            return present.isEmpty ? nil : present.reduce(0, +) / Double(present.count)
        }
    }
}
