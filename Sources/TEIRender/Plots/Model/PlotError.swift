/// Why a chart's data cannot be drawn. Empty data is not an error: it draws a
/// "no data to plot" message.
public enum PlotError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A series, row or count list does not have as many values as the chart needs.
    case lengthMismatch(what: String, expected: Int, actual: Int)
    /// Histogram edges that do not increase strictly or are not finite.
    case invalidBinEdges
    /// X values of a line chart that are not finite.
    case nonFiniteX

    public var description: String {
        switch self {
        case .lengthMismatch(let what, let expected, let actual):
            return "cannot plot: \(what) has \(actual) values, expected \(expected)"
        case .invalidBinEdges:
            return "cannot plot: histogram bin edges must be finite and strictly increasing"
        case .nonFiniteX:
            return "cannot plot: x values must be finite numbers"
        }
    }
}
