import TEILanguage
import TEIStorage

/// Where an expression is checked: which names it can see and whether aggregates are allowed.
struct ExpressionContext {
    enum Aggregation { case forbidden, allowed, inside }

    var scope: Scope
    /// The relation whose columns the expression reads.
    var input: Relation?
    /// In a join condition: the right table, and the name to qualify its columns with.
    var right: Relation?
    var rightName: String?
    var aggregation: Aggregation = .forbidden
    /// In a join condition, which side an unqualified name is looked up in first.
    var preferredSide: JoinSide?
    /// Where window functions are allowed (`derive`): the rows they run over. An aggregate here
    /// is computed over the whole group (or table), once per row.
    var windows: WindowScope?

    init(scope: Scope, input: Relation? = nil) {
        self.scope = scope
        self.input = input
    }
}

/// Which types can be compared with each other.
enum Comparison {
    static func comparable(_ a: ValueType, _ b: ValueType) -> Bool {
        a == .null || b == .null || FunctionTable.commonType([a, b]) != nil
    }
}

extension Diagnostic {
    /// A whole number past 64 bits; `what` says which (a literal's result, or one a query computed).
    static func integerOverflow(_ what: String, at span: Span?) -> Diagnostic {
        .error("integer overflow: \(what) is beyond ±\(Int64.max)", at: span,
               hint: "whole numbers have 64 bits; compute in floating point with float(x)")
    }
}

extension Checker {
    /// Checks an expression that computes a value per row (or a constant).
    func expression(_ expression: Expression, in context: ExpressionContext) throws -> TypedExpression {
        try deeper(at: expression.span) { try typed(expression, in: context) }
    }

    private func typed(_ expression: Expression, in context: ExpressionContext) throws -> TypedExpression {
        switch expression {
        case .integer(let v, _): return TypedExpression(constant: .int(v), type: .int)
        case .float(let v, _): return TypedExpression(constant: .float(v), type: .float)
        case .string(let v, _): return TypedExpression(constant: .text(v), type: .text)
        case .bool(let v, _): return TypedExpression(constant: .bool(v), type: .bool)
        case .null: return TypedExpression(constant: .null, type: .null)
        case .date(let seconds, let hasTime, _):
            return hasTime ? TypedExpression(constant: .timestamp(seconds), type: .timestamp)
                : TypedExpression(constant: .date(seconds), type: .date)
        case .duration(let seconds, _): return TypedExpression(constant: .duration(seconds), type: .duration)
        case .calendarPeriod(_, let span):
            // Months and years differ in length, so `t + 1mo` would need calendar arithmetic.
            throw error("a calendar period has no fixed length; only bin takes one", at: span,
                        hint: "bin(tweet_time, 1mo) buckets by calendar month; for a fixed length write days or weeks (30d, 4w)")

        case .list(let items, _):
            let typed = try items.map { try self.expression($0, in: context) }
            for (item, source) in zip(typed, items) where item.type != .text && item.type != .null {
                throw error("lists hold text, found \(item.type.name)", at: source.span, hint: "write text in quotes: [\"a\", \"b\"]")
            }
            let constants = typed.compactMap { item -> String? in
                if case .text(let v)? = item.constant { return v } else { return nil }
            }
            let constant: Value? = constants.count == typed.count ? .list(constants) : nil
            return derived(.makeList, typed, type: .list, constant: constant)

        case .name(let name, let qualifier):
            return try resolve(name, qualifier: qualifier, in: context)

        case .unary(let op, let operand, let span):
            let typed = try self.expression(operand, in: context)
            if op == "not" {
                guard typed.type == .bool || typed.type == .null else {
                    throw error("'not' needs true or false, found \(typed.type.name)", at: span)
                }
                return derived(.not, [typed], type: .bool, constant: typed.constant.flatMap { v in
                    if case .bool(let b) = v { return .bool(!b) } else { return nil }
                })
            }
            guard typed.type.isNumeric || typed.type == .duration || typed.type == .null else {
                throw error("cannot negate \(typed.type.name)", at: span)
            }
            if case .int(Int64.min)? = typed.constant { throw integerOverflow(at: span) }
            return derived(.negate, [typed], type: typed.type, constant: negate(typed.constant))

        case .binary(let op, let left, let right, let opSpan):
            var leftContext = context, rightContext = context
            if context.right != nil, op == .equal {
                leftContext.preferredSide = .left
                rightContext.preferredSide = .right
            }
            let l = try self.expression(left, in: leftContext)
            let r = try self.expression(right, in: rightContext)
            return try binary(op, l, r, opSpan: opSpan, left: left, right: right)

        case .membership(let value, let list, let negated, _):
            let v = try self.expression(value, in: context)
            if case .list(let items, let listSpan) = list {
                // Each item is an expression of the statement: past this many, the statement's own
                // limit would stop it with a hint about functions that does not apply.
                guard items.count <= Checker.maximumListItems else {
                    throw error("a list of \(items.count) items is more than tei can compare at once (limit \(Checker.maximumListItems))",
                                at: listSpan, hint: "save the values in a CSV file, load it and use join")
                }
                let typed = try items.map { try self.expression($0, in: context) }
                for (item, source) in zip(typed, items) where !Comparison.comparable(v.type, item.type) {
                    throw error("cannot look for \(v.type.name) among \(item.type.name) values", at: source.span)
                }
                if typed.isEmpty { return TypedExpression(constant: .bool(negated), type: .bool) }
                let found = derived(.inList, [v] + typed, type: .bool)
                return negated ? derived(.not, [found], type: .bool) : found
            }
            let l = try self.expression(list, in: context)
            guard l.type == .list else {
                throw error("'in' needs a list, found \(l.type.name)", at: list.span, hint: "write x in [\"a\", \"b\"]")
            }
            guard v.type == .text || v.type == .null else {
                throw error("lists hold text; cannot look for \(v.type.name) in one", at: value.span)
            }
            let found = derived(.listContains, [l, v], type: .bool)
            return negated ? derived(.not, [found], type: .bool) : found

        case .call(let name, let arguments, let span):
            return try call(name, arguments: arguments, span: span, in: context)

        case .load(_, _, _, _, let span), .pipeline(_, _, let span):
            throw error("expected a value here, found a table", at: span,
                        hint: "a table cannot be used as a value; join it, or use count/group to get a number")
        }
    }

