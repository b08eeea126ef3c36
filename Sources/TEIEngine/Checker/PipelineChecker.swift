import Foundation
import TEILanguage
import TEIStorage

/// What an expression at the head of a pipeline turned out to be.
enum Checked {
    case table(Relation)
    case value(TypedExpression)
}

extension Checker {
    /// Checks an expression that must be a table.
    func table(_ expression: Expression, scope: Scope) throws -> Relation {
        switch try checkHead(expression, scope: scope) {
        case .table(let relation): return relation
        case .value:
            throw error("expected a table here, found a value", at: expression.span,
                        hint: "start a pipeline with a table: a let name, load \"file.csv\", or a function returning a table")
        }
    }

    /// Checks a pipeline, a table name, a load, a function call, or a plain value.
    func checkHead(_ expression: Expression, scope: Scope) throws -> Checked {
        try deeper(at: expression.span) { try checkedHead(expression, scope: scope) }
    }

    private func checkedHead(_ expression: Expression, scope: Scope) throws -> Checked {
        switch expression {
        case .load(let path, let pathSpan, let modifiers, let types, _):
            return .table(try load(path: path, pathSpan: pathSpan, modifiers: modifiers, types: types))

        case .pipeline(let source, let steps, _):
            var relation = try table(source, scope: scope)
            for step in steps {
                relation = try apply(step, to: relation, scope: scope)
                guard relation.depth <= Checker.maximumSteps else {
                    throw error("pipeline has more than \(Checker.maximumSteps) steps, counting those of the tables it reads", at: step.span,
                                hint: "save an intermediate result and load it, or combine steps (one filter with 'and', one take)")
                }
            }
            return .table(relation)

        case .name(let name, nil):
            switch scope.lookup(name.text) {
            case .table(let relation)?: return .table(relation)
            case .argument(let argument, let callerScope)?: return try checkHead(argument, scope: callerScope)
            case .function(let declaration)?: return try expand(declaration, arguments: [], input: nil, callSpan: name.span, scope: scope)
            case .poisoned?: throw Reported()
            case .value?, nil: return .value(try self.expression(expression, in: ExpressionContext(scope: scope)))
            }

        case .call(let name, let arguments, let span):
            if case .function(let declaration)? = scope.lookup(name.text) {
                return try expand(declaration, arguments: arguments, input: nil, callSpan: span, scope: scope)
            }
            return .value(try self.expression(expression, in: ExpressionContext(scope: scope)))

        default:
            return .value(try self.expression(expression, in: ExpressionContext(scope: scope)))
        }
    }

    /// Expands a call of a user function: its body is checked with the parameters bound to the
    /// arguments as written, so a column name passed in is read where the body uses it.
    func expand(_ declaration: FunctionDeclaration, arguments: [Argument], input: Relation?, callSpan: Span, scope: Scope) throws -> Checked {
        let local = try callScope(declaration, at: callSpan, from: scope)
        var parameters = declaration.parameters[...]
        if let input {
            guard let first = parameters.popFirst() else {
                throw error("'\(declaration.name.text)' takes no table to pipe into", at: callSpan,
                            hint: "call it on its own: \(declaration.name.text)()")
            }
            local.define(first.name.text, .table(input))
        }
        var bound: Set<String> = []
        var positional = parameters.makeIterator()
        for argument in arguments {
            let parameter: FunctionDeclaration.Parameter
            if let label = argument.label {
                guard let named = parameters.first(where: { $0.name.text == label.text }) else {
                    throw error("'\(declaration.name.text)' has no parameter '\(label.text)'", at: label.span,
                                hint: Suggestion.hint(for: label.text, among: parameters.map(\.name.text)))
                }
                parameter = named
            } else {
                guard let next = positional.next() else {
                    throw error("too many arguments for '\(declaration.name.text)': it takes \(describeParameters(declaration, piped: input != nil))",
                                at: argument.value.span)
                }
                parameter = next
            }
            guard bound.insert(parameter.name.text).inserted else {
                throw error("'\(parameter.name.text)' is given twice", at: argument.value.span)
            }
            local.define(parameter.name.text, .argument(argument.value, scope))
        }
        for parameter in parameters where !bound.contains(parameter.name.text) {
            guard let defaultValue = parameter.defaultValue else {
                throw error("missing argument '\(parameter.name.text)' for '\(declaration.name.text)'", at: callSpan,
                            hint: "it takes \(describeParameters(declaration, piped: input != nil))")
            }
            local.define(parameter.name.text, .argument(defaultValue, Scope(parent: globals, calls: local.calls)))
        }
        let before = diagnostics.count
        do {
            return try checkHead(declaration.body, scope: local)
        } catch {
            // Point from the error inside the body back to the call that led there.
            if diagnostics.count > before, let source = sources.sources.indices.contains(callSpan.source) ? sources[callSpan.source] : nil {
                let (line, column) = source.location(of: callSpan.start)
                diagnostics[before].hints.append("in the call of '\(declaration.name.text)' at \(source.name):\(line):\(column)")
            }
            throw error
        }
    }

