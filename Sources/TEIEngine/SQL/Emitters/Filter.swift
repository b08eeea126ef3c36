extension SQLGenerator.Builder {
    /// The input's rows for which `condition` holds, in the input's order.
    mutating func filter(_ relation: Relation, _ input: Relation, _ condition: PlanExpression) -> SQLGenerator.Emitted {
        let from = emit(input)
        let sql = "SELECT \(list(from.all).joined(separator: ", ")) FROM \(from.name) WHERE \(render(condition))"
        return add(relation, sql, order: from.order.map { ($0.column, $0.descending) })
    }
}
