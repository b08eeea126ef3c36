extension SQLGenerator.Builder {
    /// Inner and left joins: each left row with its matching right rows, in left order then right
    /// order. Semi and anti joins: the left rows that have (or lack) a match, in left order.
    mutating func join(_ relation: Relation, kind: JoinKindPlan, _ left: Relation, _ right: Relation, on condition: PlanExpression,
                       outputs: [NamedExpression]) -> SQLGenerator.Emitted {
        let l = emit(left), r = emit(right)
        let on = render(condition)
        if kind == .semi || kind == .anti {
            let columns = list(l.all, qualifier: "l.")
            let exists = kind == .semi ? "EXISTS" : "NOT EXISTS"
            let sql = "SELECT \(columns.joined(separator: ", ")) FROM \(l.name) AS l WHERE \(exists) (SELECT 1 FROM \(r.name) AS r WHERE \(on))"
            return add(relation, sql, order: l.order.map { ($0.column, $0.descending) })
        }
        var columns = outputs.map { "\(render($0.expression)) AS \(dialect.quote(identifier: $0.name))" }
        var order: [(String, Bool)] = []
        for key in relation.rowOrderUnused ? [] : l.order {
            let kept = outputs.contains { $0.name == key.column && $0.expression.isColumn(key.column, side: .left) }
            if l.hidden.contains(key.column) {
                columns.append("l.\(dialect.quote(identifier: key.column))")
            } else if !kept {
                // A visible column of the left order that the join does not output.
                let hidden = fresh()
                columns.append("l.\(dialect.quote(identifier: key.column)) AS \(hidden)")
                order.append((hidden, key.descending))
                continue
            }
            order.append((key.column, key.descending))
        }
        for key in relation.rowOrderUnused ? [] : r.order {
            let hidden = fresh()
            columns.append("r.\(dialect.quote(identifier: key.column)) AS \(hidden)")
            order.append((hidden, key.descending))
        }
        let join = kind == .left ? "LEFT JOIN" : "JOIN"
        let sql = "SELECT \(columns.joined(separator: ", ")) FROM \(l.name) AS l \(join) \(r.name) AS r ON \(on)"
        return add(relation, sql, order: order)
    }
}
