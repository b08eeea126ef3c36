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
}

/// Turns a plan into one SQL statement: a CTE per step, then a final SELECT.
///
/// Row order is part of a pipeline's meaning (`take 3 | sort x` differs from `sort x | take 3`), and
/// SQL keeps no order between subqueries, so every CTE carries the columns that define the order
/// established so far (hidden `__tei_oN` columns when they are not visible ones) and every step that
/// depends on order (take, distinct, append, the final result) says ORDER BY them. A table starts in
/// file order (its rowid); `sort` puts its keys in front of the existing order, which makes it stable.
/// Pure: the same plan always gives the same text.
public struct SQLGenerator {
    /// Compiles a relation into one statement for `dialect`.
    public static func compile(_ relation: Relation, dialect: SQLDialect = SQLiteDialect()) -> CompiledQuery {
        var builder = Builder(dialect: dialect)
        let result = builder.emit(relation)
        let visible = relation.columns.map { dialect.quote(identifier: $0.name) }.joined(separator: ", ")
        let with = builder.withClause()
        var sql = with + "SELECT \(visible.isEmpty ? "1" : visible) FROM \(result.name)"
        if !result.order.isEmpty { sql += " ORDER BY " + builder.orderClause(result.order) }
        return CompiledQuery(sql: sql, countSQL: with + "SELECT COUNT(*) FROM \(result.name)", parameters: builder.parameters,
                             columns: relation.columns)
    }

    /// What a CTE provides: its name, its visible columns and the columns that order its rows.
    struct Emitted {
        var name: String
        var visible: [String]
        /// Column names of the CTE (visible or hidden) and whether each sorts descending.
        var order: [(column: String, descending: Bool)]
        /// The column holding the loaded table's `_row` of each row, while the rows still come one
        /// or more per row of one loaded table (so `explode` can join that table's list items).
        var rowKey: String? = nil
        /// Visible columns that still hold a loaded table's dictionary-encoded values, with the
        /// hidden column carrying their codes (so `group` can group by the code).
        var codes: [String: Code] = [:]

        /// Hidden columns: order columns that are not visible, then code columns.
        var hidden: [String] {
            var names = order.map(\.column).filter { !visible.contains($0) }
            for code in codes.values.map(\.column).sorted() where !names.contains(code) { names.append(code) }
            return names
        }
    }

    /// A hidden column holding dictionary codes, and the dictionary that decodes them.
    struct Code {
        var column: String
        var dictionary: DictionaryLayout
    }

    struct Builder {
        let dialect: SQLDialect
        var ctes: [(name: String, sql: String)] = []
        /// CTEs that SQLite must read in place even when the statement uses them twice (see
        /// `readInPlace`).
        private var inPlace: Set<String> = []
        var parameters: [SQLValue] = []
        private var emitted: [ObjectIdentifier: Emitted] = [:]
        private var counter = 0
        private var usedNames: Set<String> = []

        init(dialect: SQLDialect) {
            self.dialect = dialect
        }

        mutating func fresh() -> String {
            counter += 1
            return "\(LoadedTable.reservedPrefix)o\(counter)"
        }

        private mutating func cteName(for relation: Relation) -> String {
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

        private mutating func add(_ relation: Relation, _ sql: String, visible: [String], order: [(String, Bool)],
                                  rowKey: String? = nil, codes: [String: Code] = [:]) -> Emitted {
            let name = cteName(for: relation)
            ctes.append((name, sql))
            let result = Emitted(name: name, visible: visible, order: order.map { (column: $0.0, descending: $0.1) }, rowKey: rowKey,
                                 codes: codes)
            emitted[ObjectIdentifier(relation)] = result
            return result
        }

        func withClause() -> String {
            guard !ctes.isEmpty else { return "" }
            let definitions = ctes.map { "\($0.name) AS \(inPlace.contains($0.name) ? "NOT MATERIALIZED " : "")(\n  \($0.sql)\n)" }
            return "WITH " + definitions.joined(separator: ",\n") + "\n"
        }

        func orderClause(_ order: [(column: String, descending: Bool)], qualifier: String = "") -> String {
            order.map { dialect.orderKey(qualifier + dialect.quote(identifier: $0.column), descending: $0.descending) }.joined(separator: ", ")
        }

        private func list(_ names: [String], qualifier: String = "") -> [String] {
            names.map { qualifier + dialect.quote(identifier: $0) }
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
            }
        }

        // MARK: Nodes

