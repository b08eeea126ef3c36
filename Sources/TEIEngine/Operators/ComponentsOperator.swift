/// `components`: the connected components of the network whose edges are the input's rows (the
/// first column one end, the second the other; direction ignored, rows with a null end left out).
/// One row per account at an end of an edge: `account`, `component` (the smallest account of its
/// component, in tei's order of values, so the same network always names its groups alike) and
/// `size` (the accounts in it); the largest components first, then by component and account.
///
/// Computed in SQL by min-label propagation in a recursive CTE: each account starts from its seed,
/// the smallest of itself and its neighbours, and passes each label it holds to the neighbours
/// whose seed is larger; its component is the smallest label it receives. The component's smallest
/// account is every member's seed or reaches it along a shortest path (each step passes it on, as
/// nothing in the component is smaller), so the answer is exact; `UNION` keeps each (account,
/// label) once, so the recursion ends, after at most accounts × seeds rows of a component: about
/// one per account in the near-cliques that coordination networks are made of, but quadratic along
/// a chain and too slow for large sparse networks (docs/language.md gives the figures). Iterating
/// "each account takes its neighbours' smallest label" would bound it by the diameter, but SQLite's
/// recursive step can neither aggregate nor see more than one row.
struct ComponentsOperator: PlanOperator {
    let input: Relation

    var inputs: [Relation] { [input] }

    func replacingInputs(_ inputs: [Relation]) -> any PlanOperator { ComponentsOperator(input: inputs[0]) }

    var planText: String { "components of \(input.columns[0].name), \(input.columns[1].name)" }

    /// It reads the two ends of each edge, nothing else.
    func pruning(needing needed: Set<String>) -> OperatorPruning {
        OperatorPruning(inputNeeds: [[input.columns[0].name, input.columns[1].name]], outputNames: nil)
    }

    func emit(_ relation: Relation, into builder: inout SQLGenerator.Builder) -> SQLGenerator.Emitted {
        let from = builder.emit(input)
        let (a, b) = (builder.dialect.quote(identifier: input.columns[0].name), builder.dialect.quote(identifier: input.columns[1].name))
        // Names of the inner CTEs from the reserved prefix, so that no name of the user's shadows them.
        let ends = builder.fresh(), seeds = builder.fresh(), links = builder.fresh(), reach = builder.fresh(), labels = builder.fresh()
        let both = "\(a) IS NOT NULL AND \(b) IS NOT NULL"
        let sql = "WITH RECURSIVE "
            + "\(ends)(x, y) AS (SELECT \(a), \(b) FROM \(from.name) WHERE \(both) UNION SELECT \(b), \(a) FROM \(from.name) WHERE \(both)), "
            + "\(seeds)(x, s) AS (SELECT x, CASE WHEN MIN(y) < x THEN MIN(y) ELSE x END FROM \(ends) GROUP BY x), "
            + "\(links)(x, y, s) AS (SELECT \(ends).x, \(ends).y, \(seeds).s FROM \(ends) JOIN \(seeds) ON \(seeds).x = \(ends).y), "
            + "\(reach)(x, label) AS (SELECT x, s FROM \(seeds) UNION "
            + "SELECT \(links).y, \(reach).label FROM \(reach) JOIN \(links) ON \(links).x = \(reach).x WHERE \(reach).label < \(links).s), "
            + "\(labels)(x, c) AS (SELECT x, MIN(label) FROM \(reach) GROUP BY x) "
            + "SELECT x AS \"account\", c AS \"component\", COUNT(*) OVER (PARTITION BY c) AS \"size\" FROM \(labels)"
        return builder.add(relation, sql, order: [("size", true), ("component", false), ("account", false)])
    }
}
