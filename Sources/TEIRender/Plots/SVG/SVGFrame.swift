/// The common parts of an SVG chart: the plot rectangle, title, axes with ticks and grid,
/// legend and notes.
struct SVGFrame {
    var document: SVGDocument
    let title: String?
    /// The plot rectangle.
    var left: Double
    var top: Double
    var right: Double
    var bottom: Double
    let callerNotes: [String]

    /// A frame whose plot area leaves `leftMargin` pixels for value labels and room below for
    /// axis labels, a legend (when `legendItems` > 1) and `noteCount` notes.
    init(options: ChartOptions, leftMargin: Double, legendItems: Int, noteCount: Int, bottomAxis: Bool = true) {
        document = SVGDocument(width: options.pixelWidth, height: options.pixelHeight)
        callerNotes = options.notes
        let noteCount = noteCount + options.notes.count
        title = options.title.flatMap { $0.isEmpty ? nil : $0 }
        left = leftMargin + 10
        right = document.width - 20
        top = title == nil ? 16 : 44
        bottom = document.height - (bottomAxis ? 36 : 12) - (legendItems > 1 ? 22 : 0) - Double(noteCount) * 16
        if bottom < top + 20 { bottom = top + 20 }
        if let title {
            document.text(title, x: document.width / 2, y: 26, anchor: .middle, size: 16, bold: true)
        }
    }

    /// The thinnest bar or column, in pixels, drawn for a value other than zero, so that it
    /// never looks like an empty one.
    static let smallestMark = 1.0

    var plotWidth: Double { right - left }
    var plotHeight: Double { bottom - top }

    /// Ticks and grid lines of a vertical value axis on the left.
    mutating func drawYAxis(_ axis: Axis) {
        for tick in axis.ticks {
            let f = axis.fraction(tick.value)
            guard f >= -1e-9, f <= 1 + 1e-9 else { continue }
            let y = bottom - f * plotHeight
            document.line(x1: left, y1: y, x2: right, y2: y, stroke: "#ddd")
            document.text(tick.label, x: left - 6, y: y + 4, anchor: .end, size: 11, fill: "#555")
        }
        document.line(x1: left, y1: top, x2: left, y2: bottom)
    }

    /// Ticks of a horizontal axis along the bottom, with optional vertical grid lines.
    mutating func drawXAxis(_ axis: Axis, grid: Bool = false) {
        var nextFree = -Double.infinity
        for tick in axis.ticks {
            let f = axis.fraction(tick.value)
            guard f >= -1e-9, f <= 1 + 1e-9 else { continue }
            let x = left + f * plotWidth
            if grid { document.line(x1: x, y1: top, x2: x, y2: bottom, stroke: "#ddd") }
            document.line(x1: x, y1: bottom, x2: x, y2: bottom + 5)
            let half = SVGDocument.textWidth(tick.label, size: 11) / 2
            guard x - half >= nextFree else { continue }
            document.text(tick.label, x: x, y: bottom + 18, anchor: .middle, size: 11, fill: "#555")
            nextFree = x + half + 8
        }
        document.line(x1: left, y1: bottom, x2: right, y2: bottom)
    }

    /// A legend row of colored swatches and names under the axis labels.
    mutating func drawLegend(_ names: [String]) {
        guard names.count > 1 else { return }
        var x = left
        let y = bottom + 44
        for (index, name) in names.enumerated() {
            document.rect(x: x, y: y - 9, width: 10, height: 10, fill: SVGDocument.color(ofSeries: index))
            document.text(name, x: x + 14, y: y, size: 11)
            x += 14 + SVGDocument.textWidth(name, size: 11) + 16
        }
    }

    /// The notes, one per line at the bottom.
    mutating func drawNotes(_ notes: PlotNotes) {
        for (index, note) in (notes.lines + callerNotes).reversed().enumerated() {
            document.text(note, x: 10, y: document.height - 8 - Double(index) * 16, size: 11, fill: "#777")
        }
    }

    /// A document showing only the title, a "no data to plot" message and the notes.
    static func noData(options: ChartOptions, notes: PlotNotes) -> String {
        var frame = SVGFrame(options: options, leftMargin: 0, legendItems: 0, noteCount: notes.lines.count)
        frame.document.text("no data to plot", x: frame.document.width / 2, y: frame.document.height / 2,
                            anchor: .middle, size: 14, fill: "#777")
        frame.drawNotes(notes)
        return frame.finish()
    }

    func finish() -> String { document.render(title: title) }
}
