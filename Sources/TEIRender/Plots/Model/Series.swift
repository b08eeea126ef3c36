/// A named sequence of numbers; `nil` marks a missing value (SQL NULL), which is skipped and
/// counted in a note.
public struct Series: Sendable, Hashable {
    /// The name shown in legends and row labels.
    public var name: String
    /// The values, aligned with the chart's labels or x values.
    public var values: [Double?]

    public init(_ name: String, _ values: [Double?]) {
        self.name = name
        self.values = values
    }
}
