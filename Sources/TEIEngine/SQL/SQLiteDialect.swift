import TEIStorage

/// tei's SQL for SQLite. Lists are JSON arrays of text (`json_each` reads them); times are
/// seconds since 1970 (UTC); whole-number arithmetic goes through tei's own functions, which fail
/// on overflow (`SQLFunctions`), and so do text-to-number conversions.
public struct SQLiteDialect: SQLDialect {
    public init() {}

    public func quote(identifier: String) -> String { Database.quote(identifier: identifier) }

    public func parameter(_ index: Int) -> String { "?\(index)" }

    public func literal(_ value: Value) -> String {
        switch value {
        case .null, .text, .list: return "NULL"
        case .int(let v), .timestamp(let v), .date(let v), .duration(let v): return String(v)
        case .float(let v): return v.isFinite ? "\(v)" : "NULL"
        case .bool(let v): return v ? "1" : "0"
        }
    }

    public func null(of type: ValueType) -> String { "NULL" }

    public func orderKey(_ sql: String, descending: Bool) -> String {
        sql + (descending ? " DESC" : " NULLS LAST")
    }

    /// SQLite reads no index for `NULLS LAST`, and its indexes hold missing values first.
    public func ascendingKeyInIndexOrder(_ sql: String, mayBeMissing: Bool) -> String {
        mayBeMissing ? "\(IndexKey.missingSQL(sql)), \(sql)" : sql
    }

    public func derivedTable(_ sql: String, alias: String) -> String { "(\(sql))" }

    public var indexOrderWindowFunction: String? { IndexOrderWindow.functionName }
    public func sameValue(_ left: String, _ right: String) -> String { "\(left) IS \(right)" }
    public var groupSeek: GroupSeek { .correlatedSubquery }

    public func listElements(_ list: String, alias: String) -> (source: String, value: String, position: String) {
        ("json_each(\(list)) AS \(alias)", "\(alias).value", "\(alias).key")
    }

    public func window(_ operation: Operation, sql: [String], partition: [String], order: String) -> String {
        window(operation, sql: sql, partition: partition, order: order, inIndexOrder: false)
    }

    public func window(_ operation: Operation, sql: [String], partition: [String], order: String, inIndexOrder: Bool) -> String {
        // `+` keeps SQLite from reading the rows in an index's order of the partition key (the
        // account id's, say): one random page per row is slower than a scan and a sort. An index
        // that holds every column the rows need is read in its order, without a sort.
        windowSQL(operation, sql: sql, partition: partition.map { (inIndexOrder ? "" : "+") + $0 }, order: order)
    }

