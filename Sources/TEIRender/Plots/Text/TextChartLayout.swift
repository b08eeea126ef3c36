/// Puts a text chart together: the title centered on top, the body, a legend and the notes,
/// every line cut to the chart's width and stripped of trailing spaces.
struct TextChartLayout {
    let width: Int
    let title: String?
    let glyphs: Glyphs
    let callerNotes: [String]

    init(options: ChartOptions) {
        callerNotes = options.notes.map(\.sanitizedLabel)
        width = options.effectiveWidth
        title = options.title.map(\.sanitizedLabel).flatMap { $0.isEmpty ? nil : $0 }
        glyphs = .forOptions(options)
    }

    /// How many lines the title takes.
    var titleLines: Int { title == nil ? 0 : 1 }

    /// The finished chart.
    func assemble(body: [String], legend: String? = nil, notes: PlotNotes = PlotNotes()) -> String {
        var lines: [String] = []
        if let title {
            let cut = title.truncated(toWidth: width, ellipsis: glyphs.ellipsis)
            let indent = (width - TerminalText.displayWidth(of: cut)) / 2
            lines.append(String(repeating: " ", count: indent) + cut)
        }
        lines += body
        if let legend { lines.append(legend) }
        lines += (notes.lines + callerNotes).map { $0.truncated(toWidth: width, ellipsis: glyphs.ellipsis) }
        return lines.map(Self.trimmingTrailingSpaces).joined(separator: "\n")
    }

    /// The message drawn instead of a chart when there is nothing to draw.
    func noData(notes: PlotNotes = PlotNotes()) -> String {
        assemble(body: ["no data to plot"], notes: notes)
    }

    /// A legend line naming each series beside its mark, or nil for a single series.
    func legend(names: [String], mark: (Int) -> String) -> String? {
        guard names.count > 1 else { return nil }
        var line = ""
        var used = 0
        for (index, name) in names.enumerated() {
            let label = name.sanitizedLabel.truncated(toWidth: max(width / 3, 4), ellipsis: glyphs.ellipsis)
            let item = "\(mark(index)) \(label)"
            let itemWidth = 2 + TerminalText.displayWidth(of: label)
            if used + itemWidth + (used > 0 ? 2 : 0) > width {
                line += used + TerminalText.displayWidth(of: glyphs.ellipsis) + 1 <= width ? " " + glyphs.ellipsis : ""
                break
            }
            line += (used > 0 ? "  " : "") + item
            used += itemWidth + (used > 0 ? 2 : 0)
        }
        return line
    }

    static func trimmingTrailingSpaces(_ line: String) -> String {
        var line = line
        while line.last == " " { line.removeLast() }
        return line
    }
}
