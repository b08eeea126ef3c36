

/// The rows a pipeline produced, typed, ready for a renderer.
public struct ResultTable: Sendable {
    /// The visible columns, in order.
    public var columns: [Column]
    /// The rows fetched; possibly fewer than `totalRows` when the caller asked for a preview.
    public var rows: [[Value]]
    /// How many rows the pipeline produces in all.
    public var totalRows: Int
    /// False when counting took too long: the result has more than `totalRows` rows.
    public var totalIsExact = true

    public init(columns: [Column], rows: [[Value]], totalRows: Int? = nil) {
        self.columns = columns
        self.rows = rows
        self.totalRows = totalRows ?? rows.count
    }

    /// Whether some rows were left out of `rows`.
    public var isTruncated: Bool { rows.count < totalRows || !totalIsExact }
}
