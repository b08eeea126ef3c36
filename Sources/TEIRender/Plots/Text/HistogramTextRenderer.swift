import Foundation

/// Draws a histogram as vertical columns with eighth-block tops over a continuous x axis.
///
/// Each text column shows the largest count among the bins it overlaps, so narrow bins are
/// never lost when there are more bins than columns; a column with any count is at least the
/// smallest visible mark high, so only empty bins look empty.
struct HistogramTextRenderer {
    let chart: Histogram
    let options: ChartOptions

    func render() throws -> String {
        try HistogramData.validate(chart)
        let layout = TextChartLayout(options: options)
        let glyphs = layout.glyphs
        let style = ANSIStyle(enabled: options.color)
        var notes = PlotNotes()
        let (counts, placeable) = HistogramData.counts(chart, options: options, notes: &notes)
        guard !placeable.isEmpty, chart.edges.count >= 2 else { return layout.noData(notes: notes) }

        let reserved = layout.titleLines + 2 + notes.lines.count
        let rows = max(2, options.effectiveHeight - reserved)
        let width = options.effectiveWidth
        let yAxis: Axis
        switch options.scale {
        case .linear:
            yAxis = Axis.values(lower: 0, upper: placeable.max()!, scale: .linear, includeZero: true,
                                tickCount: max(2, rows / 3))
        case .log:
            yAxis = Axis.values(lower: placeable.min()! / 2, upper: placeable.max()!, scale: .log,
                                includeZero: false, tickCount: max(2, rows / 3))
        }
        let yLabels = AxisText.yLabels(yAxis, rows: rows)
        let yLabelWidth = yLabels.values.map { TerminalText.displayWidth(of: $0) }.max() ?? 0
        let columns = max(4, width - yLabelWidth - 1)
        let lower = chart.edges.first!, upper = chart.edges.last!
        let xAxis = Axis.positions(lower: lower, upper: upper, kind: chart.axis,
                                   tickCount: max(2, columns / (chart.axis == .time ? 14 : 10)))

        // Height of each text column in eighths of a cell.
        var heights = Array(repeating: 0, count: columns)
        let span = upper - lower
        var bin = 0
        for column in 0..<columns {
            let from = lower + span * Double(column) / Double(columns)
            let to = lower + span * Double(column + 1) / Double(columns)
            while bin < counts.count - 1 && chart.edges[bin + 1] <= from { bin += 1 }
            var tallest: Double?
            var b = bin
            while b < counts.count && chart.edges[b] < to {
                if let count = counts[b], yAxis.canPlace(count) { tallest = max(tallest ?? count, count) }
                b += 1
            }
            if let tallest {
                let f = min(max(yAxis.fraction(tallest), 0), 1)
                let eighths = Int((f * Double(rows * 8)).rounded())
                heights[column] = tallest > 0 ? max(eighths, glyphs.smallestVisibleEighths) : eighths
            }
        }

        var body: [String] = []
        for row in 0..<rows {
            let floorEighths = (rows - 1 - row) * 8
            let cells = heights.map { glyphs.verticalEighths[min(max($0 - floorEighths, 0), 8)] }
            let label = (yLabels[row] ?? "").leftPadded(toWidth: yLabelWidth)
            let axisMark = yLabels[row] == nil ? glyphs.verticalLine : glyphs.yTick
            body.append(label + axisMark + style.series(cells.joined(), 0))
        }
        let ticks = xAxis.ticks.map { (AxisText.column(of: xAxis.fraction($0.value), columns: columns), $0.label) }
        body += AxisText.xAxisLines(ticks: ticks, columns: columns, offset: yLabelWidth + 1, width: width,
                                    glyphs: glyphs, cornerPadding: String(repeating: " ", count: yLabelWidth))
        return layout.assemble(body: body, notes: notes)
    }
}
