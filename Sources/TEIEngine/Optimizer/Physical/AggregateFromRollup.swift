import TEIStorage

/// A `group` that a rollup of its table can answer reads the rollup (`RollupLayout`, one row per
/// combination of a few columns' values with the number of rows that have it) instead of the
/// table: thousands of rows instead of millions. It does when every key, every filter and every
/// projection on the way from the table reads only the rollup's dimensions, a time kept per hour
/// only through a function that is the same for the whole hour (`hour`, `date`, `weekday`, …),
/// and every aggregate re-aggregates: `count()` becomes the sum of the weights, and
/// `count_distinct`, `min` and `max` of a dimension stay as they are. A rollup of a list's items
/// answers a group of `explode` of that list from the table's rows as loaded (no filter before
/// it). Anything else (a column not in the rollup, an aggregate that does not decompose, a time
/// function finer than the rollup's grain, a `take` on the way) keeps the plan as it was.
///
/// Sorts on the way are dropped: a group's rows come out in the order of its keys whatever the
/// order of its input, and the aggregates it keeps do not depend on that order.
struct AggregateFromRollup: PhysicalPass {
    func rewrite(_ plan: Relation, tables: TableBindings) -> Relation {
        plan.rewritten { relation in
            guard case .aggregate(let input, let keys, let aggregates) = relation.node, !keys.isEmpty,
                  let (path, leaf) = Self.path(from: input) else { return relation }
            for rollup in Self.candidates(leaf, tables: tables) {
                if let rewritten = Self.rewrite(relation, keys: keys, aggregates: aggregates, path: path, leaf: leaf, rollup: rollup,
                                               tables: tables) {
                    return rewritten
                }
            }
            return relation
        }
    }

    /// Where a group's input comes from: the filters, projections and sorts on the way (top
    /// first), down to a scan or to the `explode` of a loaded list column.
    private enum Leaf {
        case scan(Relation, TableSource)
        /// The explode, the list column it reads of the table and the name of its items.
        case explode(Relation, TableSource, list: String, name: String)
    }

    private static func path(from relation: Relation) -> ([Relation], Leaf)? {
        var path: [Relation] = []
        var current = relation
        while true {
            switch current.node {
            case .filter(let input, _), .project(let input, _), .sort(let input, _):
                path.append(current)
                current = input
            case .scan(let source):
                return (path, .scan(current, source))
            case .explode(let input, .column(let list, nil, .list), let name):
                guard let source = loadedRows(of: list, in: input) else { return nil }
                return (path, .explode(current, source, list: list, name: name))
            default:
                return nil
            }
        }
    }

    /// The table whose list column `list` reaches `relation` unchanged, each loaded row once:
    /// through projections that keep its name and sorts only.
    private static func loadedRows(of list: String, in relation: Relation) -> TableSource? {
        var current = relation
        while true {
            switch current.node {
            case .scan(let source): return source
            case .sort(let input, _): current = input
            case .project(let input, let outputs):
                guard outputs.contains(where: { $0.name == list && $0.expression.isColumn(list, side: nil) }) else { return nil }
                current = input
            default: return nil
            }
        }
    }

    /// The rollups of the leaf's table that count what the leaf gives: its rows, or the items of its list.
    private static func candidates(_ leaf: Leaf, tables: TableBindings) -> [RollupLayout] {
        switch leaf {
        case .scan(_, let source): return tables.table(for: source).layout.rollups.filter { $0.itemsOf == nil }
        case .explode(_, let source, let list, _): return tables.table(for: source).layout.rollups.filter { $0.itemsOf == list }
        }
    }

    /// The group over the rollup, or nil when the rollup cannot answer it.
    private static func rewrite(_ group: Relation, keys: [NamedExpression], aggregates: [NamedExpression], path: [Relation], leaf: Leaf,
                                rollup: RollupLayout, tables: TableBindings) -> Relation? {
        let weight = Column(rollup.weightColumn, .int)
        var grains = RollupGrains()
        var outputs: [RollupScanOperator.Output] = []
        let leafRelation: Relation
        var dictionaries: [String: DictionaryLayout] = [:]
        switch leaf {
        case .scan(let scan, let source):
            leafRelation = scan
            let layout = tables.table(for: source).layout
            for column in scan.columns {
                guard let dimension = rollup.dimension(named: column.name) else { continue }
                grains.columns[column.name] = dimension.grain
                outputs.append(.init(stored: column.name, column: column))
                if case .dictionary(let dictionary)? = layout.column(named: column.name)?.encoding { dictionaries[column.name] = dictionary }
            }
        case .explode(let explode, _, let list, let name):
            leafRelation = explode
            grains.columns[name] = .exact
            outputs.append(.init(stored: list, column: Column(name, .text)))
        }
        // Check the steps from the bottom up, each against the columns the steps below give.
        for step in path.reversed() {
            switch step.node {
            case .filter(_, let condition):
                guard grains.grain(of: condition) == .exact else { return nil }
            case .project(_, let projected):
                grains = grains.after(projected)
            default:
                continue
            }
        }
        guard keys.allSatisfy({ grains.grain(of: $0.expression) == .exact }) else { return nil }
        var summed: [NamedExpression] = []
        for aggregate in aggregates {
            guard let expression = reaggregated(aggregate.expression, grains: grains, weight: weight) else { return nil }
            summed.append(NamedExpression(name: aggregate.name, expression: expression))
        }
        // A key that is a dictionary column of the table groups by its code and is decoded once
        // per group, as `GroupByDictionaryCode` does over the table.
        var carried = [weight]
        let coded = keys.map { key -> NamedExpression in
            guard case .column(let name, nil, _) = key.expression, let origin = origin(of: name, along: path),
                  let dictionary = dictionaries[origin] else { return key }
            let code = Column(dictionary.codeColumn, .int)
            if !carried.contains(code) {
                carried.append(code)
                outputs.append(.init(stored: code.name, column: code))
            }
            return NamedExpression(name: key.name, expression: .decode(dictionary, code: .column(code.name, .int)))
        }
        outputs.append(.init(stored: rollup.weightColumn, column: weight))
        // Rebuild the steps over the rollup, the weight (and codes) carried through each projection.
        let scanOperator = RollupScanOperator(rollup: rollup, outputs: outputs)
        var current = Relation(node: .operator(scanOperator), columns: outputs.map(\.column), sources: leafRelation.sources,
                               label: rollup.relation.name)
        for step in path.reversed() {
            switch step.node {
            case .filter(_, let condition):
                current = step.replacing(.filter(current, condition), columns: current.columns)
            case .project(_, let projected):
                let passed = carried.map { NamedExpression(name: $0.name, expression: .column($0.name, .int)) }
                current = step.replacing(.project(current, projected + passed), columns: step.columns + carried)
            default:
                continue
            }
        }
        return group.replacing(.aggregate(current, keys: coded, aggregates: summed))
    }

