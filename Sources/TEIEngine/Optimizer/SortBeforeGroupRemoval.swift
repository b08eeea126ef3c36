/// A sort right under a `group` with aggregates is dropped. The group gives one row per key in the
/// order of its keys, and every aggregate gives the same value whatever order its rows come in
/// (`collect` and `join_text` sort their values): the sort changes nothing but the columns the
/// steps below it carry. `group k (sort t | derive …) | group k (…)` (the gap between an account's
/// consecutive tweets, then a statistic of the gaps per account) sorts the first group's rows by
/// its key, and keeping that sort made every row carry the key up to the second group, which
/// groups by the key's dictionary code: a decoded account id per tweet that nothing read.
struct SortBeforeGroupRemoval: OptimizerPass {
    func rewrite(_ plan: Relation) -> Relation {
        plan.rewritten { relation in
            guard case .aggregate(var input, let keys, let aggregates) = relation.node, case .sort = input.node else { return relation }
            while case .sort(let unsorted, _) = input.node { input = unsorted }
            return relation.replacing(.aggregate(input, keys: keys, aggregates: aggregates))
        }
    }
}
