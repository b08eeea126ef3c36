import TEIStorage

/// `describe`: one row per column of the input, with its type, non-null, null and distinct counts,
/// smallest and largest value.
struct DescribeOperator: PlanOperator {
    let input: Relation

    var inputs: [Relation] { [input] }

    func replacingInputs(_ inputs: [Relation]) -> any PlanOperator { DescribeOperator(input: inputs[0]) }

    var planText: String { "describe" }

    /// It reports on every column of its input.
    func pruning(needing needed: Set<String>) -> OperatorPruning {
        OperatorPruning(inputNeeds: [Set(input.columns.map(\.name))], outputNames: nil)
    }

    /// It scans its input once, computing every column's statistics, then turns the one wide row
    /// into a row per column.
    func emit(_ relation: Relation, into builder: inout SQLGenerator.Builder) -> SQLGenerator.Emitted {
        builder.describe(relation, input)
    }
}

extension SQLGenerator.Builder {
    /// The statistics of `input`'s columns, as `DescribeOperator` says.
    mutating func describe(_ relation: Relation, _ input: Relation) -> SQLGenerator.Emitted {
        let from = emit(input)
        var statistics: [String] = []
        for (index, column) in input.columns.enumerated() {
            let c = dialect.quote(identifier: column.name)
            statistics.append("COUNT(\(c)) AS nn\(index)")
            statistics.append("COUNT(DISTINCT \(c)) AS d\(index)")
            if column.type != .list {
                let value = PlanExpression.column(column.name, column.type)
                statistics.append("\(dialect.call(.min, [value], sql: [c], type: column.type)) AS lo\(index)")
                statistics.append("\(dialect.call(.max, [value], sql: [c], type: column.type)) AS hi\(index)")
            }
        }
        let statisticsName = cteName(for: Relation(node: .singleRow, columns: [], sources: [], label: "statistics"))
        ctes.append((statisticsName, "SELECT COUNT(*) AS total\(statistics.isEmpty ? "" : ", ")\(statistics.joined(separator: ", ")) FROM \(from.name)",
                     false))
        let position = fresh()
        var rows: [String] = []
        for (index, column) in input.columns.enumerated() {
            let name = render(.literal(.text(column.name)))
            let type = render(.literal(.text(column.type.name)))
            let (lo, hi) = column.type == .list ? ("NULL", "NULL") : (display("lo\(index)", column.type), display("hi\(index)", column.type))
            rows.append("SELECT \(name) AS \"column\", \(type) AS \"type\", nn\(index) AS \"non_null\", total - nn\(index) AS \"nulls\", "
                + "d\(index) AS \"distinct\", \(lo) AS \"min\", \(hi) AS \"max\", \(index) AS \(position) FROM \(statisticsName)")
        }
        if rows.isEmpty {
            rows.append("SELECT NULL, NULL, NULL, NULL, NULL, NULL, NULL, 0 WHERE \(dialect.literal(.bool(false)))")
        }
        return add(relation, rows.joined(separator: " UNION ALL "), order: [(position, false)])
    }

    /// SQL that shows a value of `column` as tei writes it.
    private func display(_ column: String, _ type: ValueType) -> String {
        dialect.call(.text, [.column(column, type)], sql: [column], type: .text)
    }
}
