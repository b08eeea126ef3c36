import Foundation

/// Draws a bar chart as horizontal bars with eighth-block precision and value labels.
///
/// Layout, one line per category and series: `label  series │█████▍ 1,234`, then an axis with
/// round ticks. Negative values grow leftwards from zero in half cells (Unicode has no
/// right-aligned eighths).
struct BarTextRenderer {
    let chart: BarChart
    let options: ChartOptions

    func render() throws -> String {
        let layout = TextChartLayout(options: options)
        let glyphs = layout.glyphs
        let style = ANSIStyle(enabled: options.color)
        let data = try BarData.make(chart, options: options, ellipsis: glyphs.ellipsis)
        let rows = data.rows
        let width = options.effectiveWidth
        let valueTexts = rows.map { $0.value.map(NumberText.value) ?? "" }
        let valueWidth = valueTexts.map { TerminalText.displayWidth(of: $0) }.max() ?? 0
        let seriesWidth = data.hasSeveralSeries
            ? min(rows.map { TerminalText.displayWidth(of: $0.seriesName) }.max() ?? 0, max(width / 6, 4)) + 1 : 0
        let longestLabel = rows.map { TerminalText.displayWidth(of: $0.label) }.max() ?? 0
        // Labels give way to the bars, but keep at least one column.
        let minimumArea = max(10, width / 3)
        let labelWidth = max(1, min(longestLabel, width / 3, width - minimumArea - seriesWidth - valueWidth - 3))
        let area = max(4, width - labelWidth - 1 - seriesWidth - 1 - 1 - valueWidth)
        guard let axis = data.axis(scale: options.scale, tickCount: max(2, area / 10)) else {
            return layout.noData(notes: data.notes)
        }
        let zeroFraction = options.scale == .log ? 0 : axis.fraction(0)
        let zeroCell = Int((zeroFraction * Double(area)).rounded())

        var body: [String] = []
        let prefixWidth = labelWidth + 1 + seriesWidth
        for (row, valueText) in zip(rows, valueTexts) {
            var line = row.label.truncated(toWidth: labelWidth, ellipsis: glyphs.ellipsis).padded(toWidth: labelWidth) + " "
            if data.hasSeveralSeries {
                line += row.seriesName.truncated(toWidth: seriesWidth - 1, ellipsis: glyphs.ellipsis)
                    .padded(toWidth: seriesWidth - 1) + " "
            }
            line += glyphs.verticalLine
            guard let value = row.value else { body.append(line); continue }
            guard axis.canPlace(value) else {
                body.append(line + String(repeating: " ", count: zeroCell) + " " + valueText)
                continue
            }
            let bar = barPiece(from: zeroFraction, to: axis.fraction(value), zeroCell: zeroCell, area: area, glyphs: glyphs)
            line += String(repeating: " ", count: bar.leading) + style.series(bar.text, row.series)
            body.append(line + " " + valueText)
        }

        let ticks = axis.ticks.compactMap { tick -> (column: Int, label: String)? in
            let f = axis.fraction(tick.value)
            guard f >= -1e-9, f <= 1 + 1e-9 else { return nil }
            // A tick marks a cell boundary; draw it under the cell that ends there.
            return (Int((f * Double(area)).rounded()) - 1, tick.label)
        }
        body += AxisText.xAxisLines(ticks: ticks, columns: area, offset: prefixWidth, width: width,
                                    glyphs: glyphs, cornerPadding: String(repeating: " ", count: prefixWidth))
        return layout.assemble(body: body, notes: data.notes)
    }

    private struct BarPiece {
        var leading: Int
        var text: String
    }

    /// The bar between two axis fractions; it always ends on the right at or after `zeroCell`,
    /// so the value label can follow it.
    private func barPiece(from zero: Double, to end: Double, zeroCell: Int, area: Int, glyphs: Glyphs) -> BarPiece {
        // A value other than zero always shows: at least the smallest mark, or half a cell leftwards.
        if end >= zero {
            let measured = Int(((end - zero) * Double(area) * 8).rounded())
            let eighths = end > zero ? max(measured, glyphs.smallestVisibleEighths) : measured
            let text = String(repeating: glyphs.horizontalEighths[8], count: eighths / 8)
                + glyphs.horizontalEighths[eighths % 8]
            return BarPiece(leading: zeroCell, text: text)
        }
        let halves = max(1, Int(((zero - end) * Double(area) * 2).rounded()))
        let width = min(halves / 2 + halves % 2, zeroCell)
        let text = (halves % 2 == 1 ? glyphs.leftwardHalf : "")
            + String(repeating: glyphs.leftwardFull, count: halves / 2)
        return BarPiece(leading: zeroCell - width, text: text)
    }
}
