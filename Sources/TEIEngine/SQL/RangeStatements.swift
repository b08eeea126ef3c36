import TEIStorage

/// The statements of a grouping split over ranges of rows (`RangeSplit`): one per range, each run
/// on a connection of its own, and the statements that keep their partial results in a temporary
/// table of the session's connection for the merge (`CompiledQuery.sql`) to read.
public struct RangeStatements: Sendable {
    /// One range's statement: the partial results of the rows numbered `first` through `last`
    /// (nil: no bound).
    public struct Range: Sendable {
        public let first: Int?
        public let last: Int?
        public let sql: String
        public let parameters: [SQLValue]
    }

    /// The table whose rows the ranges divide: its cache is what each connection attaches.
    public let table: LoadedTable
    /// The table's relation as the statements spell it, for `explain`.
    let relationName: String
    public let ranges: [Range]
    /// Makes the (empty) table of partial results, dropping one a failed run left.
    public let createPartials: String
    /// Inserts one partial row, its values bound as `?1…?N`.
    public let insertPartial: String
    public let dropPartials: String

    /// The connections that run the ranges at once.
    public var threads: Int { ranges.count }

    static func compile(_ split: SplitPlan, tables: TableBindings, dialect: SQLDialect) -> RangeStatements {
        let ranges = split.ranges.map { range -> Range in
            let query = SQLGenerator.compile(range.partial, tables: tables, dialect: dialect, ordered: false)
            return Range(first: range.first, last: range.last, sql: query.sql, parameters: query.parameters)
        }
        let table = dialect.quote(PartialResults.table)
        let columns = split.partialColumns.map { dialect.quote(identifier: $0.name) }.joined(separator: ", ")
        let values = split.partialColumns.indices.map { dialect.parameter($0 + 1) }.joined(separator: ", ")
        return RangeStatements(table: split.table, relationName: dialect.quote(split.table.layout.relation), ranges: ranges,
                               createPartials: "DROP TABLE IF EXISTS \(table); CREATE TABLE \(table)(\(columns))",
                               insertPartial: "INSERT INTO \(table) VALUES (\(values))", dropPartials: "DROP TABLE IF EXISTS \(table)")
    }

    /// What `explain` prints before the merge: the thread count, then each range's statement.
    var explanation: String {
        var text = "-- \(threads) threads: the rows of \(relationName) in \(threads) ranges, "
            + "each grouped on a connection of its own, then merged\n"
        for (index, range) in ranges.enumerated() {
            let rows: String
            switch (range.first, range.last) {
            case (nil, let last?): rows = "rows 1 to \(last)"
            case (let first?, let last?): rows = "rows \(first) to \(last)"
            case (let first?, nil): rows = "rows from \(first)"
            case (nil, nil): rows = "every row"
            }
            text += "-- range \(index + 1) of \(threads): \(rows)\n\(range.sql)\n"
        }
        return text + "-- merge of the partial results\n"
    }
}
