import TEIStorage

/// A window over every row of a loaded table, partitioned and ordered as an index holds the rows
/// (`IndexedPartitionOrder`), whose functions read rows one after another and nothing else: the
/// order column's value one row before (`lag`) or after (`lead`), and the row's position in its
/// group (`running_count`, `row_number`). `ReadWindowFromIndex` puts it in place of such a window
/// that `WindowInIndexOrder` found the index holds whole.
///
/// On SQLite it reads the index once, in order, computing the values as it goes
/// (`IndexOrderWindow`, a table-valued function of the storage), and its rows come grouped by the
/// partition key, which a grouping by that key above it uses without sorting. A database without
/// such a reader (`SQLDialect.indexOrderWindowFunction` is nil: PostgreSQL) runs the window it replaces,
/// spelled in the index's order. The rows and their order are the window's: each row's order value
/// ascending, missing last, ties in row order.
struct IndexOrderWindowOperator: PlanOperator {
    /// Where the rows are read, by names of the table's relation.
    struct Read: Sendable, Equatable {
        /// The index, named in the plan text.
        var index: StoredName
        var relation: StoredName
        /// The partition column as the index holds it (a dictionary column's code), the order column and the row number.
        var key: String
        var value: String
        var rowNumber: String
    }

    /// The window's input, which the window it replaces reads.
    let input: Relation
    /// The window's functions.
    let outputs: [NamedExpression]
    let read: Read
    /// What the reader gives each of the relation's columns (the input's, then the outputs), in order.
    let sources: [IndexOrderWindow.Column]

    var inputs: [Relation] { [input] }

    func replacingInputs(_ inputs: [Relation]) -> any PlanOperator {
        IndexOrderWindowOperator(input: inputs[0], outputs: outputs, read: read, sources: sources)
    }

    var planText: String {
        "window \(PlanPrinter.named(outputs)) (one pass over \(read.index.name))"
    }

    /// What the window it replaces reads. The optimizer's pruning has run before the pass that makes it.
    func pruning(needing needed: Set<String>) -> OperatorPruning {
        let computed = Set(outputs.map(\.name))
        let read = outputs.flatMap { $0.expression.columnsRead.filter { $0.side == nil }.map(\.name) }
        return OperatorPruning(inputNeeds: [needed.subtracting(computed).union(read)], outputNames: nil)
    }

    func emit(_ relation: Relation, into builder: inout SQLGenerator.Builder) -> SQLGenerator.Emitted {
        let dialect = builder.dialect
        guard let function = dialect.indexOrderWindowFunction else { return builder.window(relation, input, outputs) }
        let arguments = [read.relation.schema ?? "main", read.relation.name, read.key, read.value, read.rowNumber].map { name in
            builder.parameters.append(.text(name))
            return dialect.parameter(builder.parameters.count)
        }
        let source = "\(function)(\(arguments.joined(separator: ", "))) AS w"
        let column = { (read: IndexOrderWindow.Column) in "w." + dialect.quote(identifier: read.name) }
        var columns = zip(relation.columns, sources).map { "\(column($1)) AS \(dialect.quote(identifier: $0.name))" }
        // The window's rows in its order: by the order value, ties in row order (what the
        // window's input, the table sorted by that value, carries).
        var order: [(String, Bool)] = []
        for ordering in [IndexOrderWindow.Column.value, .row] {
            if let visible = zip(relation.columns, sources).first(where: { $0.1 == ordering }) {
                order.append((visible.0.name, false))
            } else {
                let hidden = builder.fresh()
                columns.append("\(column(ordering)) AS \(hidden)")
                order.append((hidden, false))
            }
        }
        return builder.add(relation, "SELECT \(columns.joined(separator: ", ")) FROM \(source)", order: order)
    }
}
