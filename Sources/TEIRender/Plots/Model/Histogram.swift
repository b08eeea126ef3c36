/// Counts over contiguous bins, as the engine computed them in SQL.
///
/// `edges` has one more element than `counts` and increases strictly: bin `i` covers
/// `edges[i] ..< edges[i + 1]`.
public struct Histogram: Sendable, Hashable {
    /// The bin boundaries, increasing; numbers or unix seconds (see `axis`).
    public var edges: [Double]
    /// The count (or weight) of each bin.
    public var counts: [Double?]
    /// Whether the edges are numbers or times.
    public var axis: AxisKind

    public init(edges: [Double], counts: [Double?], axis: AxisKind = .number) {
        self.edges = edges
        self.counts = counts
        self.axis = axis
    }
}
