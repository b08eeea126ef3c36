import TEIStorage

/// The right side of a join that explodes a list column of a loaded table is read from the
/// column's items sorted by value and time (`ItemsByValueLayout`), in place, when the join sets the
/// item equal to a left value and compares the row's time with one: the database then seeks the
/// items with that value in that range of times, once per left row, instead of copying the
/// exploded table and building an automatic index on the item alone (which serves the equality but
/// not the range, `TimeWindowSlots`). This is the join of `co_item_pairs` for `co_link_pairs`,
/// `co_hashtag_pairs` and `co_mention_pairs`.
///
/// The side's steps from the explode up (projections, filters) are copied onto the new read, so
/// that another step reading the same relation (the join's left side, a table joined with itself)
/// keeps reading the table. The copy sorted by value holds no item of a row without a time, and
/// needs none here: the join's comparison of the time is never true for a null time, on either
/// side, which lets an inner join read its left side from the copy as well. With both sides read
/// from the copy, a comparison of the two sides' values of a dictionary column (`account <
/// partner`) compares the ranks the copy carries instead, and no account is decoded to join.
struct SeekJoinSideByItemValue: PhysicalPass {
    func rewrite(_ plan: Relation, tables: TableBindings) -> Relation {
        plan.rewritten { relation in
            guard case .join(let kind, let left, let right, let condition, let outputs) = relation.node, kind == .inner || kind == .left,
                  let rightSide = ExplodedSide(right, tables: tables), rightSide.isSought(by: condition) else { return relation }
            // A join whose rows nothing orders reads neither side's order, even of a side that
            // another step reads in order (the items of `co_item_pairs`, which both sides read).
            let unordered = relation.rowOrderUnused
            // The left side of an inner join is read from the copy too when nothing orders its rows
            // or the join's, in the copy's order, so that each next seek is near the last one.
            var scanning: (side: ExplodedSide, read: Relation, ranks: [String])?
            if kind == .inner, unordered || left.rowOrderUnused, let leftSide = ExplodedSide(left, tables: tables),
               leftSide.byValue.table == rightSide.byValue.table, rightSide.comparesTime(with: leftSide, in: condition) {
                let ranks = leftSide.rankedColumns(in: condition, with: rightSide)
                scanning = leftSide.readingByValue(unordered: unordered, ranks: ranks).map { (leftSide, $0, ranks) }
            }
            guard let seeking = rightSide.readingByValue(unordered: unordered, ranks: scanning?.ranks ?? []) else { return relation }
            seeking.markReadInPlace()
            guard let scanning else { return relation.replacing(.join(kind: kind, left: left, right: seeking, condition: condition, outputs: outputs)) }
            let comparingRanks = condition.rewritten { part in scanning.side.comparingRanks(part, with: rightSide) ?? part }
            return relation.replacing(.join(kind: kind, left: scanning.read, right: seeking, condition: comparingRanks, outputs: outputs))
        }
    }
}

/// A join side that explodes a list column of a loaded table with the items sorted by value:
/// projections and filters over the explode, over filters over the scan.
private struct ExplodedSide {
    /// The projections and filters over the explode, the top one first.
    let steps: [Relation]
    let explode: Relation
    /// The list column it explodes.
    let list: String
    let byValue: ItemsByValueLayout
    let row: String
    let item: String
    /// The filters between the explode and the scan, the top one first.
    let filters: [Relation]
    let table: LoadedTable

    init?(_ side: Relation, tables: TableBindings) {
        var steps: [Relation] = []
        var current = side
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
        guard case .explodeItems(var input, let items, let row, let item) = current.node else { return nil }
        var filters: [Relation] = []
        while case .filter(let below, _) = input.node {
            filters.append(input)
            input = below
        }
        guard case .scan(let source) = input.node else { return nil }
        let table = tables.table(for: source)
        guard let list = table.layout.columns.first(where: { $0.encoding == .list(items) })?.name,
              let byValue = table.layout.itemsByValue[list] else { return nil }
        (self.steps, explode, self.list, self.byValue, self.row, self.item) = (steps, current, list, byValue, row, item)
        self.filters = filters
        self.table = table
    }

    /// The name that column `name` of the side has at the explode, through projections that pass
    /// it on (perhaps renamed) and filters.
    func trace(_ name: String) -> String? {
        var name = name
        for step in steps {
            guard case .project(_, let outputs) = step.node else { continue }
            guard let output = outputs.first(where: { $0.name == name }), case .column(let source, nil, _) = output.expression else { return nil }
            name = source
        }
        return name
    }

    /// The column of the explode that this side's column `name` passes on, when it is a carried
    /// dictionary column whose ranks the copy holds.
    private func rankedColumn(_ name: String) -> String? {
        guard let traced = trace(name), traced != item, traced != row, byValue.ranks[traced] != nil else { return nil }
        return traced
    }

    /// The name under which a read of the copy carries the rank of its column `column`.
    static func rankName(_ column: String) -> String { "__tei_rank_" + column }

    /// The column of the explode whose values `part` compares, when it is an order comparison of
    /// this (left) side's value of a ranked column with `right`'s value of the same column.
    private func rankedComparison(_ part: PlanExpression, with right: ExplodedSide) -> String? {
        guard case .call(let comparison, let sides, _) = part, Self.orderComparisons.contains(comparison), sides.count == 2,
              let (l, r) = JoinOnDictionaryCodes.leftAndRight(sides), let column = rankedColumn(l), right.rankedColumn(r) == column else { return nil }
        return column
    }

