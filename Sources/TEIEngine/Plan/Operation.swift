/// What a call in the plan computes, by identity: a built-in function of the language (named as
/// the user writes it, declared in `FunctionTable`), an operator, or a function the engine uses for
/// charts. Each dialect spells it (`SQLDialect`); a function the dialect has no spelling for is
/// written as a call of the same name. The plan never holds SQL.
public struct Operation: Hashable, Sendable, RawRepresentable, CustomStringConvertible {
    public let rawValue: String

    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    init(_ name: String) {
        rawValue = name
    }

    public var description: String { rawValue }

    /// Whether it computes one value over many rows (a built-in aggregate).
    public var isAggregate: Bool { FunctionTable.function(named: rawValue)?.kind == .aggregate }

    // Logic and comparison.
    public static let and = Operation("and"), or = Operation("or"), not = Operation("not")
    public static let isNull = Operation("is_null"), isNotNull = Operation("is_not_null")
    public static let equal = Operation("=="), notEqual = Operation("!="), less = Operation("<"), lessOrEqual = Operation("<=")
    public static let greater = Operation(">"), greaterOrEqual = Operation(">=")
    /// `value in [a, b, …]`: the first argument among the others.
    public static let inList = Operation("in")
    /// Whether a list (first argument) holds a value (second): `v in list`.
    public static let listContains = Operation("list_contains")
    /// `text ~ pattern`: a regular expression match.
    public static let matches = Operation("~")
    // Arithmetic; whole-number results are checked for overflow.
    public static let add = Operation("+"), subtract = Operation("-"), multiply = Operation("*"), divide = Operation("/")
    public static let remainder = Operation("%"), negate = Operation("neg")
    /// `a + b` and `a - b` as the bound of a range a whole number is compared with: exact when the
    /// result fits in 64 bits, and past them a value beyond every whole number, which compares
    /// right with each (`TimeWindowRanges`); never a value a user sees.
    public static let boundAdd = Operation("bound_add"), boundSubtract = Operation("bound_subtract")
    /// A column read as it is, which the database must not seek in an index: a filter of the rows
    /// read once in whole (`ScanSharedJoinInputOnce`); never a value a user sees.
    public static let unsought = Operation("unsought")
    /// `a ++ b`: text joined.
    public static let concat = Operation("++")
    /// `[a, b, …]`: a list of text.
    public static let makeList = Operation("list")
    /// `a ?? b`, and the function `coalesce`: the first value that is not null.
    public static let coalesce = Operation("coalesce")
    /// The smaller, or larger, of its arguments (charts' bins and bar sizes).
    public static let least = Operation("least"), greatest = Operation("greatest")
    /// Window functions the engine uses (charts).
    public static let rowNumber = Operation("row_number"), denseRank = Operation("dense_rank")

    /// `bin(time, 3mo)`: a time down to the first day of its bucket of calendar months (the second
    /// argument, an int); `FunctionTable`'s `bin` with a calendar period.
    public static let binMonths = Operation("bin_months")

    // Built-in functions the plan builds itself (charts, optimizer rewrites).
    public static let date = Operation("date"), bin = Operation("bin"), ifThenElse = Operation("if"), abs = Operation("abs")
    public static let int = Operation("int"), count = Operation("count"), sum = Operation("sum"), avg = Operation("avg")
    public static let min = Operation("min"), max = Operation("max"), text = Operation("text")
}
