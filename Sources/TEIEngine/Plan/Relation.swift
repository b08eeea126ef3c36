import TEIStorage

/// An expression resolved against a schema, in the form the SQL generator renders.
public indirect enum BoundExpression: Sendable {
    /// A column of the step's input; `side` picks the left or right input of a join.
    case column(String, side: JoinSide?)
    /// A value bound as a statement parameter (never spliced into the SQL text).
    case parameter(SQLValue)
    /// SQL text made by tei itself (a number it formatted, a keyword), never from user text.
    case trusted(String)
    /// An SQL template applied to arguments: `$1`, `$2`, … `$10` (all digits after `$`) stand for arguments, `$*` for all of them
    /// joined by commas, `$+` for all but the first.
    case apply(String, [BoundExpression])
}

/// The two inputs of a join.
public enum JoinSide: Sendable { case left, right }

/// An expression with its type and what the checker learnt about it.
public struct TypedExpression: Sendable {
    public var bound: BoundExpression
    public var type: ValueType
    /// Whether it contains an aggregate (count, sum, …).
    public var isAggregate: Bool = false
    /// Its value when known without data (literals, parameters, arithmetic on them).
    public var constant: Value?
    /// The column it names, when it is a plain column: the default name of a select item.
    public var columnName: String?
}

/// A named output of a projection or aggregation.
public struct NamedExpression: Sendable {
    public var name: String
    public var expression: TypedExpression
}

/// The logical plan: relational operators, each taking the relation before it. The SQL generator
/// turns a plan into one statement; step order is meaning, and each operator keeps the row order
/// that the steps before it established (see `SQLGenerator`).
public indirect enum PlanNode: Sendable {
    /// Rows of a loaded table, in file order.
    case scan(TableSource)
    /// One row and no columns: what a pipeline without a table computes on.
    case singleRow
    case filter(Relation, TypedExpression)
    /// The output columns, computed from the input's (select and derive both become this).
    case project(Relation, [NamedExpression])
    case sort(Relation, [(TypedExpression, descending: Bool)])
    /// `take`: rows `offset`+1 through `offset`+`count`.
    case limit(Relation, offset: Int, count: Int)
    case distinct(Relation)
    case aggregate(Relation, keys: [NamedExpression], aggregates: [NamedExpression])
    /// `outputs` name every output column, reading from the left or right input.
    case join(kind: JoinKindPlan, left: Relation, right: Relation, condition: TypedExpression, outputs: [NamedExpression])
    /// One row per element of `list`, the element in column `name`.
    case explode(Relation, list: TypedExpression, name: String)
    case append(Relation, Relation)
    case count(Relation)
    case describe(Relation)
}

extension PlanNode {
    /// The relations this step reads.
    var inputs: [Relation] {
        switch self {
        case .scan, .singleRow: return []
        case .filter(let input, _), .project(let input, _), .sort(let input, _), .limit(let input, _, _), .distinct(let input),
             .aggregate(let input, _, _), .explode(let input, _, _), .count(let input), .describe(let input):
            return [input]
        case .join(_, let left, let right, _, _): return [left, right]
        case .append(let first, let second): return [first, second]
        }
    }
}

/// Joins as the plan knows them.
public enum JoinKindPlan: String, Sendable { case inner, left, semi, anti }

/// A node of the plan with the schema it produces. A class, so that a `let` used twice in one
/// pipeline becomes one CTE.
public final class Relation: @unchecked Sendable {
    public let node: PlanNode
    public let columns: [Column]
    /// The `let` name it was bound to, used to name its CTE.
    public var label: String?
    /// The tables loaded under this relation, which the load stage imports before it runs.
    public let sources: [TableSource]
    /// The longest chain of steps from a loaded table to this one: the SQL generator recurses
    /// that deep, so the checker bounds it.
    public let depth: Int

    public init(node: PlanNode, columns: [Column], sources: [TableSource], label: String? = nil) {
        self.node = node
        self.columns = columns
        self.sources = sources
        self.label = label
        depth = 1 + (node.inputs.map(\.depth).max() ?? 0)
    }

    /// The column called `name`, if any.
    public func column(named name: String) -> Column? {
        columns.first { $0.name == name }
    }
}
