/// One or more y series over shared x values (numbers, or unix seconds on a time axis).
///
/// Points are joined in the order given; a missing y breaks its line.
public struct LineChart: Sendable, Hashable {
    /// The x value of each point, shared by all series.
    public var x: [Double]
    /// Whether `x` holds numbers or times.
    public var axis: AxisKind
    /// One or more series, each with `x.count` values.
    public var series: [Series]

    public init(x: [Double], axis: AxisKind = .number, series: [Series]) {
        self.x = x
        self.axis = axis
        self.series = series
    }
}
