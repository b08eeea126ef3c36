import TEIStorage

/// How one database spells what the plan says: identifiers, parameters, every operation, and how
/// a list column's elements are read. The SQL stage (`SQLGenerator`) writes statements through a
/// dialect and nothing above it knows SQL; SQLite is the first (`SQLiteDialect`).
public protocol SQLDialect: Sendable {
    /// An identifier (column, table, CTE name) quoted so that any text is safe in it.
    func quote(identifier: String) -> String
    /// The placeholder of the `index`-th bound parameter (from 1).
    func parameter(_ index: Int) -> String
    /// A literal that is not text (text is always bound as a parameter): a number, a time, a bool, null.
    func literal(_ value: Value) -> String
    /// Null as a value of `type`, where the database needs to know (a column of nulls in a union).
    func null(of type: ValueType) -> String
    /// A call of `operation` on `arguments` (the plan's expressions, for their types and literal
    /// values) whose SQL is `sql`, computing a value of type `type`.
    func call(_ operation: Operation, _ arguments: [PlanExpression], sql: [String], type: ValueType) -> String
    /// A window function over rows split by `partition` and ordered by `order` (SQL already).
    func window(_ operation: Operation, sql: [String], partition: [String], order: String) -> String
    /// The same, for rows an index holds in that order (`Relation.readsInIndexOrder`), which the
    /// database may read in the index's order rather than sort.
    func window(_ operation: Operation, sql: [String], partition: [String], order: String, inIndexOrder: Bool) -> String
    /// One key of an ORDER BY in tei's order: nulls last either way.
    func orderKey(_ sql: String, descending: Bool) -> String
    /// One ascending key of an ORDER BY in tei's order, spelled as an index holds it (whether the
    /// value is missing, `IndexKey.missing`, before the value) so that the database reads the
    /// index's order rather than sort; a key that is never missing (a row number) is the value alone.
    func ascendingKeyInIndexOrder(_ sql: String, mayBeMissing: Bool) -> String
    /// A table-valued source with one row per element of the list `list` (SQL), to put after
    /// FROM as `alias`, with the SQL reading each element's value and its position in the list.
    func listElements(_ list: String, alias: String) -> (source: String, value: String, position: String)
    /// A subquery `sql` put after FROM, named `alias` where the database requires a name.
    func derivedTable(_ sql: String, alias: String) -> String
    /// Whether `left` and `right` (SQL) hold the same value, two nulls included.
    func sameValue(_ left: String, _ right: String) -> String
    /// How the database is asked for each group's first rows in an index (`FirstRowsPerGroupOperator`).
    var groupSeek: GroupSeek { get }
    /// The value of the dictionary code `code` (SQL), read from `dictionary`.
    func decode(_ dictionary: DictionaryLayout, code: String) -> String
    /// The dictionary code of the text `value` (SQL), read from `dictionary`; null when it lacks it.
    func encode(_ dictionary: DictionaryLayout, value: String) -> String
    /// The table-valued function that reads a table's rows in an index's order with the values of
    /// the window functions that read rows one after another (`IndexOrderWindow`, called with the
    /// names it reads as arguments); nil where the database has none, which then runs the window.
    var indexOrderWindowFunction: String? { get }
}

/// How a dialect asks for each group's first rows in an index on (key, whether the order is
/// missing, order): per key, a query that the index answers in a seek of a few rows.
public enum GroupSeek: Sendable {
    /// A subquery correlated with each key by `sameValue`, which SQLite seeks in the index (`IS`).
    case correlatedSubquery
    /// A lateral join on `=`, the rows missing the key sought apart (`IS NULL`): PostgreSQL's
    /// `sameValue`, `IS NOT DISTINCT FROM`, is a condition no index seeks, so each key's subquery
    /// would read the whole table.
    case lateralJoin
}

extension SQLDialect {
    public func decode(_ dictionary: DictionaryLayout, code: String) -> String {
        "(SELECT d.\(quote(identifier: dictionary.valueColumn)) FROM \(quote(dictionary.table)) AS d WHERE d.\(quote(identifier: dictionary.idColumn)) = \(code))"
    }

