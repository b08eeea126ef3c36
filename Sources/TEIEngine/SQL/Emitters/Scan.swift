import TEIStorage

extension SQLGenerator.Builder {
    /// A loaded table's rows, in file order when its layout numbers them.
    mutating func scan(_ relation: Relation, _ table: LoadedTable) -> SQLGenerator.Emitted {
        let source = dialect.quote(table.layout.relation)
        var columns = list(relation.columns.map(\.name))
        var order: [(String, Bool)] = []
        if let rowNumber = table.layout.rowNumber, !relation.rowOrderUnused {
            // The row number orders the rows; it is a visible column when the optimizer carries it.
            if relation.column(named: rowNumber) != nil {
                order = [(rowNumber, false)]
            } else {
                let hidden = fresh()
                columns.append("\(dialect.quote(identifier: rowNumber)) AS \(hidden)")
                order = [(hidden, false)]
            }
        }
        return add(relation, "SELECT \(columns.joined(separator: ", ")) FROM \(source)", order: order)
    }
}
