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
        /// What `explain` says the range holds.
        let holds: String
        public let sql: String
        public let parameters: [SQLValue]
    }

    /// The table whose rows the ranges divide: its cache is what each connection attaches.
    public let table: LoadedTable
    /// The key whose codes the ranges divide, nil for ranges of rows.
    public let codesOf: String?
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
            return Range(first: range.first, last: range.last, holds: holds(range, split.division), sql: query.sql, parameters: query.parameters)
        }
        var codesOf: String?
        if case .codes(let column) = split.division { codesOf = column }
        let table = dialect.quote(PartialResults.table)
        let columns = split.partialColumns.map { dialect.quote(identifier: $0.name) }.joined(separator: ", ")
        let values = split.partialColumns.indices.map { dialect.parameter($0 + 1) }.joined(separator: ", ")
        return RangeStatements(table: split.table, codesOf: codesOf, relationName: dialect.quote(split.table.layout.relation), ranges: ranges,
                               createPartials: "DROP TABLE IF EXISTS \(table); CREATE TABLE \(table)(\(columns))",
                               insertPartial: "INSERT INTO \(table) VALUES (\(values))", dropPartials: "DROP TABLE IF EXISTS \(table)")
    }

    /// What `explain` prints before the merge: the thread count, then each range's statement.
    var explanation: String {
        var text: String
        if let codesOf {
            text = "-- \(threads) threads: the rows of \(relationName) in \(threads) ranges of the codes of \(codesOf), "
                + "each computing its groups whole on a connection of its own, then put in order\n"
        } else {
            text = "-- \(threads) threads: the rows of \(relationName) in \(threads) ranges, "
                + "each grouped on a connection of its own, then merged\n"
        }
        for (index, range) in ranges.enumerated() {
            text += "-- range \(index + 1) of \(threads): \(range.holds)\n\(range.sql)\n"
        }
        return text + (codesOf == nil ? "-- merge of the partial results\n" : "-- the groups of every range, in order\n")
    }

    /// What range `range` of a split by `division` holds, in words.
    private static func holds(_ range: SplitPlan.Part, _ division: SplitPlan.Division) -> String {
        let unit = division == .rows ? "rows" : "codes"
        let bounds: String
        switch (range.first, range.last) {
        case (nil, let last?): bounds = "\(unit) 1 to \(last)"
        case (let first?, let last?): bounds = "\(unit) \(first) to \(last)"
        case (let first?, nil): bounds = "\(unit) from \(first)"
        case (nil, nil): bounds = division == .rows ? "every row" : "every code"
        }
        return range.missing == .included ? bounds + " and no code" : bounds
    }
}
