import TEIStorage

/// An expression with its type and what the checker learnt about it.
public struct TypedExpression: Sendable {
    public var expression: PlanExpression
    public var type: ValueType { expression.type }
    /// Whether it contains an aggregate (count, sum, …).
    public var isAggregate: Bool = false
    /// Its value when known without data (literals, parameters, arithmetic on them).
    public var constant: Value?
    /// The column it names, when it is a plain column: the default name of a select item.
    public var columnName: String?

    init(_ expression: PlanExpression, isAggregate: Bool = false, constant: Value? = nil, columnName: String? = nil) {
        self.expression = expression
        self.isAggregate = isAggregate
        self.constant = constant
        self.columnName = columnName
    }

    /// A value known before the query runs.
    init(constant value: Value, type: ValueType) {
        self.init(.literal(value, type: type), constant: value)
    }

    /// A plain reference to a column of the input.
    static func column(_ column: Column, side: JoinSide? = nil) -> TypedExpression {
        TypedExpression(.column(column.name, side: side, type: column.type), columnName: column.name)
    }
}