    /// `part` comparing ranks where `rankedComparison` finds it compares values, which compare as
    /// their ranks do: the ranks number the dictionary's values in the database's order, and are
    /// null exactly when the value is.
    func comparingRanks(_ part: PlanExpression, with right: ExplodedSide) -> PlanExpression? {
        guard let column = rankedComparison(part, with: right), case .call(let comparison, let sides, let type) = part else { return nil }
        let ranks = sides.map { side -> PlanExpression in
            guard case .column(_, let joinSide, _) = side else { return side }
            return .column(Self.rankName(column), side: joinSide, type: .int)
        }
        return .call(comparison, ranks, type: type)
    }

    /// The explode's columns whose ranks both sides carry for the comparisons of `condition` that
    /// `comparingRanks` rewrites, of a join with this side on the left and `right` on the right.
    func rankedColumns(in condition: PlanExpression, with right: ExplodedSide) -> [String] {
        var columns: [String] = []
        func visit(_ expression: PlanExpression) {
            if let column = rankedComparison(expression, with: right), !columns.contains(column) { columns.append(column) }
            expression.children.forEach(visit)
        }
        visit(condition)
        return columns
    }

    /// Whether `condition`, of a join with this side on the right, sets the item equal to a left
    /// value and compares the time with one, which no null time passes.
    func isSought(by condition: PlanExpression) -> Bool {
        let seeksItem = condition.conjuncts.contains { part in
            guard case .call(.equal, let sides, _) = part, sides.count == 2, let (_, name) = JoinOnDictionaryCodes.leftAndRight(sides) else { return false }
            return trace(name) == item
        }
        return seeksItem && !timeComparisons(in: condition).isEmpty
    }

    /// Whether `condition` compares this (right) side's time with an expression that is null when
    /// the left side's time is (the time, or it plus or minus a bound).
    func comparesTime(with left: ExplodedSide, in condition: PlanExpression) -> Bool {
        timeComparisons(in: condition).contains { other in
            var leftTime = other
            if case .call(let operation, let arguments, _) = other, [.boundAdd, .boundSubtract].contains(operation), arguments.count == 2,
               arguments[1].literalValue != nil {
                leftTime = arguments[0]
            }
            guard case .column(let name, .left?, _) = leftTime else { return false }
            return left.trace(name) == left.byValue.timeColumn
        }
    }

    /// The left sides of the comparisons of `condition` between this (right) side's time and them.
    private func timeComparisons(in condition: PlanExpression) -> [PlanExpression] {
        condition.conjuncts.flatMap { part -> [PlanExpression] in
            guard case .call(let comparison, let sides, _) = part, Self.comparisons.contains(comparison), sides.count == 2 else { return [] }
            return zip(sides, sides.reversed()).compactMap { side, other in
                guard case .column(let name, .right?, _) = side, !other.readsRightSide, trace(name) == byValue.timeColumn else { return nil }
                return other
            }
        }
    }

    /// The comparisons that no null passes.
    private static let comparisons: Set<Operation> = [.equal, .less, .lessOrEqual, .greater, .greaterOrEqual]

    /// The comparisons of two values by their order.
    private static let orderComparisons: Set<Operation> = [.less, .lessOrEqual, .greater, .greaterOrEqual]

    /// A copy of the side reading the copy sorted by value in place of the explode and the scan,
    /// when the copy carries every column the explode gives; carrying up the ranks of the explode's
    /// columns `ranks` (`rankName`), and in no order when `unordered`.
    func readingByValue(unordered: Bool, ranks: [String] = []) -> Relation? {
        let outputs = explode.columns.compactMap(output(for:))
        guard outputs.count == explode.columns.count else { return nil }
        let rankColumns = ranks.map { Column(Self.rankName($0), .int) }
        let rankOutputs = zip(ranks, rankColumns).compactMap { name, column in byValue.ranks[name].map { ItemsByValueScanOperator.Output(stored: $0, column: column) } }
        guard rankOutputs.count == ranks.count else { return nil }
        let read = Relation(node: .operator(ItemsByValueScanOperator(list: list, items: byValue, outputs: outputs + rankOutputs)),
                            columns: explode.columns + rankColumns, sources: explode.sources)
        read.rowOrderUnused = explode.rowOrderUnused
        func placed(_ step: Relation) -> Relation {
            if unordered { step.rowOrderUnused = true }
            return step
        }
        let filtered = filters.reversed().reduce(placed(read)) { input, filter in
            placed(filter.replacing(filter.node.replacingInputs([input]), columns: input.columns))
        }
        let passedRanks = rankColumns.map { NamedExpression(name: $0.name, expression: .column($0.name, side: nil, type: .int)) }
        return steps.reversed().reduce(filtered) { input, step in
            guard case .project(_, let outputs) = step.node else { return placed(step.replacing(step.node.replacingInputs([input]), columns: input.columns)) }
            return placed(step.replacing(.project(input, outputs + passedRanks), columns: step.columns + rankColumns))
        }
    }

    /// How the copy sorted by value gives column `column` of the explode: the item, the row
    /// number, a carried column (decoded, for a dictionary column) or a carried dictionary
    /// column's code; nil when it does not carry it.
    private func output(for column: Column) -> ItemsByValueScanOperator.Output? {
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
