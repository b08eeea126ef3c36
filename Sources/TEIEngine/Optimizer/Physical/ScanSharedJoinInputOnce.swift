import TEIStorage

/// The filtered rows of a table that both sides of an unordered inner join read (`co_item_pairs`
/// joins its items with themselves), when neither side is read in place, are computed in one
/// pass over the table: the steps under the shared relation are read in place, so that SQLite
/// flattens them into it, and its filters' columns are read unsought (`Operation.unsought`).
///
/// SQLite computes the shared relation once into a temporary table, since the statement reads it
/// twice; but it then also counts each step under it as read twice, and copies the whole table,
/// every account decoded, into a temporary table of its own before filtering (co-reply: 1,000,000
/// tweets copied to keep 47,891 replies). Read in place, the filters run as the table is read and
/// a dictionary column is decoded only for the rows they keep. Unsought, because SQLite estimates,
/// without statistics, that an index's equality (`is_retweet == false` on the index on
/// (is_retweet, …)) keeps a handful of rows, and then joins the two copies without an automatic
/// index, every row with every row (minutes at a million tweets); read in full, the table is one
/// scan, which a filter of most of its rows needs anyway, and the join keeps its automatic index.
struct ScanSharedJoinInputOnce: PhysicalPass {
    func rewrite(_ plan: Relation, tables: TableBindings) -> Relation {
        plan.rewritten { relation in
            guard case .join(.inner, let left, let right, let condition, let outputs) = relation.node, relation.rowOrderUnused,
                  !left.readsInPlace, !right.readsInPlace else { return relation }
            let rightSteps = Self.steps(from: right)
            guard let shared = Self.steps(from: left).first(where: { step in rightSteps.contains { $0 === step } }),
                  let scanned = Self.filteredInOneScan(shared) else { return relation }
            return relation.replacing(.join(kind: .inner, left: Self.reading(scanned, for: shared, in: left),
                                            right: Self.reading(scanned, for: shared, in: right), condition: condition, outputs: outputs))
        }
    }

    /// `relation` and the projections and filters under it, the top one first.
    private static func steps(from relation: Relation) -> [Relation] {
        var steps = [relation]
        while true {
            switch steps[steps.count - 1].node {
            case .project(let input, _), .filter(let input, _): steps.append(input)
            default: return steps
            }
        }
    }

    /// A copy of `shared`, projections and filters down to a scan with at least one filter, whose
    /// steps under it are read in place and whose filters read their columns unsought; in no order,
    /// since only the join reads it.
    private static func filteredInOneScan(_ shared: Relation) -> Relation? {
        let steps = steps(from: shared)
        guard case .scan = steps[steps.count - 1].node, steps.contains(where: { if case .filter = $0.node { true } else { false } }) else {
            return nil
        }
        var read: Relation?
        for step in steps.reversed() {
            var node = read.map { step.node.replacingInputs([$0]) } ?? step.node
            if case .filter(let input, let condition) = node { node = .filter(input, condition.readingColumnsUnsought) }
            let copy = step.replacing(node)
            copy.readsInPlace = step !== shared
            copy.rowOrderUnused = true
            read = copy
        }
        return read
    }

    /// `side` reading `scanned` where it read `shared`, through the projections and filters above it,
    /// in no order.
    private static func reading(_ scanned: Relation, for shared: Relation, in side: Relation) -> Relation {
        guard side !== shared else { return scanned }
        let input = reading(scanned, for: shared, in: side.node.inputs[0])
        let copy = side.replacing(side.node.replacingInputs([input]))
        copy.rowOrderUnused = true
        return copy
    }
}

private extension PlanExpression {
    /// The same condition with each column it reads unsought.
    var readingColumnsUnsought: PlanExpression {
        rewritten { expression in
            guard case .column(_, _, let type) = expression else { return expression }
            return .call(.unsought, [expression], type: type)
        }
    }
}
