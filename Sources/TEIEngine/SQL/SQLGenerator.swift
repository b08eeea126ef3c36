import TEIStorage

/// One SQL statement that computes a relation, with the values to bind to its `?N` parameters.
public struct CompiledQuery: Sendable {
    public let sql: String
    /// A statement counting the rows of `sql` (same parameters). It leaves out the final ORDER BY,
    /// so SQLite flattens it and computes no column it does not need.
    public let countSQL: String
    public let parameters: [SQLValue]
    /// The columns the statement returns, in order, with their tei types.
    public let columns: [Column]
    /// When the optimizer split a grouping over ranges of rows: the statements to run at once
    /// before `sql`, which then merges their partial results.
    public var ranges: RangeStatements?

    /// What `explain` prints: the statement, after the ranges' statements when there are some.
    public var explanation: String {
        (ranges?.explanation ?? "") + sql
    }
}

/// The SQL stage: turns an (optimized) plan into one SQL statement for a dialect, a CTE per step
/// and then a final SELECT. Each operator has its emitter (`Emitters/`); this type holds what they
/// share: naming CTEs, carrying row order, rendering expressions.
///
/// Row order is part of a pipeline's meaning (`take 3 | sort x` differs from `sort x | take 3`), and
/// SQL keeps no order between subqueries, so every CTE carries the columns that define the order
/// established so far (hidden `__tei_oN` columns when they are not visible ones) and every step that
/// depends on order (take, distinct, append, the final result) says ORDER BY them. A table starts in
/// file order (its row number); `sort` puts its keys in front of the existing order, which makes it
/// stable. Pure: the same plan always gives the same text.
public struct SQLGenerator {
    /// Compiles a relation into one statement for `dialect`, reading each scanned table from
    /// `tables`, returning `columns` (by default the relation's own; the optimizer may have added
    /// columns for its physical choices). Unless `ordered`, the rows come in any order (the
    /// partial results of a range of rows, which the merge groups again).
    public static func compile(_ relation: Relation, tables: TableBindings, columns: [Column]? = nil,
                               dialect: SQLDialect = SQLiteDialect(), ordered: Bool = true) -> CompiledQuery {
        var builder = Builder(dialect: dialect, tables: tables)
        let result = builder.emit(relation)
        let columns = columns ?? relation.columns
        let visible = columns.map { dialect.quote(identifier: $0.name) }.joined(separator: ", ")
        let with = builder.withClause()
        var sql = with + "SELECT \(visible.isEmpty ? "1" : visible) FROM \(result.name)"
        if ordered, !result.order.isEmpty { sql += " ORDER BY " + builder.orderClause(result.order) }
        return CompiledQuery(sql: sql, countSQL: with + "SELECT COUNT(*) FROM \(result.name)", parameters: builder.parameters,
                             columns: columns)
    }

    /// What a CTE provides: its name, its visible columns and the columns that order its rows.
    struct Emitted {
        var name: String
        var visible: [String]
        /// Column names of the CTE (visible or hidden) and whether each sorts descending.
        var order: [(column: String, descending: Bool)]

        /// The order columns that are not visible ones.
        var hidden: [String] { order.map(\.column).filter { !visible.contains($0) } }

        /// Every column of the CTE: visible, then hidden.
        var all: [String] { visible + hidden }
    }

    struct Builder {
        let dialect: SQLDialect
        /// The loaded table of every scan.
        let tables: TableBindings
        var ctes: [(name: String, sql: String, inPlace: Bool)] = []
        var parameters: [SQLValue] = []
        private var emitted: [ObjectIdentifier: Emitted] = [:]
        private var counter = 0
        private var usedNames: Set<String> = []

        init(dialect: SQLDialect, tables: TableBindings) {
            self.dialect = dialect
            self.tables = tables
        }

        /// A new hidden column name.
        mutating func fresh() -> String {
            counter += 1
            return "\(LoadedTable.reservedPrefix)o\(counter)"
        }

