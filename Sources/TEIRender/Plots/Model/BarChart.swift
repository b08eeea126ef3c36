/// Horizontal bars: one row per category and series, in the given order.
///
/// Every series has one value per label. With several series each category gets one row per
/// series, named in the row. Negative values extend left of a zero axis (linear scale only).
public struct BarChart: Sendable, Hashable {
    /// The category labels, in display order.
    public var labels: [String]
    /// One or more series, each with `labels.count` values.
    public var series: [Series]

    public init(labels: [String], series: [Series]) {
        self.labels = labels
        self.series = series
    }

    /// A single-series bar chart.
    public init(labels: [String], values: [Double?], name: String = "value") {
        self.init(labels: labels, series: [Series(name, values)])
    }
}
