import Foundation
import TEIRender
import TEIStorage

/// A chart ready to render, with the notes on what the query left out.
public struct PlottedChart: Sendable {
    public var chart: Chart
    /// Lines printed under the chart: categories beyond the top ones, averaged or sampled points.
    public var notes: [String]
    public var request: PlotRequest

    /// Drawing options for a terminal `terminalWidth` columns wide; `width =`, `height =`,
    /// `title =` and `log =` of the plot step win.
    public func textOptions(terminalWidth: Int, ascii: Bool, color: Bool) -> ChartOptions {
        ChartOptions(width: request.width ?? terminalWidth, height: request.height ?? 20, title: request.title,
                     ascii: ascii, color: color, scale: request.logScale ? .log : .linear,
                     maxCategories: PlotRequest.defaultCategoryLimit, notes: notes)
    }

    /// The chart drawn as text for a terminal `terminalWidth` columns wide (see `textOptions`).
    public func text(terminalWidth: Int, ascii: Bool, color: Bool) throws -> String {
        try chart.renderText(textOptions(terminalWidth: terminalWidth, ascii: ascii, color: color))
    }

    /// Drawing options for the SVG file of `to "file.svg"`: the default pixel size.
    public var svgOptions: ChartOptions {
        ChartOptions(title: request.title, scale: request.logScale ? .log : .linear,
                     maxCategories: PlotRequest.defaultCategoryLimit, notes: notes)
    }
}

/// Reshapes the rows of a plot's relation (laid out as `PlotRequest` describes) into a `Chart`.
///
/// All the computing (bins, buckets, the top categories, sampling) was done in SQL; this only
/// turns rows into the chart's arrays and fills in what SQL leaves implicit (empty bins).
public enum ChartBuilder {
    public static func build(_ table: ResultTable, request: PlotRequest) -> PlottedChart {
        let (chart, notes): (Chart, [String])
        switch request.kind {
        case .bar: (chart, notes) = bar(table.rows, request)
        case .hist: (chart, notes) = histogram(table.rows, request)
        case .line: (chart, notes) = line(table.rows, request)
        case .heatmap: (chart, notes) = (heatmap(table.rows), [])
        case .spark: (chart, notes) = (sparklines(table.rows, request), [])
        case .scatter: (chart, notes) = scatter(table.rows, request)
        }
        return PlottedChart(chart: chart, notes: notes, request: request)
    }

    // MARK: Kinds

    private static func bar(_ rows: [[Value]], _ request: PlotRequest) -> (Chart, [String]) {
        let total = rows.first.map { Int(number($0[$0.count - 1]) ?? 0) } ?? 0
        let chart: BarChart
        if request.splitsSeries {
            let pivot = Pivot(rows: rows.map { (key: label($0[0]), series: label($0[1]), value: number($0[2])) })
            chart = BarChart(labels: pivot.keys, series: pivot.series)
        } else {
            let series = request.seriesNames.indices.map { index in Series(request.seriesNames[index], rows.map { number($0[1 + index]) }) }
            chart = BarChart(labels: rows.map { label($0[0]) }, series: series)
        }
        let hidden = total - chart.labels.count
        let kept = request.xAxis == .time ? ("earlier", "latest") : ("more", "largest")
        let notes = hidden > 0
            ? ["\(grouped(hidden)) \(kept.0) \(hidden == 1 ? "category" : "categories") not shown (the \(grouped(chart.labels.count)) \(kept.1) are)"]
            : []
        return (.bar(chart), notes)
    }