    /// A call of `operation`; one whose value the checker computed is that value instead.
    private func derived(_ operation: Operation, _ arguments: [TypedExpression], type: ValueType, constant: Value? = nil) -> TypedExpression {
        if let constant { return TypedExpression(constant: constant, type: type) }
        return TypedExpression(.call(operation, arguments.map(\.expression), type: type),
                               isAggregate: operation.isAggregate || arguments.contains { $0.isAggregate })
    }

    private func negate(_ value: Value?) -> Value? {
        switch value {
        case .int(let v)? where v != .min: return .int(-v)
        case .float(let v)?: return .float(-v)
        case .duration(let v)? where v != .min: return .duration(-v)
        default: return nil
        }
    }

    // MARK: - Names

    private func resolve(_ name: Name, qualifier: Name?, in context: ExpressionContext) throws -> TypedExpression {
        if let qualifier {
            guard context.right != nil else {
                throw error("'\(qualifier.text).\(name.text)': qualified names are for join conditions", at: qualifier.span.to(name.span))
            }
            let side: JoinSide
            switch qualifier.text {
            case "left": side = .left
            case "right", context.rightName: side = .right
            default:
                throw error("unknown table '\(qualifier.text)' in the join condition", at: qualifier.span,
                            hint: "write left.\(name.text) or right.\(name.text)")
            }
            let relation = side == .left ? context.input! : context.right!
            guard let column = relation.column(named: name.text) else {
                throw error("unknown column '\(name.text)' in the \(side == .left ? "left" : "right") table", at: name.span,
                            hint: Suggestion.hint(for: name.text, among: relation.columns.map(\.name)))
            }
            return .column(column, side: side)
        }
        // A function's parameters shadow columns; columns shadow global names.
        if context.scope !== globals, case .argument(let argument, let callerScope)? = context.scope.names[name.text] {
            var inner = context
            inner.scope = callerScope
            return try expression(argument, in: inner)
        }
        if context.scope !== globals, case .table? = context.scope.names[name.text] {
            throw error("'\(name.text)' is a table, not a value", at: name.span)
        }
        if let column = try column(named: name, in: context) {
            if context.aggregation == .allowed {
                throw error("column '\(name.text)' is not inside an aggregate", at: name.span,
                            hint: "group's parentheses compute over many rows: use min(\(name.text)), max(\(name.text)), count(\(name.text)) or make it a group key")
            }
            return column
        }
        switch context.scope.lookup(name.text) {
        case .value(let typed)?: return typed
        case .argument(let argument, let callerScope)?:
            var inner = context
            inner.scope = callerScope
            return try expression(argument, in: inner)
        case .table?:
            throw error("'\(name.text)' is a table, not a value", at: name.span,
                        hint: "join it (join \(name.text) on …) to use its columns")
        case .function?:
            throw error("'\(name.text)' is a function", at: name.span, hint: "call it: \(name.text)(…)")
        case .poisoned?:
            throw Reported()
        case nil:
            let columns = (context.input?.columns ?? []) + (context.right?.columns ?? [])
            let values = context.scope.allNames.filter { if case .value? = context.scope.lookup($0) { return true } else { return false } }
            let hint = Suggestion.hint(for: name.text, among: columns.map(\.name) + values)
            if context.input == nil {
                throw error("unknown name '\(name.text)'", at: name.span, hint: hint ?? "define it first: let \(name.text) = …")
            }
            throw error("unknown column '\(name.text)'", at: name.span, hint: hint)
        }
    }

