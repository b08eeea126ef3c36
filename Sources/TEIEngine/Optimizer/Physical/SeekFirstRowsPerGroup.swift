import TEIStorage

/// `group k (sort t | take N)` over every row of a loaded table whose layout has an index on
/// (`k`, `t`, …) (a tweets table's account and time, `TEIFormat.tweetIndexes`) seeks each group's
/// first N rows in the index (`FirstRowsPerGroupOperator`) instead of numbering every row of the
/// table: the take's numbering then runs over those rows alone, and keeps the same rows with the
/// same numbers in the same order. Only where the numbered rows are the whole table in file order
/// sorted by `t` alone, so that rows tied on `t` come in row order, as the index holds them; a
/// filter or a take before the group, another sort, several keys or other window functions in the
/// same step leave the plan as it is. The columns that need decoding (an account id) are then read
/// for the kept rows only.
struct SeekFirstRowsPerGroup: PhysicalPass {
    func rewrite(_ plan: Relation, tables: TableBindings) -> Relation {
        var stored = StoredColumns()
        return plan.rewritten { relation in
            guard case .filter(let numbered, let condition) = relation.node, case .window(let input, let outputs) = numbered.node,
                  let (partition, order) = Self.numbering(outputs), let count = Self.lastKept(condition, numbers: Set(outputs.map(\.name))),
                  let (table, sortedBy) = Self.tableSorted(input, tables: tables), [order] == sortedBy.keys,
                  case .column(let time, nil, _) = order.expression,
                  let timeOrigin = StoredColumns.origin(of: time, in: input, along: .valuesKept, tables: tables),
                  timeOrigin.column.encoding == .plain,
                  StoredColumns.origin(of: time, in: sortedBy.input, along: .valuesKept, tables: tables)?.column.name == timeOrigin.column.name,
                  let keyOrigin = StoredColumns.origin(of: partition, in: input, along: .valuesKept, tables: tables)
                      ?? StoredColumns.codeOrigin(of: partition, in: input, along: .valuesKept, tables: tables),
                  let rowNumber = table.layout.rowNumber,
                  let index = table.layout.indexes.first(where: { index in
                      index.onlyWhereTrue == nil && index.keys.starts(with: [.column(keyOrigin.column.name), .column(timeOrigin.column.name)])
                  }) else { return relation }
            let key: String
            switch keyOrigin.column.encoding {
            case .plain: key = keyOrigin.column.name
            case .dictionary(let dictionary): key = dictionary.codeColumn
            default: return relation
            }
            let (carried, row) = stored.carrying(Column(rowNumber, .int), tracing: nil, into: input)
            let seek = FirstRowsPerGroupOperator.Seek(index: index.name, relation: table.layout.relation, rowNumber: rowNumber, key: key,
                                                      order: timeOrigin.column.name, descending: order.descending)
            let first = Relation(node: .operator(FirstRowsPerGroupOperator(input: carried, rowNumber: row, seek: seek, count: count)),
                                 columns: carried.columns, sources: carried.sources)
            let window = numbered.replacing(.window(first, outputs), columns: first.columns + outputs.map { Column($0.name, $0.expression.type) })
            return relation.replacing(.filter(window, condition), columns: window.columns)
        }
    }

    /// The one column partitioning and the one key ordering every function of a window step that
    /// numbers rows and does nothing else (`take`'s numbering).
    private static func numbering(_ outputs: [NamedExpression]) -> (partition: String, order: PlanSortKey)? {
        var found: (String, PlanSortKey)?
        for output in outputs {
            guard case .window(.rowNumber, let arguments, let partition, let order, _) = output.expression, arguments.isEmpty,
                  partition.count == 1, case .column(let name, nil, _) = partition[0], order.count == 1 else { return nil }
            if let found, found.0 != name || found.1 != order[0] { return nil }
            found = (name, order[0])
        }
        return found
    }

    /// The last number a filter keeps, when one of its `and`-ed parts is `number <= N` (N ≥ 1).
    private static func lastKept(_ condition: PlanExpression, numbers: Set<String>) -> Int? {
        let bounds = condition.conjuncts.compactMap { part -> Int? in
            guard case .call(.lessOrEqual, let sides, _) = part, sides.count == 2, case .column(let name, nil, _) = sides[0],
                  numbers.contains(name), case .literal(.int(let last), _) = sides[1], last >= 1, last <= Int64(Int32.max) else { return nil }
            return Int(last)
        }
        return bounds.min()
    }

    /// The loaded table under a chain of projections and exactly one sort, and that sort (its input
    /// and keys): every row of the table, once, ordered by the sort's keys and then in file order.
    private static func tableSorted(_ relation: Relation, tables: TableBindings) -> (LoadedTable, (input: Relation, keys: [PlanSortKey]))? {
        var sort: (input: Relation, keys: [PlanSortKey])?
        var current = relation
        while true {
            switch current.node {
            case .project(let input, _):
                current = input
            case .sort(let input, let keys) where sort == nil:
                sort = (input, keys)
                current = input
            case .scan(let source):
                return sort.map { (tables.table(for: source), $0) }
            default:
                return nil
            }
        }
    }
}
