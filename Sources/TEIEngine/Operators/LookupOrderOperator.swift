/// A join's left side read in the order of the text the join looks up in a dictionary's index on
/// its values (`JoinOnDictionaryCodes`), where nothing reads the join's row order: consecutive
/// lookups then walk the index's pages in order, each page read once and still in the cache for
/// the next, instead of 225,000 random descents into a 17 MB index that the attached cache's page
/// cache cannot hold (the users of a 9,000,000-tweet release against the tweets' account ids:
/// 0.31–0.40 s of CPU at random, 0.09 s in order plus 0.15 s to sort; Benchmarks/README.md).
///
/// The sort is physical: it changes no row and no order a later step reads (the join's rows are
/// unordered), so the rows it gives downstream carry no order.
struct LookupOrderOperator: PlanOperator {
    let input: Relation
    /// The text column the join looks up.
    let column: String

    var inputs: [Relation] { [input] }

    func replacingInputs(_ inputs: [Relation]) -> any PlanOperator { LookupOrderOperator(input: inputs[0], column: column) }

    var planText: String { "in lookup order of \(column)" }

    /// It keeps every row as it is, and sorts by `column`, which it reads whatever is read of it.
    func pruning(needing needed: Set<String>) -> OperatorPruning {
        OperatorPruning(inputNeeds: [needed.union([column])], outputNames: { Set($0[0].columns.map(\.name)) })
    }

    /// Where the nulls go makes no difference to the lookups, so the key is the column alone. SQLite
    /// 3.41 and later drop the ORDER BY of a joined subquery that has no LIMIT (no result depends on
    /// it); a LIMIT would keep it but sort into a temporary B-tree instead of the sorter (at 9M,
    /// 0.6 s of system time more), so the order is only asked for: `JoinOnCodeTests` checks that the
    /// linked SQLite sorts.
    func emit(_ relation: Relation, into builder: inout SQLGenerator.Builder) -> SQLGenerator.Emitted {
        let from = builder.emit(input)
        let columns = builder.list(from.visible).joined(separator: ", ")
        return builder.add(relation, "SELECT \(columns) FROM \(from.name) ORDER BY \(builder.dialect.quote(identifier: column))", order: [])
    }
}
