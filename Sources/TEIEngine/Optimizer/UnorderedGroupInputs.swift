/// The rows under a `group` need no order: an aggregate's rows come out in the order of its keys,
/// and every aggregate gives the same value whatever order its rows come in (`collect` sorts).
/// So the steps computing a group's input, down to a step whose rows depend on their order (a
/// take, a window, an operator), are marked `rowOrderUnused` and carry no order in SQL: an
/// `append` then needs no `row_number()` over a sort of each side, and a `sort` is no work. A step
/// that several steps read keeps its order, since another reader may need it.
struct UnorderedGroupInputs: OptimizerPass {
    func rewrite(_ plan: Relation) -> Relation {
        plan.rewritten { relation, shared in
            guard case .aggregate(let input, let keys, let aggregates) = relation.node else { return relation }
            let unordered = Self.unordered(input, unless: shared)
            return unordered === input ? relation : relation.replacing(.aggregate(unordered, keys: keys, aggregates: aggregates))
        }
    }

    /// A copy of `relation`, and of the steps below it whose order only it reads, marked unordered
    /// (copies, since a `let` is one relation that a later statement may read in order).
    private static func unordered(_ relation: Relation, unless shared: Set<ObjectIdentifier>) -> Relation {
        guard !shared.contains(ObjectIdentifier(relation)), !relation.rowOrderUnused else { return relation }
        switch relation.node {
        case .scan, .project, .filter, .sort, .join, .append, .explode, .explodeItems:
            let inputs = relation.node.inputs.map { unordered($0, unless: shared) }
            let copy = relation.replacing(relation.node.replacingInputs(inputs))
            copy.rowOrderUnused = true
            return copy
        case .singleRow, .limit, .aggregate, .window, .operator:
            return relation
        }
    }
}
