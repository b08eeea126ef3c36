import TEIStorage

/// `distinct`: the first row of each distinct value of the input's columns, in the order the
/// first ones came.
struct DistinctOperator: PlanOperator {
    let input: Relation

    var inputs: [Relation] { [input] }

    func replacingInputs(_ inputs: [Relation]) -> any PlanOperator { DistinctOperator(input: inputs[0]) }

    var planText: String { "distinct" }

    /// It compares whole rows, so it reads every column of its input.
    func pruning(needing needed: Set<String>) -> OperatorPruning {
        OperatorPruning(inputNeeds: [Set(input.columns.map(\.name))], outputNames: { Set($0[0].columns.map(\.name)) })
    }

    func emit(_ relation: Relation, into builder: inout SQLGenerator.Builder) -> SQLGenerator.Emitted {
        let from = builder.emit(input)
        let columns = builder.list(from.visible).joined(separator: ", ")
        let rank = builder.fresh()
        let window = from.order.isEmpty ? columns : builder.orderClause(from.order)
        let firstRank = LoadedTable.reservedPrefix + "rank"
        let sql = "SELECT \(columns), MIN(\(firstRank)) AS \(rank) FROM "
            + builder.dialect.derivedTable("SELECT \(columns), row_number() OVER (ORDER BY \(window)) AS \(firstRank) FROM \(from.name)",
                                           alias: "ranked")
            + " GROUP BY \(columns)"
        return builder.add(relation, sql, order: [(rank, false)])
    }
}
