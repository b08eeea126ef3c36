import TEIStorage

/// `explode` of a list column as loaded reads the table's items table (one row per item, keyed by
/// the loaded row number and the item's position) instead of parsing each row's JSON list: the
/// scan reads the row number, the steps between carry it, and the explode joins the items by it.
/// Only while the rows are still one or more per loaded row and the list column is unchanged.
struct ExplodeFromItemsTable: PhysicalPass {
    func rewrite(_ plan: Relation, tables: TableBindings) -> Relation {
        var stored = StoredColumns()
        return plan.rewritten { relation in
            guard case .explode(let input, .column(let list, nil, .list), let name) = relation.node,
                  let origin = StoredColumns.origin(of: list, in: input, along: .loadedRows, tables: tables),
                  case .list(let items) = origin.column.encoding, let row = origin.table.layout.rowNumber else { return relation }
            let carried = stored.carrying(Column(row, .int), into: input)
            let columns = carried.columns.filter { $0.name != name } + [Column(name, .text)]
            return relation.replacing(.explodeItems(carried, items: items, row: row, name: name), columns: columns)
        }
    }
}
