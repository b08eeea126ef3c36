import Foundation
import TEIStorage

/// A built-in function: its documentation and how it types its arguments (each dialect spells it).
/// One table feeds the checker, `:help`, completion and the language reference.
public struct BuiltinFunction: Sendable {
    public enum Kind: String, Sendable { case scalar, aggregate, window }

    /// How a window function reads the order of its rows.
    public enum WindowOrdering: Sendable {
        /// Row after row in the rows' order, ties in the order they had (`lag`, `running_sum`).
        case rows
        /// By the keys of the last sort: rows equal in every key tie (`rank`).
        case keys
        /// Over the rows whose one sort key lies within a span before the row's (`rolling_avg`).
        case range
    }

    public let name: String
    public let kind: Kind
    /// How it is called, e.g. `substr(text, start, length?)`.
    public let signature: String
    public let summary: String
    /// An example line the test suite runs.
    public let example: String
    let arity: ClosedRange<Int>
    /// For a window function, how it reads the rows' order.
    public let ordering: WindowOrdering?
    /// Types the arguments: the result type, or a message saying what is wrong.
    let resolve: @Sendable ([TypedExpression]) -> Result<ValueType, FunctionTypeError>
    /// How it types a call whose last argument is a calendar period (`1mo`, `1y`), which no other
    /// expression takes, and the operation such a call is: only `bin` has one.
    let calendar: (operation: Operation, resolve: @Sendable ([TypedExpression]) -> Result<ValueType, FunctionTypeError>)?

    /// What a call computes, for the plan: a built-in function is its own operation.
    var operation: Operation { Operation(name) }
}

/// Why a call's arguments do not fit: the message and which argument (0-based) is at fault.
struct FunctionTypeError: Error {
    var message: String
    var argument: Int?
}

/// Every built-in function, scalar and aggregate.
public enum FunctionTable {
    public static let all: [BuiltinFunction] = scalars + aggregates + windows

    private static let byName: [String: BuiltinFunction] = Dictionary(uniqueKeysWithValues: all.map { ($0.name, $0) })

    /// The function called `name`.
    public static func function(named name: String) -> BuiltinFunction? { byName[name] }

    /// What other query languages (SQL, Python, pandas, R) call some of tei's functions: the hint
    /// for an unknown name, asked before spelling, so that `mean` suggests `avg` by meaning rather
    /// than `median` by spelling.
    public static let otherNames: [String: String] = [
        // Aggregates.
        "mean": "avg", "average": "avg", "nunique": "count_distinct", "n_distinct": "count_distinct",
        "std": "stddev", "stdev": "stddev", "stddev_samp": "stddev", "sd": "stddev",
        "string_agg": "join_text", "group_concat": "join_text", "listagg": "join_text",
        "array_agg": "collect", "list": "collect", "tolist": "collect", "unique": "collect_distinct",
        "quantile_cont": "percentile", "quantile": "percentile", "percentile_cont": "percentile",
        // Text.
        "length": "len", "char_length": "len", "strlen": "len", "nchar": "len",
        "lcase": "lower", "tolower": "lower", "ucase": "upper", "toupper": "upper", "strip": "trim",
        "substring": "substr", "startswith": "starts_with", "endswith": "ends_with",
        "regexp_extract": "extract", "regexp_replace": "replace_regex", "sub": "replace_regex", "gsub": "replace_regex",
        "string_split": "split", "str_split": "split",
        // Conversions and values.
        "str": "text", "string": "text", "to_char": "text", "integer": "int", "float64": "float",
        "ifnull": "coalesce", "nvl": "coalesce", "isnull": "coalesce", "fillna": "coalesce", "iif": "if", "ifelse": "if",
        // Time.
        "strptime": "timestamp", "to_timestamp": "timestamp", "to_datetime": "timestamp", "to_date": "date",
        "date_trunc": "bin", "floor_date": "bin", "dayofweek": "weekday", "dow": "weekday",
    ]

    // MARK: - Typing helpers

    private typealias Rule = @Sendable ([TypedExpression]) -> Result<ValueType, FunctionTypeError>

