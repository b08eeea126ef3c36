import TEIStorage

/// The rows of its input that come first in their group: for each group key, the first `count`
/// rows an index holding the table's rows by that key and then in the group's sort key's order
/// (`IndexedPartitionOrder`: ascending, missing values last) gives, so
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
        /// The dictionary of a key held by its code, whose codes are the keys to seek.
        var keyDictionary: DictionaryLayout?
        /// The column the index holds next, which orders each group's rows.
        var order: String
        var descending: Bool
    }

    let input: Relation
    /// The input's column holding the row number of each row.
    let rowNumber: String
    let seek: Seek
    let count: Int
    /// With one row a group, each input column's name in the table's relation when the index holds
    /// every column the input reads (`FirstRowsFromIndex`): the row is then read from the index
    /// alone, column by column, and not from the table. Nil: the rows are read by row number.
    var fromIndex: [String: String]? = nil

    var inputs: [Relation] { [input] }

    func replacingInputs(_ inputs: [Relation]) -> any PlanOperator {
        FirstRowsPerGroupOperator(input: inputs[0], rowNumber: rowNumber, seek: seek, count: count, fromIndex: fromIndex)
    }

    var planText: String {
        "first \(count) per \(seek.key) by \(seek.descending ? "-" : "")\(seek.order) (seek \(seek.index)\(fromIndex == nil ? "" : ", the index alone"))"
    }

    /// Which rows it keeps is sought in the table, by row number, the one column it reads itself.
    func pruning(needing needed: Set<String>) -> OperatorPruning {
        .rowsOfInput(needing: needed.union([rowNumber]))
    }

    /// The keys (a dictionary's codes, or the distinct values of the index's first column), and for
    /// each the row numbers of its first rows, sought in the index; the input's rows are then read
    /// by row number.
    func emit(_ relation: Relation, into builder: inout SQLGenerator.Builder) -> SQLGenerator.Emitted {
        if builder.dialect.groupSeek == .lateralJoin { return emitLateralJoin(relation, into: &builder) }
        let from = builder.emit(input)
        let dialect = builder.dialect
        let table = dialect.quote(seek.relation), row = dialect.quote(identifier: seek.rowNumber)
        let key = dialect.quote(identifier: seek.key), order = dialect.quote(identifier: seek.order)
        let group = dialect.quote(identifier: builder.fresh()), first = dialect.quote(identifier: builder.fresh())
        let ofGroup = dialect.sameValue(key, "\(group).\(first)")
        let keys = keys(as: first, dialect)
        // Ascending, the index holds each group's rows in the group's order, missing values last
        // (`IndexKey.missing`); descending, the index read backwards would put them first, so the
        // database sorts the group's rows (a few dozen) by the group's order.
        let orderBy = seek.descending ? "\(order) DESC, \(row)"
            : dialect.ascendingKeyInIndexOrder(order, mayBeMissing: true) + ", " + dialect.ascendingKeyInIndexOrder(row, mayBeMissing: false)
        let rows = "SELECT \(row) FROM \(table) WHERE \(ofGroup) ORDER BY \(orderBy) LIMIT \(count)"
        if let fromIndex, count == 1, let columns = Self.seekingEach(from.all, in: fromIndex, of: table, where: ofGroup, orderBy: orderBy, dialect: dialect) {
            let sought = dialect.quote(identifier: builder.fresh())
            let sql = "SELECT \(builder.list(from.all, qualifier: sought + ".").joined(separator: ", ")) FROM (SELECT \(columns.joined(separator: ", ")) FROM (\(keys)) AS \(group)) AS \(sought) "
                + "WHERE \(sought).\(dialect.quote(identifier: rowNumber)) IS NOT NULL"
            return builder.add(relation, sql, order: from.order.map { ($0.column, $0.descending) })
        }
        let read = dialect.quote(identifier: "f"), readRow = dialect.quote(identifier: "f") + "." + dialect.quote(identifier: rowNumber)
        let columns = builder.list(from.all, qualifier: read + ".").joined(separator: ", ")
        // CROSS JOIN keeps the keys outside: SQLite reads each key's rows by row number. The condition
        // is a WHERE, since PostgreSQL allows no ON after CROSS JOIN.
        let sql: String
        if count == 1 {
            // One row a key: a scalar seek, which SQLite runs about twice as fast as a list.
            let sought = dialect.quote(identifier: builder.fresh()), soughtRow = dialect.quote(identifier: builder.fresh())
            sql = "SELECT \(columns) FROM (SELECT (\(rows)) AS \(soughtRow) FROM (\(keys)) AS \(group)) AS \(sought) "
                + "CROSS JOIN \(from.name) AS \(read) WHERE \(readRow) = \(sought).\(soughtRow)"
        } else {
            sql = "SELECT \(columns) FROM (\(keys)) AS \(group) CROSS JOIN \(from.name) AS \(read) WHERE \(readRow) IN (\(rows))"
        }
        return builder.add(relation, sql, order: from.order.map { ($0.column, $0.descending) })
    }

    /// The keys to seek, as the column `first`: a dictionary's codes and the missing key, or the
    /// distinct values of the index's first column.
    private func keys(as first: String, _ dialect: any SQLDialect) -> String {
        // A dictionary lists the codes a table's column holds in a few pages, where the distinct codes
        // of the rows are a read of an index on every row (about a tenth of the first tweet per account,
        // 1M rows). A code no row holds, or the missing key when no row misses it, seeks no row.
        seek.keyDictionary.map { dictionary in
            "SELECT \(dialect.quote(identifier: dictionary.idColumn)) AS \(first) FROM \(dialect.quote(dictionary.table)) UNION ALL SELECT NULL"
        } ?? "SELECT DISTINCT \(dialect.quote(identifier: seek.key)) AS \(first) FROM \(dialect.quote(seek.relation))"
    }

    /// The seek as a lateral join (`GroupSeek.lateralJoin`): each key's first rows by `key = k`, which
    /// the index seeks, and the rows missing the key by `key IS NULL` in a branch of their own (a
    /// missing key among the keys matches nothing by `=`). The input's rows are then read by the
    /// list of their row numbers, made once (`= ANY (ARRAY(…))`), which PostgreSQL seeks in the
    /// table's key; joined to the sought rows, it hashed every row of the input, its ids decoded:
    /// three to five times slower (the first tweet per account, 1M rows).
    private func emitLateralJoin(_ relation: Relation, into builder: inout SQLGenerator.Builder) -> SQLGenerator.Emitted {
        let from = builder.emit(input)
        let dialect = builder.dialect
        let table = dialect.quote(seek.relation), row = dialect.quote(identifier: seek.rowNumber)
        let key = dialect.quote(identifier: seek.key), order = dialect.quote(identifier: seek.order)
        let group = dialect.quote(identifier: builder.fresh()), first = dialect.quote(identifier: builder.fresh())
        let sought = dialect.quote(identifier: builder.fresh())
        // Ascending, the keys as the index holds them (whether the value is missing, then the value),
        // which PostgreSQL reads in the index's order (`NULLS LAST` it would sort); descending, the
        // group's rows (a few dozen) are sorted.
        let orderBy = seek.descending ? dialect.orderKey(order, descending: true) + ", \(row)" : "\(IndexKey.missingSQL(order)), \(order), \(row)"
        func firstRows(where condition: String) -> String {
            "SELECT \(row) FROM \(table) WHERE \(condition) ORDER BY \(orderBy) LIMIT \(count)"
        }
        let perKey = "SELECT \(sought).\(row) FROM (\(keys(as: first, dialect))) AS \(group) "
            + "CROSS JOIN LATERAL (\(firstRows(where: "\(key) = \(group).\(first)"))) AS \(sought)"
        let missingKey = "(\(firstRows(where: "\(key) IS NULL")))"
        let read = dialect.quote(identifier: "f"), readRow = dialect.quote(identifier: "f") + "." + dialect.quote(identifier: rowNumber)
        let columns = builder.list(from.all, qualifier: read + ".").joined(separator: ", ")
        let sql = "SELECT \(columns) FROM \(from.name) AS \(read) WHERE \(readRow) = ANY (ARRAY(\(perKey) UNION ALL \(missingKey)))"
        return builder.add(relation, sql, order: from.order.map { ($0.column, $0.descending) })
    }

    /// Each of `columns` as the group's first row holds it, sought in the index by `condition` and
    /// `orderBy` (one seek a column, which reads only the index's pages: the row's own page of the
    /// table, a random one per group, is never read), named as in the input; nil when one of them
    /// is not in `fromIndex`. A group without rows has a null row number.
    private static func seekingEach(_ columns: [String], in fromIndex: [String: String], of table: String, where condition: String,
                                    orderBy: String, dialect: SQLDialect) -> [String]? {
        var sought: [String] = []
        for column in columns {
            guard let held = fromIndex[column] else { return nil }
            sought.append("(SELECT \(dialect.quote(identifier: held)) FROM \(table) WHERE \(condition) ORDER BY \(orderBy) LIMIT 1) AS \(dialect.quote(identifier: column))")
        }
        return sought
    }
}
