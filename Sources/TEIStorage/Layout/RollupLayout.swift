/// A table of row counts built at import, which answers a grouping without reading the rows: one
/// row per distinct combination of its dimensions, with the number of rows that have it. The
/// optimizer reads it instead of the table for a `group` whose keys, filters and aggregates it can
/// compute from those counts (`AggregateFromRollup`).
public struct RollupLayout: Sendable, Equatable {
    /// The relation presenting each dimension under its logical column's name (decoded, for a
    /// dictionary column, whose code it also presents under the `DictionaryLayout.codeColumn` of
    /// the table's layout) and the count in `weightColumn`.
    public var relation: StoredName
    public var dimensions: [RollupDimension]
    /// The list column whose items it counts, each item as the one dimension (named after the
    /// list column, of type text); nil for counts of the table's rows.
    public var itemsOf: String?
    /// The column holding how many rows (or items) have the dimensions' values.
    public var weightColumn: String

    public init(relation: StoredName, dimensions: [RollupDimension], itemsOf: String? = nil, weightColumn: String) {
        self.relation = relation
        self.dimensions = dimensions
        self.itemsOf = itemsOf
        self.weightColumn = weightColumn
    }

    /// The dimension that holds column `name`, if any.
    public func dimension(named name: String) -> RollupDimension? {
        dimensions.first { $0.column == name }
    }
}

/// A dimension of a rollup: a logical column, kept exactly or rounded down to a grain.
public struct RollupDimension: Sendable, Equatable {
    public var column: String
    public var grain: RollupGrain

    public init(column: String, grain: RollupGrain) {
        self.column = column
        self.grain = grain
    }
}

/// How much of a column's value a rollup keeps.
public enum RollupGrain: Sendable, Equatable {
    /// The value itself.
    case exact
    /// A time rounded down to a multiple of this many seconds (from 1970-01-01T00:00 UTC): the
    /// rollup answers only what is the same for every time in one such bucket.
    case seconds(Int64)
}
