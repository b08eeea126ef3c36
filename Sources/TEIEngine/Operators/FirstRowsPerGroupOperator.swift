import TEIStorage

/// The rows of its input that come first in their group: for each group key, the first `count`
/// rows an index holding the table's rows by that key and then by the group's sort key gives, so
/// that `group k (sort t | take N)` reads about N rows per group instead of numbering them all.
/// `SeekFirstRowsPerGroup` puts it under the numbering of such a take, and only where its input is
/// every row of one loaded table sorted by `t` alone, so that these are exactly the rows the
/// numbering puts first in their group; the numbering then runs over them alone. The rows keep the
/// input's columns and order.
struct FirstRowsPerGroupOperator: PlanOperator {
    /// Where the first rows of a group are sought, by names of the table's relation.
    struct Seek: Sendable, Equatable {
        /// The index, named in the plan text.
        var index: StoredName
        /// The table's relation and its row number.
        var relation: StoredName
        var rowNumber: String
        /// The column holding the group key as the index holds it (a dictionary column's code).
        var key: String
        /// The column the index holds next, which orders each group's rows.
        var order: String
        var descending: Bool
    }

    let input: Relation
    /// The input's column holding the row number of each row.
    let rowNumber: String
    let seek: Seek
    let count: Int

    var inputs: [Relation] { [input] }

    func replacingInputs(_ inputs: [Relation]) -> any PlanOperator {
        FirstRowsPerGroupOperator(input: inputs[0], rowNumber: rowNumber, seek: seek, count: count)
    }

    var planText: String {
        "first \(count) per \(seek.key) by \(seek.descending ? "-" : "")\(seek.order) (seek \(seek.index))"
    }

    /// Which rows it keeps is sought in the table, by row number, the one column it reads itself.
    func pruning(needing needed: Set<String>) -> OperatorPruning {
        .rowsOfInput(needing: needed.union([rowNumber]))
    }

    /// The distinct keys (the index's first column, read in order), and for each the row numbers of
    /// its first rows, sought in the index; the input's rows are then read by row number.
    func emit(_ relation: Relation, into builder: inout SQLGenerator.Builder) -> SQLGenerator.Emitted {
        let from = builder.emit(input)
        let dialect = builder.dialect
        let table = dialect.quote(seek.relation), row = dialect.quote(identifier: seek.rowNumber)
        let key = dialect.quote(identifier: seek.key), order = dialect.quote(identifier: seek.order)
        let group = dialect.quote(identifier: builder.fresh()), first = dialect.quote(identifier: builder.fresh())
        let ofGroup = dialect.sameValue(key, "\(group).\(first)")
        let keys = "SELECT DISTINCT \(key) AS \(first) FROM \(table)"
        // Descending, the group's order and the index read backwards both put the rows without a value
        // last; ascending, the index holds them first and the group's order puts them last: the first
        // rows with a value, then the first without, each part one seek.
        let descending = "SELECT \(row) FROM \(table) WHERE \(ofGroup) ORDER BY \(order) DESC, \(row) LIMIT \(count)"
        let valued = "SELECT \(order), \(row) FROM \(table) WHERE \(ofGroup) AND \(order) IS NOT NULL ORDER BY \(order), \(row) LIMIT \(count)"
        let missing = "SELECT \(row) FROM \(table) WHERE \(ofGroup) AND \(order) IS NULL ORDER BY \(row) LIMIT \(count)"
        let read = dialect.quote(identifier: "f"), readRow = dialect.quote(identifier: "f") + "." + dialect.quote(identifier: rowNumber)
        let columns = builder.list(from.all, qualifier: read + ".").joined(separator: ", ")
        // CROSS JOIN keeps the keys outside: SQLite reads each key's rows by row number. The condition
        // is a WHERE, since PostgreSQL allows no ON after CROSS JOIN.
        let sql: String
        if count == 1 {
            // One row a key: a scalar seek, which SQLite runs about twice as fast as a list.
            let firstRow = seek.descending ? "(\(descending))" : "coalesce((SELECT \(row) FROM \(dialect.derivedTable(valued, alias: builder.fresh()))), (\(missing)))"
            let sought = dialect.quote(identifier: builder.fresh()), soughtRow = dialect.quote(identifier: builder.fresh())
            sql = "SELECT \(columns) FROM (SELECT \(firstRow) AS \(soughtRow) FROM (\(keys)) AS \(group)) AS \(sought) "
                + "CROSS JOIN \(from.name) AS \(read) WHERE \(readRow) = \(sought).\(soughtRow)"
        } else {
            let rows: String
            if seek.descending {
                rows = descending
            } else {
                let place = dialect.quote(identifier: builder.fresh())
                let parts = "SELECT 0 AS \(place), \(order), \(row) FROM \(dialect.derivedTable(valued, alias: builder.fresh())) UNION ALL "
                    + "SELECT 1, NULL, \(row) FROM \(dialect.derivedTable(missing, alias: builder.fresh()))"
                rows = "SELECT \(row) FROM \(dialect.derivedTable(parts, alias: builder.fresh())) ORDER BY \(place), \(order), \(row) LIMIT \(count)"
            }
            sql = "SELECT \(columns) FROM (\(keys)) AS \(group) CROSS JOIN \(from.name) AS \(read) WHERE \(readRow) IN (\(rows))"
        }
        return builder.add(relation, sql, order: from.order.map { ($0.column, $0.descending) })
    }
}
