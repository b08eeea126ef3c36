import TEIStorage

/// A window over rows that an index holds in its order (`IndexedPartitionOrder`: a tweets table's
/// account and time), ascending, reads them in that order when the index holds every column they
/// need: the database then reads the narrow index, whose keys come partition after partition and
/// in time order within each, instead of reading the wide rows and sorting them all (the time
/// between an account's consecutive tweets). The dialect otherwise keeps the database from an
/// index's order, since read through an index that lacks some columns, every row is a random page
/// of the table. Runs after pruning, which settles the columns the rows need.
struct WindowInIndexOrder: PhysicalPass {
    func rewrite(_ plan: Relation, tables: TableBindings) -> Relation {
        plan.rewritten { relation in
            guard case .window(let input, let outputs) = relation.node, let (partition, order) = IndexedPartitionOrder.shared(by: outputs),
                  !order.descending, let indexed = IndexedPartitionOrder(input: input, partition: partition, order: order, tables: tables),
                  Set(indexed.scan.columns.map(\.name)).isSubset(of: Self.held(by: indexed)) else { return relation }
            let ordered = relation.replacing(relation.node)
            ordered.readsInIndexOrder = true
            return ordered
        }
    }

    /// The columns of the table's relation that the index holds: its keys (a dictionary column's
    /// code) and the row number.
    private static func held(by indexed: IndexedPartitionOrder) -> Set<String> {
        var names = Set(indexed.table.layout.rowNumber.map { [$0] } ?? [])
        for key in indexed.index.keys {
            guard case .column(let name) = key, let column = indexed.table.layout.column(named: name) else { continue }
            switch column.encoding {
            case .plain: names.insert(name)
            case .dictionary(let dictionary): names.insert(dictionary.codeColumn)
            default: continue
            }
        }
        return names
    }
}
