extension SQLGenerator.Builder {
    /// The first relation's rows in their order, then the second's.
    mutating func append(_ relation: Relation, _ first: Relation, _ second: Relation) -> SQLGenerator.Emitted {
        let a = emit(first), b = emit(second)
        let part = fresh(), rank = fresh()
        let columns = list(relation.columns.map(\.name)).joined(separator: ", ")
        if relation.rowOrderUnused {
            return add(relation, "SELECT \(columns) FROM \(a.name) UNION ALL SELECT \(columns) FROM \(b.name)", order: [])
        }
        func side(_ e: SQLGenerator.Emitted, _ index: Int) -> String {
            let window = e.order.isEmpty ? "" : "ORDER BY \(orderClause(e.order))"
            return "SELECT \(columns), \(index) AS \(part), row_number() OVER (\(window)) AS \(rank) FROM \(e.name)"
        }
        return add(relation, side(a, 0) + " UNION ALL " + side(b, 1), order: [(part, false), (rank, false)])
    }
}
