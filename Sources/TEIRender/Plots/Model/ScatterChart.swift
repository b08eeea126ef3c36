/// A point of a scatter chart, optionally belonging to a named series.
public struct ScatterPoint: Sendable, Hashable {
    public var x: Double?
    public var y: Double?
    /// The series the point belongs to; points without one form a single unnamed series.
    public var series: String?

    public init(x: Double?, y: Double?, series: String? = nil) {
        self.x = x
        self.y = y
        self.series = series
    }
}

/// Points on two continuous axes; a legend names the series when there are several.
public struct ScatterChart: Sendable, Hashable {
    public var points: [ScatterPoint]
    /// Whether x values are numbers or times.
    public var xAxis: AxisKind
    /// Whether y values are numbers or times.
    public var yAxis: AxisKind

    public init(points: [ScatterPoint], xAxis: AxisKind = .number, yAxis: AxisKind = .number) {
        self.points = points
        self.xAxis = xAxis
        self.yAxis = yAxis
    }
}
