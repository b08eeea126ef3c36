import TEIStorage

/// Each group's first row (`group k (sort t | take 1)`, sought by `FirstRowsPerGroupOperator`) is
/// read from the index it is sought in when that index holds every column the rows still need: its
/// keys, the row number and the columns it holds after it (`IndexLayout.included`: a tweets table's
/// account, time and tweet id), a dictionary column decoded from the code the index holds. Each
/// column is then one more seek in pages the group's first seek has just read, instead of the
/// group's row read from its own page of the table, a random page per group (the first tweet per
/// account: about half its CPU was reading those pages). Runs after pruning, which settles the
/// columns the rows need.
struct FirstRowsFromIndex: PhysicalPass {
    func rewrite(_ plan: Relation, tables: TableBindings) -> Relation {
        plan.rewritten { relation in
            guard case .operator(let planOperator) = relation.node, var first = planOperator as? FirstRowsPerGroupOperator,
                  first.count == 1, first.fromIndex == nil, let fromIndex = Self.columnsFromIndex(first, tables: tables) else { return relation }
            first.fromIndex = fromIndex
            return relation.replacing(.operator(first))
        }
    }

    /// Each column of the operator's input by its name in the table's relation, when the index it
    /// seeks holds them all.
    private static func columnsFromIndex(_ first: FirstRowsPerGroupOperator, tables: TableBindings) -> [String: String]? {
        var names = [first.rowNumber: first.seek.rowNumber]
        for column in first.input.columns where column.name != first.rowNumber {
            // A dictionary column's value, or its code as a physical pass carried it up.
            if let origin = StoredColumns.origin(of: column.name, in: first.input, along: .valuesKept, tables: tables),
               held(origin, by: first.seek) {
                names[column.name] = origin.column.name
            } else if let origin = StoredColumns.codeOrigin(of: column.name, in: first.input, along: .valuesKept, tables: tables),
                      held(origin, by: first.seek), case .dictionary(let dictionary) = origin.column.encoding {
                names[column.name] = dictionary.codeColumn
            } else {
                return nil
            }
        }
        return names
    }

    private static func held(_ origin: StoredColumns.Origin, by seek: FirstRowsPerGroupOperator.Seek) -> Bool {
        guard origin.table.layout.relation == seek.relation,
              let index = origin.table.layout.indexes.first(where: { $0.name == seek.index }) else { return false }
        return held(origin.column, by: index)
    }

    /// Whether reading `column` of a row the index holds reads nothing but the index: a key or an
    /// included column, stored as it is or as a dictionary's code (decoded through the dictionary).
    private static func held(_ column: ColumnLayout, by index: IndexLayout) -> Bool {
        switch column.encoding {
        case .plain, .dictionary: return index.keys.contains(.column(column.name)) || index.included.contains(column.name)
        default: return false
        }
    }
}
