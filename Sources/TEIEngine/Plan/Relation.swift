import TEIStorage

/// A named output of a projection or aggregation.
public struct NamedExpression: Sendable {
    public var name: String
    public var expression: PlanExpression

    public init(name: String, expression: PlanExpression) {
        self.name = name
        self.expression = expression
    }
}

/// The logical plan: relational operators, each taking the relation before it. The SQL generator
/// turns a plan into one statement; step order is meaning, and each operator keeps the row order
/// that the steps before it established (see `SQLGenerator`). The cases are the operators that
/// optimizer passes rewrite; any other is a `PlanOperator` type, held by `.operator`.
indirect enum PlanNode: Sendable {
    /// Rows of a loaded table, in file order.
    case scan(TableSource)
    /// One row and no columns: what a pipeline without a table computes on.
    case singleRow
    case filter(Relation, PlanExpression)
    /// The output columns, computed from the input's (select and derive both become this).
    case project(Relation, [NamedExpression])
    case sort(Relation, [PlanSortKey])
    /// `take`: rows `offset`+1 through `offset`+`count`.
    case limit(Relation, offset: Int, count: Int)
    case aggregate(Relation, keys: [NamedExpression], aggregates: [NamedExpression])
    /// `outputs` name every output column, reading from the left or right input.
    case join(kind: JoinKindPlan, left: Relation, right: Relation, condition: PlanExpression, outputs: [NamedExpression])
    /// One row per element of `list`, the element in column `name`.
    case explode(Relation, list: PlanExpression, name: String)
    /// `explode` of a loaded list column, read from the table's items table: the input's column
    /// `row` holds the loaded row number that the items' row column matches (a physical choice of
    /// the optimizer, `ExplodeFromItemsTable`).
    case explodeItems(Relation, items: ItemsLayout, row: String, name: String)
    case append(Relation, Relation)
    /// The input's columns and rows, in its order, with `outputs` after them: each a window
    /// function (`PlanExpression.window`) over the rows of its partition. Functions that read rows
    /// one after another (`lag`, `running_sum`) break ties of their sort keys by the input's row
    /// order, so their values are as defined as the order is. A case, not a `PlanOperator`,
    /// because the passes must know it: a filter or a take below it would change its values.
    case window(Relation, [NamedExpression])
    /// An operator that no pass rewrites (`Operators/`).
    case `operator`(any PlanOperator)
}

extension PlanNode {
    /// The relations this step reads.
    var inputs: [Relation] {
        switch self {
        case .scan, .singleRow: return []
        case .filter(let input, _), .project(let input, _), .sort(let input, _), .limit(let input, _, _),
             .aggregate(let input, _, _), .explode(let input, _, _), .explodeItems(let input, _, _, _), .window(let input, _):
            return [input]
        case .join(_, let left, let right, _, _): return [left, right]
        case .append(let first, let second): return [first, second]
        case .operator(let planOperator): return planOperator.inputs
        }
    }
}

/// Joins as the plan knows them.
public enum JoinKindPlan: String, Sendable { case inner, left, semi, anti }

/// A node of the plan with the schema it produces. A class, so that a `let` used twice in one
/// pipeline becomes one CTE.
public final class Relation: @unchecked Sendable {
    let node: PlanNode
    public let columns: [Column]
    /// The `let` name it was bound to, used to name its CTE.
    public var label: String?
    /// Whether the database should read this step where it is used, even when the statement reads
    /// it twice, rather than compute it once into a temporary table (a physical choice of the
    /// optimizer, `JoinOnDictionaryCodes` and `SeekJoinSideByIndex`).
    public var readsInPlace = false
    /// Whether nothing downstream reads the order of this step's rows (the input of a `group`,
    /// `UnorderedGroupInputs`): the SQL stage then carries no row order for it.
    public var rowOrderUnused = false
    /// Whether the database may read this window's rows in the order of the index that holds them
    /// in the window's order, rather than sort them (a physical choice of `WindowInIndexOrder`).
    public var readsInIndexOrder = false
    /// The tables loaded under this relation, which the load stage imports before it runs.
    public let sources: [TableSource]
    /// The longest chain of steps from a loaded table to this one: the SQL generator recurses
    /// that deep, so the checker bounds it.
    public let depth: Int

    init(node: PlanNode, columns: [Column], sources: [TableSource], label: String? = nil) {
        self.node = node
        self.columns = columns
        self.sources = sources
        self.label = label
        depth = 1 + (node.inputs.map(\.depth).max() ?? 0)
    }

    /// Whether it is the one row a pipeline without a table computes on.
    var isSingleRow: Bool {
        if case .singleRow = node { return true }
        return false
    }

    /// The column called `name`, if any.
    public func column(named name: String) -> Column? {
        columns.first { $0.name == name }
    }
}

