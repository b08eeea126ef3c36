/// A step of the plan as one type that knows all there is to know about it: its inputs, its line
/// in the plan text, the columns it reads of its inputs (for `ProjectionPruning`) and its SQL
/// (through the dialect, like the emitters in `SQL/Emitters/`). `PlanNode.operator` holds one.
///
/// The operators that optimizer passes rewrite or look through (filter, project, sort, take, group,
/// join, explode, append) are cases of `PlanNode`, so that a pass pattern-matches them; every other
/// (distinct, count, describe, sample) is a `PlanOperator` in a file of its own under `Operators/`,
/// and the passes leave it where it is (a filter or a take does not move below it). Adding one
/// touches that file alone on the plan's side; one that a pass comes to rewrite becomes a case.
protocol PlanOperator: Sendable {
    /// The relations it reads, in order.
    var inputs: [Relation] { get }
    /// The same operator reading `inputs` (as many as `inputs` has) instead.
    func replacingInputs(_ inputs: [Relation]) -> any PlanOperator
    /// The same operator with `transform` applied to each of its expressions.
    func replacingExpressions(_ transform: (PlanExpression) -> PlanExpression) -> any PlanOperator
    /// Its line in the plan text, without its inputs (`PlanPrinter`).
    var planText: String { get }
    /// What it reads of each input when the steps after it read the columns `needed` of its own.
    func pruning(needing needed: Set<String>) -> OperatorPruning
    /// The CTE computing `relation`, whose node is this operator, its inputs emitted first.
    func emit(_ relation: Relation, into builder: inout SQLGenerator.Builder) -> SQLGenerator.Emitted
}

extension PlanOperator {
    func replacingExpressions(_ transform: (PlanExpression) -> PlanExpression) -> any PlanOperator { self }
}

/// What an operator keeps when the steps after it read only some of its columns.
struct OperatorPruning {
    /// The columns it reads of each input.
    var inputNeeds: [Set<String>]
    /// The names of its output columns, given its pruned inputs; nil when it keeps all its own.
    var outputNames: (([Relation]) -> Set<String>)?

    /// An operator whose rows are some of its one input's, with the input's columns: it reads of
    /// the input what is read of it.
    static func rowsOfInput(needing needed: Set<String>) -> OperatorPruning {
        OperatorPruning(inputNeeds: [needed], outputNames: { Set($0[0].columns.map(\.name)) })
    }
}
