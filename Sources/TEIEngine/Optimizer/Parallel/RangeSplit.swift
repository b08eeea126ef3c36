import TEIStorage

/// An optimized plan split to run on several connections at once: `ranges` group the rows of one
/// loaded table, each its own range of row numbers, into partial results; `merge` is the whole
/// plan with that grouping reading the partial results instead (sums of counts and sums, the
/// least of minimums, …), so every step after it (sort, take, filters, joins) runs as before.
/// Or each range groups the rows whose key has a code in its range of a dictionary's codes: it
/// computes its groups whole, and `merge` puts them in the grouping's order.
struct SplitPlan {
    /// The table whose rows the ranges divide.
    var table: LoadedTable
    /// What the ranges divide.
    var division: Division
    /// One partial grouping per range, in row (or code) order.
    var ranges: [Part]
    /// The columns of every partial result, which `merge` reads from `PartialResults.table`.
    var partialColumns: [Column]
    var merge: Relation

    enum Division: Equatable {
        /// The table's row numbers.
        case rows
        /// The codes of the key `column` (its name in the grouping).
        case codes(column: String)
    }

    struct Part {
        /// The first and last row numbers or codes, nil for no bound (the first and last ranges).
        var first: Int?
        var last: Int?
        /// Where the rows without a code go.
        var missing: Missing = .excluded
        var partial: Relation

        enum Missing {
            case excluded, included
        }
    }
}

/// Plans a grouping whose aggregates decompose as one statement per range of rows plus a merge
/// (`SplitPlan`). A range of rows is a range of the loaded table's row number, which its cache
/// stores as the integer key of the rows, so each statement reads only its own pages.
///
/// It applies to the first `group` (in the order the SQL stage emits steps) that reads, through
/// filters, projections and explodes only (steps that handle each row on its own, so that any
/// division of the rows gives the same rows in all), one table of at least
/// `Parallelism.minimumRows` rows, and whose aggregates all decompose:
/// - `count` → the sum of the counts; `sum` of whole numbers or durations → the sum of the sums;
/// - `min` / `max` → the least / greatest of them (exact for every type, floats included);
/// - `avg` of whole numbers or durations → the sum of the sums over the sum of the counts, which
///   is the quotient SQLite computes for the whole;
/// and the constants and operators around them; and whose keys no index of the table holds
/// (`isIndexed`), which neither this nor a split by ranges of codes does. Sums and means of floats stay whole: adding
/// partial totals rounds differently from adding the values in file order. `count_distinct`,
/// `median` and the other aggregates that need every value at once stay whole too.
/// Keys decoded from dictionary codes are grouped by the code in the ranges and decoded once in
/// the merge. The merge's grouping orders its rows by the keys, as the whole one does, so the
/// rows, their order and their ties are those of the plan it splits.
struct RangeSplit {
    let parallelism: Parallelism

    func split(_ plan: Relation, tables: TableBindings) -> SplitPlan? {
        guard parallelism.threads > 1 else { return nil }
        for relation in plan.stepsInEmitOrder {
            if let split = split(plan, at: relation, tables: tables) { return split }
        }
        return nil
    }

    private func split(_ plan: Relation, at grouping: Relation, tables: TableBindings) -> SplitPlan? {
        guard case .aggregate(let input, let keys, _) = grouping.node,
              let chain = RowwiseChain(input), let rowNumber = tables.table(for: chain.source).layout.rowNumber else { return nil }
        let table = tables.table(for: chain.source)
        let rows = table.sources.reduce(0) { $0 + $1.rows }
        guard rows >= parallelism.minimumRows, !chain.steps.contains(where: { $0.readsWindows }) else { return nil }
        // A key an index holds is read in key order with no sort; a range (of rows or of codes)
        // would read nearly every page of the table again, since a key's rows are spread over it
        // (measured at 1M rows: a half range of account codes costs as much as the whole).
        guard !keys.contains(where: { Self.isIndexed($0.expression, input: input, table: table, tables: tables) }) else { return nil }
        return splitByRows(plan, at: grouping, chain: chain, rowNumber: rowNumber, table: table, rows: rows)
            ?? splitByCodes(plan, at: grouping, chain: chain, table: table, tables: tables)
    }

