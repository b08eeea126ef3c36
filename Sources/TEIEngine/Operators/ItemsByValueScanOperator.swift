import TEIStorage

/// The items of a list column read from their copy sorted by value and time
/// (`ItemsByValueLayout`), each with the columns of its row that the copy carries: the rows of an
/// `explode` of the column over its table, less those whose time is null. Only
/// `SeekJoinSideByItemValue` makes it, for a join's right side, which the database then reads by a
/// seek on the item's value and a range of times rather than a scan of the tweets.
struct ItemsByValueScanOperator: PlanOperator {
    /// A column read from the copy: its column there, its name in the plan, and the dictionary that
    /// decodes it when the plan reads a dictionary column's value rather than its code.
    struct Output: Sendable {
        var stored: String
        var column: Column
        var decodedBy: DictionaryLayout?
    }

    let list: String
    let items: ItemsByValueLayout
    let outputs: [Output]

    var inputs: [Relation] { [] }

    func replacingInputs(_ inputs: [Relation]) -> any PlanOperator { self }

    var planText: String {
        "items of \(list) by value (\(outputs.map(\.column.name).joined(separator: ", ")))"
    }

    /// It reads no input, and keeps its own columns (read in place, the database computes only
    /// those the steps above read).
    func pruning(needing needed: Set<String>) -> OperatorPruning {
        OperatorPruning(inputNeeds: [], outputNames: nil)
    }

    /// In the rows' order of the `explode` it replaces, its table's row then the item's position,
    /// unless nothing reads it.
    func emit(_ relation: Relation, into builder: inout SQLGenerator.Builder) -> SQLGenerator.Emitted {
        let dialect = builder.dialect
        var columns = outputs.map { output -> String in
            let stored = "j." + dialect.quote(identifier: output.stored)
            let value = output.decodedBy.map { dialect.decode($0, code: stored) } ?? stored
            return "\(value) AS \(dialect.quote(identifier: output.column.name))"
        }
        var order: [(String, Bool)] = []
        if !relation.rowOrderUnused {
            for key in [items.rowColumn, items.positionColumn] {
                let hidden = builder.fresh()
                columns.append("j.\(dialect.quote(identifier: key)) AS \(hidden)")
                order.append((hidden, false))
            }
        }
        return builder.add(relation, "SELECT \(columns.joined(separator: ", ")) FROM \(dialect.quote(items.table)) AS j", order: order)
    }
}
