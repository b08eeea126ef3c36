import TEIStorage

/// The right side of a join that explodes a list column of a loaded table is read from the
/// column's items sorted by value and time (`ItemsByValueLayout`), in place, when the join sets the
/// item equal to a left value and compares the row's time with one: the database then seeks the
/// items with that value in that range of times, once per left row, instead of copying the
/// exploded table and building an automatic index on the item alone (which serves the equality but
/// not the range). This is the join of `co_item_slot_partners` for `co_link_pairs`,
/// `co_hashtag_pairs` and `co_mention_pairs`.
///
/// The side's steps from the explode up (projections, filters) are copied onto the new read, so
/// that another step reading the same relation (the join's left side, a table joined with itself)
/// keeps reading the table. The copy sorted by value holds no item of a row without a time, and
/// needs none here: the join's comparison of the time is never true for a null time.
struct SeekJoinSideByItemValue: PhysicalPass {
    func rewrite(_ plan: Relation, tables: TableBindings) -> Relation {
        plan.rewritten { relation in
            guard case .join(let kind, let left, let right, let condition, let outputs) = relation.node, kind == .inner || kind == .left,
                  let seeking = Self.seekingSide(right, condition: condition, tables: tables) else { return relation }
            seeking.markReadInPlace()
            return relation.replacing(.join(kind: kind, left: left, right: seeking, condition: condition, outputs: outputs))
        }
    }

    /// `right` reading its items by value, when the condition seeks them there.
    private static func seekingSide(_ right: Relation, condition: PlanExpression, tables: TableBindings) -> Relation? {
        var steps: [Relation] = []
        var current = right
        while true {
            switch current.node {
            case .project(let input, _), .filter(let input, _):
                steps.append(current)
                current = input
                continue
            default: break
            }
            break
        }
        guard case .explodeItems(let input, let items, let row, let item) = current.node, let byValue = items.byValue,
              let (filters, table) = filtersDownToScan(input, tables: tables) else { return nil }
        let seeksItem = condition.conjuncts.contains { part in
            guard case .call(.equal, let sides, _) = part, sides.count == 2, let (_, name) = JoinOnDictionaryCodes.leftAndRight(sides) else { return false }
            return trace(name, down: steps) == item
        }
        let comparesTime = condition.conjuncts.contains { part in
            guard case .call(let comparison, let sides, _) = part, comparisons.contains(comparison), sides.count == 2 else { return false }
            return zip(sides, sides.reversed()).contains { side, other in
                guard case .column(let name, .right?, _) = side, !other.readsRightSide else { return false }
                return trace(name, down: steps) == byValue.timeColumn
            }
        }
        let outputs = current.columns.compactMap { output(for: $0, item: item, row: row, byValue: byValue, table: table) }
        guard seeksItem, comparesTime, outputs.count == current.columns.count else { return nil }
        let list = table.layout.columns.first { $0.encoding == .list(items) }?.name ?? item
        let read = Relation(node: .operator(ItemsByValueScanOperator(list: list, items: byValue, outputs: outputs)),
                            columns: current.columns, sources: current.sources)
        read.rowOrderUnused = current.rowOrderUnused
        let filtered = filters.reversed().reduce(read) { input, filter in
            filter.replacing(filter.node.replacingInputs([input]), columns: input.columns)
        }
        return steps.reversed().reduce(filtered) { input, step in step.replacing(step.node.replacingInputs([input])) }
    }

    /// The comparisons that no null passes.
    private static let comparisons: Set<Operation> = [.equal, .less, .lessOrEqual, .greater, .greaterOrEqual]

    /// The name that column `name` of the first of `steps` has below the last, through
    /// projections that pass it on (perhaps renamed) and filters.
    private static func trace(_ name: String, down steps: [Relation]) -> String? {
        var name = name
        for step in steps {
            guard case .project(_, let outputs) = step.node else { continue }
            guard let output = outputs.first(where: { $0.name == name }), case .column(let source, nil, _) = output.expression else { return nil }
            name = source
        }
        return name
    }

    /// The filters from `relation` down to the scan it ends at (top first), and the scan's table,
    /// when there are only filters on the way.
    private static func filtersDownToScan(_ relation: Relation, tables: TableBindings) -> ([Relation], LoadedTable)? {
        var filters: [Relation] = []
        var current = relation
        while true {
            switch current.node {
            case .scan(let source): return (filters, tables.table(for: source))
            case .filter(let input, _):
                filters.append(current)
                current = input
            default: return nil
            }
        }
    }

    /// How the copy sorted by value gives column `column` of the explode: the item, the row
    /// number, a carried column (decoded, for a dictionary column) or a carried dictionary
    /// column's code; nil when it does not carry it.
    private static func output(for column: Column, item: String, row: String, byValue: ItemsByValueLayout,
                               table: LoadedTable) -> ItemsByValueScanOperator.Output? {
        if column.name == item { return .init(stored: byValue.valueColumn, column: column) }
        if column.name == row { return .init(stored: byValue.rowColumn, column: column) }
        for (name, stored) in byValue.carried {
            guard let layout = table.layout.column(named: name) else { continue }
            switch layout.encoding {
            case .dictionary(let dictionary) where column.name == dictionary.codeColumn:
                return .init(stored: stored, column: column)
            case .dictionary(let dictionary) where column.name == name:
                return .init(stored: stored, column: column, decodedBy: dictionary)
            case .plain where column.name == name:
                return .init(stored: stored, column: column)
            default: continue
            }
        }
        return nil
    }
}

private extension PlanExpression {
    /// Whether it reads a column of a join's right side.
    var readsRightSide: Bool {
        if case .column(_, .right?, _) = self { return true }
        return children.contains { $0.readsRightSide }
    }
}
