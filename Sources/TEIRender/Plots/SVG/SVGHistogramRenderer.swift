/// Draws a histogram as an SVG document: one rectangle per bin over a numeric or time axis.
struct SVGHistogramRenderer {
    let chart: Histogram
    let options: ChartOptions

    func render() throws -> String {
        try HistogramData.validate(chart)
        var notes = PlotNotes()
        let (counts, placeable) = HistogramData.counts(chart, options: options, notes: &notes)
        guard let high = placeable.max(), let low = placeable.min(), let first = chart.edges.first,
              let last = chart.edges.last else {
            return SVGFrame.noData(options: options, notes: notes)
        }
        let yAxis = options.scale == .log
            ? Axis.values(lower: low / 2, upper: high, scale: .log, includeZero: false, tickCount: 5)
            : Axis.values(lower: 0, upper: high, scale: .linear, includeZero: true, tickCount: 5)
        let labelWidth = yAxis.ticks.map { SVGDocument.textWidth($0.label, size: 11) }.max() ?? 0
        var frame = SVGFrame(options: options, leftMargin: labelWidth, legendItems: 0, noteCount: notes.lines.count)
        let xAxis = Axis.positions(lower: first, upper: last, kind: chart.axis,
                                   tickCount: max(2, Int(frame.plotWidth / (chart.axis == .time ? 90 : 60))))
        frame.drawYAxis(yAxis)
        for (index, count) in counts.enumerated() {
            // An empty bin draws nothing, on either scale.
            guard let count, count != 0, yAxis.canPlace(count) else { continue }
            let x0 = frame.left + xAxis.fraction(chart.edges[index]) * frame.plotWidth
            let x1 = frame.left + xAxis.fraction(chart.edges[index + 1]) * frame.plotWidth
            let f = max(0, min(1, yAxis.fraction(count)))
            let height = max(f * frame.plotHeight, SVGFrame.smallestMark)
            frame.document.rect(x: x0, y: frame.bottom - height, width: max(x1 - x0 - 1, 0.5),
                                height: height, fill: SVGDocument.color(ofSeries: 0),
                                title: NumberText.value(count))
        }
        frame.drawXAxis(xAxis)
        frame.drawNotes(notes)
        return frame.finish()
    }
}
