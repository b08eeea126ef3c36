extension SQLGenerator.Builder {
    /// `take`: rows `offset`+1 to `offset`+`count` in the input's order.
    mutating func limit(_ relation: Relation, _ input: Relation, offset: Int, count: Int) -> SQLGenerator.Emitted {
        let from = emit(input)
        var sql = "SELECT \(list(from.all).joined(separator: ", ")) FROM \(from.name)"
        if !from.order.isEmpty { sql += " ORDER BY \(orderClause(from.order))" }
        sql += " LIMIT \(count)"
        if offset > 0 { sql += " OFFSET \(offset)" }
        return add(relation, sql, order: from.order.map { ($0.column, $0.descending) })
    }
}
