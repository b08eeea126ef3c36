extension SQLGenerator.Builder {
    /// The input's columns and the window functions after them, in the input's order. A function
    /// that reads rows one after another orders them by its sort keys and then by the input's
    /// own order, so that rows tied on the keys come in the order the pipeline gave them.
    mutating func window(_ relation: Relation, _ input: Relation, _ outputs: [NamedExpression]) -> SQLGenerator.Emitted {
        let from = emit(input)
        guard !outputs.isEmpty else {
            // Pruned of every function: the input's rows as they are.
            return remember(relation, SQLGenerator.Emitted(name: from.name, visible: relation.columns.map(\.name), order: from.order))
        }
        var columns = list(from.all)
        for item in outputs {
            columns.append("\(windowFunction(item.expression, inputOrder: from.order, inIndexOrder: relation.readsInIndexOrder)) AS \(dialect.quote(identifier: item.name))")
        }
        return add(relation, "SELECT \(columns.joined(separator: ", ")) FROM \(from.name)", order: from.order.map { ($0.column, $0.descending) })
    }

    private mutating func windowFunction(_ expression: PlanExpression, inputOrder: [(column: String, descending: Bool)],
                                         inIndexOrder: Bool) -> String {
        guard case .window(let operation, let arguments, let partition, let order, _) = expression else { return render(expression) }
        var sql: [String] = [], parts: [String] = [], keys: [String] = []
        for argument in arguments { sql.append(render(argument)) }
        for part in partition { parts.append(render(part)) }
        let readsRows = FunctionTable.function(named: operation.rawValue)?.ordering == .rows
        if inIndexOrder {
            // `WindowInIndexOrder` checked the order: one ascending key, then the input's own order,
            // which is that key and the table's row number (never missing).
            var ordered = order.map { render($0.expression) }
            keys = ordered.map { dialect.ascendingKeyInIndexOrder($0, mayBeMissing: true) }
            for key in inputOrder where readsRows && !ordered.contains(dialect.quote(identifier: key.column)) {
                ordered.append(dialect.quote(identifier: key.column))
                keys.append(dialect.ascendingKeyInIndexOrder(dialect.quote(identifier: key.column), mayBeMissing: false))
            }
            return dialect.window(operation, sql: sql, partition: parts, order: keys.joined(separator: ", "), inIndexOrder: true)
        }
        for key in order { keys.append(dialect.orderKey(render(key.expression), descending: key.descending)) }
        if readsRows {
            for key in inputOrder {
                let sql = dialect.orderKey(dialect.quote(identifier: key.column), descending: key.descending)
                if !keys.contains(sql) { keys.append(sql) }
            }
        }
        return dialect.window(operation, sql: sql, partition: parts, order: keys.joined(separator: ", "), inIndexOrder: false)
    }
}
