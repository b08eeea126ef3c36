import TEIStorage

/// A join condition's strict comparison (`<`, `>`, `!=`) of a left and a right column that are
/// loaded values of the same exact dictionary first compares their codes: equal codes are equal
/// values, for which the comparison is false, and comparing two integers saves decoding both
/// values. A table joined with itself matches each row with itself (and an account's rows with
/// one another), so in `account < partner` most candidate pairs stop at the codes.
struct UnequalCodesFirst: PhysicalPass {
    func rewrite(_ plan: Relation, tables: TableBindings) -> Relation {
        var stored = StoredColumns()
        return plan.rewritten { relation in
            guard case .join(let kind, var left, var right, let condition, let outputs) = relation.node else { return relation }
            var changed = false
            let parts = condition.conjuncts.map { part -> PlanExpression in
                guard case .call(let operation, let sides, _) = part, [.less, .greater, .notEqual].contains(operation),
                      sides.count == 2, let (l, r) = JoinOnDictionaryCodes.leftAndRight(sides),
                      let a = StoredColumns.origin(of: l, in: left, along: .valuesKept, tables: tables),
                      let b = StoredColumns.origin(of: r, in: right, along: .valuesKept, tables: tables),
                      case .dictionary(let x) = a.column.encoding, case .dictionary(let y) = b.column.encoding,
                      x.table == y.table else { return part }
                let leftCode: String, rightCode: String
                (left, leftCode) = stored.carrying(Column(x.codeColumn, .int), tracing: l, into: left)
                (right, rightCode) = stored.carrying(Column(y.codeColumn, .int), tracing: r, into: right)
                changed = true
                let codesDiffer = PlanExpression.call(.notEqual, [.column(leftCode, .int, side: .left), .column(rightCode, .int, side: .right)],
                                                      type: .bool)
                return .call(.and, [codesDiffer, part], type: .bool)
            }
            guard changed else { return relation }
            return relation.replacing(.join(kind: kind, left: left, right: right, condition: .conjunction(parts), outputs: outputs))
        }
    }
}