    private func column(named name: Name, in context: ExpressionContext) throws -> TypedExpression? {
        guard let left = context.input else { return nil }
        guard let right = context.right else {
            return left.column(named: name.text).map { .column($0) }
        }
        let l = left.column(named: name.text), r = right.column(named: name.text)
        switch (l, r, context.preferredSide) {
        case (let l?, nil, _), (let l?, _, .left?): return .column(l, side: .left)
        case (nil, let r?, _), (_, let r?, .right?): return .column(r, side: .right)
        case (.some, .some, _):
            throw error("'\(name.text)' is a column of both tables", at: name.span,
                        hint: "write left.\(name.text) or right.\(name.text)")
        case (nil, nil, _): return nil
        }
    }

    // MARK: - Operators

    /// The tei way for a comparison that another language allows: a bool against text (`is_retweet
    /// == "true"`, as the CSV spells it) or a list against one value (`hashtags == "MAGA"`).
    private func comparisonHabit(_ op: BinaryOperator, _ l: (typed: TypedExpression, source: Expression),
                                 _ r: (typed: TypedExpression, source: Expression)) -> String? {
        let sides = [l, r]
        guard let other = sides.first(where: { $0.typed.type == .text }),
              let mine = sides.first(where: { $0.typed.type != .text }) else { return nil }
        let code = sources[mine.source.span.source].text(of: mine.source.span)
        switch mine.typed.type {
        case .bool:
            return "compare a bool with true/false: \(code) \(op.rawValue) true, or filter \(code) alone"
        case .list where op == .equal || op == .notEqual:
            let call = "contains(\(code), \(sources[other.source.span.source].text(of: other.source.span)))"
            return "a list holds many values: \(op == .equal ? "" : "not ")\(call) asks whether one of them is it"
        default:
            return nil
        }
    }

    private func binary(_ op: BinaryOperator, _ l: TypedExpression, _ r: TypedExpression, opSpan: Span,
                        left: Expression, right: Expression) throws -> TypedExpression {
        func mismatch(_ hint: String? = nil) -> Reported {
            error("cannot apply '\(op.rawValue)' to \(l.type.name) and \(r.type.name)", at: left.span.to(right.span), hint: hint)
        }
        let types = (l.type, r.type)
        switch op {
        case .and, .or:
            for (typed, source) in [(l, left), (r, right)] where typed.type != .bool && typed.type != .null {
                throw error("'\(op.rawValue)' needs true or false on both sides, found \(typed.type.name)", at: source.span)
            }
            return derived(op == .and ? .and : .or, [l, r], type: .bool)

        case .equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual:
            if (op == .equal || op == .notEqual) && (r.type == .null || l.type == .null) {
                let operand = r.type == .null ? l : r
                return derived(op == .equal ? .isNull : .isNotNull, [operand], type: .bool)
            }
            guard Comparison.comparable(l.type, r.type) else {
                var hint: String?
                if l.type.isTemporal && r.type == .text || r.type.isTemporal && l.type == .text {
                    hint = "write dates as @2016-11-08 and times as @2016-11-08T14:00"
                } else if let habit = comparisonHabit(op, (l, left), (r, right)) {
                    hint = habit
                } else if l.type == .text || r.type == .text {
                    hint = "convert one side: text(x) or int(x)"
                }
                throw mismatch(hint)
            }
            if l.type == .list, op != .equal, op != .notEqual { throw mismatch("lists have no order") }
            return derived(Operation(op.rawValue), [l, r], type: .bool, constant: compareConstants(op, l.constant, r.constant))

        case .matches, .notMatches:
            guard [.text, .null].contains(l.type), [.text, .null].contains(r.type) else {
                throw mismatch("'~' matches text against a regular expression: tweet_text ~ \"(?i)vote\"")
            }
            if let problem = FunctionTable.invalidPattern(r) { throw error(problem, at: right.span) }
            let match = derived(.matches, [l, r], type: .bool)
            return op == .matches ? match : derived(.not, [match], type: .bool)

        case .coalesce:
            guard let type = FunctionTable.commonType([l.type, r.type]) else { throw mismatch("both sides of ?? need one type") }
            return derived(.coalesce, [l, r], type: type, constant: l.constant.map { $0 == .null ? r.constant : $0 } ?? nil)

        case .concat:
            guard [.text, .null].contains(l.type), [.text, .null].contains(r.type) else {
                throw mismatch("'++' joins text; convert with text(x) first")
            }
            var constant: Value?
            if case .text(let a)? = l.constant, case .text(let b)? = r.constant { constant = .text(a + b) }
            return derived(.concat, [l, r], type: .text, constant: constant)

        case .add, .subtract, .multiply, .divide, .remainder:
            let result = try arithmeticType(op, types.0, types.1, mismatch: mismatch)
            let constant = try arithmeticConstant(op, l.constant, r.constant, result, at: left.span.to(right.span))
            return derived(Operation(op.rawValue), [l, r], type: result, constant: constant)
        }
    }

