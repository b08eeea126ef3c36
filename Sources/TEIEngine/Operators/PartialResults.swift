import TEIStorage

/// The partial results of a grouping split over ranges of rows (`RangeSplit`), which the runtime
/// gathered from the ranges' statements into a temporary table of the session's connection
/// before running the merge that reads them. Only the optimizer makes it; it has no order.
struct PartialResults: PlanOperator {
    /// Where the partial results are kept while the merge runs.
    static let table = StoredName(schema: "temp", name: LoadedTable.reservedPrefix + "partials")

    let columns: [Column]

    var inputs: [Relation] { [] }

    func replacingInputs(_ inputs: [Relation]) -> any PlanOperator { self }

    var planText: String { "partial results (\(columns.map(\.name).joined(separator: ", ")))" }

    /// Its columns are those the merge's grouping reads; pruning never runs after the split.
    func pruning(needing needed: Set<String>) -> OperatorPruning {
        OperatorPruning(inputNeeds: [], outputNames: nil)
    }

    func emit(_ relation: Relation, into builder: inout SQLGenerator.Builder) -> SQLGenerator.Emitted {
        let columns = builder.list(self.columns.map(\.name)).joined(separator: ", ")
        return builder.add(relation, "SELECT \(columns) FROM \(builder.dialect.quote(Self.table))", order: [])
    }
}