    /// The scope of one call of a user function. tei expands a function where it is called, so a
    /// function that calls itself, directly or through others, is reported at the call instead.
    func callScope(_ declaration: FunctionDeclaration, at span: Span, from scope: Scope) throws -> Scope {
        let name = declaration.name.text
        if let first = scope.calls.firstIndex(of: name) {
            let cycle = scope.calls[first...] + [name]
            let through = cycle.count > 2 ? " (\(cycle.joined(separator: " → ")))" : ""
            throw error("fn \(name) calls itself\(through): recursion is not supported", at: span,
                        hint: "a function is expanded where it is called, so it cannot call itself; compute the steps one by one with let")
        }
        guard scope.calls.count < Checker.maximumCallDepth else {
            throw error("calls of user functions nest more than \(Checker.maximumCallDepth) deep", at: span,
                        hint: "call the functions one after the other with let")
        }
        return Scope(parent: globals, calls: scope.calls + [name])
    }

    private func describeParameters(_ declaration: FunctionDeclaration, piped: Bool) -> String {
        let parameters = declaration.parameters.dropFirst(piped ? 1 : 0)
        if parameters.isEmpty { return "no arguments" }
        return "(" + parameters.map { $0.defaultValue == nil ? $0.name.text : "\($0.name.text) = …" }.joined(separator: ", ") + ")"
    }

    // MARK: - Steps

