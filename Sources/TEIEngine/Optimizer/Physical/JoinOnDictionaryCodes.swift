import TEIStorage

/// A join condition `left.x == right.y` where both columns are loaded values of the same
/// dictionary compares their codes: in an exact dictionary two values are equal exactly when their
/// codes are, and an empty value has neither. The codes are integers an index on the code column
/// serves (see `TEIFormat.tweetIndexes`), so both sides are read in place rather than copied into
/// a temporary table: a table joined with itself on codes is then a join of its rows through the
/// index, which returns the inner side in row order, so the first joined row comes at once.
struct JoinOnDictionaryCodes: PhysicalPass {
    func rewrite(_ plan: Relation, tables: TableBindings) -> Relation {
        var stored = StoredColumns()
        return plan.rewritten { relation in
            guard case .join(let kind, var left, var right, let condition, let outputs) = relation.node else { return relation }
            var changed = false
            func coded(_ condition: PlanExpression) -> PlanExpression {
                switch condition {
                case .call(.and, let parts, let type):
                    return .call(.and, parts.map(coded), type: type)
                case .call(.equal, let sides, let type) where sides.count == 2:
                    guard let (l, r) = Self.leftAndRight(sides),
                          let a = StoredColumns.origin(of: l, in: left, along: .valuesKept, tables: tables),
                          let b = StoredColumns.origin(of: r, in: right, along: .valuesKept, tables: tables),
                          case .dictionary(let x) = a.column.encoding, case .dictionary(let y) = b.column.encoding,
                          x.table == y.table else { return condition }
                    let leftCode: String, rightCode: String
                    (left, leftCode) = stored.carrying(Column(x.codeColumn, .int), tracing: l, into: left)
                    (right, rightCode) = stored.carrying(Column(y.codeColumn, .int), tracing: r, into: right)
                    changed = true
                    return .call(.equal, [.column(leftCode, .int, side: .left), .column(rightCode, .int, side: .right)], type: type)
                default:
                    return condition
                }
            }
            let onCodes = coded(condition)
            guard changed else { return relation }
            left.markReadInPlace()
            right.markReadInPlace()
            return relation.replacing(.join(kind: kind, left: left, right: right, condition: onCodes, outputs: outputs))
        }
    }

    /// The left and the right column an equality compares, in that order.
    static func leftAndRight(_ sides: [PlanExpression]) -> (String, String)? {
        switch (sides[0], sides[1]) {
        case (.column(let l, .left?, _), .column(let r, .right?, _)), (.column(let r, .right?, _), .column(let l, .left?, _)): return (l, r)
        default: return nil
        }
    }

}
