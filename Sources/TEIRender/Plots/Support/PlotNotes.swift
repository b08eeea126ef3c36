/// The notes printed under a chart: what was left out and why.
struct PlotNotes {
    private(set) var lines: [String] = []

    /// Notes that `count` missing or non-finite values were skipped.
    mutating func skippedNulls(_ count: Int) {
        guard count > 0 else { return }
        lines.append("\(NumberText.grouped(Int64(count))) null \(count == 1 ? "value" : "values") skipped")
    }

    /// Notes that `count` values could not go on a log scale.
    mutating func skippedNonPositive(_ count: Int) {
        guard count > 0 else { return }
        lines.append("\(NumberText.grouped(Int64(count))) \(count == 1 ? "value" : "values") <= 0 not drawn on the log scale")
    }

    /// Notes that `count` values below zero could not go on a log scale (zero itself draws
    /// blank where blank means zero: empty bins, empty heatmap cells).
    mutating func skippedNegative(_ count: Int, thing: String = "value") {
        guard count > 0 else { return }
        lines.append("\(NumberText.grouped(Int64(count))) \(thing)\(count == 1 ? "" : "s") below 0 not drawn on the log scale")
    }

    /// Notes that `count` things (`categories`, `rows`, `columns`) were not shown.
    mutating func notShown(_ count: Int, _ things: String, ellipsis: String, detail: String = "") {
        guard count > 0 else { return }
        lines.append("\(ellipsis) \(NumberText.grouped(Int64(count))) more \(things) not shown\(detail)")
    }

    mutating func add(_ line: String) { lines.append(line) }
}