    /// The logical operators and the tests of nullness and equality, which both databases spell
    /// as standard SQL; nil for any other operation.
    func standardLogic(_ operation: Operation, sql a: [String]) -> String? {
        switch operation.rawValue {
        case "and": return "(\(a[0]) AND \(a[1]))"
        case "or": return "(\(a[0]) OR \(a[1]))"
        case "not": return "(NOT \(a[0]))"
        case "is_null": return "(\(a[0]) IS NULL)"
        case "is_not_null": return "(\(a[0]) IS NOT NULL)"
        case "==": return "(\(a[0]) = \(a[1]))"
        case "!=": return "(\(a[0]) <> \(a[1]))"
        default: return nil
        }
    }

    /// A database that sorts missing values last with an index's help needs no other spelling.
    public func ascendingKeyInIndexOrder(_ sql: String, mayBeMissing: Bool) -> String {
        orderKey(sql, descending: false)
    }

    public func encode(_ dictionary: DictionaryLayout, value: String) -> String {
        "(SELECT d.\(quote(identifier: dictionary.idColumn)) FROM \(quote(dictionary.table)) AS d WHERE d.\(quote(identifier: dictionary.valueColumn)) = \(value))"
    }

    /// A dialect that has no way to prefer an index's order writes such a window as any other.
    public func window(_ operation: Operation, sql: [String], partition: [String], order: String, inIndexOrder: Bool) -> String {
        window(operation, sql: sql, partition: partition, order: order)
    }

    /// A window function over `partition` (SQL, as the dialect writes its keys) ordered by `order`,
    /// in the SQL both dialects share; `function` writes the calls a dialect spells its own way (nil:
    /// the shared spelling).
    func windowSQL(_ operation: Operation, sql: [String], partition: [String], order: String,
                   function special: (Operation, [String]) -> String? = { _, _ in nil }) -> String {
        var over: [String] = []
        if !partition.isEmpty { over.append("PARTITION BY " + partition.joined(separator: ", ")) }
        if !order.isEmpty { over.append("ORDER BY " + order) }
        var function = special(operation, sql) ?? ""
        switch operation.rawValue {
        case _ where !function.isEmpty: break
        case "row_number", "dense_rank", "rank": function = "\(operation.rawValue)()"
        case "count" where sql.isEmpty: function = "count(*)"
        // Running totals take every row up to this one, not its ties too (SQL's default frame).
        case "running_sum":
            function = "sum(\(sql[0]))"
            over.append("ROWS UNBOUNDED PRECEDING")
        case "running_count":
            function = "count(*)"
            over.append("ROWS UNBOUNDED PRECEDING")
        // The span is a literal number (times are seconds): the rows whose key is within it before this one's.
        case "rolling_sum", "rolling_avg", "rolling_count":
            function = operation.rawValue == "rolling_count" ? "count(*)" : "\(operation.rawValue.dropFirst(8))(\(sql[0]))"
            over.append("RANGE BETWEEN \(sql[sql.count - 1]) PRECEDING AND CURRENT ROW")
        default: function = "\(operation.rawValue)(\(sql.joined(separator: ", ")))"
        }
        return "\(function) OVER (\(over.joined(separator: " ")))"
    }

    /// `bin(value, size)` (arguments, and their SQL `a`): times down to a bucket of the duration
    /// `size`, whole numbers down to a multiple; `floatMultiple` writes a float down to a multiple
    /// of the size (value SQL, size SQL), in the dialect's float type.
    func binSQL(_ arguments: [PlanExpression], _ a: [String], floatMultiple: (String, String) -> String) -> String {
        switch (arguments[0].type, arguments[1].type) {
        case (_, .duration):
            var seconds: Int64?
            if case .duration(let d)? = arguments[1].literalValue { seconds = d }
            // Buckets of whole weeks start on Monday (1970-01-05), not on the epoch's Thursday.
            let offset = seconds.map { $0 % 604_800 == 0 } ?? false ? "345600" : "0"
            return "(\(a[0]) - ((((\(a[0]) - \(offset)) % \(a[1])) + \(a[1])) % \(a[1])))"
        // A float down to a multiple of a whole size takes the float branch: `%` would truncate it first.
        case (let value, .int) where value != .float:
            return "((\(a[0]) - (((\(a[0]) % \(a[1])) + \(a[1])) % \(a[1]))))"
        default:
            return floatMultiple(a[0], a[1])
        }
    }

    /// A stored table or view, qualified by its schema when it has one.
    func quote(_ name: StoredName) -> String {
        (name.schema.map { quote(identifier: $0) + "." } ?? "") + quote(identifier: name.name)
    }
}
