import TEIStorage

/// A join that bounds a right time column on both sides around a left time (`at` between `x - w1`
/// and `x + w2`, as `TimeWindowRanges` writes a window), when no index seeks the range, becomes
/// three joins on time slots: time is cut into slots `w` + 1s wide (`w` the larger bound), so two
/// times at most `w` apart are in one slot or in two neighbouring ones, and each matching pair is
/// found by exactly one of the joins, whose condition adds `slot(at) == slot(x)` + (0, one slot,
/// minus one slot). SQLite's automatic index on a copied side serves equalities only: on the
/// equalities of the join alone it compares every two rows with equal keys however far apart in
/// time (10 URLs posted 24,000 times each in a benchmark's release: 5.8 billion pairs), while the
/// slot is one more key of the index, and a key's rows are compared only within neighbouring slots.
///
/// Only for a join whose row order nothing reads (the input of a `group`), since the three joins'
/// rows come one join after the other. The slots are `bin` of the times, which the left side
/// computes for its three slots and the right side once, each in a projection of its own.
struct TimeWindowSlots: PhysicalPass {
    func rewrite(_ plan: Relation, tables: TableBindings) -> Relation {
        plan.rewritten { relation in
            guard case .join(.inner, let left, let right, let condition, let outputs) = relation.node, relation.rowOrderUnused,
                  !right.readsInPlace, let window = Window(condition) else { return relation }
            let names = (0..<3).map { LoadedTable.reservedPrefix + "slot\($0)" }, rightName = LoadedTable.reservedPrefix + "slot"
            guard !left.columns.contains(where: { names.contains($0.name) }), right.column(named: rightName) == nil else { return relation }
            let width = PlanExpression.literal(.duration(window.width), type: .duration)
            let slot = PlanExpression.call(.bin, [window.left.unsided, width], type: .timestamp)
            let leftSlots = [slot, .call(.add, [slot, width], type: .timestamp), .call(.subtract, [slot, width], type: .timestamp)]
            let slotted = Self.adding(zip(names, leftSlots).map { NamedExpression(name: $0, expression: $1) }, to: left)
            let rightSlot = PlanExpression.call(.bin, [.column(window.right, side: nil, type: .timestamp), width], type: .timestamp)
            let slottedRight = Self.adding([NamedExpression(name: rightName, expression: rightSlot)], to: right)
            let joins = names.map { name -> Relation in
                let sameSlot = PlanExpression.call(.equal, [.column(name, side: .left, type: .timestamp),
                                                            .column(rightName, side: .right, type: .timestamp)], type: .bool)
                return relation.replacing(.join(kind: .inner, left: slotted, right: slottedRight,
                                                condition: .conjunction([condition, sameSlot]), outputs: outputs))
            }
            return joins.dropFirst().reduce(joins[0]) { first, second in
                relation.replacing(.append(first, second))
            }
        }
    }

    /// `relation` with `outputs` computed beside its columns, unordered as it is.
    private static func adding(_ outputs: [NamedExpression], to relation: Relation) -> Relation {
        let kept = relation.columns.map { NamedExpression(name: $0.name, expression: .column($0.name, side: nil, type: $0.type)) }
        let project = Relation(node: .project(relation, kept + outputs),
                               columns: relation.columns + outputs.map { Column($0.name, $0.expression.type) }, sources: relation.sources)
        project.rowOrderUnused = relation.rowOrderUnused
        return project
    }

    /// The window of a join's condition: a right time column bounded below by a left time minus a
    /// duration and above by the same time plus one.
    private struct Window {
        var left: PlanExpression
        var right: String
        /// The slots' width in seconds: one more than the larger bound.
        var width: Int64

        init?(_ condition: PlanExpression) {
            var lower: [(String, PlanExpression, Int64)] = [], upper: [(String, PlanExpression, Int64)] = []
            for part in condition.conjuncts {
                guard case .call(let comparison, let sides, _) = part, sides.count == 2, case .column(let name, .right?, .timestamp) = sides[0],
                      case .call(let bound, let terms, _) = sides[1], terms.count == 2, case .duration(let seconds)? = terms[1].literalValue,
                      seconds >= 0, !terms[0].readsRight, terms[0].type == .timestamp else { continue }
                if bound == .boundSubtract, comparison == .greaterOrEqual || comparison == .greater { lower.append((name, terms[0], seconds)) }
                if bound == .boundAdd, comparison == .lessOrEqual || comparison == .less { upper.append((name, terms[0], seconds)) }
            }
            for (name, time, below) in lower {
                guard let (_, _, above) = upper.first(where: { $0.0 == name && $0.1 == time }), max(below, above) < Int64.max else { continue }
                (left, right, width) = (time, name, max(below, above) + 1)
                return
            }
            return nil
        }
    }
}

private extension PlanExpression {
    /// Whether it reads a column of a join's right side.
    var readsRight: Bool {
        if case .column(_, .right?, _) = self { return true }
        return children.contains { $0.readsRight }
    }

    /// The same expression over the left side's own columns, as a step over that side reads them.
    var unsided: PlanExpression {
        rewritten { expression in
            if case .column(let name, _, let type) = expression { return .column(name, side: nil, type: type) }
            return expression
        }
    }
}
