import TEIStorage

/// A typed expression of the logical plan: column references, literals, and functions and
/// operators by identity. It says what to compute, never how a database spells it: the SQL
/// stage turns it into SQL for a dialect (`SQLDialect`).
public indirect enum PlanExpression: Sendable, Equatable {
    /// A column of the step's input; `side` picks the left or right input of a join.
    case column(String, side: JoinSide?, type: ValueType)
    /// A value known before the query runs. Text reaches the database only as a bound parameter.
    case literal(Value, type: ValueType)
    /// A scalar function, an operator or an aggregate, applied to its arguments.
    case call(Operation, [PlanExpression], type: ValueType)
    /// A function over a window of rows: `partition` splits the rows, `order` orders each part.
    case window(Operation, [PlanExpression], partition: [PlanExpression], order: [PlanSortKey], type: ValueType)
    /// The text value of a dictionary code, read from the dictionary: a physical form the
    /// optimizer writes for a loaded column it groups by code (`GroupByDictionaryCode`).
    case decode(DictionaryLayout, code: PlanExpression)
    /// The dictionary code of a text value, found through the dictionary's index on its values;
    /// null for a value the dictionary lacks. A physical form for joining another table's value
    /// with a dictionary column by code (`JoinOnDictionaryCodes`).
    case encode(DictionaryLayout, value: PlanExpression)

    /// The type of the value it computes.
    public var type: ValueType {
        switch self {
        case .column(_, _, let type), .literal(_, let type), .call(_, _, let type), .window(_, _, _, _, let type): return type
        case .decode: return .text
        case .encode: return .int
        }
    }

    /// The literal value, when it is one.
    public var literalValue: Value? {
        if case .literal(let value, _) = self { return value }
        return nil
    }

    /// The expressions directly inside this one.
    public var children: [PlanExpression] {
        switch self {
        case .column, .literal: return []
        case .call(_, let arguments, _): return arguments
        case .window(_, let arguments, let partition, let order, _): return arguments + partition + order.map(\.expression)
        case .decode(_, let code): return [code]
        case .encode(_, let value): return [value]
        }
    }

    /// This expression with `transform` applied to every expression in it, innermost first.
    public func rewritten(_ transform: (PlanExpression) -> PlanExpression) -> PlanExpression {
        switch self {
        case .column, .literal:
            return transform(self)
        case .call(let operation, let arguments, let type):
            return transform(.call(operation, arguments.map { $0.rewritten(transform) }, type: type))
        case .window(let operation, let arguments, let partition, let order, let type):
            return transform(.window(operation, arguments.map { $0.rewritten(transform) }, partition: partition.map { $0.rewritten(transform) },
                                     order: order.map { PlanSortKey($0.expression.rewritten(transform), descending: $0.descending) }, type: type))
        case .decode(let dictionary, let code):
            return transform(.decode(dictionary, code: code.rewritten(transform)))
        case .encode(let dictionary, let value):
            return transform(.encode(dictionary, value: value.rewritten(transform)))
        }
    }

    /// Whether it is a reference to column `name` of `side`.
    func isColumn(_ name: String, side: JoinSide?) -> Bool {
        if case .column(name, side, _) = self { return true }
        return false
    }

    /// The names of the input columns it reads, with their join side.
    public var columnsRead: [(name: String, side: JoinSide?)] {
        if case .column(let name, let side, _) = self { return [(name, side)] }
        return children.flatMap(\.columnsRead)
    }
}

/// A sort key: an expression and its direction.
public struct PlanSortKey: Sendable, Equatable {
    public var expression: PlanExpression
    public var descending: Bool

    public init(_ expression: PlanExpression, descending: Bool) {
        self.expression = expression
        self.descending = descending
    }
}

/// The two inputs of a join.
public enum JoinSide: Sendable, Equatable { case left, right }

extension PlanExpression {
    /// A reference to column `name` of the input.
    static func column(_ name: String, _ type: ValueType, side: JoinSide? = nil) -> PlanExpression {
        .column(name, side: side, type: type)
    }

    /// A literal of `value`'s own type.
    static func literal(_ value: Value) -> PlanExpression {
        .literal(value, type: value.type)
    }
}

extension Value {
    /// The type of a value; null is of type null.
    var type: ValueType {
        switch self {
        case .null: return .null
        case .int: return .int
        case .float: return .float
        case .text: return .text
        case .bool: return .bool
        case .timestamp: return .timestamp
        case .date: return .date
        case .duration: return .duration
        case .list: return .list
        }
    }
}
