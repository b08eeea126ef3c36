/// `count`: one row holding the number of the input's rows, in column `n`.
struct CountOperator: PlanOperator {
    let input: Relation

    var inputs: [Relation] { [input] }

    func replacingInputs(_ inputs: [Relation]) -> any PlanOperator { CountOperator(input: inputs[0]) }

    var planText: String { "count" }

    /// Counting reads no column (pruning keeps one, so that the input still gives its rows).
    func pruning(needing needed: Set<String>) -> OperatorPruning {
        OperatorPruning(inputNeeds: [[]], outputNames: nil)
    }

    func emit(_ relation: Relation, into builder: inout SQLGenerator.Builder) -> SQLGenerator.Emitted {
        builder.add(relation, "SELECT COUNT(*) AS \"n\" FROM \(builder.emit(input).name)", order: [])
    }
}