extension PlanNode {
    /// The same step reading `inputs` (as many as `inputs` has, in the same order) instead.
    func replacingInputs(_ inputs: [Relation]) -> PlanNode {
        switch self {
        case .scan, .singleRow: return self
        case .filter(_, let condition): return .filter(inputs[0], condition)
        case .project(_, let outputs): return .project(inputs[0], outputs)
        case .sort(_, let keys): return .sort(inputs[0], keys)
        case .limit(_, let offset, let count): return .limit(inputs[0], offset: offset, count: count)
        case .aggregate(_, let keys, let aggregates): return .aggregate(inputs[0], keys: keys, aggregates: aggregates)
        case .join(let kind, _, _, let condition, let outputs):
            return .join(kind: kind, left: inputs[0], right: inputs[1], condition: condition, outputs: outputs)
        case .explode(_, let list, let name): return .explode(inputs[0], list: list, name: name)
        case .explodeItems(_, let items, let row, let name): return .explodeItems(inputs[0], items: items, row: row, name: name)
        case .append: return .append(inputs[0], inputs[1])
        case .window(_, let outputs): return .window(inputs[0], outputs)
        case .operator(let planOperator): return .operator(planOperator.replacingInputs(inputs))
        }
    }
}

extension PlanNode {
    /// The same step with `transform` applied to each of its expressions (conditions, outputs,
    /// sort keys, the exploded list).
    func replacingExpressions(_ transform: (PlanExpression) -> PlanExpression) -> PlanNode {
        func named(_ outputs: [NamedExpression]) -> [NamedExpression] {
            outputs.map { NamedExpression(name: $0.name, expression: transform($0.expression)) }
        }
        switch self {
        case .scan, .singleRow, .limit, .append, .explodeItems: return self
        case .filter(let input, let condition): return .filter(input, transform(condition))
        case .project(let input, let outputs): return .project(input, named(outputs))
        case .sort(let input, let keys): return .sort(input, keys.map { PlanSortKey(transform($0.expression), descending: $0.descending) })
        case .aggregate(let input, let keys, let aggregates): return .aggregate(input, keys: named(keys), aggregates: named(aggregates))
        case .join(let kind, let left, let right, let condition, let outputs):
            return .join(kind: kind, left: left, right: right, condition: transform(condition), outputs: named(outputs))
        case .explode(let input, let list, let name): return .explode(input, list: transform(list), name: name)
        case .window(let input, let outputs): return .window(input, named(outputs))
        case .operator(let planOperator): return .operator(planOperator.replacingExpressions(transform))
        }
    }
}

extension Relation {
    /// This plan with `transform` applied to every step, each after its inputs. A relation that
    /// several steps read (a `let` used twice) is rewritten once and stays shared.
    public func rewritten(_ transform: (Relation) -> Relation) -> Relation {
        rewritten { relation, _ in transform(relation) }
    }

    /// `rewritten(_:)`, telling `transform` which relations (as rewritten) several steps read:
    /// a rewrite that moves work into one of them would change it for its other readers too.
    func rewritten(_ transform: (Relation, _ shared: Set<ObjectIdentifier>) -> Relation) -> Relation {
        let sharedOriginals = sharedRelations
        var shared: Set<ObjectIdentifier> = []
        var done: [ObjectIdentifier: Relation] = [:]
        func visit(_ relation: Relation) -> Relation {
            if let rewritten = done[ObjectIdentifier(relation)] { return rewritten }
            let inputs = relation.node.inputs
            let newInputs = inputs.map(visit)
            var current = relation
            if zip(inputs, newInputs).contains(where: { $0 !== $1 }) {
                current = relation.replacing(relation.node.replacingInputs(newInputs))
            }
            let result = transform(current, shared)
            done[ObjectIdentifier(relation)] = result
            if sharedOriginals.contains(ObjectIdentifier(relation)) { shared.insert(ObjectIdentifier(result)) }
            return result
        }
        return visit(self)
    }

    /// The same step over the same inputs with a new node, keeping the label.
    func replacing(_ node: PlanNode, columns: [Column]? = nil) -> Relation {
        let relation = Relation(node: node, columns: columns ?? self.columns, sources: sources, label: label)
        relation.readsInPlace = readsInPlace
        relation.rowOrderUnused = rowOrderUnused
        relation.readsInIndexOrder = readsInIndexOrder
        return relation
    }

    /// The relations under this one that more than one step reads.
    var sharedRelations: Set<ObjectIdentifier> {
        var reads: [ObjectIdentifier: Int] = [:]
        var stack = [self]
        while let next = stack.popLast() {
            for input in next.node.inputs {
                reads[ObjectIdentifier(input), default: 0] += 1
                if reads[ObjectIdentifier(input)] == 1 { stack.append(input) }
            }
        }
        return Set(reads.filter { $0.value > 1 }.keys)
    }
}