    private static func expect(_ args: [TypedExpression], _ index: Int, _ allowed: [ValueType], _ what: String) -> FunctionTypeError? {
        guard index < args.count else { return nil }
        let type = args[index].type
        if type == .null || allowed.contains(type) { return nil }
        return FunctionTypeError(message: "expected \(what), found \(type.name)", argument: index)
    }

    private static func fixed(_ result: ValueType, _ checks: [(Int, [ValueType], String)]) -> Rule {
        return { args in
            for (index, allowed, what) in checks {
                if let error = expect(args, index, allowed, what) { return .failure(error) }
            }
            return .success(result)
        }
    }

    private static let text: [ValueType] = [.text]
    private static let numbers: [ValueType] = [.int, .float]
    private static let times: [ValueType] = [.timestamp, .date]

    /// Why a constant regular expression cannot be used, or nil; a pattern computed per row is
    /// checked while the query runs.
    static func invalidPattern(_ pattern: TypedExpression) -> String? {
        guard case .text(let written)? = pattern.constant, (try? NSRegularExpression(pattern: written)) == nil else { return nil }
        return "invalid regular expression \"\(written)\""
    }

    /// Argument `index` as a regular expression: text, valid when written as a constant.
    private static func pattern(_ args: [TypedExpression], _ index: Int) -> FunctionTypeError? {
        if let e = expect(args, index, text, "a regular expression (text)") { return e }
        return index < args.count ? invalidPattern(args[index]).map { FunctionTypeError(message: $0, argument: index) } : nil
    }

    /// Argument `index`, when given, as a time format (`TimeFormat`): text, valid when a constant.
    private static func timeFormat(_ args: [TypedExpression], _ index: Int) -> FunctionTypeError? {
        if let e = expect(args, index, text, "a format (text)") { return e }
        guard index < args.count, case .text(let written)? = args[index].constant else { return nil }
        do {
            _ = try TimeFormat(written)
            return nil
        } catch {
            return FunctionTypeError(message: (error as? TimeFormat.Problem)?.message ?? "invalid format", argument: index)
        }
    }

    /// Argument `index` must be written in the script: an aggregate reads it once, not per row.
    private static func constant(_ args: [TypedExpression], _ index: Int, _ what: String) -> FunctionTypeError? {
        guard index < args.count, args[index].constant == nil else { return nil }
        return FunctionTypeError(message: "\(what) must be written as a value, not computed per row", argument: index)
    }

    private static func scalar(_ name: String, _ signature: String, _ summary: String, _ example: String,
                               _ arity: ClosedRange<Int>, _ resolve: @escaping Rule) -> BuiltinFunction {
        BuiltinFunction(name: name, kind: .scalar, signature: signature, summary: summary, example: example,
                        arity: arity, ordering: nil, resolve: resolve, calendar: nil)
    }

    private static func aggregate(_ name: String, _ signature: String, _ summary: String, _ example: String,
                                  _ arity: ClosedRange<Int>, _ resolve: @escaping Rule) -> BuiltinFunction {
        BuiltinFunction(name: name, kind: .aggregate, signature: signature, summary: summary, example: example,
                        arity: arity, ordering: nil, resolve: resolve, calendar: nil)
    }

    private static func window(_ name: String, _ ordering: BuiltinFunction.WindowOrdering, _ signature: String, _ summary: String,
                               _ example: String, _ arity: ClosedRange<Int>, _ resolve: @escaping Rule) -> BuiltinFunction {
        BuiltinFunction(name: name, kind: .window, signature: signature, summary: summary, example: example,
                        arity: arity, ordering: ordering, resolve: resolve, calendar: nil)
    }

    // MARK: - Scalars

