/// A parsed script: its statements in order.
public struct Program: Sendable {
    public var statements: [Statement]
    public init(statements: [Statement]) { self.statements = statements }
}

/// A name as written, with where it was written.
public struct Name: Sendable, Hashable {
    public var text: String
    public var span: Span
    public init(_ text: String, span: Span) {
        self.text = text
        self.span = span
    }
}

/// A top-level statement.
public indirect enum Statement: Sendable {
    /// `let NAME = PIPELINE`: binds a plan (or a value) to a name; runs nothing.
    case letBinding(name: Name, value: Expression, span: Span)
    /// `param NAME = LITERAL`: a script parameter, overridable from the command line.
    case param(name: Name, value: Expression, span: Span)
    /// `fn NAME(PARAMS) = BODY`: a function over tables or values, expanded where it is called.
    case function(FunctionDeclaration)
    /// `import "PATH"`: the definitions of a library file.
    case importFile(path: String, pathSpan: Span, span: Span)
    /// `save PIPELINE to "PATH" [with nodes = PIPELINE]`; the nodes only for a network file.
    case save(pipeline: Expression, path: String, pathSpan: Span, nodes: Expression?, span: Span)
    /// `explain PIPELINE`: prints the SQL instead of running it.
    case explain(pipeline: Expression, span: Span)
    /// A bare pipeline: its result is shown.
    case show(pipeline: Expression, span: Span)

    public var span: Span {
        switch self {
        case .letBinding(_, _, let span), .param(_, _, let span), .importFile(_, _, let span),
             .save(_, _, _, _, let span), .explain(_, let span), .show(_, let span):
            return span
        case .function(let declaration):
            return declaration.span
        }
    }
}

/// `fn top(t, key, k = 10) = t | group key (n = count()) | sort -n | take k`.
public struct FunctionDeclaration: Sendable {
    public var name: Name
    public var parameters: [Parameter]
    public var body: Expression
    public var span: Span
    /// The comment lines just above the declaration: its documentation.
    public var documentation: String

    public struct Parameter: Sendable {
        public var name: Name
        public var defaultValue: Expression?
    }
}

/// A function or transform argument: positional or `name = value`.
public struct Argument: Sendable {
    public var label: Name?
    public var value: Expression
    public init(label: Name?, value: Expression) {
        self.label = label
        self.value = value
    }
}

/// Binary operators, from `??` to `*`.
public enum BinaryOperator: String, Sendable {
    case or, and
    case equal = "==", notEqual = "!=", less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">="
    case matches = "~", notMatches = "!~"
    case coalesce = "??"
    case concat = "++"
    case add = "+", subtract = "-", multiply = "*", divide = "/", remainder = "%"
}

/// An expression: a value computed per row, a literal, or a whole pipeline (tables are
/// expressions too, so `let`, function arguments and `join` take either).
public indirect enum Expression: Sendable {
    case integer(Int64, Span)
    case float(Double, Span)
    case string(String, Span)
    case bool(Bool, Span)
    case null(Span)
    /// `@2016-11-08` (hasTime false) or `@2016-11-08T14:00`.
    case date(seconds: Int64, hasTime: Bool, Span)
    /// `15m`: seconds.
    case duration(Int64, Span)
    /// `3mo`, `1y`: calendar months, which only `bin` takes.
    case calendarPeriod(months: Int64, Span)
    case list([Expression], Span)
    /// A column, a `let` name, a parameter, `_`; `qualifier.name` in join conditions.
    case name(Name, qualifier: Name?)
    case unary(op: String, operand: Expression, span: Span)
    case binary(op: BinaryOperator, left: Expression, right: Expression, opSpan: Span)
    /// `x in [a, b]` (or `not in`).
    case membership(value: Expression, list: Expression, negated: Bool, span: Span)
    case call(name: Name, arguments: [Argument], span: Span)
    /// `load [tweets|users] "path" [lenient] [recursive] [with (name: type, …)]`.
    case load(path: String, pathSpan: Span, modifiers: LoadModifiers, types: [(Name, Name)], span: Span)
    /// `SOURCE | STEP | STEP …`.
    case pipeline(source: Expression, steps: [Step], span: Span)

    public var span: Span {
        switch self {
        case .integer(_, let s), .float(_, let s), .string(_, let s), .bool(_, let s), .null(let s),
             .date(_, _, let s), .duration(_, let s), .calendarPeriod(_, let s), .list(_, let s), .unary(_, _, let s),
             .membership(_, _, _, let s), .call(_, _, let s), .load(_, _, _, _, let s), .pipeline(_, _, let s):
            return s
        case .name(let name, let qualifier):
            return qualifier.map { $0.span.to(name.span) } ?? name.span
        case .binary(_, let left, let right, _):
            return left.span.to(right.span)
        }
    }
}

/// One named item of `select`, `derive`, `group` keys or aggregates: `name = expr` or `expr`.
public struct Binding: Sendable {
    public var name: Name?
    public var value: Expression
    public init(name: Name?, value: Expression) {
        self.name = name
        self.value = value
    }
}

/// A sort key: an expression, descending when written with a leading `-`.
public struct SortKey: Sendable {
    public var value: Expression
    public var descending: Bool
}

/// The kinds of `join`.
public enum JoinKind: String, Sendable, CaseIterable {
    case inner, left, semi, anti
}

/// The condition of a join: `on a, b` (same-named columns) or `on EXPR`.
public enum JoinCondition: Sendable {
    case columns([Name])
    case expression(Expression)
}

/// A pipeline step after `|`: a transform read by its `TransformGrammar` entry, or one with a
/// grammar rule of its own.
public indirect enum Step: Sendable {
    /// `take N` (from: nil) or `take M..N` (rows M through N, 1-based, inclusive).
    case take(from: Expression?, to: Expression, span: Span)
    /// `distinct` or `distinct a, b`.
    case distinct([Binding], span: Span)
    case group(keys: [Binding], aggregates: [Binding], span: Span)
    /// `group KEYS (STEP | …)`: the steps run on each group's rows, which stay rows.
    case groupSteps(keys: [Binding], steps: [Step], span: Span)
    case join(kind: JoinKind, table: Expression, condition: JoinCondition, span: Span)
    case explode(list: Expression, name: Name, span: Span)
    case append(Expression, span: Span)
    /// `plot KIND ARGS…`: the chart step that ends a pipeline.
    case plot(kind: Name, arguments: [Argument], span: Span)
    /// A call of a user function with the flowing table as its first argument.
    case call(name: Name, arguments: [Argument], span: Span)
    /// A transform read by its entry in `TransformGrammar`.
    case transform(TransformStep)

    public var span: Span {
        switch self {
        case .take(_, _, let s), .distinct(_, let s), .group(_, _, let s), .groupSteps(_, _, let s), .join(_, _, _, let s), .explode(_, _, let s),
             .append(_, let s), .plot(_, _, let s), .call(_, _, let s):
            return s
        case .transform(let step):
            return step.span
        }
    }
}

/// The words that change how `load` reads its source.
public struct LoadModifiers: Equatable, Sendable {
    /// Which files of a release folder or zip to load.
    public enum Kind: String, Sendable {
        case tweets, users
    }

    /// `lenient`: skip malformed rows.
    public var lenient = false
    /// `recursive`: a folder's subfolders too.
    public var recursive = false
    /// `tweets` or `users`: only the files of that kind.
    public var kind: Kind?

    public init(lenient: Bool = false, recursive: Bool = false, kind: Kind? = nil) {
        self.lenient = lenient
        self.recursive = recursive
        self.kind = kind
    }
}
