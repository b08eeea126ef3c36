import TEILanguage
import TEIStorage

/// The rows a window function in a `derive` runs over: its group's, in the order sorts gave them.
struct WindowScope {
    /// The group keys (none: the whole table is one group).
    var partition: [PlanExpression]
    /// The keys of the last sort, over the step's input columns; nil when no sort orders the rows.
    var order: [PlanSortKey]?
}

extension Checker {
    /// The window scope of a `derive` over `input`.
    func windowScope(over input: Relation) -> WindowScope {
        WindowScope(partition: groupPartition, order: input.sortKeysInForce)
    }

    /// A call of a window function, or of an aggregate over the whole group, as a window expression.
    func windowCall(_ function: BuiltinFunction, name: Name, arguments: [Argument], span: Span,
                    in context: ExpressionContext) throws -> TypedExpression {
        guard let windows = context.windows, context.aggregation == .forbidden else {
            if context.aggregation != .forbidden {
                throw error("window function '\(name.text)' in group's aggregates", at: span,
                            hint: "run it on each group's rows: group userid (sort tweet_time | derive x = \(name.text)(…))")
            }
            throw error("window function '\(name.text)' outside derive", at: span,
                        hint: "compute it into a column first: derive x = \(name.text)(…), then use x")
        }
        var argumentContext = context
        argumentContext.windows = nil
        let typed = try arguments.map { try expression($0.value, in: argumentContext) }
        let type: ValueType
        switch function.resolve(typed) {
        case .success(let resolved): type = resolved
        case .failure(let failure):
            let place = failure.argument.flatMap { $0 < arguments.count ? arguments[$0].value.span : nil } ?? span
            throw error("\(name.text): \(failure.message)", at: place, hint: "write \(function.signature)")
        }
        let operation = function.operation
        guard let ordering = function.ordering else {
            // An aggregate over every row of the group: the same value on each of them.
            guard ["count", "sum", "avg", "min", "max"].contains(name.text) else {
                throw error("'\(name.text)' of a whole group works only in group's parentheses", at: span,
                            hint: "compute it per group with group … (x = \(name.text)(…)) and join it back on the keys")
            }
            return TypedExpression(.window(operation, typed.map(\.expression), partition: windows.partition, order: [], type: type))
        }
        guard let order = windows.order, !order.isEmpty else {
            throw error("'\(name.text)' needs the rows in an order, and no sort orders them here", at: span,
                        hint: "sort them first: sort tweet_time | derive …, or per account: group userid (sort tweet_time | derive …)")
        }
        var planArguments = typed.map(\.expression)
        switch ordering {
        case .rows where typed.count == 2:
            // lag and lead: how many rows back or ahead.
            guard case .int(let rows)? = typed[1].constant, rows >= 1 else {
                throw error("\(name.text) needs a whole number of rows, 1 or more, known before the query runs", at: arguments[1].value.span,
                            hint: "write \(function.signature), as in \(name.text)(tweet_time, 2)")
            }
            planArguments[1] = .literal(.int(rows))
        case .rows, .keys:
            break
        case .range:
            planArguments[planArguments.count - 1] = try rangeSpan(typed[typed.count - 1], writtenAt: arguments[arguments.count - 1].value.span,
                                                                 order: order, function: name.text)
        }
        return TypedExpression(.window(operation, planArguments, partition: windows.partition, order: order, type: type))
    }

    /// The span of a rolling function as the literal its one ascending sort key is compared with.
    /// A span of 7d covers the seven days up to this row's time, not one more: the rows whose key k
    /// has t − 7d < k ≤ t. Times are whole seconds and so are the keys of a whole-number sort, so
    /// that is every row at most span − 1 before (the number a frame `N PRECEDING` takes).
    private func rangeSpan(_ span: TypedExpression, writtenAt place: Span, order: [PlanSortKey], function: String) throws -> PlanExpression {
        guard order.count == 1, !order[0].descending else {
            throw error("'\(function)' needs the rows sorted by one key, ascending, that the span is measured on", at: place,
                        hint: "sort by the time alone: sort tweet_time | derive x = \(function)(…, 7d), or group userid (sort tweet_time | derive …)")
        }
        let key = order[0].expression.type
        switch (key, span.constant) {
        case (.timestamp, .duration(let units)?) where units > 0, (.date, .duration(let units)?) where units > 0,
             (.int, .int(let units)?) where units > 0:
            return .literal(.int(units - 1))
        default:
            break
        }
        let keyKnown = key.isTemporal || key == .int
        throw error("the span of '\(function)' must be \(key.isTemporal ? "a duration such as 7d" : key == .int ? "a whole number" : "measured on a time or a whole number"), more than 0, known before the query runs",
                    at: place, hint: keyKnown ? "write \(function)(…, \(key.isTemporal ? "7d" : "10")) with the rows sorted by \(key.name)" : "sort by a time or a whole number, not \(key.name)")
    }
}

extension Relation {
    /// The sort keys that order these rows, over its own columns: those of the last `sort` (or
    /// `group`), followed through steps that keep rows in their order and keep the keys' columns as
    /// they are. Rows they tie keep the order they had before, which the SQL stage reads for the
    /// functions that go row by row; `rank` ties them. Nil when no sort orders the rows (a loaded
    /// table's file order is an order, but not one to rank by).
    var sortKeysInForce: [PlanSortKey]? {
        switch node {
        case .sort(_, let keys):
            return keys
        case .filter(let input, _), .limit(let input, _, _), .window(let input, _):
            return input.sortKeysInForce
        case .project(let input, let outputs):
            guard let keys = input.sortKeysInForce else { return nil }
            // A key reads input columns; it holds here if each of them passes through unchanged.
            var passed: [String: String] = [:]
            for output in outputs {
                if case .column(let name, nil, _) = output.expression, passed[name] == nil { passed[name] = output.name }
            }
            var mapped: [PlanSortKey] = []
            for key in keys {
                guard key.expression.columnsRead.allSatisfy({ $0.side == nil && passed[$0.name] != nil }) else { return nil }
                let expression = key.expression.rewritten { part in
                    guard case .column(let name, nil, let type) = part else { return part }
                    return .column(passed[name]!, type)
                }
                mapped.append(PlanSortKey(expression, descending: key.descending))
            }
            return mapped
        case .aggregate(_, let keys, _):
            // Groups come sorted by their keys.
            return keys.isEmpty ? nil : keys.map { PlanSortKey(.column($0.name, $0.expression.type), descending: false) }
        default:
            return nil
        }
    }
}

extension Checker {
    /// `expression` over `input`, with each window function in it computed by a window step over
    /// `input` into a hidden column and read from there: the relation to compute it on (`input`
    /// itself when it has none) and the expression to compute.
    func computingWindows(_ expression: PlanExpression, over input: Relation) -> (Relation, PlanExpression) {
        var outputs: [NamedExpression] = []
        let taken = Set(input.columns.map(\.name))
        let rewritten = expression.rewritten { part in
            guard case .window = part else { return part }
            var name = "\(LoadedTable.reservedPrefix)w\(outputs.count + 1)"
            while taken.contains(name) { name += "_" }
            outputs.append(NamedExpression(name: name, expression: part))
            return .column(name, part.type)
        }
        guard !outputs.isEmpty else { return (input, expression) }
        let columns = input.columns + outputs.map { Column($0.name, $0.expression.type) }
        return (derived(.window(input, outputs), columns: columns, from: input), rewritten)
    }
}
