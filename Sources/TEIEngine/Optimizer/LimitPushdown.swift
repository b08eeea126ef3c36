/// `take` moves below a projection that computes no window (`take(project(x))` becomes
/// `project(take(x))`: a projection keeps its input's rows and order, so the same rows come out,
/// and only those are computed), and two adjacent `take`s become one. Nothing else: every other
/// step changes which rows are the first ones.
struct LimitPushdown: OptimizerPass {
    func rewrite(_ plan: Relation) -> Relation {
        plan.rewritten { relation, shared in
            guard case .limit(let input, let offset, let count) = relation.node else { return relation }
            let result = Self.limited(input, offset: offset, count: count, shared: shared)
            if relation.label != nil { result.label = relation.label }
            return result
        }
    }

    /// Rows `offset`+1 through `offset`+`count` of `input`, the take moved as far down as it goes.
    private static func limited(_ input: Relation, offset: Int, count: Int, shared: Set<ObjectIdentifier>) -> Relation {
        // The SQL stage writes no take of the one row a pipeline without a table computes on.
        if !shared.contains(ObjectIdentifier(input)), !input.node.inputs.contains(where: \.isSingleRow) {
            switch input.node {
            case .project(let next, let outputs) where outputs.allSatisfy(\.expression.isRowWise):
                return input.replacing(.project(limited(next, offset: offset, count: count, shared: shared), outputs))
            case .limit(let next, let firstOffset, let firstCount):
                // Rows offset+1…offset+count of rows firstOffset+1…firstOffset+firstCount.
                let (start, overflow) = firstOffset.addingReportingOverflow(offset)
                guard !overflow else { break }
                return limited(next, offset: start, count: max(0, min(count, firstCount - offset)), shared: shared)
            default:
                break
            }
        }
        return Relation(node: .limit(input, offset: offset, count: count), columns: input.columns, sources: input.sources)
    }
}
