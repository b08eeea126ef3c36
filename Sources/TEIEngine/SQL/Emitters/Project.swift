extension SQLGenerator.Builder {
    /// New columns computed from the input's, keeping every column the input's order depends on,
    /// under a hidden name when the projection drops or replaces it.
    mutating func project(_ relation: Relation, _ input: Relation, _ outputs: [NamedExpression]) -> SQLGenerator.Emitted {
        let from = emit(input)
        var columns: [String] = []
        for item in outputs { columns.append(output(item.expression, as: item.name)) }
        var order: [(String, Bool)] = []
        for key in relation.rowOrderUnused ? [] : from.order {
            let kept = outputs.contains { item in
                guard item.name == key.column, case .column(let name, nil, _) = item.expression else { return false }
                return name == key.column
            }
            if kept {
                order.append((key.column, key.descending))
            } else if from.hidden.contains(key.column) {
                columns.append(dialect.quote(identifier: key.column))
                order.append((key.column, key.descending))
            } else {
                let hidden = fresh()
                columns.append("\(dialect.quote(identifier: key.column)) AS \(hidden)")
                order.append((hidden, key.descending))
            }
        }
        var source = " FROM \(from.name)"
        if case .singleRow = input.node { source = "" }
        return add(relation, "SELECT \(columns.joined(separator: ", "))\(source)", order: order)
    }
}
