/// What the pushdown passes need to know of expressions: a condition as `and`-ed parts, whether a
/// part can be evaluated on each row alone, and column references renamed.
extension PlanExpression {
    /// The parts `and`-ed together in this condition, left to right (itself when it is no `and`).
    var conjuncts: [PlanExpression] {
        if case .call(.and, let operands, _) = self { return operands.flatMap(\.conjuncts) }
        return [self]
    }

    /// `parts` (at least one) `and`-ed left to right, as the checker writes `a and b and c`.
    static func conjunction(_ parts: [PlanExpression]) -> PlanExpression {
        parts.dropFirst().reduce(parts[0]) { .call(.and, [$0, $1], type: .bool) }
    }

    /// Whether it computes a row's value from that row alone: no window and no aggregate in it,
    /// so it gives the same value wherever the row is.
    var isRowWise: Bool {
        switch self {
        case .window: return false
        case .call(let operation, _, _) where operation.isAggregate: return false
        default: return children.allSatisfy(\.isRowWise)
        }
    }

    /// This expression with each column reference replaced by `replacement(name, side)`; nil
    /// when a reference has no replacement.
    func replacingColumns(_ replacement: (String, JoinSide?) -> PlanExpression?) -> PlanExpression? {
        var complete = true
        let replaced = rewritten { expression in
            guard case .column(let name, let side, _) = expression else { return expression }
            guard let new = replacement(name, side) else {
                complete = false
                return expression
            }
            return new
        }
        return complete ? replaced : nil
    }
}