    /// The leaf's column that column `name` of the top of `path` passes on unchanged, if any.
    private static func origin(of name: String, along path: [Relation]) -> String? {
        var name = name
        for step in path {
            guard case .project(_, let outputs) = step.node else { continue }
            guard let output = outputs.first(where: { $0.name == name }), case .column(let source, nil, _) = output.expression else { return nil }
            name = source
        }
        return name
    }

    /// `expression`, an aggregate of the group, over the rollup's rows: nil when it does not
    /// re-aggregate.
    private static func reaggregated(_ expression: PlanExpression, grains: RollupGrains, weight: Column) -> PlanExpression? {
        switch expression {
        case .literal: return expression
        case .call(let operation, let arguments, let type) where operation.isAggregate:
            switch (operation, arguments.count) {
            case (.count, 0):
                return .call(.sum, [.column(weight.name, .int)], type: type)
            case (Operation("count_distinct"), 1), (.min, 1), (.max, 1):
                return grains.grain(of: arguments[0]) == .exact ? expression : nil
            default:
                return nil
            }
        case .call(let operation, let arguments, let type):
            var rewritten: [PlanExpression] = []
            for argument in arguments {
                guard let argument = reaggregated(argument, grains: grains, weight: weight) else { return nil }
                rewritten.append(argument)
            }
            return .call(operation, rewritten, type: type)
        default:
            return nil
        }
    }
}

/// What the columns of a step over a rollup hold: each a function of the rollup's dimensions
/// (`exact`), or a time dimension as stored, rounded down to its grain.
private struct RollupGrains {
    /// Per column a step gives from the rollup; a column not here is not computable from it.
    var columns: [String: RollupGrain] = [:]

    /// For a time rounded down to buckets of this many seconds, the functions whose value is the
    /// same for every time of a bucket: those of the calendar (UTC, as every time in tei) whose
    /// period the bucket divides.
    private static let calendarPeriods: [String: Int64] = [
        "hour": 3600, "date": 86400, "day": 86400, "weekday": 86400, "weekday_name": 86400, "month": 86400, "year": 86400,
        "bin_months": 86400,
    ]

    /// `.exact` when `expression` is a function of the dimensions, the grain of a time dimension
    /// it reads as it is, nil when the rollup cannot compute it.
    func grain(of expression: PlanExpression) -> RollupGrain? {
        switch expression {
        case .column(let name, nil, _): return columns[name]
        case .literal: return .exact
        case .call(let operation, let arguments, _) where !operation.isAggregate:
            if let first = arguments.first, case .seconds(let bucket)? = grain(of: first) {
                guard arguments.dropFirst().allSatisfy({ grain(of: $0) == .exact }) else { return nil }
                return Self.isConstant(operation, over: bucket, arguments: arguments) ? .exact : nil
            }
            return arguments.allSatisfy({ grain(of: $0) == .exact }) ? .exact : nil
        default:
            return nil
        }
    }

    /// Whether `operation` of a time (its first argument) is the same for every time of an
    /// aligned bucket of `bucket` seconds.
    private static func isConstant(_ operation: Operation, over bucket: Int64, arguments: [PlanExpression]) -> Bool {
        if let period = calendarPeriods[operation.rawValue] {
            return (operation.rawValue == "date" ? arguments.count == 1 : true) && period % bucket == 0
        }
        // `bin(time, size)`: buckets of `size` from a midnight (a Monday for weeks).
        if operation == .bin, arguments.count == 2, case .literal(.duration(let size), _) = arguments[1] {
            return size > 0 && size % bucket == 0 && 86400 % bucket == 0
        }
        return false
    }

    /// The columns a projection gives: a column passed on keeps its grain, anything else is
    /// computable when it is a function of the dimensions.
    func after(_ outputs: [NamedExpression]) -> RollupGrains {
        var next = RollupGrains()
        for output in outputs {
            if case .column(let name, nil, _) = output.expression {
                next.columns[output.name] = columns[name]
            } else if grain(of: output.expression) == .exact {
                next.columns[output.name] = .exact
            }
        }
        return next
    }
}