    private static func histogram(_ rows: [[Value]], _ request: PlotRequest) -> (Chart, [String]) {
        var nulls = 0
        var counts: [Int: Double] = [:]
        var range: (lo: Double, hi: Double)?
        for row in rows {
            guard let bin = number(row[0]) else { nulls += Int(number(row[3]) ?? 0); continue }
            counts[Int(bin)] = number(row[3]) ?? 0
            if let lo = number(row[1]), let hi = number(row[2]) { range = (lo, hi) }
        }
        let notes = nulls > 0 ? ["\(grouped(nulls)) null \(nulls == 1 ? "value" : "values") not counted"] : []
        guard let range else { return (.histogram(Histogram(edges: [], counts: [], axis: request.xAxis)), notes) }
        let edges: [Double]
        if request.wholeNumberBins {
            // Mirrors the SQL: whole-number bins of width ⌈(hi − lo + 1) / bins⌉ starting at lo.
            let bins = Double(request.bins)
            let width = ((range.hi - range.lo + bins) / bins).rounded(.down)
            let binCount = Int(((range.hi - range.lo) / width).rounded(.down)) + 1
            edges = (0...binCount).map { range.lo + Double($0) * width }
        } else if range.hi > range.lo {
            edges = (0...request.bins).map { range.lo + Double($0) * (range.hi - range.lo) / Double(request.bins) }
        } else {
            edges = [range.lo - 0.5, range.lo + 0.5]
        }
        let filled = (0..<(edges.count - 1)).map { counts[$0] ?? 0 }
        return (.histogram(Histogram(edges: edges, counts: filled, axis: request.xAxis)), notes)
    }

    private static func line(_ rows: [[Value]], _ request: PlotRequest) -> (Chart, [String]) {
        let chart: LineChart
        let averaged = rows.reduce(0) { $0 + Int(number($1[$1.count - 1]) ?? 0) }
        if request.splitsSeries {
            let pivot = Pivot(rows: rows.map { (key: number($0[0]) ?? 0, series: label($0[1]), value: number($0[2])) })
            chart = LineChart(x: pivot.keys, axis: request.xAxis, series: pivot.series)
        } else {
            let series = request.seriesNames.indices.map { index in Series(request.seriesNames[index], rows.map { number($0[1 + index]) }) }
            chart = LineChart(x: rows.map { number($0[0]) ?? 0 }, axis: request.xAxis, series: series)
        }
        var notes: [String] = []
        if averaged > request.bucketLimit {
            notes.append("\(grouped(averaged)) rows averaged into \(grouped(chart.x.count)) points along x")
        }
        return (.line(chart), notes)
    }

    private static func heatmap(_ rows: [[Value]]) -> Chart {
        var xs: [Value] = [], ys: [Value] = []
        var seenX: Set<Value> = [], seenY: Set<Value> = []
        var cells: [Value: [Value: Double?]] = [:]
        for row in rows {
            if seenX.insert(row[0]).inserted { xs.append(row[0]) }
            if seenY.insert(row[1]).inserted { ys.append(row[1]) }
            cells[row[1], default: [:]][row[0]] = number(row[2])
        }
        // Rows come ordered by x then y, so y values need their own sort.
        ys.sort(by: SQLOrder.precedes)
        WeekdayOrder.arrange(&xs)
        WeekdayOrder.arrange(&ys)
        // A cell without rows sums nothing: 0, drawn blank, not a missing value.
        let values = ys.map { y in xs.map { x in cells[y]?[x] ?? 0 } }
        return .heatmap(Heatmap(xLabels: xs.map(label), yLabels: ys.map(label), values: values))
    }

    private static func sparklines(_ rows: [[Value]], _ request: PlotRequest) -> Chart {
        guard request.splitsSeries else {
            return .sparklines(Sparklines(rows: request.seriesNames.indices.map { index in
                Series(request.seriesNames[index], rows.map { number($0[index]) })
            }))
        }
        var names: [String] = []
        var values: [String: [Double?]] = [:]
        for row in rows {
            let name = label(row[0])
            if values[name] == nil { names.append(name) }
            values[name, default: []].append(number(row[1]))
        }
        return .sparklines(Sparklines(rows: names.map { Series($0, values[$0]!) }))
    }

