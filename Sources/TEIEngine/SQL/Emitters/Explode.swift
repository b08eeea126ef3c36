import TEIStorage

extension SQLGenerator.Builder {
    /// One row per element of a list expression, which the dialect reads (SQLite: `json_each`).
    mutating func explode(_ relation: Relation, _ input: Relation, list: PlanExpression, name: String) -> SQLGenerator.Emitted {
        let from = emit(input)
        let elements = dialect.listElements(render(list, qualifier: "i."), alias: "j")
        return exploded(relation, from, name: name, value: elements.value, position: elements.position, source: elements.source)
    }

    /// One row per item of a loaded list column, read from the table's items table by the loaded
    /// row number the input carries in column `row`.
    mutating func explodeItems(_ relation: Relation, _ input: Relation, items: ItemsLayout, row: String, name: String) -> SQLGenerator.Emitted {
        let from = emit(input)
        let source = "\(dialect.quote(items.table)) AS j WHERE j.\(dialect.quote(identifier: items.rowColumn)) = i.\(dialect.quote(identifier: row))"
        return exploded(relation, from, name: name, value: "j." + dialect.quote(identifier: items.valueColumn),
                        position: "j." + dialect.quote(identifier: items.positionColumn), source: source)
    }

    /// The rows of `from` (as `i`) joined with their elements (`source`, as `j`), the element's
    /// `value` in column `name`, in the input's order then the elements' `position`.
    private mutating func exploded(_ relation: Relation, _ from: SQLGenerator.Emitted, name: String, value: String, position: String,
                                   source: String) -> SQLGenerator.Emitted {
        let kept = from.visible.filter { $0 != name }
        var columns = list(kept, qualifier: "i.") + ["\(value) AS \(dialect.quote(identifier: name))"]
        if relation.rowOrderUnused {
            return add(relation, "SELECT \(columns.joined(separator: ", ")) FROM \(from.name) AS i, \(source)", order: [])
        }
        let positionColumn = fresh()
        columns += list(from.hidden, qualifier: "i.")
        var order = from.order.map { ($0.column, $0.descending) }
        if from.visible.contains(name), order.contains(where: { $0.0 == name }) {
            // The exploded name replaces a column the order uses: keep the old values hidden.
            let hidden = fresh()
            columns.append("i.\(dialect.quote(identifier: name)) AS \(hidden)")
            order = order.map { $0.0 == name ? (hidden, $0.1) : $0 }
        }
        columns.append("\(position) AS \(positionColumn)")
        order.append((positionColumn, false))
        return add(relation, "SELECT \(columns.joined(separator: ", ")) FROM \(from.name) AS i, \(source)", order: order)
    }
}
