import TEIStorage

extension SQLGenerator.Builder {
    /// The first row of each distinct value of the input's columns, in the order the first ones came.
    mutating func distinct(_ relation: Relation, _ input: Relation) -> SQLGenerator.Emitted {
        let from = emit(input)
        let columns = list(from.visible).joined(separator: ", ")
        let rank = fresh()
        let window = from.order.isEmpty ? columns : orderClause(from.order)
        let firstRank = LoadedTable.reservedPrefix + "rank"
        let sql = "SELECT \(columns), MIN(\(firstRank)) AS \(rank) FROM "
            + "(SELECT \(columns), row_number() OVER (ORDER BY \(window)) AS \(firstRank) FROM \(from.name)) "
            + "GROUP BY \(columns)"
        return add(relation, sql, order: [(rank, false)])
    }
}