        mutating func cteName(for relation: Relation) -> String {
            var base = relation.label.map { "\($0)" } ?? "step"
            base = String(base.unicodeScalars.map { $0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_" ? Character($0) : "_" })
            var name = base
            var n = 1
            while usedNames.contains(name) || (relation.label == nil && n == 1) {
                n += 1
                name = "\(base)\(n - 1)"
                if relation.label != nil && !usedNames.contains(name) { break }
            }
            usedNames.insert(name)
            return dialect.quote(identifier: name)
        }

        /// Adds the CTE computing `relation` as `sql`, whose rows are ordered by `order` (by none
        /// when nothing reads their order).
        mutating func add(_ relation: Relation, _ sql: String, order: [(String, Bool)]) -> Emitted {
            let name = cteName(for: relation)
            ctes.append((name, sql, relation.readsInPlace))
            let order = relation.rowOrderUnused ? [] : order
            return remember(relation, Emitted(name: name, visible: relation.columns.map(\.name),
                                              order: order.map { (column: $0.0, descending: $0.1) }))
        }

        /// Records what computes `relation` (a CTE, or one emitted before under another order).
        mutating func remember(_ relation: Relation, _ result: Emitted) -> Emitted {
            emitted[ObjectIdentifier(relation)] = result
            return result
        }

        func withClause() -> String {
            guard !ctes.isEmpty else { return "" }
            let definitions = ctes.map { "\($0.name) AS \($0.inPlace ? "NOT MATERIALIZED " : "")(\n  \($0.sql)\n)" }
            return "WITH " + definitions.joined(separator: ",\n") + "\n"
        }

        func orderClause(_ order: [(column: String, descending: Bool)], qualifier: String = "") -> String {
            order.map { dialect.orderKey(qualifier + dialect.quote(identifier: $0.column), descending: $0.descending) }.joined(separator: ", ")
        }

        func list(_ names: [String], qualifier: String = "") -> [String] {
            names.map { qualifier + dialect.quote(identifier: $0) }
        }

        /// `expression AS name`.
        mutating func output(_ expression: PlanExpression, as name: String) -> String {
            "\(render(expression)) AS \(dialect.quote(identifier: name))"
        }

        // MARK: Expressions

        mutating func render(_ expression: PlanExpression, qualifier: String = "", left: String = "l.", right: String = "r.") -> String {
            switch expression {
            case .column(let name, let side, _):
                let prefix = side.map { $0 == .left ? left : right } ?? qualifier
                return prefix + dialect.quote(identifier: name)
            case .literal(.text(let text), _):
                // Text from the user is bound, never spliced into the SQL.
                parameters.append(.text(text))
                return dialect.parameter(parameters.count)
            case .literal(.list(let items), _):
                let elements = items.map { PlanExpression.literal(.text($0)) }
                return render(.call(.makeList, elements, type: .list), qualifier: qualifier, left: left, right: right)
            case .literal(.null, let type):
                return dialect.null(of: type)
            case .literal(let value, _):
                return dialect.literal(value)
            case .call(let operation, let arguments, let type):
                var sql: [String] = []
                for argument in arguments { sql.append(render(argument, qualifier: qualifier, left: left, right: right)) }
                return dialect.call(operation, arguments, sql: sql, type: type)
            case .window(let operation, let arguments, let partition, let order, _):
                var sql: [String] = [], parts: [String] = [], keys: [String] = []
                for argument in arguments { sql.append(render(argument, qualifier: qualifier, left: left, right: right)) }
                for part in partition { parts.append(render(part, qualifier: qualifier, left: left, right: right)) }
                for key in order {
                    keys.append(dialect.orderKey(render(key.expression, qualifier: qualifier, left: left, right: right), descending: key.descending))
                }
                return dialect.window(operation, sql: sql, partition: parts, order: keys.joined(separator: ", "))
            case .decode(let dictionary, let code):
                return dialect.decode(dictionary, code: render(code, qualifier: qualifier, left: left, right: right))
            case .encode(let dictionary, let value):
                return dialect.encode(dictionary, value: render(value, qualifier: qualifier, left: left, right: right))
            }
        }

        // MARK: Steps

        mutating func emit(_ relation: Relation) -> Emitted {
            if let done = emitted[ObjectIdentifier(relation)] { return done }
            // Inputs first, in the order the recursion below would reach them, without recursing
            // as deep as the pipeline is long (an emitter's frame is large).
            for input in unemittedInputs(of: relation) { _ = step(input) }
            return step(relation)
        }

        /// The relations under `relation` not emitted yet, each after its inputs, left before right.
        private func unemittedInputs(of relation: Relation) -> [Relation] {
            var ordered: [Relation] = []
            var seen: Set<ObjectIdentifier> = [ObjectIdentifier(relation)]
            var stack: [(relation: Relation, inputsDone: Bool)] = relation.node.inputs.reversed().map { ($0, false) }
            while let (next, inputsDone) = stack.popLast() {
                if inputsDone {
                    ordered.append(next)
                    continue
                }
                guard emitted[ObjectIdentifier(next)] == nil, seen.insert(ObjectIdentifier(next)).inserted else { continue }
                stack.append((next, true))
                stack += next.node.inputs.reversed().map { ($0, false) }
            }
            return ordered
        }

        /// Emits one step whose inputs are emitted already, by its operator's emitter.
        private mutating func step(_ relation: Relation) -> Emitted {
            if let done = emitted[ObjectIdentifier(relation)] { return done }
            switch relation.node {
            case .singleRow: return add(relation, "SELECT 1 AS \(LoadedTable.reservedPrefix)one", order: [])
            case .scan(let source): return scan(relation, tables.table(for: source))
            case .filter(let input, let condition): return filter(relation, input, condition)
            case .project(let input, let outputs): return project(relation, input, outputs)
            case .sort(let input, let keys): return sort(relation, input, keys)
            case .limit(let input, let offset, let count): return limit(relation, input, offset: offset, count: count)
            case .aggregate(let input, let keys, let aggregates): return aggregate(relation, input, keys: keys, aggregates: aggregates)
            case .join(let kind, let left, let right, let condition, let outputs):
                return join(relation, kind: kind, left, right, on: condition, outputs: outputs)
            case .explode(let input, let list, let name): return explode(relation, input, list: list, name: name)
            case .explodeItems(let input, let items, let row, let name): return explodeItems(relation, input, items: items, row: row, name: name)
            case .append(let first, let second): return append(relation, first, second)
            case .window(let input, let outputs): return window(relation, input, outputs)
            case .operator(let planOperator): return planOperator.emit(relation, into: &self)
            }
        }
    }
}
