/// Draws line and scatter charts as SVG documents: paths or circles per series over two
/// continuous axes, with grid lines and a legend.
struct SVGXYRenderer {
    let data: XYData
    let options: ChartOptions

    func render(notes: PlotNotes) -> String {
        let points = data.allPoints
        guard !points.isEmpty else { return SVGFrame.noData(options: options, notes: notes) }
        let ys = points.map(\.y), xs = points.map(\.x)
        let yAxis = data.yKind == .time
            ? Axis.positions(lower: ys.min()!, upper: ys.max()!, kind: .time, tickCount: 5)
            : Axis.values(lower: ys.min()!, upper: ys.max()!, scale: options.scale, includeZero: false, tickCount: 5)
        let labelWidth = yAxis.ticks.map { SVGDocument.textWidth($0.label, size: 11) }.max() ?? 0
        var frame = SVGFrame(options: options, leftMargin: labelWidth, legendItems: data.names.count,
                             noteCount: notes.lines.count)
        let xAxis = Axis.positions(lower: xs.min()!, upper: xs.max()!, kind: data.xKind,
                                   tickCount: max(2, Int(frame.plotWidth / (data.xKind == .time ? 90 : 60))))
        frame.drawYAxis(yAxis)
        frame.drawXAxis(xAxis)
        let (left, bottom, width, height) = (frame.left, frame.bottom, frame.plotWidth, frame.plotHeight)
        func position(_ p: (x: Double, y: Double)) -> (x: Double, y: Double) {
            (left + xAxis.fraction(p.x) * width, bottom - yAxis.fraction(p.y) * height)
        }
        for (series, runs) in data.runs.enumerated() {
            let color = SVGDocument.color(ofSeries: series)
            for run in runs {
                let placed = run.map(position)
                if data.joined {
                    frame.document.polyline(placed, stroke: color)
                } else {
                    for p in placed { frame.document.circle(x: p.x, y: p.y, radius: 3, fill: color) }
                }
            }
        }
        frame.drawLegend(data.names)
        frame.drawNotes(notes)
        return frame.finish()
    }
}