        mutating func emit(_ relation: Relation) -> Emitted {
            if let done = emitted[ObjectIdentifier(relation)] { return done }
            // Inputs first, in the order the recursion below would reach them, without recursing
            // as deep as the pipeline is long (a frame of `step` is large).
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

        private mutating func step(_ relation: Relation) -> Emitted {
            if let done = emitted[ObjectIdentifier(relation)] { return done }
            let visible = relation.columns.map(\.name)
            switch relation.node {
            case .singleRow:
                return add(relation, "SELECT 1 AS \(LoadedTable.reservedPrefix)one", visible: [], order: [])

            case .scan(let loaded):
                let source = dialect.quote(loaded.layout.relation)
                // A layout that numbers rows in file order gives the table its starting order.
                guard let rowNumber = loaded.layout.rowNumber else {
                    return add(relation, "SELECT \(list(visible).joined(separator: ", ")) FROM \(source)", visible: visible, order: [])
                }
                let order = fresh()
                var columns = list(visible) + ["\(dialect.quote(identifier: rowNumber)) AS \(order)"]
                var codes: [String: Code] = [:]
                for column in loaded.layout.columns where visible.contains(column.name) {
                    guard case .dictionary(let dictionary) = column.encoding else { continue }
                    let hidden = fresh()
                    columns.append("\(dialect.quote(identifier: dictionary.codeColumn)) AS \(hidden)")
                    codes[column.name] = Code(column: hidden, dictionary: dictionary)
                }
                return add(relation, "SELECT \(columns.joined(separator: ", ")) FROM \(source)", visible: visible, order: [(order, false)],
                           rowKey: visible.contains(order) ? nil : order, codes: codes)

            case .filter(let input, let condition):
                let from = emit(input)
                let columns = list(from.visible + from.hidden)
                let sql = "SELECT \(columns.joined(separator: ", ")) FROM \(from.name) WHERE \(render(condition))"
                return add(relation, sql, visible: visible, order: from.order.map { ($0.column, $0.descending) }, rowKey: from.rowKey,
                           codes: from.codes)

            case .project(let input, let outputs):
                let from = emit(input)
                var columns: [String] = []
                for output in outputs {
                    columns.append("\(render(output.expression)) AS \(dialect.quote(identifier: output.name))")
                }
                // Keep every column the order depends on, under a hidden name when the
                // projection drops or replaces it.
                var order: [(String, Bool)] = []
                var rowKey: String?
                for key in from.order {
                    let kept = outputs.contains { output in
                        guard output.name == key.column, case .column(let name, nil, _) = output.expression else { return false }
                        return name == key.column
                    }
                    if kept {
                        order.append((key.column, key.descending))
                    } else if from.hidden.contains(key.column) {
                        columns.append(dialect.quote(identifier: key.column))
                        order.append((key.column, key.descending))
                    } else {
                        let hidden = fresh()
                        columns.append("\(dialect.quote(identifier: key.column)) AS \(hidden)")
                        order.append((hidden, key.descending))
                    }
                    if key.column == from.rowKey, let carried = order.last?.0, !visible.contains(carried) { rowKey = carried }
                }
                // A column passed through unchanged (renamed or not) keeps its codes.
                var codes: [String: Code] = [:]
                for output in outputs {
                    guard case .column(let name, nil, _) = output.expression, let code = from.codes[name] else { continue }
                    if !codes.values.contains(where: { $0.column == code.column }) { columns.append(dialect.quote(identifier: code.column)) }
                    codes[output.name] = code
                }
                var source = " FROM \(from.name)"
                if case .singleRow = input.node { source = "" }
                return add(relation, "SELECT \(columns.joined(separator: ", "))\(source)", visible: visible, order: order, rowKey: rowKey,
                           codes: codes)

            case .sort(let input, let keys):
                let from = emit(input)
                var columns = list(from.visible + from.hidden)
                var order: [(String, Bool)] = []
                for key in keys {
                    if case .column(let name, nil, _) = key.expression, from.visible.contains(name) {
                        order.append((name, key.descending))
                    } else {
                        let hidden = fresh()
                        columns.append("\(render(key.expression)) AS \(hidden)")
                        order.append((hidden, key.descending))
                    }
                }
                order += from.order.map { ($0.column, $0.descending) }
                if columns.count == from.visible.count + from.hidden.count {
                    // Every key is a visible column: the rows are as before, only their order changes.
                    let reordered = Emitted(name: from.name, visible: visible, order: order.map { (column: $0.0, descending: $0.1) },
                                            rowKey: from.rowKey, codes: from.codes)
                    emitted[ObjectIdentifier(relation)] = reordered
                    return reordered
                }
                return add(relation, "SELECT \(columns.joined(separator: ", ")) FROM \(from.name)", visible: visible, order: order,
                           rowKey: from.rowKey, codes: from.codes)

            case .limit(let input, let offset, let count):
                let from = emit(input)
                var sql = "SELECT \(list(from.visible + from.hidden).joined(separator: ", ")) FROM \(from.name)"
                if !from.order.isEmpty { sql += " ORDER BY \(orderClause(from.order))" }
                sql += " LIMIT \(count)"
                if offset > 0 { sql += " OFFSET \(offset)" }
                return add(relation, sql, visible: visible, order: from.order.map { ($0.column, $0.descending) }, rowKey: from.rowKey,
                           codes: from.codes)

            case .distinct(let input):
                let from = emit(input)
                let columns = list(from.visible)
                let rank = fresh()
                let window = from.order.isEmpty ? columns.joined(separator: ", ") : orderClause(from.order)
                let firstRank = LoadedTable.reservedPrefix + "rank"
                let sql = "SELECT \(columns.joined(separator: ", ")), MIN(\(firstRank)) AS \(rank) FROM "
                    + "(SELECT \(columns.joined(separator: ", ")), row_number() OVER (ORDER BY \(window)) AS \(firstRank) FROM \(from.name)) "
                    + "GROUP BY \(columns.joined(separator: ", "))"
                return add(relation, sql, visible: visible, order: [(rank, false)])

            case .aggregate(let input, let keys, let aggregates):
                let from = emit(input)
                var columns: [String] = []
                var groupBy: [String] = []
                for (index, key) in keys.enumerated() {
                    // A dictionary-encoded column groups by its code (one per distinct value) and is
                    // decoded once per group instead of once per row.
                    if case .column(let name, nil, _) = key.expression, let code = from.codes[name] {
                        let codeColumn = dialect.quote(identifier: code.column)
                        let dictionary = code.dictionary
                        columns.append("(SELECT d.\(dialect.quote(identifier: dictionary.valueColumn)) FROM \(dialect.quote(dictionary.table)) AS d "
                                       + "WHERE d.\(dialect.quote(identifier: dictionary.idColumn)) = \(codeColumn)) AS \(dialect.quote(identifier: key.name))")
                        groupBy.append(codeColumn)
                    } else {
                        columns.append("\(render(key.expression)) AS \(dialect.quote(identifier: key.name))")
                        groupBy.append(String(index + 1))
                    }
                }
                for item in aggregates {
                    columns.append("\(render(item.expression)) AS \(dialect.quote(identifier: item.name))")
                }
                var sql = "SELECT \(columns.joined(separator: ", ")) FROM \(from.name)"
                if !keys.isEmpty { sql += " GROUP BY " + groupBy.joined(separator: ", ") }
                return add(relation, sql, visible: visible, order: keys.map { ($0.name, false) })

            case .join(let kind, let leftInput, let rightInput, let condition, let outputs):
                let l = emit(leftInput), r = emit(rightInput)
                let codeCondition = comparingCodes(condition, left: l, right: r)
                if codeCondition != nil {
                    readInPlace(leftInput)
                    readInPlace(rightInput)
                }
                let on = render(codeCondition ?? condition)
                if kind == .semi || kind == .anti {
                    let columns = list(l.visible + l.hidden, qualifier: "l.")
                    let exists = kind == .semi ? "EXISTS" : "NOT EXISTS"
                    let sql = "SELECT \(columns.joined(separator: ", ")) FROM \(l.name) AS l WHERE \(exists) (SELECT 1 FROM \(r.name) AS r WHERE \(on))"
                    return add(relation, sql, visible: visible, order: l.order.map { ($0.column, $0.descending) }, codes: l.codes)
                }
                var columns = outputs.map { "\(render($0.expression)) AS \(dialect.quote(identifier: $0.name))" }
                var order: [(String, Bool)] = []
                for key in l.order {
                    let kept = outputs.contains { $0.name == key.column && $0.expression.isColumn(key.column, side: .left) }
                    if l.hidden.contains(key.column) {
                        columns.append("l.\(dialect.quote(identifier: key.column))")
                    } else if !kept {
                        // A visible column of the left order that the join does not output.
                        let hidden = fresh()
                        columns.append("l.\(dialect.quote(identifier: key.column)) AS \(hidden)")
                        order.append((hidden, key.descending))
                        continue
                    }
                    order.append((key.column, key.descending))
                }
                for key in r.order {
                    let hidden = fresh()
                    columns.append("r.\(dialect.quote(identifier: key.column)) AS \(hidden)")
                    order.append((hidden, key.descending))
                }
                let join = kind == .left ? "LEFT JOIN" : "JOIN"
                let sql = "SELECT \(columns.joined(separator: ", ")) FROM \(l.name) AS l \(join) \(r.name) AS r ON \(on)"
                return add(relation, sql, visible: visible, order: order)

            case .explode(let input, let listExpression, let name):
                let from = emit(input)
                let kept = from.visible.filter { $0 != name }
                let position = fresh()
                let items = sideTable(for: listExpression, in: input, rowKey: from.rowKey)
                let elements = items == nil ? dialect.listElements(render(listExpression, qualifier: "i."), alias: "j") : nil
                let (item, itemPosition) = elements.map { ($0.value, $0.position) }
                    ?? ("j." + dialect.quote(identifier: items!.valueColumn), "j." + dialect.quote(identifier: items!.positionColumn))
                var columns = list(kept, qualifier: "i.") + ["\(item) AS \(dialect.quote(identifier: name))"]
                columns += list(from.hidden, qualifier: "i.")
                var order = from.order.map { ($0.column, $0.descending) }
                if from.visible.contains(name), order.contains(where: { $0.0 == name }) {
                    // The exploded name replaces a column the order uses: keep the old values hidden.
                    let hidden = fresh()
                    columns.append("i.\(dialect.quote(identifier: name)) AS \(hidden)")
                    order = order.map { $0.0 == name ? (hidden, $0.1) : $0 }
                }
                columns.append("\(itemPosition) AS \(position)")
                order.append((position, false))
                var sql = "SELECT \(columns.joined(separator: ", ")) FROM \(from.name) AS i, "
                if let items, let rowKey = from.rowKey {
                    sql += "\(dialect.quote(items.table)) AS j WHERE j.\(dialect.quote(identifier: items.rowColumn)) = i.\(dialect.quote(identifier: rowKey))"
                } else {
                    sql += elements!.source
                }
                return add(relation, sql, visible: visible, order: order, rowKey: from.rowKey, codes: from.codes.filter { $0.key != name })

            case .append(let first, let second):
                let a = emit(first), b = emit(second)
                let part = fresh(), rank = fresh()
                func side(_ e: Emitted, _ index: Int) -> String {
                    let window = e.order.isEmpty ? "" : "ORDER BY \(orderClause(e.order))"
                    return "SELECT \(list(visible).joined(separator: ", ")), \(index) AS \(part), row_number() OVER (\(window)) AS \(rank) FROM \(e.name)"
                }
                return add(relation, side(a, 0) + " UNION ALL " + side(b, 1), visible: visible, order: [(part, false), (rank, false)])

            case .count(let input):
                let from = emit(input)
                return add(relation, "SELECT COUNT(*) AS \"n\" FROM \(from.name)", visible: visible, order: [])

            case .describe(let input):
                return describe(relation, input)
            }
        }

        /// `condition` comparing dictionary codes instead of values wherever it says that a column of
        /// the left side equals a column of the right one and both hold codes of the same dictionary,
        /// or nil when it has no such comparison. Same rows: in an exact dictionary two values are
        /// equal exactly when their codes are, and an empty value has neither. The codes are
        /// integers that an index on the code column serves (see `TEIFormat.tweetIndexes`).
        private func comparingCodes(_ condition: PlanExpression, left: Emitted, right: Emitted) -> PlanExpression? {
            guard case .call(let operation, let arguments, let type) = condition, arguments.count == 2 else { return nil }
            switch operation {
            case .and:
                let first = comparingCodes(arguments[0], left: left, right: right)
                let second = comparingCodes(arguments[1], left: left, right: right)
                guard first != nil || second != nil else { return nil }
                return .call(.and, [first ?? arguments[0], second ?? arguments[1]], type: type)
            case .equal:
                func code(_ argument: PlanExpression) -> (side: JoinSide, code: Code)? {
                    guard case .column(let name, let side?, _) = argument, let code = (side == .left ? left : right).codes[name] else { return nil }
                    return (side, code)
                }
                guard let a = code(arguments[0]), let b = code(arguments[1]), a.side != b.side,
                      a.code.dictionary.table == b.code.dictionary.table else { return nil }
                return .call(.equal, [.column(a.code.column, side: a.side, type: .int), .column(b.code.column, side: b.side, type: .int)], type: type)
            default:
                return nil
            }
        }

        /// Has SQLite read `relation`'s CTE, and those of the filters, projections and sorts down to
        /// its loaded table, in place rather than copying them into a temporary table when the
        /// statement uses one twice (a self-join does). In place, a join of a table with itself on
        /// codes is a join of the table's rows through the index on the code column, which returns
        /// the inner side in row order, so the joined rows need no sort and the first comes at once.
        private mutating func readInPlace(_ relation: Relation) {
            var next: Relation? = relation
            while let current = next, let name = emitted[ObjectIdentifier(current)]?.name {
                inPlace.insert(name)
                switch current.node {
                case .filter(let input, _), .project(let input, _), .sort(let input, _): next = input
                default: next = nil
                }
            }
        }

        /// The loaded table's items table holding the elements of `list`, when `list` is a list
        /// column whose values are still the loaded ones and whose rows still carry that table's
        /// row number as `rowKey`; nil means explode must parse JSON.
        ///
        /// Conservative: only filter, sort, take, explode and projections that keep the column
        /// under its own name lie between the load and the explode.
        private func sideTable(for list: PlanExpression, in input: Relation, rowKey: String?) -> ItemsLayout? {
            guard rowKey != nil, list.type == .list, case .column(let column, nil, _) = list else { return nil }
            var relation = input
            while true {
                switch relation.node {
                case .scan(let loaded):
                    guard loaded.layout.rowNumber != nil, case .list(let items)? = loaded.layout.column(named: column)?.encoding else { return nil }
                    return items
                case .filter(let next, _), .sort(let next, _), .limit(let next, _, _):
                    relation = next
                case .explode(let next, _, let name):
                    guard name != column else { return nil }
                    relation = next
                case .project(let next, let outputs):
                    guard let output = outputs.first(where: { $0.name == column }),
                          case .column(let source, nil, _) = output.expression, source == column else { return nil }
                    relation = next
                default:
                    return nil
                }
            }
        }

        /// `describe` scans its input once, computing every column's statistics, then turns the one
        /// wide row into a row per column.
        private mutating func describe(_ relation: Relation, _ input: Relation) -> Emitted {
            let from = emit(input)
            var statistics: [String] = []
            for (index, column) in input.columns.enumerated() {
                let c = dialect.quote(identifier: column.name)
                statistics.append("COUNT(\(c)) AS nn\(index)")
                statistics.append("COUNT(DISTINCT \(c)) AS d\(index)")
                if column.type != .list {
                    statistics.append("MIN(\(c)) AS lo\(index)")
                    statistics.append("MAX(\(c)) AS hi\(index)")
                }
            }
            let statisticsName = cteName(for: Relation(node: .count(input), columns: [], sources: [], label: "statistics"))
            ctes.append((statisticsName, "SELECT COUNT(*) AS total\(statistics.isEmpty ? "" : ", ")\(statistics.joined(separator: ", ")) FROM \(from.name)"))
            let position = fresh()
            var rows: [String] = []
            for (index, column) in input.columns.enumerated() {
                let name = render(.literal(.text(column.name)))
                let type = render(.literal(.text(column.type.name)))
                let (lo, hi) = column.type == .list ? ("NULL", "NULL") : (display("lo\(index)", column.type), display("hi\(index)", column.type))
                rows.append("SELECT \(name) AS \"column\", \(type) AS \"type\", nn\(index) AS \"non_null\", total - nn\(index) AS \"nulls\", "
                    + "d\(index) AS \"distinct\", \(lo) AS \"min\", \(hi) AS \"max\", \(index) AS \(position) FROM \(statisticsName)")
            }
            if rows.isEmpty {
                rows.append("SELECT NULL, NULL, NULL, NULL, NULL, NULL, NULL, 0 WHERE 0")
            }
            return add(relation, rows.joined(separator: " UNION ALL "), visible: relation.columns.map(\.name), order: [(position, false)])
        }

        /// SQL that shows a value of `column` as tei writes it.
        private func display(_ column: String, _ type: ValueType) -> String {
            let value = PlanExpression.column(column, type)
            return dialect.call(.text, [value], sql: [column], type: .text)
        }
    }
}