    func apply(_ step: Step, to input: Relation, scope: Scope) throws -> Relation {
        let context = ExpressionContext(scope: scope, input: input)
        switch step {
        case .take(let from, let to, _):
            let last = try constantInt(to, scope: scope, what: "take")
            if let from {
                let first = try constantInt(from, scope: scope, what: "take")
                guard first >= 1 else { throw error("rows are counted from 1", at: from.span, hint: "take 1..10 is the first ten rows") }
                guard last >= first - 1 else { throw error("take \(first)..\(last) is an empty range", at: to.span) }
                return derived(.limit(input, offset: first - 1, count: last - first + 1), columns: input.columns, from: input)
            }
            guard last >= 0 else { throw error("take needs a count of 0 or more", at: to.span) }
            return derived(.limit(input, offset: 0, count: last), columns: input.columns, from: input)

        case .distinct(let items, _):
            var relation = input
            if !items.isEmpty {
                let named = try namedExpressions(items, context: context, what: "column")
                relation = derived(.project(input, named), columns: named.map { Column($0.name, $0.expression.type) }, from: input)
            }
            return derived(.operator(DistinctOperator(input: relation)), columns: relation.columns, from: relation)

        case .group(let keys, let aggregates, _):
            let namedKeys = try namedExpressions(keys, context: context, what: "group key")
            for key in namedKeys where key.expression.type == .list {
                throw error("cannot group by a list", at: keys.first { $0.name?.text == key.name }?.value.span ?? keys[0].value.span,
                            hint: "explode it first: explode hashtags as tag | group tag (…)")
            }
            var aggregateContext = context
            aggregateContext.aggregation = .allowed
            let namedAggregates = try aggregates.map { item -> NamedExpression in
                guard let name = item.name else {
                    throw error("name this aggregate", at: item.value.span, hint: "write group … (n = count())")
                }
                return NamedExpression(name: try introduced(name), expression: try expression(item.value, in: aggregateContext).expression)
            }
            try checkUnique((namedKeys + namedAggregates).map(\.name), spans: (keys + aggregates).map { $0.name?.span ?? $0.value.span })
            let columns = (namedKeys + namedAggregates).map { Column($0.name, $0.expression.type) }
            return derived(.aggregate(input, keys: namedKeys, aggregates: namedAggregates), columns: columns, from: input)

        case .groupSteps(let keys, let steps, _):
            return try groupSteps(keys: keys, steps: steps, over: input, scope: scope)

        case .join(let kind, let tableExpression, let condition, let span):
            return try join(kind: kind, tableExpression: tableExpression, condition: condition, input: input, scope: scope, span: span)

        case .explode(let listExpression, let name, _):
            _ = try introduced(name)
            let list = try expression(listExpression, in: context)
            guard list.type == .list || list.type == .null else {
                throw error("explode needs a list, found \(list.type.name)", at: listExpression.span,
                            hint: "hashtags, urls and user_mentions are lists")
            }
            let columns = input.columns.filter { $0.name != name.text } + [Column(name.text, .text)]
            return derived(.explode(input, list: list.expression, name: name.text), columns: columns, from: input)

        case .append(let tableExpression, _):
            let other = try table(tableExpression, scope: scope)
            return try appended(input, other, at: tableExpression.span)

        case .transform(let step):
            guard let checking = Transforms.named(step.name.text)?.checkedBy else {
                throw error("'\(step.name.text)' has a grammar but no checking in this build", at: step.name.span)
            }
            return try checking.plan(step, over: input, scope: scope, checker: self)

        case .plot(_, _, let span):
            throw error("plot ends a pipeline", at: span, hint: "nothing can follow plot; save or show the rows before it")

        case .call(let name, let arguments, let span):
            guard case .function(let declaration)? = scope.lookup(name.text) else {
                if case .table? = scope.lookup(name.text) {
                    throw error("'\(name.text)' is a table, not a transform", at: name.span, hint: "to combine tables use join \(name.text) on … or append \(name.text)")
                }
                let written = arguments.map { sources[$0.value.span.source].text(of: $0.value.span) }.joined(separator: ", ")
                if let habit = LanguageHabits.step(name.text, at: name.span, rest: written) { throw report(habit) }
                let candidates = Transforms.all.map(\.name) + scope.allNames.filter {
                    if case .function? = scope.lookup($0) { return true } else { return false }
                }
                throw error("unknown transform '\(name.text)'", at: name.span,
                            hint: Suggestion.hint(for: name.text, among: candidates) ?? "transforms are \(Transforms.all.map(\.name).joined(separator: ", "))")
            }
            switch try expand(declaration, arguments: arguments, input: input, callSpan: span, scope: scope) {
            case .table(let relation): return relation
            case .value: throw error("'\(name.text)' returns a value, not a table", at: span)
            }
        }
    }

    /// `first`'s rows, then `other`'s, matched by column name: the columns are `first`'s, then those
    /// only `other` has, in its order; a side lacking a column gives null there. A column of both
    /// keeps its type, or widens (int with float is float, date with timestamp is timestamp).
    private func appended(_ first: Relation, _ other: Relation, at span: Span) throws -> Relation {
        var columns: [Column] = []
        for column in first.columns {
            guard let otherType = other.column(named: column.name)?.type else {
                columns.append(column)
                continue
            }
            guard let type = FunctionTable.commonType([column.type, otherType]) else {
                throw error("column '\(column.name)' is \(column.type.name) in the table before append but \(otherType.name) in the appended table",
                            at: span, hint: "append matches columns by name: convert one side (derive \(column.name) = text(\(column.name))) or rename one of them")
            }
            columns.append(Column(column.name, type))
        }
        columns += other.columns.filter { first.column(named: $0.name) == nil }
        return Relation(node: .append(padded(first, to: columns), padded(other, to: columns)), columns: columns,
                        sources: first.sources + other.sources)
    }

    /// `relation` with a null column for each of `columns` it lacks, so both sides of an append
    /// give the same columns; unchanged when it has them all.
    private func padded(_ relation: Relation, to columns: [Column]) -> Relation {
        guard columns.contains(where: { relation.column(named: $0.name) == nil }) else { return relation }
        let outputs = columns.map { column in
            NamedExpression(name: column.name, expression: relation.column(named: column.name).map { .column($0.name, side: nil, type: $0.type) }
                                ?? .literal(.null, type: column.type))
        }
        return derived(.project(relation, outputs), columns: columns.map { column in relation.column(named: column.name) ?? column }, from: relation)
    }

    func derived(_ node: PlanNode, columns: [Column], from input: Relation) -> Relation {
        Relation(node: node, columns: columns, sources: input.sources)
    }

