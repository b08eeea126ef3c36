/// Groups scatter points by series in order of first appearance, counting what is skipped.
enum ScatterData {
    static func make(_ chart: ScatterChart, scale: ValueScale) -> (XYData, PlotNotes) {
        var names: [String] = []
        var index: [String: Int] = [:]
        var points: [[(x: Double, y: Double)]] = []
        var nulls = 0, nonPositive = 0
        for point in chart.points {
            guard let x = point.x, let y = point.y, x.isFinite, y.isFinite else { nulls += 1; continue }
            guard scale == .linear || chart.yAxis == .time || y > 0 else { nonPositive += 1; continue }
            let name = point.series ?? ""
            let series: Int
            if let known = index[name] {
                series = known
            } else {
                series = names.count
                index[name] = series
                names.append(name)
                points.append([])
            }
            points[series].append((x, y))
        }
        var notes = PlotNotes()
        notes.skippedNulls(nulls)
        notes.skippedNonPositive(nonPositive)
        // Each point is its own run: scatter points are never joined.
        let data = XYData(names: names, runs: points.map { [$0] }, xKind: chart.xAxis, yKind: chart.yAxis, joined: false)
        return (data, notes)
    }
}
