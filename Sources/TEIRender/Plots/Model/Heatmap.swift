/// A value for each pair of an x category and a y category, drawn as shades.
///
/// `values[row][column]` belongs to `yLabels[row]` and `xLabels[column]`; for an hour × weekday
/// chart, `xLabels` are `"0"…"23"` and `yLabels` are `"Mon"…"Sun"`. A missing value is left blank.
public struct Heatmap: Sendable, Hashable {
    /// Column categories, left to right.
    public var xLabels: [String]
    /// Row categories, top to bottom.
    public var yLabels: [String]
    /// One row of `xLabels.count` values per y label.
    public var values: [[Double?]]

    public init(xLabels: [String], yLabels: [String], values: [[Double?]]) {
        self.xLabels = xLabels
        self.yLabels = yLabels
        self.values = values
    }
}
