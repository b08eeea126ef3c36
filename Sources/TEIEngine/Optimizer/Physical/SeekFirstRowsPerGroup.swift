import TEIStorage

/// `group k (sort t | take N)` over every row of a loaded table whose layout has an index on
/// (`k`, whether `t` is missing, `t`, …) (a tweets table's account and time, `TEIFormat.tweetIndexes`) seeks each group's
/// first N rows in the index (`FirstRowsPerGroupOperator`) instead of numbering every row of the
/// table: the take's numbering then runs over those rows alone, and keeps the same rows with the
/// same numbers in the same order. Only where the numbered rows are the whole table in file order
/// sorted by `t` alone (`IndexedPartitionOrder`), so that rows tied on `t` come in row order, as
/// the index holds them; a filter or a take before the group, another sort, several keys or other
/// window functions in the same step leave the plan as it is. The columns that need decoding (an
/// account id) are then read for the kept rows only. With one row a group (`take 1`), each kept
/// row's number is 1 and the numbering and its filter go.
struct SeekFirstRowsPerGroup: PhysicalPass {
    func rewrite(_ plan: Relation, tables: TableBindings) -> Relation {
        var stored = StoredColumns()
        return plan.rewritten { relation in
            guard case .filter(let numbered, let condition) = relation.node, case .window(let input, let outputs) = numbered.node,
                  outputs.allSatisfy(Self.numbersRows), let (partition, order) = IndexedPartitionOrder.shared(by: outputs),
                  let count = Self.lastKept(condition, numbers: Set(outputs.map(\.name))),
                  let indexed = IndexedPartitionOrder(input: input, partition: partition, order: order, tables: tables),
                  let rowNumber = indexed.table.layout.rowNumber else { return relation }
            let (carried, row) = stored.carrying(Column(rowNumber, .int), tracing: nil, into: input)
            let seek = FirstRowsPerGroupOperator.Seek(index: indexed.index.name, relation: indexed.table.layout.relation, rowNumber: rowNumber,
                                                      key: indexed.key, keyDictionary: indexed.dictionary, order: indexed.order,
                                                      descending: order.descending)
            let first = Relation(node: .operator(FirstRowsPerGroupOperator(input: carried, rowNumber: row, seek: seek, count: count)),
                                 columns: carried.columns, sources: carried.sources)
            if count == 1, condition.conjuncts.count == 1 {
                // One row a group, numbered 1, which the filter keeps: numbering would sort the kept rows again.
                let kept = first.columns.map { NamedExpression(name: $0.name, expression: .column($0.name, side: nil, type: $0.type)) }
                    + outputs.map { NamedExpression(name: $0.name, expression: .literal(.int(1), type: $0.expression.type)) }
                return relation.replacing(.project(first, kept))
            }
            let window = numbered.replacing(.window(first, outputs), columns: first.columns + outputs.map { Column($0.name, $0.expression.type) })
            return relation.replacing(.filter(window, condition), columns: window.columns)
        }
    }

    /// Whether a window function numbers rows and does nothing else (`take`'s numbering).
    private static func numbersRows(_ output: NamedExpression) -> Bool {
        if case .window(.rowNumber, let arguments, _, _, _) = output.expression { return arguments.isEmpty }
        return false
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
}