    private func arithmeticType(_ op: BinaryOperator, _ a: ValueType, _ b: ValueType, mismatch: (String?) -> Reported) throws -> ValueType {
        switch (op, a, b) {
        case (_, .null, _), (_, _, .null): return a == .null ? (b == .null ? .null : b) : a
        case (.divide, let x, let y) where x.isNumeric && y.isNumeric: return .float
        case (.remainder, .int, .int): return .int
        case (.add, .int, .int), (.subtract, .int, .int), (.multiply, .int, .int): return .int
        case (.add, let x, let y) where x.isNumeric && y.isNumeric: return .float
        case (.subtract, let x, let y) where x.isNumeric && y.isNumeric: return .float
        case (.multiply, let x, let y) where x.isNumeric && y.isNumeric: return .float
        case (.add, let t, .duration) where t.isTemporal, (.add, .duration, let t) where t.isTemporal: return .timestamp
        case (.subtract, let t, .duration) where t.isTemporal: return .timestamp
        case (.subtract, let x, let y) where x.isTemporal && y.isTemporal: return .duration
        case (.add, .duration, .duration), (.subtract, .duration, .duration): return .duration
        case (.multiply, .duration, .int), (.multiply, .int, .duration), (.divide, .duration, .int): return .duration
        case (.divide, .duration, .duration): return .float
        default:
            if a.isTemporal || b.isTemporal { throw mismatch("add or subtract durations: tweet_time + 1h, or subtract two times") }
            if a == .text || b == .text { throw mismatch(op == .add ? "to join text use '++'" : "convert the text first: int(x) or float(x)") }
            throw mismatch(nil)
        }
    }

    private func arithmeticConstant(_ op: BinaryOperator, _ a: Value?, _ b: Value?, _ result: ValueType, at span: Span) throws -> Value? {
        guard case .int(let x)? = a, case .int(let y)? = b, result == .int else { return nil }
        let (value, overflow): (Int64, Bool)
        switch op {
        case .add: (value, overflow) = x.addingReportingOverflow(y)
        case .subtract: (value, overflow) = x.subtractingReportingOverflow(y)
        case .multiply: (value, overflow) = x.multipliedReportingOverflow(by: y)
        case .remainder where y != 0: (value, overflow) = x.remainderReportingOverflow(dividingBy: y)
        default: return nil
        }
        guard !overflow else { throw integerOverflow(at: span) }
        return .int(value)
    }

    private func integerOverflow(at span: Span) -> Reported {
        report(.integerOverflow("the result", at: span))
    }

    private func compareConstants(_ op: BinaryOperator, _ a: Value?, _ b: Value?) -> Value? {
        guard let a, let b, case .int(let x) = a, case .int(let y) = b else { return nil }
        switch op {
        case .equal: return .bool(x == y)
        case .notEqual: return .bool(x != y)
        case .less: return .bool(x < y)
        case .lessOrEqual: return .bool(x <= y)
        case .greater: return .bool(x > y)
        default: return .bool(x >= y)
        }
    }

    // MARK: - Calls

