/// One sparkline per group: the group's label, then its values as a line of small bars.
///
/// Each row is scaled to its own minimum and maximum, which are printed beside it.
public struct Sparklines: Sendable, Hashable {
    /// One series per group, in display order; the series name is the group label.
    public var rows: [Series]

    public init(rows: [Series]) {
        self.rows = rows
    }
}
