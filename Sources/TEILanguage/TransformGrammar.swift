/// How the transforms whose syntax is a sequence of common parts are written: the parts each takes,
/// in order, and the keyword options that may follow them. The parser reads every such step by its
/// entry here into a `TransformStep`, so a new transform's syntax is one line. Transforms with a
/// syntax of their own (`take M..N`, `group`'s parenthesised aggregates, `join`, `explode … as`,
/// `append`, `distinct`'s optional columns, `plot`) have a grammar rule in `Parser`.
public struct TransformGrammar: Sendable {
    /// One part of a step, after the transform's name.
    public enum Part: Sendable, Equatable {
        /// `NAME = EXPR` or `EXPR as NAME` or `EXPR`, comma-separated (as `select` takes).
        case bindings
        /// `NAME = EXPR` or `EXPR`, comma-separated (as `derive` takes: no `as`).
        case assignments
        /// One expression.
        case expression
        /// `[-]EXPR`, comma-separated (as `sort` takes).
        case sortKeys
        /// A count or a percentage: a number, a name or a bracketed expression, with an optional `%`.
        case amount
    }

    public let name: String
    public let parts: [Part]
    /// Words that may follow the parts, each with one expression, each at most once: `seed 7`.
    public let options: [String]

    public init(_ name: String, _ parts: [Part], options: [String] = []) {
        self.name = name
        self.parts = parts
        self.options = options
    }

    /// Every transform read through this table.
    public static let all: [TransformGrammar] = [
        TransformGrammar("filter", [.expression]),
        TransformGrammar("select", [.bindings]),
        TransformGrammar("derive", [.assignments]),
        TransformGrammar("rename", [.bindings]),
        TransformGrammar("sort", [.sortKeys]),
        TransformGrammar("sample", [.amount], options: ["seed"]),
        TransformGrammar("count", []),
        TransformGrammar("describe", []),
        TransformGrammar("components", []),
    ]

    /// The grammar of the transform called `name`, if it is read through this table.
    public static func named(_ name: String) -> TransformGrammar? { all.first { $0.name == name } }
}

/// A transform step as its grammar entry reads it: one argument per part, then the options written.
public struct TransformStep: Sendable {
    public var name: Name
    /// One per part of the grammar, in its order.
    public var arguments: [TransformArgument]
    /// The options written, in the order written.
    public var options: [(word: Name, value: Expression)]
    public var span: Span

    public init(name: Name, arguments: [TransformArgument], options: [(word: Name, value: Expression)], span: Span) {
        self.name = name
        self.arguments = arguments
        self.options = options
        self.span = span
    }

    /// The value of option `word`, if written.
    public func option(_ word: String) -> Expression? {
        options.first { $0.word.text == word }?.value
    }
}

/// The value of one part of a `TransformStep`.
public enum TransformArgument: Sendable {
    case bindings([Binding])
    case expression(Expression)
    case sortKeys([SortKey])
    /// `value` or `value%`.
    case amount(Expression, percent: Bool)
}