    /// Ranges of row numbers, when every aggregate decomposes.
    private func splitByRows(_ plan: Relation, at grouping: Relation, chain: RowwiseChain, rowNumber: String, table: LoadedTable,
                             rows: Int) -> SplitPlan? {
        guard case .aggregate(_, let keys, let aggregates) = grouping.node else { return nil }
        var partials = PartialColumns()
        var partialKeys: [NamedExpression] = [], mergeKeys: [NamedExpression] = []
        for key in keys {
            guard let type = grouping.column(named: key.name)?.type else { return nil }
            if case .decode(let dictionary, let code) = key.expression {
                let name = partials.add(code, type: .int, key: true)
                mergeKeys.append(NamedExpression(name: key.name, expression: .decode(dictionary, code: .column(name, .int))))
            } else {
                let name = partials.add(key.expression, type: type, key: true)
                mergeKeys.append(NamedExpression(name: key.name, expression: .column(name, type)))
            }
        }
        partialKeys = partials.keys
        var mergeAggregates: [NamedExpression] = []
        for aggregate in aggregates {
            guard let merged = partials.merging(aggregate.expression) else { return nil }
            mergeAggregates.append(NamedExpression(name: aggregate.name, expression: merged))
        }
        let partialColumns = partials.columns
        let read = Relation(node: .operator(PartialResults(columns: partialColumns)), columns: partialColumns, sources: [])
        let merged = grouping.replacing(.aggregate(read, keys: mergeKeys, aggregates: mergeAggregates))
        let merge = plan.rewritten { $0 === grouping ? merged : $0 }
        let ranges = Self.bounds(rows: rows, count: parallelism.threads).map { first, last in
            let rowsInRange = chain.reading(rowNumber: rowNumber, from: first, to: last)
            let partial = Relation(node: .aggregate(rowsInRange, keys: partialKeys, aggregates: partials.aggregates),
                                   columns: partialColumns, sources: rowsInRange.sources, label: grouping.label)
            return SplitPlan.Part(first: first, last: last, partial: partial)
        }
        return SplitPlan(table: table, division: .rows, ranges: ranges, partialColumns: partialColumns, merge: merge)
    }

    /// Ranges of the codes of a key decoded from a dictionary, so that each range owns whole
    /// groups: any aggregate is computed whole there (`count_distinct`, `median`, `mode`,
    /// `collect`, whose values are the same whatever order the rows come in). Totals of floats
    /// (`sum`, `avg`, `stddev`) stay whole: a range may read a group's rows in another order, which
    /// rounds differently. The rows without a code (an empty key) belong to the first range.
    private func splitByCodes(_ plan: Relation, at grouping: Relation, chain: RowwiseChain, table: LoadedTable,
                              tables: TableBindings) -> SplitPlan? {
        guard case .aggregate(let input, let keys, let aggregates) = grouping.node,
              !aggregates.contains(where: { PartialColumns.roundsByRowOrder($0.expression) }) else { return nil }
        let candidates = keys.compactMap { key -> (key: NamedExpression, code: String, codes: Int)? in
            guard case .decode(let dictionary, .column(let code, nil, _)) = key.expression, let codes = dictionary.codes, codes > 1,
                  chain.scan.column(named: code) != nil,
                  StoredColumns.codeOrigin(of: code, in: input, along: .loadedRows, tables: tables)?.table.cacheKey == table.cacheKey
            else { return nil }
            return (key, code, codes)
        }
        guard let chosen = candidates.first else { return nil }
        let read = Relation(node: .operator(PartialResults(columns: grouping.columns)), columns: grouping.columns, sources: [])
        let inOrder = grouping.replacing(.sort(read, keys.map { PlanSortKey(.column($0.name, grouping.column(named: $0.name)!.type), descending: false) }))
        let merge = plan.rewritten { $0 === grouping ? inOrder : $0 }
        var parts = Self.bounds(rows: chosen.codes, count: min(parallelism.threads, chosen.codes)).map { first, last in
            SplitPlan.Part(first: first, last: last, missing: first == nil ? .included : .excluded, partial: grouping)
        }
        for index in parts.indices {
            let rows = chain.reading(parts[index].condition(on: chosen.code))
            parts[index].partial = Relation(node: .aggregate(rows, keys: keys, aggregates: grouping.node.aggregates),
                                            columns: grouping.columns, sources: rows.sources, label: grouping.label)
        }
        return SplitPlan(table: table, division: .codes(column: chosen.key.name), ranges: parts, partialColumns: grouping.columns,
                         merge: merge)
    }

