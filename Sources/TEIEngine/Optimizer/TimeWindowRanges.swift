import TEIStorage

/// A join condition that bounds the difference of a right column and a left value by a constant,
/// `x - y <= w` (or `<`, `>=`, `>`, either way round), becomes a range on the right column: `y >=
/// x - w` when `y` is the right column, `x <= y + w` when `x` is. An index on the right column
/// (after the columns the join binds by equality) can then seek the range once per left row
/// instead of computing the difference for every pair: `tweet_time - at <= 1d and at - tweet_time
/// <= 1d` is `at` between `tweet_time - 1d` and `tweet_time + 1d`.
///
/// The bound is computed by `Operation.boundAdd`/`boundSubtract`, not tei's overflow-checked
/// arithmetic: exact when it fits in 64 bits, and past them a value beyond every whole number,
/// which every stored value compares with correctly. So the range holds exactly the rows whose
/// difference is within `w`, and never stops with an error; the one change is that a difference
/// that itself exceeds 64 bits (times some 292 billion years apart) is compared rather than
/// stopping the query with "integer overflow".
struct TimeWindowRanges: OptimizerPass {
    func rewrite(_ plan: Relation) -> Relation {
        plan.rewritten { relation in
            guard case .join(let kind, let left, let right, let condition, let outputs) = relation.node else { return relation }
            let ranged = PlanExpression.conjunction(condition.conjuncts.map(Self.range))
            return ranged == condition ? relation
                : relation.replacing(.join(kind: kind, left: left, right: right, condition: ranged, outputs: outputs))
        }
    }

    /// `part` as a range on a right column, or itself when it is no bounded difference.
    static func range(_ part: PlanExpression) -> PlanExpression {
        guard case .call(let comparison, let sides, let type) = part, sides.count == 2 else { return part }
        // `w >= x - y` is `x - y <= w`.
        let (difference, bound, operation): (PlanExpression, PlanExpression, Operation)
        if let mirrored = mirror[comparison], sides[0].literalValue != nil {
            (difference, bound, operation) = (sides[1], sides[0], mirrored)
        } else {
            (difference, bound, operation) = (sides[0], sides[1], comparison)
        }
        guard mirror[operation] != nil, case .call(.subtract, let terms, _) = difference, terms.count == 2,
              case .duration? = bound.literalValue, terms.allSatisfy({ $0.type == .timestamp }) else { return part }
        let (x, y) = (terms[0], terms[1])
        if y.isRightColumn && !x.readsRight {
            // x - y op w  ⇔  y mirror(op) x - w
            return .call(mirror[operation]!, [y, .call(.boundSubtract, [x, bound], type: y.type)], type: type)
        }
        if x.isRightColumn && !y.readsRight {
            // x - y op w  ⇔  x op y + w
            return .call(operation, [x, .call(.boundAdd, [y, bound], type: x.type)], type: type)
        }
        return part
    }

    /// The comparison with its sides swapped, for the comparisons a range is made of.
    private static let mirror: [Operation: Operation] = [
        .lessOrEqual: .greaterOrEqual, .less: .greater, .greaterOrEqual: .lessOrEqual, .greater: .less,
    ]
}

private extension PlanExpression {
    var isRightColumn: Bool {
        if case .column(_, .right?, _) = self { return true }
        return false
    }

    /// Whether it reads a column of a join's right side.
    var readsRight: Bool {
        if case .column(_, .right?, _) = self { return true }
        return children.contains { $0.readsRight }
    }
}
