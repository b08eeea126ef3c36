import Foundation

/// Draws a heatmap as an SVG document: a grid of cells shaded from light to dark blue, row and
/// column labels, and a legend of the shades with their value range.
struct SVGHeatmapRenderer {
    let chart: Heatmap
    let options: ChartOptions

    /// Light to dark; index 0 is the blank shade.
    private static let shades = ["#ffffff", "#deebf7", "#9ecae1", "#4292c6", "#08519c", "#08306b"]

    func render() throws -> String {
        try HeatmapShades.validate(chart)
        var notes = PlotNotes()
        let values = chart.values.map { $0.map { $0.flatMap { $0.isFinite ? $0 : nil } } }
        let present = values.joined().compactMap { $0 }
        let nulls = values.joined().count - present.count
        if nulls > 0 { notes.add("\(NumberText.grouped(Int64(nulls))) null \(nulls == 1 ? "cell" : "cells") left blank") }
        guard !present.isEmpty else { return SVGFrame.noData(options: options, notes: notes) }
        let shades = HeatmapShades(values: present, scale: options.scale, levels: Self.shades.count)
        notes.skippedNegative(shades.negative)

        let labelWidth = chart.yLabels.map { SVGDocument.textWidth($0, size: 11) }.max() ?? 0
        var frame = SVGFrame(options: options, leftMargin: min(labelWidth, Double(options.pixelWidth) / 4),
                             legendItems: 2, noteCount: notes.lines.count)
        let cellWidth = frame.plotWidth / Double(max(chart.xLabels.count, 1))
        let cellHeight = frame.plotHeight / Double(max(chart.yLabels.count, 1))
        for (row, label) in chart.yLabels.enumerated() {
            let y = frame.top + Double(row) * cellHeight
            frame.document.text(label, x: frame.left - 6, y: y + cellHeight / 2 + 4, anchor: .end, size: 11)
            for column in chart.xLabels.indices {
                let level = shades.level(values[row][column])
                let tip = "\(label), \(chart.xLabels[column]): \(values[row][column].map(NumberText.value) ?? "null")"
                frame.document.rect(x: frame.left + Double(column) * cellWidth, y: y, width: cellWidth,
                                    height: cellHeight, fill: Self.shades[level], title: tip)
            }
        }
        var nextFree = -Double.infinity
        for (column, label) in chart.xLabels.enumerated() {
            let x = frame.left + (Double(column) + 0.5) * cellWidth
            let half = SVGDocument.textWidth(label, size: 11) / 2
            guard x - half >= nextFree else { continue }
            frame.document.text(label, x: x, y: frame.bottom + 16, anchor: .middle, size: 11, fill: "#555")
            nextFree = x + half + 6
        }
        drawLegend(&frame, shades: shades)
        frame.drawNotes(notes)
        return frame.finish()
    }

    private func drawLegend(_ frame: inout SVGFrame, shades: HeatmapShades) {
        let y = frame.bottom + 36
        var x = frame.left
        frame.document.text(NumberText.value(shades.lower), x: x, y: y + 9, size: 11)
        x += SVGDocument.textWidth(NumberText.value(shades.lower), size: 11) + 6
        for level in 1..<Self.shades.count {
            frame.document.rect(x: x, y: y, width: 18, height: 10, fill: Self.shades[level])
            x += 18
        }
        let suffix = options.scale == .log ? " (log scale)" : ""
        frame.document.text(NumberText.value(shades.upper) + suffix + "; white: 0 or none", x: x + 6, y: y + 9, size: 11)
    }
}
