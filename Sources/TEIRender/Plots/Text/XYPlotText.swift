import Foundation

/// Draws `XYData` in a text grid: value labels on the left, braille dots (or one marker per
/// cell) in the plot, a horizontal axis with round or calendar ticks below, and a legend.
struct XYPlotText {
    let data: XYData
    let options: ChartOptions

    func render(notes: PlotNotes) -> String {
        let layout = TextChartLayout(options: options)
        let glyphs = layout.glyphs
        let style = ANSIStyle(enabled: options.color)
        let points = data.allPoints
        guard !points.isEmpty else { return layout.noData(notes: notes) }

        let braille = glyphs.hasBraille && (data.names.count == 1 || options.color)
        let legendMark: (Int) -> String = { style.series(braille ? glyphs.marker(0) : glyphs.marker($0), $0) }
        let legend = layout.legend(names: data.names, mark: legendMark)
        let reserved = layout.titleLines + 2 + (legend == nil ? 0 : 1) + notes.lines.count
        let rows = max(2, options.effectiveHeight - reserved)
        let width = options.effectiveWidth

        let ys = points.map(\.y), xs = points.map(\.x)
        let yAxis = data.yKind == .time
            ? Axis.positions(lower: ys.min()!, upper: ys.max()!, kind: .time, tickCount: max(2, rows / 3))
            : Axis.values(lower: ys.min()!, upper: ys.max()!, scale: options.scale, includeZero: false,
                          tickCount: max(2, rows / 3))
        let yLabels = AxisText.yLabels(yAxis, rows: rows)
        let yLabelWidth = yLabels.values.map { TerminalText.displayWidth(of: $0) }.max() ?? 0
        let columns = max(4, width - yLabelWidth - 1)
        let xAxis = Axis.positions(lower: xs.min()!, upper: xs.max()!, kind: data.xKind,
                                   tickCount: max(2, columns / (data.xKind == .time ? 14 : 10)))

        var canvas = DotCanvas(columns: columns, rows: rows, braille: braille)
        func pixel(_ p: (x: Double, y: Double)) -> (x: Int, y: Int) {
            (Int((xAxis.fraction(p.x) * Double(canvas.pixelWidth - 1)).rounded()),
             Int(((1 - yAxis.fraction(p.y)) * Double(canvas.pixelHeight - 1)).rounded()))
        }
        for (series, runs) in data.runs.enumerated() {
            for run in runs {
                let pixels = run.map(pixel)
                if data.joined && pixels.count > 1 {
                    for (a, b) in zip(pixels, pixels.dropFirst()) { canvas.line(from: a, to: b, series: series) }
                } else {
                    for p in pixels { canvas.set(x: p.x, y: p.y, series: series) }
                }
            }
        }

        var body: [String] = []
        for row in 0..<rows {
            let label = (yLabels[row] ?? "").leftPadded(toWidth: yLabelWidth)
            let axisMark = yLabels[row] == nil ? glyphs.verticalLine : glyphs.yTick
            body.append(label + axisMark + canvas.text(ofRow: row, glyphs: glyphs, style: style))
        }
        let ticks = xAxis.ticks.map { (AxisText.column(of: xAxis.fraction($0.value), columns: columns), $0.label) }
        body += AxisText.xAxisLines(ticks: ticks, columns: columns, offset: yLabelWidth + 1, width: width,
                                    glyphs: glyphs, cornerPadding: String(repeating: " ", count: yLabelWidth))
        return layout.assemble(body: body, legend: legend, notes: notes)
    }
}