    private func call(_ name: Name, arguments: [Argument], span: Span, in context: ExpressionContext) throws -> TypedExpression {
        if case .function(let declaration)? = context.scope.lookup(name.text) {
            // A function over values: expand its body with the arguments in place.
            let local = try callScope(declaration, at: span, from: context.scope)
            let parameters = declaration.parameters
            guard arguments.count <= parameters.count else {
                throw error("too many arguments for '\(name.text)'", at: span)
            }
            for (index, parameter) in parameters.enumerated() {
                let argument = arguments.first { $0.label?.text == parameter.name.text }
                    ?? (index < arguments.count && arguments[index].label == nil ? arguments[index] : nil)
                if let argument {
                    local.define(parameter.name.text, .argument(argument.value, context.scope))
                } else if let defaultValue = parameter.defaultValue {
                    local.define(parameter.name.text, .argument(defaultValue, Scope(parent: globals, calls: local.calls)))
                } else {
                    throw error("missing argument '\(parameter.name.text)' for '\(name.text)'", at: span)
                }
            }
            var inner = context
            inner.scope = local
            return try expression(declaration.body, in: inner)
        }
        guard let function = FunctionTable.function(named: name.text) else {
            if Transforms.named(name.text) != nil {
                throw error("'\(name.text)' is a transform, not a function", at: name.span, hint: "use it after '|': … | \(name.text) …")
            }
            let userFunctions = context.scope.allNames.filter { if case .function? = context.scope.lookup($0) { return true } else { return false } }
            let hint = FunctionTable.otherNames[name.text.lowercased()].flatMap(FunctionTable.function(named:))
                .map { "tei calls it \($0.name): write \($0.signature)" }
                ?? Suggestion.hint(for: name.text, among: FunctionTable.all.map(\.name) + userFunctions)
            throw error("unknown function '\(name.text)'", at: name.span, hint: hint)
        }
        if let label = arguments.first(where: { $0.label != nil })?.label {
            throw error("built-in functions take arguments by position", at: label.span, hint: "write \(function.signature)")
        }
        guard function.arity.contains(arguments.count) else {
            let expected = function.arity.count == 1 ? "\(function.arity.lowerBound)" : "\(function.arity.lowerBound) to \(function.arity.upperBound)"
            throw error("\(name.text) takes \(expected) argument\(function.arity.upperBound == 1 ? "" : "s"), found \(arguments.count)",
                        at: span, hint: "write \(function.signature)")
        }
        if function.kind == .window || (function.kind == .aggregate && context.windows != nil && context.aggregation == .forbidden) {
            return try windowCall(function, name: name, arguments: arguments, span: span, in: context)
        }
        var argumentContext = context
        if function.kind == .aggregate {
            switch context.aggregation {
            case .forbidden:
                throw error("aggregate '\(name.text)' outside group", at: span,
                            hint: "aggregates go in group's parentheses: group user_screen_name (n = \(name.text)(…))")
            case .inside:
                throw error("aggregate '\(name.text)' inside another aggregate", at: span)
            case .allowed:
                argumentContext.aggregation = .inside
            }
        }
        if let calendar = function.calendar, case .calendarPeriod(let months, _)? = arguments.last?.value {
            let typed = try arguments.dropLast().map { try expression($0.value, in: argumentContext) }
                + [TypedExpression(constant: .int(months), type: .int)]
            guard months > 0 else { throw error("\(name.text): a calendar period must be positive", at: arguments.last!.value.span) }
            return try resolved(function, typed, arguments: arguments, span: span, operation: calendar.operation, by: calendar.resolve)
        }
        let typed = try arguments.map { try expression($0.value, in: argumentContext) }
        return try resolved(function, typed, arguments: arguments, span: span, operation: function.operation, by: function.resolve)
    }

    /// A call of a built-in function whose arguments `typed` are checked by `resolve`.
    private func resolved(_ function: BuiltinFunction, _ typed: [TypedExpression], arguments: [Argument], span: Span, operation: Operation,
                          by resolve: ([TypedExpression]) -> Result<ValueType, FunctionTypeError>) throws -> TypedExpression {
        let name = function.name
        switch resolve(typed) {
        case .success(let type):
            return derived(operation, typed, type: type)
        case .failure(let failure):
            let place = failure.argument.flatMap { $0 < arguments.count ? arguments[$0].value.span : nil } ?? span
            throw error("\(name): \(failure.message)", at: place, hint: "write \(function.signature)")
        }
    }
}