    private static func scatter(_ rows: [[Value]], _ request: PlotRequest) -> (Chart, [String]) {
        let total = rows.first.map { Int(number($0[$0.count - 1]) ?? 0) } ?? 0
        let points = rows.map { row in
            ScatterPoint(x: number(row[0]), y: number(row[1]), series: request.splitsSeries ? label(row[2]) : nil)
        }
        var notes: [String] = []
        if total > rows.count {
            let every = (total + request.sampleLimit - 1) / request.sampleLimit
            notes.append("showing \(grouped(rows.count)) of \(grouped(total)) points (every \(ordinal(every)) in x order)")
        }
        return (.scatter(ScatterChart(points: points, xAxis: request.xAxis, yAxis: request.yAxis)), notes)
    }

    // MARK: Values

    /// A value as a number on an axis: times as unix seconds; nil for null and text.
    static func number(_ value: Value) -> Double? {
        switch value {
        case .int(let v), .timestamp(let v), .date(let v), .duration(let v): return Double(v)
        case .float(let v): return v
        case .bool(let v): return v ? 1 : 0
        case .null, .text, .list: return nil
        }
    }

    /// A value as a category label; null is shown as `null`.
    static func label(_ value: Value) -> String {
        value.isNull ? "null" : value.text
    }

    private static func grouped(_ n: Int) -> String {
        let digits = String(n.magnitude)
        var out = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(digit)
        }
        return (n < 0 ? "-" : "") + out
    }

    private static func ordinal(_ n: Int) -> String {
        let suffix: String
        switch (n % 10, n % 100) {
        case (_, 11...13): suffix = "th"
        case (1, _): suffix = "st"
        case (2, _): suffix = "nd"
        case (3, _): suffix = "rd"
        default: suffix = "th"
        }
        return "\(n)\(suffix)"
    }
}

/// Rows of (key, series, value) turned into one value list per series over the keys, both in
/// order of first appearance; a series without a value at a key gets nil there.
private struct Pivot<Key: Hashable> {
    var keys: [Key] = []
    var series: [Series] = []

    init(rows: [(key: Key, series: String, value: Double?)]) {
        var keyIndex: [Key: Int] = [:]
        var seriesIndex: [String: Int] = [:]
        var names: [String] = []
        for row in rows {
            if keyIndex[row.key] == nil { keyIndex[row.key] = keys.count; keys.append(row.key) }
            if seriesIndex[row.series] == nil { seriesIndex[row.series] = names.count; names.append(row.series) }
        }
        var values = Array(repeating: Array(repeating: Double?.none, count: keys.count), count: names.count)
        for row in rows {
            values[seriesIndex[row.series]!][keyIndex[row.key]!] = row.value
        }
        series = zip(names, values).map { Series($0, $1) }
    }
}

/// Day names in week order, Mon to Sun, as `weekday_name()` writes them, rather than in the
/// alphabet's order (Fri, Mon, Sat, …), so a heatmap by `weekday_name()` reads down the week.
enum WeekdayOrder {
    static let names = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]

    /// Sorts `values` into week order when every one is a day name (nulls go first, as in SQL).
    static func arrange(_ values: inout [Value]) {
        let days = values.map { value -> Int? in
            guard case .text(let text) = value else { return value.isNull ? -1 : nil }
            return names.firstIndex(of: text)
        }
        guard days.contains(where: { ($0 ?? -1) >= 0 }), !days.contains(nil) else { return }
        values = zip(values, days).sorted { $0.1! < $1.1! }.map(\.0)
    }
}

/// SQLite's order of values in ORDER BY: nulls, then numbers, then text.
private enum SQLOrder {
    static func precedes(_ a: Value, _ b: Value) -> Bool {
        switch (ChartBuilder.number(a), ChartBuilder.number(b)) {
        case (let x?, let y?): return x < y
        case (.some, nil): return b.isNull ? false : true
        case (nil, .some): return a.isNull
        case (nil, nil):
            if a.isNull != b.isNull { return a.isNull }
            return a.text < b.text
        }
    }
}