    /// Whether an index of `table` holds the group key `key` (a column, its dictionary code, or the
    /// day of a time). Such a grouping reads the index in key order and sorts nothing; each range
    /// of rows would read the whole index to find its own rows, twice the work of one statement on
    /// two cores (measured: Benchmarks/README.md, "Use the cores"), so it stays whole.
    private static func isIndexed(_ key: PlanExpression, input: Relation, table: LoadedTable, tables: TableBindings) -> Bool {
        func logicalColumn(_ name: String) -> String? {
            if let coded = table.layout.columns.first(where: { column in
                if case .dictionary(let dictionary) = column.encoding { return dictionary.codeColumn == name }
                return false
            }) {
                return coded.name
            }
            return StoredColumns.origin(of: name, in: input, along: .valuesKept, tables: tables)?.column.name
        }
        let indexed: IndexKey
        switch key {
        case .decode(_, .column(let code, nil, _)):
            guard let column = logicalColumn(code) else { return false }
            indexed = .column(column)
        case .column(let name, nil, _):
            guard let column = logicalColumn(name) else { return false }
            indexed = .column(column)
        case .call(let operation, let arguments, _) where operation == .date && arguments.count == 1:
            guard case .column(let name, nil, _) = arguments[0], let column = logicalColumn(name) else { return false }
            indexed = .day(column)
        default:
            return false
        }
        return table.layout.indexes.contains { $0.keys.contains(indexed) }
    }

    /// `count` ranges of about equal size over row numbers 1 through `rows`; the first has no
    /// lower bound and the last no upper one, so every row belongs to one range whatever the
    /// numbers are.
    static func bounds(rows: Int, count: Int) -> [(first: Int?, last: Int?)] {
        let size = (rows + count - 1) / count
        return (0..<count).map { index in
            (first: index == 0 ? nil : index * size + 1, last: index == count - 1 ? nil : (index + 1) * size)
        }
    }
}

/// The steps from a grouping's input down to a table scan, when each handles every row on its
/// own (filter, projection, explode): the rows of a range of the table give the range's rows.
private struct RowwiseChain {
    /// From the grouping's input down, the scan excluded.
    var steps: [Relation]
    var scan: Relation
    var source: TableSource

    init?(_ input: Relation) {
        var steps: [Relation] = []
        var current = input
        while true {
            switch current.node {
            case .scan(let source):
                (self.steps, scan, self.source) = (steps, current, source)
                return
            case .filter(let next, _), .project(let next, _), .explode(let next, _, _), .explodeItems(let next, _, _, _):
                steps.append(current)
                current = next
            default:
                return nil
            }
        }
    }

    /// The chain reading only the rows numbered `first` through `last` of its table.
    func reading(rowNumber: String, from first: Int?, to last: Int?) -> Relation {
        let numbered = scan.column(named: rowNumber) != nil ? scan
            : scan.replacing(scan.node, columns: scan.columns + [Column(rowNumber, .int)])
        return reading(SplitPlan.Part.condition(on: rowNumber, first: first, last: last, missing: .excluded), from: numbered)
    }

    /// The chain reading only the rows of its table for which `condition` holds.
    func reading(_ condition: PlanExpression, from table: Relation? = nil) -> Relation {
        let scan = table ?? self.scan
        var current = Relation(node: .filter(scan, condition), columns: scan.columns, sources: scan.sources)
        for step in steps.reversed() {
            current = step.replacing(step.node.replacingInputs([current]))
        }
        return current
    }
}

extension SplitPlan.Part {
    /// The test that keeps the rows of this part, over the row number or code `column`.
    func condition(on column: String) -> PlanExpression {
        Self.condition(on: column, first: first, last: last, missing: missing)
    }

    static func condition(on column: String, first: Int?, last: Int?, missing: Missing) -> PlanExpression {
        let value = PlanExpression.column(column, .int)
        let isMissing = PlanExpression.call(.isNull, [value], type: .bool)
        var conditions: [PlanExpression] = []
        if let first { conditions.append(.call(.greaterOrEqual, [value, .literal(.int(Int64(first)))], type: .bool)) }
        if let last { conditions.append(.call(.lessOrEqual, [value, .literal(.int(Int64(last)))], type: .bool)) }
        if conditions.isEmpty { conditions.append(.call(.isNotNull, [value], type: .bool)) }
        let inRange = conditions.dropFirst().reduce(conditions[0]) { .call(.and, [$0, $1], type: .bool) }
        return missing == .included ? .call(.or, [inRange, isMissing], type: .bool) : inRange
    }
}

private extension PlanNode {
    var aggregates: [NamedExpression] {
        if case .aggregate(_, _, let aggregates) = self { return aggregates }
        return []
    }
}