    func namedExpressions(_ items: [Binding], context: ExpressionContext, what: String) throws -> [NamedExpression] {
        let named = try items.map { item -> NamedExpression in
            let typed = try expression(item.value, in: context)
            guard let name = try item.name.map(introduced) ?? typed.columnName else {
                throw error("name this \(what)", at: item.value.span, hint: "write name = expression, or expression as name")
            }
            return NamedExpression(name: name, expression: typed.expression)
        }
        try checkUnique(named.map(\.name), spans: items.map { $0.name?.span ?? $0.value.span })
        return named
    }

    private func checkUnique(_ names: [String], spans: [Span]) throws {
        var seen: Set<String> = []
        for (name, span) in zip(names, spans) where !seen.insert(name).inserted {
            throw error("column '\(name)' appears twice", at: span, hint: "rename one with name = …")
        }
    }

    func constantInt(_ expression: Expression, scope: Scope, what: String) throws -> Int {
        let typed = try self.expression(expression, in: ExpressionContext(scope: scope))
        guard case .int(let value)? = typed.constant else {
            throw error("\(what) needs a whole number known before the query runs", at: expression.span,
                        hint: "write a number, or a param or let bound to one")
        }
        return Int(clamping: value)
    }

    // MARK: - Join

    private func join(kind: JoinKind, tableExpression: Expression, condition: JoinCondition, input: Relation,
                      scope: Scope, span: Span) throws -> Relation {
        let right = try table(tableExpression, scope: scope)
        var suffix = "right"
        if case .name(let name, nil) = tableExpression { suffix = name.text }
        let condition = try joinCondition(condition, left: input, right: right, rightName: suffix, scope: scope)
        var outputs = input.columns.map { NamedExpression(name: $0.name, expression: .column($0.name, $0.type, side: .left)) }
        if kind == .inner || kind == .left {
            var taken = Set(input.columns.map(\.name))
            for column in right.columns where !condition.sharedKeys.contains(column.name) {
                var name = column.name
                if taken.contains(name) { name = "\(column.name)_\(suffix)" }
                var counter = 2
                while taken.contains(name) { name = "\(column.name)_\(suffix)\(counter)"; counter += 1 }
                taken.insert(name)
                outputs.append(NamedExpression(name: name, expression: .column(column.name, column.type, side: .right)))
            }
        }
        let plan: JoinKindPlan = JoinKindPlan(rawValue: kind.rawValue)!
        return Relation(node: .join(kind: plan, left: input, right: right, condition: condition.expression.expression, outputs: outputs),
                        columns: outputs.map { Column($0.name, $0.expression.type) }, sources: input.sources + right.sources)
    }

    private func joinCondition(_ condition: JoinCondition, left: Relation, right: Relation, rightName: String,
                               scope: Scope) throws -> (expression: TypedExpression, sharedKeys: Set<String>) {
        switch condition {
        case .columns(let names):
            var parts: [PlanExpression] = []
            for name in names {
                guard let l = left.column(named: name.text) else {
                    throw error("unknown column '\(name.text)' in the left table", at: name.span,
                                hint: Suggestion.hint(for: name.text, among: left.columns.map(\.name)))
                }
                guard let r = right.column(named: name.text) else {
                    throw error("unknown column '\(name.text)' in '\(rightName)'", at: name.span,
                                hint: Suggestion.hint(for: name.text, among: right.columns.map(\.name))
                                    ?? "to join on differently named columns write: on \(name.text) == other_name")
                }
                guard Comparison.comparable(l.type, r.type) else {
                    throw error("cannot join \(l.type.name) '\(name.text)' with \(r.type.name) '\(name.text)'", at: name.span)
                }
                parts.append(.call(.equal, [.column(name.text, l.type, side: .left), .column(name.text, r.type, side: .right)], type: .bool))
            }
            let joined = parts.dropFirst().reduce(parts[0]) { .call(.and, [$0, $1], type: .bool) }
            return (TypedExpression(joined), Set(names.map(\.text)))
        case .expression(let expression):
            var context = ExpressionContext(scope: scope, input: left)
            context.right = right
            context.rightName = rightName
            let typed = try self.expression(expression, in: context)
            guard typed.type == .bool else {
                throw error("a join condition must be true or false, found \(typed.type.name)", at: expression.span,
                            hint: "compare columns: on retweet_userid == userid")
            }
            return (typed, [])
        }
    }
}
