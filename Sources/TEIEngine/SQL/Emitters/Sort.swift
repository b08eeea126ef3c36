extension SQLGenerator.Builder {
    /// The input's rows ordered by `keys`, ties in the input's order (a stable sort). Keys that are
    /// visible columns only change the order the next steps use; others are computed into hidden columns.
    mutating func sort(_ relation: Relation, _ input: Relation, _ keys: [PlanSortKey]) -> SQLGenerator.Emitted {
        let from = emit(input)
        if relation.rowOrderUnused {
            return remember(relation, SQLGenerator.Emitted(name: from.name, visible: relation.columns.map(\.name), order: []))
        }
        var columns = list(from.all)
        var order: [(String, Bool)] = []
        for key in keys {
            if case .column(let name, nil, _) = key.expression, from.visible.contains(name) {
                order.append((name, key.descending))
            } else {
                let hidden = fresh()
                columns.append("\(render(key.expression)) AS \(hidden)")
                order.append((hidden, key.descending))
            }
        }
        order += from.order.map { ($0.column, $0.descending) }
        guard columns.count > from.all.count else {
            // Every key is a visible column: the rows are as before, only their order changes.
            return remember(relation, SQLGenerator.Emitted(name: from.name, visible: relation.columns.map(\.name),
                                                           order: order.map { (column: $0.0, descending: $0.1) }))
        }
        return add(relation, "SELECT \(columns.joined(separator: ", ")) FROM \(from.name)", order: order)
    }
}
