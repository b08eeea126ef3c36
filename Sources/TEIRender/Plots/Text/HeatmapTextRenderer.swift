import Foundation

/// Draws a heatmap: one row per y category, one shaded cell (1–4 columns wide) per x category,
/// x labels on top and a legend mapping the shades to values.
///
/// Shade 0 (blank) means zero or no value; the other shades split `0...max` (or, on a log
/// scale, `min...max` of the positive values) into equal parts.
struct HeatmapTextRenderer {
    let chart: Heatmap
    let options: ChartOptions

    func render() throws -> String {
        try HeatmapShades.validate(chart)
        let layout = TextChartLayout(options: options)
        let glyphs = layout.glyphs
        let style = ANSIStyle(enabled: options.color)
        var notes = PlotNotes()
        let values = chart.values.map { $0.map { $0.flatMap { $0.isFinite ? $0 : nil } } }
        let present = values.joined().compactMap { $0 }
        guard !present.isEmpty else {
            notes.skippedNulls(values.joined().count)
            return layout.noData(notes: notes)
        }
        let shades = HeatmapShades(values: present, scale: options.scale, levels: glyphs.ramp.count)
        let width = options.effectiveWidth
        let yLabels = chart.yLabels.map(\.sanitizedLabel), xLabels = chart.xLabels.map(\.sanitizedLabel)
        let labelWidth = min(yLabels.map { TerminalText.displayWidth(of: $0) }.max() ?? 0, width / 4)
        let room = width - labelWidth - 1
        let cellWidth = min(4, max(1, room / max(xLabels.count, 1)))
        let shownColumns = min(xLabels.count, room / cellWidth)

        let nulls = values.joined().filter { $0 == nil }.count
        if nulls > 0 { notes.add("\(NumberText.grouped(Int64(nulls))) null \(nulls == 1 ? "cell" : "cells") left blank") }
        notes.skippedNegative(shades.negative)
        notes.notShown(xLabels.count - shownColumns, "columns", ellipsis: glyphs.ellipsis)
        let reserved = layout.titleLines + 2 + notes.lines.count + 1
        let shownRows = min(yLabels.count, max(1, options.effectiveHeight - reserved))
        notes.notShown(yLabels.count - shownRows, "rows", ellipsis: glyphs.ellipsis)

        var header = Array(repeating: Character(" "), count: width)
        var nextFree = labelWidth + 1
        for (column, label) in xLabels.prefix(shownColumns).enumerated() {
            let start = labelWidth + 1 + column * cellWidth
            let text = Array(label)
            guard start >= nextFree, TerminalText.displayWidth(of: label) == text.count, start + text.count <= width else { continue }
            for (i, c) in text.enumerated() { header[start + i] = c }
            nextFree = start + text.count + 1
        }
        var body = [String(header)]
        for row in 0..<shownRows {
            var line = yLabels[row].truncated(toWidth: labelWidth, ellipsis: glyphs.ellipsis).padded(toWidth: labelWidth) + " "
            for column in 0..<shownColumns {
                let level = shades.level(values[row][column])
                line += style.shade(String(repeating: glyphs.ramp[level], count: cellWidth), level: level,
                                    levels: glyphs.ramp.count)
            }
            body.append(line)
        }
        let ramp = (1..<glyphs.ramp.count).map { style.shade(glyphs.ramp[$0], level: $0, levels: glyphs.ramp.count) }
        let legend = "\(NumberText.value(shades.lower)) \(ramp.joined()) \(NumberText.value(shades.upper))"
            + (options.scale == .log ? " (log scale)" : "") + "   blank: 0 or none"
        return layout.assemble(body: body, legend: legend, notes: notes)
    }
}
