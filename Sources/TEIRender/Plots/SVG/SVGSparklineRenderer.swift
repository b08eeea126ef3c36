import Foundation

/// Draws sparklines as an SVG document: one row per group with its label, a small line scaled
/// to the row's own range, and that range.
struct SVGSparklineRenderer {
    let chart: Sparklines
    let options: ChartOptions

    func render() -> String {
        var notes = PlotNotes()
        let cleaned = chart.rows.map { row in row.values.map { $0.flatMap { $0.isFinite ? $0 : nil } } }
        notes.skippedNulls(cleaned.joined().filter { $0 == nil }.count)
        let drawable = cleaned.indices.filter { cleaned[$0].contains { $0 != nil } }
        let shown = Array(drawable.prefix(options.effectiveMaxCategories))
        notes.notShown(drawable.count - shown.count, "rows", ellipsis: "…")
        guard !shown.isEmpty else { return SVGFrame.noData(options: options, notes: notes) }
        let transformed = shown.map { index in
            cleaned[index].map { value in value.flatMap { options.scale == .log ? ($0 > 0 ? log10($0) : nil) : $0 } }
        }
        if options.scale == .log {
            notes.skippedNonPositive(shown.map { cleaned[$0].filter { ($0 ?? 1) <= 0 }.count }.reduce(0, +))
        }
        let labels = shown.map { chart.rows[$0].name }
        let labelWidth = labels.map { SVGDocument.textWidth($0) }.max() ?? 0
        var frame = SVGFrame(options: options, leftMargin: min(labelWidth, Double(options.pixelWidth) / 3),
                             legendItems: 0, noteCount: notes.lines.count, bottomAxis: false)
        frame.right -= 110
        let band = frame.plotHeight / Double(shown.count)
        for (row, values) in transformed.enumerated() {
            let top = frame.top + Double(row) * band
            frame.document.text(labels[row], x: frame.left - 8, y: top + band / 2 + 4, anchor: .end)
            let present = values.compactMap { $0 }
            guard let low = present.min(), let high = present.max() else { continue }
            let step = frame.plotWidth / Double(max(values.count - 1, 1))
            var run: [(x: Double, y: Double)] = []
            for (index, value) in values.enumerated() {
                guard let value else {
                    frame.document.polyline(run, stroke: SVGDocument.color(ofSeries: 0))
                    run = []
                    continue
                }
                let f = high == low ? 0.5 : (value - low) / (high - low)
                run.append((frame.left + Double(index) * step, top + band * 0.85 - f * band * 0.7))
            }
            frame.document.polyline(run, stroke: SVGDocument.color(ofSeries: 0))
            let original = cleaned[shown[row]].compactMap { $0 }.filter { options.scale == .linear || $0 > 0 }
            let range = original.min() == original.max()
                ? NumberText.value(original.min()!)
                : "\(NumberText.value(original.min()!))..\(NumberText.value(original.max()!))"
            frame.document.text(range, x: frame.right + 8, y: top + band / 2 + 4, size: 11, fill: "#555")
        }
        frame.drawNotes(notes)
        return frame.finish()
    }
}
