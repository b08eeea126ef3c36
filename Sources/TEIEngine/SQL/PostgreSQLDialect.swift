import TEIStorage

/// tei's SQL for PostgreSQL, over the server layout the SQLite cache's encoding maps to (ints
/// `bigint`, floats `double precision`, bools `boolean`, times `bigint` seconds since 1970 UTC,
/// lists `text` holding a JSON array). Every result equals SQLite's as tei defines it:
///
/// - Whole numbers stay `bigint`, whose overflow is PostgreSQL's error 22003, which the session
///   reports as tei's "integer overflow"; a literal is a `bigint` (a bare `5` would be an `integer`,
///   which overflows at 32 bits). `sum` of `bigint` is `numeric` on the server, so it is cast back.
/// - Division and remainder by zero are null, as on SQLite (PostgreSQL would stop with an error).
/// - Nulls sort last both ways; text compares by its bytes, as the database's C collation does
///   (`PostgresBackend` refuses a database with another).
/// - The functions SQLite lacks are tei's own in schema `tei` (`PostgresFunctions`), with the
///   same names and arguments as on SQLite; the rest are spelled here.
public struct PostgreSQLDialect: SQLDialect {
    /// The schema that holds tei's functions on the server.
    static let functions = "tei."

    public init() {}

    /// PostgreSQL quotes identifiers as SQLite does: in double quotes, inner ones doubled.
    public func quote(identifier: String) -> String {
        "\"" + identifier.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    public func parameter(_ index: Int) -> String { "$\(index)" }

    /// The server runs the standard window, read in the index's order.
    public var indexOrderWindowFunction: String? { nil }

    public func literal(_ value: Value) -> String {
        switch value {
        case .null, .text, .list: return "NULL"
        case .int(let v), .timestamp(let v), .date(let v), .duration(let v): return "CAST(\(v) AS bigint)"
        case .float(let v): return v.isFinite ? "CAST(\(v) AS double precision)" : "NULL"
        case .bool(let v): return v ? "true" : "false"
        }
    }

    /// An untyped null in a CTE's column is text to PostgreSQL, which a union with a number refuses.
    public func null(of type: ValueType) -> String { type == .null ? "NULL" : "CAST(NULL AS \(Self.serverType(type)))" }

    /// The type a tei type is stored as on the server.
    public static func serverType(_ type: ValueType) -> String {
        switch type {
        case .float: return "double precision"
        case .text, .list: return "text"
        case .bool: return "boolean"
        case .int, .timestamp, .date, .duration, .null: return "bigint"
        }
    }

    public func orderKey(_ sql: String, descending: Bool) -> String {
        sql + (descending ? " DESC NULLS LAST" : " NULLS LAST")
    }

    public func derivedTable(_ sql: String, alias: String) -> String { "(\(sql)) AS \(quote(identifier: alias))" }
    public func sameValue(_ left: String, _ right: String) -> String { "\(left) IS NOT DISTINCT FROM \(right)" }
    public var groupSeek: GroupSeek { .lateralJoin }

    public func listElements(_ list: String, alias: String) -> (source: String, value: String, position: String) {
        ("json_array_elements_text(CAST(\(list) AS json)) WITH ORDINALITY AS \(alias)(value, position)", "\(alias).value", "\(alias).position")
    }

    public func window(_ operation: Operation, sql: [String], partition: [String], order: String) -> String {
        windowSQL(operation, sql: sql, partition: partition, order: order) { operation, sql in
            // The offset is an `integer` on the server.
            guard ["lag", "lead"].contains(operation.rawValue), sql.count == 2 else { return nil }
            return "\(operation.rawValue)(\(sql[0]), CAST(\(sql[1]) AS integer))"
        }
    }

    public func call(_ operation: Operation, _ arguments: [PlanExpression], sql a: [String], type: ValueType) -> String {
        if let logic = standardLogic(operation, sql: a) { return logic }
        let types = arguments.map(\.type)
        switch operation.rawValue {
        case "<", "<=", ">", ">=": return "(\(a[0]) \(operation.rawValue) \(a[1]))"
        case "%": return "(\(a[0]) % NULLIF(\(a[1]), 0))"
        case "in": return "(\(a[0]) IN (\(a.dropFirst().joined(separator: ", "))))"
        case "list_contains": return listContains(a[0], a[1])
        // tei's patterns are ICU's (`(?i)` folds every script's case), not PostgreSQL's own flavour.
        case "~": return "\(Self.functions)regexp(\(a[1]), \(a[0]))"
        // Exact past 64 bits, so the bound of a range compares as SQLite's real beyond every integer does.
        case "bound_add": return "(CAST(\(a[0]) AS numeric) + \(a[1]))"
        case "bound_subtract": return "(CAST(\(a[0]) AS numeric) - \(a[1]))"
        // The server estimates with its statistics; the column as it is.
        case "unsought": return a[0]
        case "+", "-", "*": return "(\(a[0]) \(operation.rawValue) \(a[1]))"
        case "/" where type == .float: return "(CAST(\(a[0]) AS double precision) / NULLIF(\(a[1]), 0))"
        case "/": return "(\(a[0]) / NULLIF(\(a[1]), 0))"
        case "neg": return "(- \(a[0]))"
        case "++": return "(\(a[0]) || \(a[1]))"
        case "list": return jsonArray(a)
        // SQLite's min and max of several values are null when one is; PostgreSQL's least and greatest skip nulls.
        case "least", "greatest":
            return "(CASE WHEN \(a.map { "\($0) IS NULL" }.joined(separator: " OR ")) THEN NULL ELSE \(operation.rawValue)(\(a.joined(separator: ", "))) END)"

        case "lower", "upper", "co_tweet_text", "split", "domain", "bin_months", "replace_regex": return teiFunction(operation.rawValue, a)
        case "extract": return teiFunction("extract", [a[0], a[1], a.count == 3 ? a[2] : "0"])
        case "len": return types[0] == .list ? "json_array_length(CAST(\(a[0]) AS json))" : "length(\(a[0]))"
        case "trim": return "btrim(\(a[0]), ' ' || chr(9) || chr(10) || chr(13))"
        case "substr": return "substr(\(a[0]), \(a.dropFirst().map { "CAST(\($0) AS integer)" }.joined(separator: ", ")))"
        case "contains":
            return types[0] == .list ? listContains(a[0], a[1]) : "(strpos(\(a[0]), \(a[1])) > 0)"
        case "starts_with": return "(substr(\(a[0]), 1, length(\(a[1]))) = \(a[1]))"
        case "ends_with": return "(length(\(a[0])) >= length(\(a[1])) AND substr(\(a[0]), length(\(a[0])) - length(\(a[1])) + 1) = \(a[1]))"
        case "year": return calendarField("year", a[0])
        case "month": return calendarField("month", a[0])
        case "day": return calendarField("day", a[0])
        case "hour": return "(\(TimeSQL.secondOfDay(a[0])) / 3600)"
        case "minute": return "(\(TimeSQL.secondOfDay(a[0])) % 3600 / 60)"
        case "weekday": return "(\(isoWeekdayIndex(a[0])) + 1)"
        case "weekday_name": return "substr('\(WeekdayOrder.names.joined())', CAST(3 * \(isoWeekdayIndex(a[0])) + 1 AS integer), 3)"
        case "date": return TimeSQL.startOfDay(types[0] == .text ? teiFunction("timestamp", a) : a[0])
        case "timestamp": return types[0] == .text ? teiFunction("timestamp", a) : a[0]
        case "bin": return binSQL(arguments, a) { "(floor(CAST(\($0) AS double precision) / \($1)) * \($1))" }
        case "round": return round(a, types[0])
        case "if": return "(CASE WHEN \(a[0]) THEN \(a[1]) ELSE \(a[2]) END)"
        case "is_hashed": return types[0] == .int ? "false" : teiFunction("is_hashed", a)
        case "snowflake_time": return "(((\(a[0]) >> 22) + 1288834974657) / 1000)"
        case "int":
            switch types[0] {
            case .text, .float: return teiFunction("int", a)
            case .bool: return "CAST(CAST(\(a[0]) AS integer) AS bigint)"
            default: return "CAST(\(a[0]) AS bigint)"
            }
        case "float":
            switch types[0] {
            case .text: return teiFunction("float", a)
            case .bool: return "CAST(CAST(\(a[0]) AS integer) AS double precision)"
            default: return "CAST(\(a[0]) AS double precision)"
            }
        case "text": return text(a[0], types[0])

        case "count": return a.isEmpty ? "COUNT(*)" : "COUNT(\(a[0]))"
        case "count_distinct": return "COUNT(DISTINCT \(a[0]))"
        // The server sums `bigint`s as `numeric`: back in 64 bits, or error 22003 (overflow) as SQLite.
        case "sum" where type.isWholeNumber: return "CAST(SUM(\(a[0])) AS bigint)"
        case "sum": return "SUM(\(a[0]))"
        // SQLite averages in floats whatever the type; the server would average `bigint`s as `numeric`.
        case "avg": return "AVG(CAST(\(a[0]) AS double precision))"
        case "stddev": return "stddev_samp(CAST(\(a[0]) AS double precision))"
        // PostgreSQL has no min or max of booleans: false < true, as SQLite's 0 < 1.
        case "min" where types.first == .bool: return "bool_and(\(a[0]))"
        case "max" where types.first == .bool: return "bool_or(\(a[0]))"
        case "min", "max": return "\(operation.rawValue.uppercased())(\(a[0]))"
        case "median": return "\(Self.functions)median(\(a[0]))"
        case "percentile", "mode", "collect", "collect_distinct", "join_text": return teiFunction(operation.rawValue, a)
        case "row_number", "dense_rank": return window(operation, sql: a, partition: [], order: "")
        // Functions PostgreSQL has under the same name and arguments: replace, abs, coalesce.
        default: return "\(operation.rawValue)(\(a.joined(separator: ", ")))"
        }
    }

    /// A call of tei's function `tei_NAME` in schema `tei`.
    private func teiFunction(_ name: String, _ arguments: [String]) -> String {
        "\(Self.functions)tei_\(name)(\(arguments.joined(separator: ", ")))"
    }

    /// A JSON array of the texts `elements` as SQLite's `json_array` writes it: no spaces, null for
    /// a null element, so that a list built here equals one stored in the cache.
    private func jsonArray(_ elements: [String]) -> String {
        guard !elements.isEmpty else { return "'[]'" }
        let items = elements.map { "COALESCE(CAST(to_json(CAST(\($0) AS text)) AS text), 'null')" }
        return "('[' || concat_ws(',', \(items.joined(separator: ", "))) || ']')"
    }

    /// Whether the JSON list `list` holds the text `value`: `v in list` and `contains(list, v)`.
    private func listContains(_ list: String, _ value: String) -> String {
        "EXISTS (SELECT 1 FROM json_array_elements_text(CAST(\(list) AS json)) AS e(value) WHERE e.value = \(value))"
    }

    /// A field of the calendar date (UTC) of `time`, seconds since 1970.
    private func calendarField(_ field: String, _ time: String) -> String {
        "CAST(extract(\(field) FROM to_timestamp(\(time)) AT TIME ZONE 'UTC') AS bigint)"
    }

    /// The day of the week of `time`, 0 for Monday to 6 for Sunday.
    private func isoWeekdayIndex(_ time: String) -> String {
        "((((\(time) - \(TimeSQL.secondOfDay(time))) / 86400 + 3) % 7 + 7) % 7)"
    }

    /// `round(x)` and `round(x, digits)` half away from zero, as SQLite rounds: PostgreSQL's own
    /// round of a `double precision` goes to the even neighbour, its round of a `numeric` away from zero.
    private func round(_ a: [String], _ type: ValueType) -> String {
        if a.count == 1 && type == .int { return a[0] }
        let digits = a.count == 2 ? ", CAST(\(a[1]) AS integer)" : ""
        return "CAST(round(CAST(\(a[0]) AS numeric)\(digits)) AS double precision)"
    }

    /// A value as tei writes it, as text.
    func text(_ sql: String, _ type: ValueType) -> String {
        switch type {
        case .timestamp: return "to_char(to_timestamp(\(sql)) AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI')"
        case .date: return "to_char(to_timestamp(\(sql)) AT TIME ZONE 'UTC', 'YYYY-MM-DD')"
        case .bool: return "(CASE WHEN \(sql) THEN 'true' WHEN NOT \(sql) THEN 'false' END)"
        case .duration: return "(\(sql) || 's')"
        case .float: return realText(sql)
        default: return "CAST(\(sql) AS text)"
        }
    }

    /// A float as SQLite's CAST writes it (`%!.15g`): 15 significant digits, a decimal point always
    /// (`3.0`, `1.0e+20`), an exponent of two digits or more outside 1e-4 ≤ |x| < 1e15. The server's
    /// `numeric` of a `double precision` keeps the same 15 digits; its text is then laid out as SQLite's.
    private func realText(_ sql: String) -> String {
        let pointed = "(CASE WHEN strpos(m, '.') > 0 THEN m ELSE m || '.0' END)"
        let fixed = "(SELECT \(pointed) FROM (SELECT CAST(n AS text) AS m) AS t)"
        let scientific = "(SELECT \(pointed) || 'e' || (CASE WHEN e < 0 THEN '-' ELSE '+' END) || (CASE WHEN abs(e) < 10 THEN '0' ELSE '' END) || CAST(abs(e) AS text) "
            + "FROM (SELECT CAST(trim_scale(CASE WHEN e >= 0 THEN n / power(CAST(10 AS numeric), e) ELSE n * power(CAST(10 AS numeric), -e) END) AS text) AS m, e "
            + "FROM (SELECT CAST(floor(log(abs(n))) AS integer) AS e) AS p) AS t)"
        return "(SELECT CASE WHEN n IS NULL THEN NULL WHEN n = 0 THEN '0.0' WHEN n = 'NaN' THEN 'NaN' "
            + "WHEN abs(n) >= 0.0001 AND abs(n) < 1e15 THEN \(fixed) ELSE \(scientific) END "
            + "FROM (SELECT CAST(\(sql) AS numeric) AS n) AS r)"
    }
}