private extension Relation {
    /// Whether one of its expressions is a window function, which reads other rows than its own.
    var readsWindows: Bool {
        var found = false
        _ = node.replacingExpressions { expression in
            _ = expression.rewritten { part in
                if case .window = part { found = true }
                return part
            }
            return expression
        }
        return found
    }

    /// This step and the steps under it, each after its inputs, left before right (the order in
    /// which the SQL stage emits them).
    var stepsInEmitOrder: [Relation] {
        var ordered: [Relation] = []
        var seen: Set<ObjectIdentifier> = []
        var stack: [(relation: Relation, inputsDone: Bool)] = [(self, false)]
        while let (next, inputsDone) = stack.popLast() {
            if inputsDone {
                ordered.append(next)
                continue
            }
            guard seen.insert(ObjectIdentifier(next)).inserted else { continue }
            stack.append((next, true))
            stack += next.node.inputs.reversed().map { ($0, false) }
        }
        return ordered
    }
}

/// The columns of the partial results being planned: the keys, then the partial aggregates.
private struct PartialColumns {
    private(set) var keys: [NamedExpression] = []
    private(set) var aggregates: [NamedExpression] = []
    private var types: [String: ValueType] = [:]

    var columns: [Column] { (keys + aggregates).map { Column($0.name, types[$0.name] ?? $0.expression.type) } }

    /// Adds a partial column computing `expression`; returns its name.
    mutating func add(_ expression: PlanExpression, type: ValueType, key: Bool = false) -> String {
        let name = "\(LoadedTable.reservedPrefix)\(key ? "k" : "p")\((key ? keys.count : aggregates.count) + 1)"
        types[name] = type
        if key {
            keys.append(NamedExpression(name: name, expression: expression))
        } else {
            aggregates.append(NamedExpression(name: name, expression: expression))
        }
        return name
    }

    /// The merge's expression for an aggregate output, adding the partial aggregates it reads;
    /// nil when an aggregate in it does not decompose or it reads a column outside one.
    mutating func merging(_ expression: PlanExpression) -> PlanExpression? {
        switch expression {
        case .literal:
            return expression
        case .call(let operation, let arguments, let type) where operation.isAggregate:
            guard !arguments.contains(where: \.containsAggregate) else { return nil }
            return mergingAggregate(operation, arguments, type: type)
        case .call(let operation, let arguments, let type):
            var merged: [PlanExpression] = []
            for argument in arguments {
                guard let argument = merging(argument) else { return nil }
                merged.append(argument)
            }
            return .call(operation, merged, type: type)
        case .column, .window, .decode, .encode:
            return nil
        }
    }

    private mutating func mergingAggregate(_ operation: Operation, _ arguments: [PlanExpression], type: ValueType) -> PlanExpression? {
        let whole = PlanExpression.call(operation, arguments, type: type)
        switch operation {
        case .count:
            return .call(.sum, [.column(add(whole, type: .int), .int)], type: .int)
        case .sum where Self.addsExactly(arguments[0].type):
            return .call(.sum, [.column(add(whole, type: type), type)], type: type)
        case .min, .max:
            return .call(operation, [.column(add(whole, type: type), type)], type: type)
        case .avg where Self.addsExactly(arguments[0].type):
            let total = add(.call(.sum, arguments, type: arguments[0].type), type: arguments[0].type)
            let count = add(.call(.count, arguments, type: .int), type: .int)
            // A float quotient, whatever the mean's type (a duration's mean is one too).
            return .call(.divide, [.call(.sum, [.column(total, arguments[0].type)], type: arguments[0].type),
                                   .call(.sum, [.column(count, .int)], type: .int)], type: .float)
        default:
            return nil
        }
    }

    /// Whether `expression` holds an aggregate whose value depends on the order of its rows: a
    /// total of floats, which rounds differently added in another order.
    static func roundsByRowOrder(_ expression: PlanExpression) -> Bool {
        if case .call(let operation, let arguments, _) = expression, operation.isAggregate,
           operation == .stddev || (operation == .sum || operation == .avg) && !addsExactly(arguments[0].type) {
            return true
        }
        return expression.children.contains(where: roundsByRowOrder)
    }

    /// Whether partial totals of `type` add up to the total of the values: whole numbers do
    /// (durations are whole seconds); floats round differently in another order.
    private static func addsExactly(_ type: ValueType) -> Bool {
        type == .int || type == .duration || type == .bool
    }
}

private extension Operation {
    static let stddev = Operation("stddev")
}

private extension PlanExpression {
    var containsAggregate: Bool {
        if case .call(let operation, _, _) = self, operation.isAggregate { return true }
        return children.contains(where: \.containsAggregate)
    }
}
