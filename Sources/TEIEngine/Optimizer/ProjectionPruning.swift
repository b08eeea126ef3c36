/// Every step carries only the columns that something after it reads: a loaded table is read for
/// those columns alone, and projections, groups and joins compute no output that nobody reads.
/// The result keeps all its columns; a step whose rows matter but none of whose columns do (under
/// `count`, say) keeps one, so that it still has rows to give.
///
/// First the columns each relation must give are gathered, from the result down (a relation
/// that several steps read gives what any of them needs); then the plan is rebuilt from the
/// loaded tables up, each step keeping what was asked of it.
struct ProjectionPruning: OptimizerPass {
    func rewrite(_ plan: Relation) -> Relation {
        var needed: [ObjectIdentifier: Set<String>] = [ObjectIdentifier(plan): Set(plan.columns.map(\.name))]
        var pruned: [ObjectIdentifier: Pruned] = [:]
        for relation in Self.resultFirst(plan) {
            let step = Pruned(relation, needing: needed[ObjectIdentifier(relation)] ?? [])
            pruned[ObjectIdentifier(relation)] = step
            for (input, columns) in zip(relation.node.inputs, step.inputNeeds) {
                needed[ObjectIdentifier(input), default: []].formUnion(columns)
            }
        }
        var rebuilt: [ObjectIdentifier: Relation] = [:]
        func rebuild(_ relation: Relation) -> Relation {
            if let done = rebuilt[ObjectIdentifier(relation)] { return done }
            let step = pruned[ObjectIdentifier(relation)]!
            let inputs = relation.node.inputs.map(rebuild)
            let node = step.node(inputs)
            let names = step.outputNames(inputs)
            let result = relation.replacing(node, columns: relation.columns.filter { names.contains($0.name) })
            rebuilt[ObjectIdentifier(relation)] = result
            return result
        }
        return rebuild(plan)
    }

    /// Every relation of the plan once, each before the relations it reads.
    private static func resultFirst(_ plan: Relation) -> [Relation] {
        var postOrder: [Relation] = []
        var seen: Set<ObjectIdentifier> = []
        var stack: [(relation: Relation, inputsDone: Bool)] = [(plan, false)]
        while let (next, inputsDone) = stack.popLast() {
            if inputsDone {
                postOrder.append(next)
                continue
            }
            guard seen.insert(ObjectIdentifier(next)).inserted else { continue }
            stack.append((next, true))
            stack += next.node.inputs.map { ($0, false) }
        }
        return postOrder.reversed()
    }

    /// What one step keeps when its readers need the columns `needed`: the columns it asks of
    /// each input, and how to rebuild it over the pruned inputs.
    private struct Pruned {
        var inputNeeds: [Set<String>] = []
        /// The step over the rebuilt inputs.
        var node: ([Relation]) -> PlanNode
        /// The names of its output columns, given the rebuilt inputs.
        var outputNames: ([Relation]) -> Set<String>

        init(_ relation: Relation, needing needed: Set<String>) {
            let names = relation.columns.map(\.name)
            let fromInput: ([Relation]) -> Set<String> = { Set($0[0].columns.map(\.name)) }
            let unchanged = relation.node
            node = unchanged.replacingInputs
            outputNames = { _ in Set(names) }
            switch unchanged {
            case .scan, .singleRow:
                // A table read for no column still gives its rows.
                let kept = Self.kept(names, needed)
                outputNames = { _ in kept }
            case .filter(_, let condition):
                inputNeeds = [needed.union(Self.reads(condition))]
                outputNames = fromInput
            case .sort(_, let keys):
                inputNeeds = [needed.union(keys.flatMap { Self.reads($0.expression) })]
                outputNames = fromInput
            case .limit:
                inputNeeds = [needed]
                outputNames = fromInput
            case .project(_, let outputs):
                let kept = Self.kept(outputs, needed)
                inputNeeds = [Set(kept.flatMap { Self.reads($0.expression) })]
                node = { .project($0[0], kept) }
                outputNames = { _ in Set(kept.map(\.name)) }
            case .aggregate(_, let keys, let aggregates):
                // Keys always stay: they say which groups there are. With no key, one aggregate
                // stays, so that the one row has a column.
                let kept = keys.isEmpty ? Self.kept(aggregates, needed) : aggregates.filter { needed.contains($0.name) }
                inputNeeds = [Set((keys + kept).flatMap { Self.reads($0.expression) })]
                node = { .aggregate($0[0], keys: keys, aggregates: kept) }
                outputNames = { _ in Set((keys + kept).map(\.name)) }
            case .join(let kind, _, _, let condition, let outputs) where kind == .semi || kind == .anti:
                // Its rows are the left input's, columns and all.
                inputNeeds = [needed.union(Self.reads(condition, side: .left)), Self.reads(condition, side: .right)]
                node = { inputs in
                    let left = Set(inputs[0].columns.map(\.name))
                    return .join(kind: kind, left: inputs[0], right: inputs[1], condition: condition,
                                 outputs: outputs.filter { left.contains($0.name) })
                }
                outputNames = fromInput
            case .join(let kind, _, _, let condition, let outputs):
                let kept = Self.kept(outputs, needed)
                let reads = kept.map(\.expression) + [condition]
                inputNeeds = [JoinSide.left, .right].map { side in Set(reads.flatMap { Self.reads($0, side: side) }) }
                node = { .join(kind: kind, left: $0[0], right: $0[1], condition: condition, outputs: kept) }
                outputNames = { _ in Set(kept.map(\.name)) }
            case .explode(_, let list, let name):
                var fromBelow = needed
                fromBelow.remove(name)
                inputNeeds = [fromBelow.union(Self.reads(list))]
                outputNames = { inputs in fromInput(inputs).union([name]) }
            case .explodeItems(_, _, let row, let name):
                var fromBelow = needed
                fromBelow.remove(name)
                inputNeeds = [fromBelow.union([row])]
                outputNames = { inputs in fromInput(inputs).union([name]) }
            case .window(_, let outputs):
                // The window functions nobody reads are not computed; the input's columns pass.
                let kept = outputs.filter { needed.contains($0.name) }
                let computed = Set(outputs.map(\.name))
                inputNeeds = [needed.subtracting(computed).union(kept.flatMap { Self.reads($0.expression) })]
                node = { .window($0[0], kept) }
                outputNames = { inputs in fromInput(inputs).union(kept.map(\.name)) }
            case .append:
                // Both sides give the same columns; under `count` one is enough.
                let kept = Self.kept(names, needed)
                inputNeeds = [kept, kept]
                outputNames = { _ in kept }
            case .operator(let planOperator):
                let pruning = planOperator.pruning(needing: needed)
                inputNeeds = pruning.inputNeeds
                if let names = pruning.outputNames { outputNames = names }
            }
        }

        /// The outputs something reads, or the first one when nothing does (the step's rows
        /// still count).
        private static func kept(_ outputs: [NamedExpression], _ needed: Set<String>) -> [NamedExpression] {
            let kept = outputs.filter { needed.contains($0.name) }
            return kept.isEmpty ? Array(outputs.prefix(1)) : kept
        }

        /// The column names something reads, or the first one when nothing does.
        private static func kept(_ names: [String], _ needed: Set<String>) -> Set<String> {
            let kept = names.filter(needed.contains)
            return Set(kept.isEmpty ? Array(names.prefix(1)) : kept)
        }

        /// The columns of the input (or of the join's `side`) that `expression` reads.
        private static func reads(_ expression: PlanExpression, side: JoinSide? = nil) -> Set<String> {
            Set(expression.columnsRead.filter { $0.side == side }.map(\.name))
        }
    }
}
