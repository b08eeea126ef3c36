/// Draws the axes of text charts: a labelled vertical value axis and a horizontal axis with its
/// tick labels below.
enum AxisText {
    /// The labels of `axis` by cell row (row 0 on top) for an axis `rows` tall.
    static func yLabels(_ axis: Axis, rows: Int) -> [Int: String] {
        var labels: [Int: String] = [:]
        for tick in axis.ticks {
            let f = axis.fraction(tick.value)
            guard f >= -1e-9, f <= 1 + 1e-9 else { continue }
            let row = Int(((1 - f) * Double(rows - 1)).rounded())
            if labels[row] == nil { labels[row] = tick.label }
        }
        return labels
    }

    /// The cell column (0..<columns) of a tick at fraction `f` of the axis.
    static func column(of f: Double, columns: Int) -> Int {
        Int((f * Double(columns - 1)).rounded())
    }

    /// The axis line and the line of tick labels under a plot `columns` wide starting at
    /// column `offset` of a chart `width` wide. `tickColumns` maps each tick to its cell column,
    /// or to -1 for the corner itself.
    static func xAxisLines(ticks: [(column: Int, label: String)], columns: Int, offset: Int,
                           width: Int, glyphs: Glyphs, cornerPadding: String) -> [String] {
        var line = Array(repeating: glyphs.horizontalLine, count: columns)
        var corner = glyphs.corner
        for tick in ticks {
            if tick.column < 0 { continue }
            if tick.column < columns { line[tick.column] = glyphs.xTick }
        }
        if ticks.contains(where: { $0.column < 0 }) && glyphs.hasBraille { corner = "├" }
        let axisLine = cornerPadding + corner + line.joined()

        var labels = Array(repeating: Character(" "), count: width)
        var nextFree = 0
        for tick in ticks {
            let text = Array(tick.label)
            let center = offset + tick.column
            var start = center - text.count / 2
            start = max(0, min(start, width - text.count))
            guard start >= nextFree, start + text.count <= width else { continue }
            for (i, c) in text.enumerated() { labels[start + i] = c }
            nextFree = start + text.count + 2
        }
        return [axisLine, String(labels)]
    }
}