    public func call(_ operation: Operation, _ arguments: [PlanExpression], sql a: [String], type: ValueType) -> String {
        if let logic = standardLogic(operation, sql: a) { return logic }
        let types = arguments.map(\.type)
        switch operation.rawValue {
        case "<", "<=", ">", ">=", "%": return "(\(a[0]) \(operation.rawValue) \(a[1]))"
        case "in": return "(\(a[0]) IN (\(a.dropFirst().joined(separator: ", "))))"
        case "list_contains": return listContains(a[0], a[1])
        case "~": return "regexp(\(a[1]), \(a[0]))"
        // SQLite's own arithmetic: past 64 bits a real beyond every integer (see `Operation.boundAdd`).
        case "bound_add": return "(\(a[0]) + \(a[1]))"
        case "bound_subtract": return "(\(a[0]) - \(a[1]))"
        // A unary plus keeps the value (and a column's collation) and makes no index usable for it.
        case "unsought": return "(+\(a[0]))"
        case "+" where type.isWholeNumber: return "tei_add(\(a[0]), \(a[1]))"
        case "-" where type.isWholeNumber: return "tei_subtract(\(a[0]), \(a[1]))"
        case "*" where type.isWholeNumber: return "tei_multiply(\(a[0]), \(a[1]))"
        case "+", "-", "*": return "(\(a[0]) \(operation.rawValue) \(a[1]))"
        case "/" where type == .float: return "(CAST(\(a[0]) AS REAL) / \(a[1]))"
        case "/": return "(\(a[0]) / \(a[1]))"
        case "neg" where type.isWholeNumber: return "tei_subtract(0, \(a[0]))"
        case "neg": return "(- \(a[0]))"
        case "++": return "(\(a[0]) || \(a[1]))"
        case "list": return "json_array(\(a.joined(separator: ", ")))"
        case "least": return "min(\(a.joined(separator: ", ")))"
        case "greatest": return "max(\(a.joined(separator: ", ")))"

        case "lower": return "tei_lower(\(a[0]))"
        case "upper": return "tei_upper(\(a[0]))"
        case "co_tweet_text": return "tei_co_tweet_text(\(a[0]))"
        case "extract": return "tei_extract(\(a[0]), \(a[1]), \(a.count == 3 ? a[2] : "0"))"
        case "replace_regex": return "tei_replace_regex(\(a[0]), \(a[1]), \(a[2]))"
        case "split": return "tei_split(\(a[0]), \(a[1]))"
        case "len": return types[0] == .list ? "json_array_length(\(a[0]))" : "length(\(a[0]))"
        case "trim": return "trim(\(a[0]), ' ' || char(9, 10, 13))"
        case "contains":
            return types[0] == .list ? listContains(a[0], a[1]) : "(instr(\(a[0]), \(a[1])) > 0)"
        case "starts_with": return "(substr(\(a[0]), 1, length(\(a[1]))) = \(a[1]))"
        case "ends_with": return "(length(\(a[0])) >= length(\(a[1])) AND substr(\(a[0]), length(\(a[0])) - length(\(a[1])) + 1) = \(a[1]))"
        case "year": return "CAST(strftime('%Y', \(a[0]), 'unixepoch') AS INTEGER)"
        case "month": return "CAST(strftime('%m', \(a[0]), 'unixepoch') AS INTEGER)"
        case "day": return "CAST(strftime('%d', \(a[0]), 'unixepoch') AS INTEGER)"
        case "hour": return "(\(TimeSQL.secondOfDay(a[0])) / 3600)"
        case "minute": return "(\(TimeSQL.secondOfDay(a[0])) % 3600 / 60)"
        case "weekday": return "\(isoWeekdayIndex(a[0])) + 1)"
        case "weekday_name": return "substr('\(WeekdayOrder.names.joined())', 3 * \(isoWeekdayIndex(a[0]))) + 1, 3)"
        // The same spelling as the cache's index on the day of a time, so SQLite can use it.
        case "date": return TimeSQL.startOfDay(types[0] == .text ? "tei_timestamp(\(a.joined(separator: ", ")))" : a[0])
        case "timestamp": return types[0] == .text ? "tei_timestamp(\(a.joined(separator: ", ")))" : a[0]
        case "bin_months": return "tei_bin_months(\(a[0]), \(a[1]))"
        case "bin": return binSQL(arguments, a) { "(CAST(floor(CAST(\($0) AS REAL) / \($1)) AS REAL) * \($1))" }
        case "round": return a.count == 2 ? "round(\(a[0]), \(a[1]))" : types[0] == .int ? a[0] : "round(\(a[0]))"
        case "if": return "(CASE WHEN \(a[0]) THEN \(a[1]) ELSE \(a[2]) END)"
        case "domain": return "tei_domain(\(a[0]))"
        case "is_hashed": return types[0] == .int ? "0" : "tei_is_hashed(\(a[0]))"
        case "snowflake_time": return "(((\(a[0]) >> 22) + 1288834974657) / 1000)"
        case "int": return types[0] == .text || types[0] == .float ? "tei_int(\(a[0]))" : "CAST(\(a[0]) AS INTEGER)"
        case "float": return types[0] == .text ? "tei_float(\(a[0]))" : "CAST(\(a[0]) AS REAL)"
        case "text": return text(a[0], types[0])

        case "count": return a.isEmpty ? "COUNT(*)" : "COUNT(\(a[0]))"
        case "count_distinct": return "COUNT(DISTINCT \(a[0]))"
        case "sum", "avg", "min", "max": return "\(operation.rawValue.uppercased())(\(a[0]))"
        case "percentile", "mode", "collect", "collect_distinct", "join_text":
            return "tei_\(operation.rawValue)(\(a.joined(separator: ", ")))"
        case "row_number", "dense_rank": return window(operation, sql: a, partition: [], order: "")
        // Functions SQLite has under the same name and arguments: substr, replace, abs, coalesce,
        // and the aggregates median and stddev (`SQLFunctions`).
        default: return "\(operation.rawValue)(\(a.joined(separator: ", ")))"
        }
    }

    /// Whether the JSON list `list` holds the text `value`: `v in list` and `contains(list, v)`.
    private func listContains(_ list: String, _ value: String) -> String {
        "EXISTS (SELECT 1 FROM json_each(\(list)) WHERE value = \(value))"
    }

    /// The day of the week of `time`, 0 for Monday to 6 for Sunday, before its closing parenthesis.
    private func isoWeekdayIndex(_ time: String) -> String {
        "((((\(time) - \(TimeSQL.secondOfDay(time))) / 86400 + 3) % 7 + 7) % 7"
    }

    /// A value as tei writes it, as text.
    func text(_ sql: String, _ type: ValueType) -> String {
        switch type {
        case .timestamp: return "strftime('%Y-%m-%d %H:%M', \(sql), 'unixepoch')"
        case .date: return "strftime('%Y-%m-%d', \(sql), 'unixepoch')"
        case .bool: return "(CASE \(sql) WHEN 1 THEN 'true' WHEN 0 THEN 'false' END)"
        case .duration: return "(\(sql) || 's')"
        default: return "CAST(\(sql) AS TEXT)"
        }
    }
}
