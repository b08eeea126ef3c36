import TEIStorage

/// The rows of a rollup built at import (`RollupLayout`): its dimensions under the names the plan
/// reads them by, and the number of table rows (or list items) each row stands for in `weight`.
/// Only `AggregateFromRollup` makes it, for a grouping that sums the weights; it has no order.
struct RollupScanOperator: PlanOperator {
    /// A column read from the rollup's relation: its name there and in the plan.
    struct Output: Sendable, Equatable {
        var stored: String
        var column: Column
    }

    let rollup: RollupLayout
    /// The dimensions read, then the weight.
    let outputs: [Output]

    var inputs: [Relation] { [] }

    func replacingInputs(_ inputs: [Relation]) -> any PlanOperator { self }

    /// Names the rollup and each dimension with its grain, as `explain` shows it.
    var planText: String {
        let dimensions = rollup.dimensions.map { dimension -> String in
            switch dimension.grain {
            case .exact: return dimension.column
            case .seconds(let seconds): return "\(dimension.column) per \(Value.formatDuration(seconds))"
            }
        }
        let counted = rollup.itemsOf.map { "items of \($0)" } ?? "rows per " + dimensions.joined(separator: ", ")
        return "rollup \(rollup.relation.name) (\(counted))"
    }

    /// It reads no input, and keeps its own columns.
    func pruning(needing needed: Set<String>) -> OperatorPruning {
        OperatorPruning(inputNeeds: [], outputNames: nil)
    }

    func emit(_ relation: Relation, into builder: inout SQLGenerator.Builder) -> SQLGenerator.Emitted {
        let dialect = builder.dialect
        let columns = outputs.map { "\(dialect.quote(identifier: $0.stored)) AS \(dialect.quote(identifier: $0.column.name))" }
        return builder.add(relation, "SELECT \(columns.joined(separator: ", ")) FROM \(dialect.quote(rollup.relation))", order: [])
    }
}
