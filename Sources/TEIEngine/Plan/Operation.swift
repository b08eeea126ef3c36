/// What a call in the plan computes, by identity: a built-in function of the language (named as
/// the user writes it), an operator, or a function the engine uses for charts. Each dialect
/// spells every operation (`SQLDialect`); the plan never holds SQL.
public enum Operation: String, Sendable, CaseIterable {
    // Logic and comparison.
    case and, or, not
    case isNull = "is_null", isNotNull = "is_not_null"
    case equal = "==", notEqual = "!=", less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">="
    /// `value in [a, b, …]`: the first argument among the others.
    case inList = "in"
    /// Whether a list (first argument) holds a value (second): `contains(list, v)`, `v in list`.
    case listContains = "list_contains"
    /// `text ~ pattern`: a regular expression match.
    case matches = "~"
    // Arithmetic; whole-number results are checked for overflow.
    case add = "+", subtract = "-", multiply = "*", divide = "/", remainder = "%", negate = "neg"
    /// `a ++ b`: text joined.
    case concat = "++"
    /// `[a, b, …]`: a list of text.
    case makeList = "list"
    /// The smaller, or larger, of its arguments (charts' bins and bar sizes).
    case least, greatest

    // Built-in scalar functions, named as in the language (`FunctionTable`).
    case lower, upper, len, trim, substr, replace, contains
    case startsWith = "starts_with", endsWith = "ends_with"
    case year, month, day, hour, minute, weekday
    case weekdayName = "weekday_name"
    case date, bin, round, abs, coalesce
    case ifThenElse = "if"
    case domain
    case isHashed = "is_hashed"
    case snowflakeTime = "snowflake_time"
    case int, float, text

    // Built-in aggregates.
    case count
    case countDistinct = "count_distinct"
    case sum, avg, min, max, median, stddev

    // Window functions the engine uses (charts).
    case rowNumber = "row_number", denseRank = "dense_rank"

    /// Whether it computes one value over many rows.
    public var isAggregate: Bool {
        switch self {
        case .count, .countDistinct, .sum, .avg, .min, .max, .median, .stddev: return true
        default: return false
        }
    }
}
