/// Draws a bar chart as an SVG document: horizontal bars in category bands, a value axis with
/// grid lines at round ticks, value labels, and a legend for several series.
struct SVGBarRenderer {
    let chart: BarChart
    let options: ChartOptions

    func render() throws -> String {
        let data = try BarData.make(chart, options: options, ellipsis: "…")
        guard let axis = data.axis(scale: options.scale, tickCount: max(2, options.pixelWidth / 90)) else {
            return SVGFrame.noData(options: options, notes: data.notes)
        }
        let labels = data.rows.map { $0.label.truncated(toWidth: 30, ellipsis: "…") }
        let labelWidth = labels.map { SVGDocument.textWidth($0) }.max() ?? 0
        let valueTexts = data.rows.map { $0.value.map(NumberText.value) ?? "" }
        let valueWidth = valueTexts.map { SVGDocument.textWidth($0, size: 11) }.max() ?? 0
        let names = data.hasSeveralSeries ? chart.series.map(\.name) : []
        var frame = SVGFrame(options: options, leftMargin: labelWidth, legendItems: names.count,
                             noteCount: data.notes.lines.count)
        frame.right -= valueWidth + 6
        frame.drawXAxis(axis, grid: true)

        let band = frame.plotHeight / Double(max(data.rows.count, 1))
        let zero = options.scale == .log ? 0 : axis.fraction(0)
        for (index, row) in data.rows.enumerated() {
            let y = frame.top + Double(index) * band
            if !row.label.isEmpty {
                frame.document.text(labels[index], x: frame.left - 6, y: y + band / 2 + 4, anchor: .end)
            }
            guard let value = row.value, axis.canPlace(value) else {
                if row.value != nil {
                    frame.document.text(valueTexts[index], x: frame.left + zero * frame.plotWidth + 4,
                                        y: y + band / 2 + 4, size: 11, fill: "#555")
                }
                continue
            }
            let f = axis.fraction(value)
            var x0 = frame.left + min(zero, f) * frame.plotWidth
            var x1 = frame.left + max(zero, f) * frame.plotWidth
            if f != zero, x1 - x0 < SVGFrame.smallestMark {
                if f < zero { x0 = x1 - SVGFrame.smallestMark } else { x1 = x0 + SVGFrame.smallestMark }
            }
            let title = (row.seriesName.isEmpty ? "" : row.seriesName + ": ") + valueTexts[index]
            frame.document.rect(x: x0, y: y + band * 0.1, width: x1 - x0, height: band * 0.8,
                                fill: SVGDocument.color(ofSeries: row.series), title: title)
            frame.document.text(valueTexts[index], x: max(x1, frame.left + zero * frame.plotWidth) + 4,
                                y: y + band / 2 + 4, size: 11, fill: "#555")
        }
        frame.document.line(x1: frame.left + zero * frame.plotWidth, y1: frame.top,
                            x2: frame.left + zero * frame.plotWidth, y2: frame.bottom)
        frame.drawLegend(names)
        frame.drawNotes(data.notes)
        return frame.finish()
    }
}
