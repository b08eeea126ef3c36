/// Points and lines on two continuous axes, already cleaned: what line and scatter charts
/// have in common.
struct XYData {
    /// Series names, in legend order.
    var names: [String]
    /// For each series, runs of points to join (a run of one is a lone point).
    var runs: [[[(x: Double, y: Double)]]]
    var xKind: AxisKind
    var yKind: AxisKind
    /// Whether points of a run are joined by lines.
    var joined: Bool

    var allPoints: [(x: Double, y: Double)] { runs.flatMap { $0.flatMap { $0 } } }
}