    static let scalars: [BuiltinFunction] = [
        scalar("lower", "lower(text)", "The text in lower case: every letter with a case, in any script (Unicode's simple case mapping, the same everywhere).",
               #"lower("ÉTÉ Выборы ΨΗΦΟΣ") == "été выборы ψηφοσ""#, 1...1, fixed(.text, [(0, text, "text")])),
        scalar("upper", "upper(text)", "The text in upper case, as `lower` does it (`ß` stays `ß`).",
               #"upper("vote ñandú") == "VOTE ÑANDÚ""#, 1...1, fixed(.text, [(0, text, "text")])),
        scalar("len", "len(text or list)", "The number of characters of a text, or of elements of a list.",
               #"len("héllo") == 5"#, 1...1) { args in
            switch args[0].type {
            case .list: return .success(.int)
            case .text, .null: return .success(.int)
            default: return .failure(FunctionTypeError(message: "expected text or a list, found \(args[0].type.name)", argument: 0))
            }
        },
        scalar("trim", "trim(text)", "The text without leading and trailing white space.",
               #"trim("  x ") == "x""#, 1...1, fixed(.text, [(0, text, "text")])),
        scalar("substr", "substr(text, start, length?)", "Part of a text: from character `start` (1-based), `length` characters or to the end.",
               #"substr("election", 1, 4) == "elec""#, 2...3) { args in
            if let e = expect(args, 0, text, "text") ?? expect(args, 1, [.int], "an int") ?? expect(args, 2, [.int], "an int") { return .failure(e) }
            return .success(.text)
        },
        scalar("replace", "replace(text, old, new)", "The text with every occurrence of `old` replaced by `new`.",
               #"replace("a-b-c", "-", "+") == "a+b+c""#, 3...3,
               fixed(.text, [(0, text, "text"), (1, text, "text"), (2, text, "text")])),
        scalar("replace_regex", "replace_regex(text, regex, replacement)",
               "The text with every match of the regular expression replaced; `$1` in the replacement is the text of group 1, `\\$` a dollar sign.",
               #"replace_regex("call 555-1234", r"(\d+)-(\d+)", "$2-$1") == "call 1234-555""#, 3...3) { args in
            if let e = expect(args, 0, text, "text") ?? pattern(args, 1) ?? expect(args, 2, text, "text") { return .failure(e) }
            return .success(.text)
        },
        scalar("extract", "extract(text, regex, group?)",
               "The part of the text the first match of the regular expression covers, or its group `group` (1 for the first); null where nothing matches.",
               ##"extract("see #vote2016 now", r"#(\w+?)(\d+)", 2) == "2016""##, 2...3) { args in
            if let e = expect(args, 0, text, "text") ?? pattern(args, 1) ?? expect(args, 2, [.int], "a group number (int)") { return .failure(e) }
            if args.count == 3, case .int(let group)? = args[2].constant {
                let groups = args[1].constant.flatMap { value -> Int? in
                    guard case .text(let written) = value else { return nil }
                    return (try? NSRegularExpression(pattern: written))?.numberOfCaptureGroups
                }
                if group < 0 || groups.map({ group > $0 }) ?? false {
                    let has = groups.map { $0 == 0 ? "has no groups" : $0 == 1 ? "has one group" : "has groups 1 to \($0)" } ?? "numbers its groups from 1"
                    return .failure(FunctionTypeError(message: "no group \(group): the regular expression \(has) (0 is the whole match)", argument: 2))
                }
            }
            return .success(.text)
        },
        scalar("split", "split(text, separator)",
               "The pieces of the text between separators, as a list (an empty separator gives the characters).",
               #"split("a,b,,c", ",") == ["a", "b", "", "c"]"#, 2...2,
               fixed(.list, [(0, text, "text"), (1, text, "text")])),
        scalar("contains", "contains(text or list, value)", "Whether a text contains a piece of text, or a list an element.",
               ##"contains("#vote2016", "vote") and contains(["a", "b"], "b")"##, 2...2) { args in
            if let e = expect(args, 1, text, "text") { return .failure(e) }
            switch args[0].type {
            case .list: return .success(.bool)
            case .text, .null: return .success(.bool)
            default: return .failure(FunctionTypeError(message: "expected text or a list, found \(args[0].type.name)", argument: 0))
            }
        },
        scalar("starts_with", "starts_with(text, prefix)", "Whether the text begins with `prefix`.",
               #"starts_with("RT @user: hi", "RT @")"#, 2...2,
               fixed(.bool, [(0, text, "text"), (1, text, "text")])),
        scalar("ends_with", "ends_with(text, suffix)", "Whether the text ends with `suffix`.",
               #"ends_with("report.pdf", ".pdf")"#, 2...2,
               fixed(.bool, [(0, text, "text"), (1, text, "text")])),
        scalar("year", "year(time)", "The calendar year (UTC).", "year(@2016-11-08) == 2016", 1...1,
               fixed(.int, [(0, times, "a timestamp or date")])),
        scalar("month", "month(time)", "The month, 1–12 (UTC).", "month(@2016-11-08) == 11", 1...1,
               fixed(.int, [(0, times, "a timestamp or date")])),
        scalar("day", "day(time)", "The day of the month, 1–31 (UTC).", "day(@2016-11-08) == 8", 1...1,
               fixed(.int, [(0, times, "a timestamp or date")])),
        scalar("hour", "hour(time)", "The hour of the day, 0–23 (UTC).", "hour(@2016-11-08T14:30) == 14", 1...1,
               fixed(.int, [(0, times, "a timestamp or date")])),
        scalar("minute", "minute(time)", "The minute of the hour, 0–59.", "minute(@2016-11-08T14:30) == 30", 1...1,
               fixed(.int, [(0, times, "a timestamp or date")])),
        scalar("weekday", "weekday(time)", "The ISO day of the week: 1 is Monday, 7 is Sunday (UTC).",
               "weekday(@2016-11-08) == 2", 1...1,
               fixed(.int, [(0, times, "a timestamp or date")])),
        scalar("weekday_name", "weekday_name(time)", "The day of the week as Mon, Tue, … Sun (UTC).",
               #"weekday_name(@2016-11-08) == "Tue""#, 1...1,
               fixed(.text, [(0, times, "a timestamp or date")])),
        scalar("date", "date(time or text, format?)",
               "The day a timestamp falls on (UTC); or the day text writes, read as `timestamp` reads it (null where it writes none).",
               #"date(@2016-11-08T14:30) == @2016-11-08 and date("8 Nov 2016", "%d %b %Y") == @2016-11-08"#, 1...2) { args in
            if args[0].type == .text { return timeFormat(args, 1).map { .failure($0) } ?? .success(.date) }
            if let e = expect(args, 0, times + text, "a timestamp, date or text") { return .failure(e) }
            if args.count == 2 { return .failure(FunctionTypeError(message: "a format is for reading text; a time needs none", argument: 1)) }
            return .success(.date)
        },
        scalar("timestamp", "timestamp(text or date, format?)",
               "The time text writes, in ISO 8601 (`2017-03-01 14:00`) or in `format` (`%d/%m/%Y %H:%M`, see below), UTC; null where it writes none. A date becomes its midnight.",
               #"timestamp("01/03/2017 14:00", "%d/%m/%Y %H:%M") == @2017-03-01T14:00"#, 1...2) { args in
            if args[0].type == .date || args[0].type == .timestamp {
                if args.count == 2 { return .failure(FunctionTypeError(message: "a format is for reading text; a time needs none", argument: 1)) }
                return .success(.timestamp)
            }
            if let e = expect(args, 0, text, "text or a date") ?? timeFormat(args, 1) { return .failure(e) }
            return .success(.timestamp)
        },
        BuiltinFunction(
            name: "bin", kind: .scalar, signature: "bin(value, size)",
            summary: "Rounds a time down to a bucket of `size`: a duration (weeks start on Monday) or calendar months `1mo` or years `1y` (a date, the first of its month; buckets counted from January 1970); or a number down to a multiple of `size`.",
            example: "bin(@2016-11-09T14:30, 1h) == @2016-11-09T14:00 and bin(@2016-11-09T14:30, 3mo) == @2016-10-01",
            arity: 2...2, ordering: nil, resolve: binResolve,
            calendar: (Operation.binMonths, { args in
                if let e = expect(args, 0, times, "a timestamp or date") { return .failure(e) }
                return .success(.date)
            })),
        scalar("round", "round(number, digits?)", "The number rounded to `digits` decimals (default 0).",
               "round(2.567, 1) == 2.6", 1...2) { args in
            if let e = expect(args, 0, numbers, "a number") ?? expect(args, 1, [.int], "an int") { return .failure(e) }
            if args.count == 1 { return .success(args[0].type == .int ? .int : .float) }
            return .success(.float)
        },
        scalar("abs", "abs(number)", "The absolute value.", "abs(-3) == 3", 1...1) { args in
            if let e = expect(args, 0, numbers + [.duration], "a number") { return .failure(e) }
            return .success(args[0].type)
        },
        scalar("coalesce", "coalesce(value, value, …)", "The first argument that is not null (like `??`).",
               "coalesce(null, 3) == 3", 2...9) { args in
            guard let type = commonType(args.map(\.type)) else {
                return .failure(FunctionTypeError(message: "coalesce needs arguments of one type, found \(args.map(\.type.name).joined(separator: ", "))", argument: nil))
            }
            return .success(type)
        },
        scalar("if", "if(condition, then, else)", "`then` where the condition holds, `else` elsewhere (also where it is null).",
               #"if(3 > 2, "yes", "no") == "yes""#, 3...3) { args in
            if let e = expect(args, 0, [.bool], "a bool condition") { return .failure(e) }
            guard let type = commonType([args[1].type, args[2].type]) else {
                return .failure(FunctionTypeError(message: "both branches of if need one type, found \(args[1].type.name) and \(args[2].type.name)", argument: 2))
            }
            return .success(type)
        },
        scalar("domain", "domain(url)", "The host of a URL, lower-cased and without `www.`; null for text that is not a URL.",
               #"domain("https://www.Example.com/a?b=1") == "example.com""#, 1...1,
               fixed(.text, [(0, text, "text")])),
        scalar("co_tweet_text", "co_tweet_text(text)",
               "The text as the Coordination Network Toolkit's co-tweet network compares it: in lower case, without every `@` and what follows it up to the next white space, its words joined by one space (see docs/stdlib.md).",
               #"co_tweet_text("RT @user:  Vote\tEARLY! mail@example.com") == "rt vote early! mail""#, 1...1,
               fixed(.text, [(0, text, "text")])),
        scalar("is_hashed", "is_hashed(id)", "Whether an account id is one of the archive's hashes (64 hex digits or base64) rather than a numeric id.",
               #"not is_hashed("2572896396")"#, 1...1) { args in
            if let e = expect(args, 0, [.text, .int], "an id") { return .failure(e) }
            return .success(.bool)
        },
        scalar("snowflake_time", "snowflake_time(tweetid)", "The time (to the second) encoded in a tweet id issued after November 2010.",
               "snowflake_time(877919995476496385) == @2017-06-22T16:03:32", 1...1) { args in
            if let e = expect(args, 0, [.int], "an int tweet id") { return .failure(e) }
            return .success(.timestamp)
        },
        scalar("int", "int(value)", "The value as an int: numbers are truncated, text is read as a decimal number (null when it is not one), bools are 0 or 1; a number past 64 bits is an integer overflow error.",
               #"int("42") == 42"#, 1...1) { args in
            switch args[0].type {
            case .text, .float: return .success(.int)
            case .int, .bool, .null, .duration, .timestamp, .date: return .success(.int)
            case .list: return .failure(FunctionTypeError(message: "a list cannot become an int; use len()", argument: 0))
            }
        },
        scalar("float", "float(value)", "The value as a float: text is read as a decimal number (null when it is not one, or past a float's range of about 1.8e308).",
               #"float("2.5") == 2.5"#, 1...1) { args in
            if let e = expect(args, 0, numbers + [.text, .bool], "a number or text") { return .failure(e) }
            return .success(.float)
        },
        scalar("text", "text(value)", "The value as text, written as tei shows it.", #"text(42) == "42""#, 1...1) { args in
            switch args[0].type {
            case .timestamp: return .success(.text)
            case .date: return .success(.text)
            case .bool: return .success(.text)
            default: return .success(.text)
            }
        },
    ]

    /// `bin` with a duration or a number as its size (`calendar` types a calendar period).
    private static let binResolve: Rule = { args in
        switch (args[0].type, args[1].type) {
        case (.timestamp, .duration), (.date, .duration), (.null, .duration):
            // Buckets of whole days are dates; finer ones keep the time of day.
            var seconds: Int64?
            if case .duration(let d)? = args[1].constant { seconds = d }
            return .success(seconds.map { $0 > 0 && $0 % 86_400 == 0 } ?? false ? .date : .timestamp)
        case (.int, .int), (.null, .int): return .success(.int)
        case (.int, .float), (.float, .int), (.float, .float), (.null, .float):
            return .success(.float)
        default:
            return .failure(FunctionTypeError(message: "bin takes a time and a duration or calendar period (bin(tweet_time, 1d), bin(tweet_time, 1mo)) or two numbers, found \(args[0].type.name) and \(args[1].type.name)", argument: 1))
        }
    }

    // MARK: - Aggregates

    static let aggregates: [BuiltinFunction] = [
        aggregate("count", "count() or count(value)", "The number of rows, or of non-null values.", "tweets | group userid (n = count())", 0...1) { args in
            .success(.int)
        },
        aggregate("count_distinct", "count_distinct(value)", "The number of distinct non-null values.",
                  "tweets | group (accounts = count_distinct(userid))", 1...1) { _ in .success(.int) },
        aggregate("sum", "sum(number)", "The total; null when every value is null.", "tweets | group (likes = sum(like_count))", 1...1) { args in
            if let e = expect(args, 0, numbers + [.duration], "a number") { return .failure(e) }
            return .success(args[0].type == .null ? .int : args[0].type)
        },
        aggregate("avg", "avg(number)", "The mean.", "tweets | group (mean_likes = avg(like_count))", 1...1) { args in
            if let e = expect(args, 0, numbers + [.duration], "a number") { return .failure(e) }
            return .success(args[0].type == .duration ? .duration : .float)
        },
        aggregate("min", "min(value)", "The smallest value.", "tweets | group (first = min(tweet_time))", 1...1) { args in
            if args[0].type == .list { return .failure(FunctionTypeError(message: "lists have no order", argument: 0)) }
            return .success(args[0].type)
        },
        aggregate("max", "max(value)", "The largest value.", "tweets | group (last = max(tweet_time))", 1...1) { args in
            if args[0].type == .list { return .failure(FunctionTypeError(message: "lists have no order", argument: 0)) }
            return .success(args[0].type)
        },
        aggregate("median", "median(number)", "The middle value (the mean of the two middle values for an even count): `percentile(x, 0.5)`.",
                  "tweets | group (typical = median(like_count))", 1...1, interpolatedType),
        aggregate("percentile", "percentile(number, fraction)",
                  "The value `fraction` (0 to 1) of the way through the sorted values, interpolating linearly between the two nearest (DuckDB's `quantile_cont`).",
                  "tweets | group (p90 = percentile(like_count, 0.9))", 2...2) { args in
            if let e = expect(args, 1, numbers, "a fraction from 0 to 1") ?? constant(args, 1, "the fraction") { return .failure(e) }
            let fraction: Double
            switch args[1].constant {
            case .int(let v)?: fraction = Double(v)
            case .float(let v)?: fraction = v
            default: fraction = .nan
            }
            if !(0...1).contains(fraction) {
                return .failure(FunctionTypeError(message: "the fraction must be from 0 to 1 (0.9 for the 90th percentile)", argument: 1))
            }
            return interpolatedType(args)
        },
        aggregate("mode", "mode(value)", "The most frequent value; of several equally frequent, the smallest.",
                  "tweets | group userid (usual_language = mode(tweet_language))", 1...1) { args in
            if args[0].type == .list { return .failure(FunctionTypeError(message: "lists have no order", argument: 0)) }
            return .success(args[0].type)
        },
        aggregate("collect", "collect(text)", "The non-null values as a list, sorted (so the same whatever order rows come in).",
                  "tweets | group userid (languages = collect(tweet_language))", 1...1,
                  fixed(.list, [(0, text, "text (lists hold text; write collect(text(x)))")])),
        aggregate("collect_distinct", "collect_distinct(text)", "The distinct non-null values as a sorted list.",
                  "tweets | group userid (languages = collect_distinct(tweet_language))", 1...1,
                  fixed(.list, [(0, text, "text (lists hold text; write collect_distinct(text(x)))")])),
        aggregate("join_text", "join_text(text, separator)", "The non-null values sorted and joined by `separator`; null when there are none.",
                  #"tweets | group userid (languages = join_text(tweet_language, ", "))"#, 2...2) { args in
            if let e = expect(args, 0, text, "text") ?? expect(args, 1, text, "a separator (text)") ?? constant(args, 1, "the separator") { return .failure(e) }
            return .success(.text)
        },
        aggregate("stddev", "stddev(number)", "The sample standard deviation.", "tweets | group (spread = stddev(like_count))", 1...1) { args in
            if let e = expect(args, 0, numbers, "a number") { return .failure(e) }
            return .success(.float)
        },
    ]

    // MARK: - Window functions

    /// The type of a total of `type`: a whole number, a float or a duration.
    private static func total(_ args: [TypedExpression]) -> Result<ValueType, FunctionTypeError> {
        if let e = expect(args, 0, numbers + [.duration], "a number") { return .failure(e) }
        return .success(args[0].type == .null ? .int : args[0].type)
    }

    /// The type of a mean of the first argument, checking that the last is a span.
    private static func mean(_ args: [TypedExpression]) -> Result<ValueType, FunctionTypeError> {
        if let e = expect(args, 0, numbers + [.duration], "a number") { return .failure(e) }
        return .success(args[0].type == .duration ? .duration : .float)
    }

    static let windows: [BuiltinFunction] = [
        window("row_number", .rows, "row_number()", "The row's position in its group (or the table), from 1, in the rows' order.",
               "tweets | sort tweet_time | derive n = row_number()", 0...0) { _ in .success(.int) },
        window("rank", .keys, "rank()", "The row's rank by the keys of the last sort: rows equal in every key share a rank, and a gap follows them.",
               "tweets | sort -like_count | derive place = rank()", 0...0) { _ in .success(.int) },
        window("dense_rank", .keys, "dense_rank()", "Like rank, without gaps after ties.",
               "tweets | sort -like_count | derive place = dense_rank()", 0...0) { _ in .success(.int) },
        window("lag", .rows, "lag(value, rows?)", "The value of the row `rows` (default 1) before this one in its group; null for the first.",
               "tweets | group userid (sort tweet_time | derive previous = lag(tweet_time))", 1...2) { args in
            if let e = expect(args, 1, [.int], "a whole number of rows") { return .failure(e) }
            return .success(args[0].type)
        },
        window("lead", .rows, "lead(value, rows?)", "The value of the row `rows` (default 1) after this one in its group; null for the last.",
               "tweets | group userid (sort tweet_time | derive next = lead(tweet_time))", 1...2) { args in
            if let e = expect(args, 1, [.int], "a whole number of rows") { return .failure(e) }
            return .success(args[0].type)
        },
        window("running_sum", .rows, "running_sum(number)", "The total of the value over this row and every row before it in its group.",
               "tweets | sort tweet_time | derive likes_so_far = running_sum(like_count)", 1...1, total),
        window("running_count", .rows, "running_count()", "The number of rows up to this one in its group (this one included).",
               "tweets | group userid (sort tweet_time | derive tweets_so_far = running_count())", 0...0) { _ in .success(.int) },
        window("rolling_sum", .range, "rolling_sum(number, span)",
               "The total of the value over the rows whose sort key is less than `span` before this row's (this row and its ties included).",
               "tweets | sort tweet_time | derive likes_7d = rolling_sum(like_count, 7d)", 2...2) { args in
            total(args)
        },
        window("rolling_avg", .range, "rolling_avg(number, span)", "The mean of the value over the same rows as rolling_sum.",
               "tweets | sort tweet_time | derive mean_7d = rolling_avg(like_count, 7d)", 2...2, mean),
        window("rolling_count", .range, "rolling_count(span)", "The number of rows whose sort key is less than `span` before this row's.",
               "tweets | sort tweet_time | derive tweets_7d = rolling_count(7d)", 1...1) { _ in .success(.int) },
    ]

    /// The type of a value interpolated between values of the argument's type (`median`, `percentile`).
    private static let interpolatedType: Rule = { args in
        if let e = expect(args, 0, numbers + [.duration] + times, "a number") { return .failure(e) }
        return .success([.int, .float, .null].contains(args[0].type) ? .float : args[0].type)
    }

    /// The type values of all these types can share: equal types, int with float, date with timestamp.
    static func commonType(_ types: [ValueType]) -> ValueType? {
        var result: ValueType = .null
        for type in types where type != .null {
            switch (result, type) {
            case (.null, _): result = type
            case _ where result == type: break
            case (.int, .float), (.float, .int): result = .float
            case (.date, .timestamp), (.timestamp, .date): result = .timestamp
            default: return nil
            }
        }
        return result
    }
}
