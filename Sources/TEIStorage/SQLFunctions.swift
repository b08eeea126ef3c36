import CSQLite
import Foundation

/// SQL functions tei needs that SQLite lacks, registered on every connection:
/// `regexp(pattern, text)` (behind SQLite's `REGEXP` operator), and the aggregates
/// `median(x)` and `stddev(x)` (sample standard deviation); and for TEI data
/// `tei_domain(url)` (the lowercased host of a URL without `www.`, NULL for anything else) and
/// `tei_is_hashed(id)` (1 for a TEI account hash, 64 hex digits or 40–44 characters of base64 ending
/// in `=`; 0 for numeric ids and other text; NULL for NULL); and `tei_add`, `tei_subtract`,
/// `tei_multiply`, which tei's whole-number arithmetic uses because SQLite turns a result past 64 bits
/// into an approximate real (`9223372036854775807 + 1` is 9.2e18), a silent wrong answer for ids;
/// these fail with SQLite's own "integer overflow" instead (`SQLiteError.isIntegerOverflow`). The call
/// costs about 30 ns a row over the operator (release build, a million cached rows: `sum(a + b)`
/// 97 ms, `sum(a + 0.5)` 67 ms, `sum(a)` 66 ms), the price of never answering with a rounded id.
/// The rest are tei functions whose meaning the language reference defines (so that another
/// dialect can give the same answers): `tei_lower`/`tei_upper` (`CaseMapping`), `tei_co_tweet_text`
/// (`CoTweetText`), `tei_split`, `tei_bin_months`, `tei_timestamp` (`TimeFormat`), `tei_extract`,
/// `tei_replace_regex`, and the
/// aggregates `tei_percentile` (DuckDB's `quantile_cont`), `tei_mode`, `tei_collect`,
/// `tei_collect_distinct` and `tei_join_text`, which sort what they gather so that their answer does
/// not depend on the order SQLite reads rows in.
/// `tei_int(x)` and `tei_float(text)` are tei's conversions: SQLite's CAST saturates a number past
/// 64 bits at the largest integer and reads `abc` as 0, both silent wrong answers; `tei_int` fails with
/// "integer overflow" instead, and both give NULL for text that is not a decimal number (`DecimalNumber`).
enum SQLFunctions {
    static func register(on db: OpaquePointer) {
        let flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC
        sqlite3_create_function_v2(db, "tei_add", 2, flags | SQLITE_INNOCUOUS, nil, addFunction, nil, nil, nil)
        sqlite3_create_function_v2(db, "tei_subtract", 2, flags | SQLITE_INNOCUOUS, nil, subtractFunction, nil, nil, nil)
        sqlite3_create_function_v2(db, "tei_multiply", 2, flags | SQLITE_INNOCUOUS, nil, multiplyFunction, nil, nil, nil)
        sqlite3_create_function_v2(db, "tei_int", 1, flags | SQLITE_INNOCUOUS, nil, intFunction, nil, nil, nil)
        sqlite3_create_function_v2(db, "tei_float", 1, flags | SQLITE_INNOCUOUS, nil, floatFunction, nil, nil, nil)
        sqlite3_create_function_v2(db, "tei_domain", 1, flags | SQLITE_INNOCUOUS, nil, domainFunction, nil, nil, nil)
        sqlite3_create_function_v2(db, "tei_is_hashed", 1, flags | SQLITE_INNOCUOUS, nil, isHashedFunction, nil, nil, nil)
        sqlite3_create_function_v2(db, "tei_lower", 1, flags | SQLITE_INNOCUOUS, nil, lowerFunction, nil, nil, nil)
        sqlite3_create_function_v2(db, "tei_upper", 1, flags | SQLITE_INNOCUOUS, nil, upperFunction, nil, nil, nil)
        sqlite3_create_function_v2(db, "tei_co_tweet_text", 1, flags | SQLITE_INNOCUOUS, nil, coTweetTextFunction, nil, nil, nil)
        sqlite3_create_function_v2(db, "tei_split", 2, flags | SQLITE_INNOCUOUS, nil, splitFunction, nil, nil, nil)
        sqlite3_create_function_v2(db, "tei_bin_months", 2, flags | SQLITE_INNOCUOUS, nil, binMonthsFunction, nil, nil, nil)
        sqlite3_create_function_v2(db, "tei_timestamp", 1, flags | SQLITE_INNOCUOUS, nil, timestampFunction, nil, nil, nil)
        sqlite3_create_function_v2(db, "tei_timestamp", 2, flags | SQLITE_INNOCUOUS, nil, timestampFunction, nil, nil, nil)
        sqlite3_create_function_v2(db, "regexp", 2, flags, nil, regexpFunction, nil, nil, nil)
        sqlite3_create_function_v2(db, "tei_extract", 3, flags, nil, extractFunction, nil, nil, nil)
        sqlite3_create_function_v2(db, "tei_replace_regex", 3, flags, nil, replaceRegexFunction, nil, nil, nil)
        sqlite3_create_function_v2(db, "median", 1, flags, nil, nil, collectStep, medianFinal, nil)
        sqlite3_create_function_v2(db, "stddev", 1, flags, nil, nil, collectStep, stddevFinal, nil)
        sqlite3_create_function_v2(db, "tei_percentile", 2, flags, nil, nil, collectStep, percentileFinal, nil)
        sqlite3_create_function_v2(db, "tei_mode", 1, flags, nil, nil, modeStep, modeFinal, nil)
        sqlite3_create_function_v2(db, "tei_collect", 1, flags, nil, nil, textStep, collectFinal, nil)
        sqlite3_create_function_v2(db, "tei_collect_distinct", 1, flags, nil, nil, textStep, collectDistinctFinal, nil)
        sqlite3_create_function_v2(db, "tei_join_text", 2, flags, nil, nil, textStep, joinTextFinal, nil)
    }
}

private func text(_ value: OpaquePointer?) -> String? {
    guard sqlite3_value_type(value) != SQLITE_NULL, let pointer = sqlite3_value_text(value) else { return nil }
    return String(cString: pointer)
}

/// Why an argument cannot be compiled: the message SQLite reports.
private struct CompileFailure: Error {
    let message: String
}

/// What a function compiles from one of its arguments (a regular expression, a time format),
/// kept by SQLite for the statement while the argument stays the same.
private final class Compiled<Value> {
    let value: Value
    init(_ value: Value) { self.value = value }
}

/// The argument `index` compiled by `make`, from SQLite's cache when it is there; nil, with the
/// result set to NULL (a NULL argument) or to the error `make` gives, when there is none.
private func compiled<Value>(_ context: OpaquePointer?, _ arguments: UnsafeMutablePointer<OpaquePointer?>, _ index: Int32,
                             _ make: (String) -> Result<Value, CompileFailure>) -> Value? {
    if let cached = sqlite3_get_auxdata(context, index),
       let compiled = Unmanaged<AnyObject>.fromOpaque(cached).takeUnretainedValue() as? Compiled<Value> {
        return compiled.value
    }
    guard let written = text(arguments[Int(index)]) else {
        sqlite3_result_null(context)
        return nil
    }
    switch make(written) {
    case .failure(let failure):
        sqlite3_result_error(context, failure.message, -1)
        return nil
    case .success(let value):
        sqlite3_set_auxdata(context, index, Unmanaged<AnyObject>.passRetained(Compiled(value)).toOpaque(), releaseCompiled)
        return value
    }
}

private let releaseCompiled: @convention(c) (UnsafeMutableRawPointer?) -> Void = { pointer in
    if let pointer { Unmanaged<AnyObject>.fromOpaque(pointer).release() }
}

private func regularExpression(_ context: OpaquePointer?, _ arguments: UnsafeMutablePointer<OpaquePointer?>, _ index: Int32) -> NSRegularExpression? {
    compiled(context, arguments, index) { pattern in
        (try? NSRegularExpression(pattern: pattern)).map(Result.success) ?? .failure(CompileFailure(message: "invalid regular expression: \(pattern)"))
    }
}

private let regexpFunction: @convention(c) (OpaquePointer?, Int32, UnsafeMutablePointer<OpaquePointer?>?) -> Void = { context, _, arguments in
    guard let arguments, let subject = text(arguments[1]) else { return sqlite3_result_null(context) }
    guard let regex = regularExpression(context, arguments, 0) else { return }
    let range = NSRange(subject.startIndex..., in: subject)
    sqlite3_result_int(context, regex.firstMatch(in: subject, range: range) == nil ? 0 : 1)
}

/// `tei_extract(text, pattern, group)`: the text of group `group` (0: the whole match) of the first
/// match; NULL when nothing matches or the group took no part in the match.
private let extractFunction: @convention(c) (OpaquePointer?, Int32, UnsafeMutablePointer<OpaquePointer?>?) -> Void = { context, _, arguments in
    guard let arguments, let subject = text(arguments[0]), sqlite3_value_type(arguments[2]) != SQLITE_NULL else {
        return sqlite3_result_null(context)
    }
    guard let regex = regularExpression(context, arguments, 1) else { return }
    let group = sqlite3_value_int64(arguments[2])
    guard group >= 0, group <= regex.numberOfCaptureGroups else {
        return sqlite3_result_error(context, "extract: the regular expression has no group \(group)", -1)
    }
    guard let match = regex.firstMatch(in: subject, range: NSRange(subject.startIndex..., in: subject)),
          let range = Range(match.range(at: Int(group)), in: subject) else { return sqlite3_result_null(context) }
    resultText(context, Array(subject[range].utf8))
}

/// `tei_replace_regex(text, pattern, replacement)`: every match replaced; `$1` in the replacement
/// is the text of group 1, `\$` a dollar sign.
private let replaceRegexFunction: @convention(c) (OpaquePointer?, Int32, UnsafeMutablePointer<OpaquePointer?>?) -> Void = { context, _, arguments in
    guard let arguments, let subject = text(arguments[0]), let template = text(arguments[2]) else {
        return sqlite3_result_null(context)
    }
    guard let regex = regularExpression(context, arguments, 1) else { return }
    let replaced = regex.stringByReplacingMatches(in: subject, range: NSRange(subject.startIndex..., in: subject), withTemplate: template)
    resultText(context, Array(replaced.utf8))
}

/// Sets the result to the text `bytes` (UTF-8), which SQLite copies.
private func resultText(_ context: OpaquePointer?, _ bytes: [UInt8]) {
    guard !bytes.isEmpty else { return sqlite3_result_text(context, "", 0, nil) }
    bytes.withUnsafeBufferPointer { buffer in
        buffer.withMemoryRebound(to: CChar.self) { chars in
            sqlite3_result_text(context, chars.baseAddress, Int32(chars.count), unsafeBitCast(-1, to: sqlite3_destructor_type.self))
        }
    }
}

private func caseMapped(_ context: OpaquePointer?, _ arguments: UnsafeMutablePointer<OpaquePointer?>?, _ direction: CaseMapping.Direction) {
    guard let argument = arguments?[0] else { return sqlite3_result_null(context) }
    let type = sqlite3_value_type(argument)
    // A number in a lenient text column is read as its text, as SQLite's own lower does.
    guard type != SQLITE_NULL, let pointer = sqlite3_value_text(argument) else { return sqlite3_result_null(context) }
    let bytes = UnsafeBufferPointer(start: pointer, count: Int(sqlite3_value_bytes(argument)))
    if let mapped = CaseMapping.map(bytes, direction) { return resultText(context, mapped) }
    if type == SQLITE_TEXT { return sqlite3_result_value(context, argument) }
    resultText(context, Array(bytes))
}

private let lowerFunction: @convention(c) (OpaquePointer?, Int32, UnsafeMutablePointer<OpaquePointer?>?) -> Void = { context, _, arguments in
    caseMapped(context, arguments, .lower)
}

private let upperFunction: @convention(c) (OpaquePointer?, Int32, UnsafeMutablePointer<OpaquePointer?>?) -> Void = { context, _, arguments in
    caseMapped(context, arguments, .upper)
}

/// `tei_co_tweet_text(text)`: `CoTweetText`; a number in a lenient text column is read as its text,
/// as `tei_lower` reads it.
private let coTweetTextFunction: @convention(c) (OpaquePointer?, Int32, UnsafeMutablePointer<OpaquePointer?>?) -> Void = { context, _, arguments in
    guard let argument = arguments?[0], sqlite3_value_type(argument) != SQLITE_NULL,
          let pointer = sqlite3_value_text(argument) else { return sqlite3_result_null(context) }
    resultText(context, CoTweetText.normalised(UnsafeBufferPointer(start: pointer, count: Int(sqlite3_value_bytes(argument)))))
}

/// `tei_split(text, separator)`: the pieces of the text between separators, as the JSON array that
/// stores a list; an empty separator splits the text into its characters.
private let splitFunction: @convention(c) (OpaquePointer?, Int32, UnsafeMutablePointer<OpaquePointer?>?) -> Void = { context, _, arguments in
    guard let arguments, let subject = text(arguments[0]), let separator = text(arguments[1]) else {
        return sqlite3_result_null(context)
    }
    let pieces = separator.isEmpty ? subject.map { Substring(String($0)) } : subject.split(separator: separator, omittingEmptySubsequences: false)
    resultText(context, JSONText.array(pieces.map { Array($0.utf8) }))
}

/// `tei_bin_months(time, months)`: midnight (UTC) of the first day of the bucket of `months`
/// calendar months holding `time`, buckets counted from January 1970.
private let binMonthsFunction: @convention(c) (OpaquePointer?, Int32, UnsafeMutablePointer<OpaquePointer?>?) -> Void = { context, _, arguments in
    guard let arguments, sqlite3_value_type(arguments[0]) != SQLITE_NULL, sqlite3_value_type(arguments[1]) == SQLITE_INTEGER else {
        return sqlite3_result_null(context)
    }
    let months = sqlite3_value_int64(arguments[1])
    guard months > 0 else { return sqlite3_result_error(context, "bin: a calendar period must be positive", -1) }
    let day = CivilDate(dayNumber: sqlite3_value_int64(arguments[0]).floorDivided(by: 86_400).quotient)
    let index = (day.year - 1970) * 12 + day.month - 1
    let bucket = index - index.floorDivided(by: months).remainder
    let (years, month) = bucket.floorDivided(by: 12)
    sqlite3_result_int64(context, CivilDate(year: 1970 + years, month: month + 1, day: 1).dayNumber * 86_400)
}

/// `tei_timestamp(text [, format])`: the time the text writes (`TimeFormat`), NULL when it writes none.
private let timestampFunction: @convention(c) (OpaquePointer?, Int32, UnsafeMutablePointer<OpaquePointer?>?) -> Void = { context, count, arguments in
    guard let arguments, let bytes = textBytes(arguments[0]) else { return sqlite3_result_null(context) }
    let seconds: Int64?
    if count == 2 {
        let format = compiled(context, arguments, 1) { written in
            Result { try TimeFormat(written) }.mapError { CompileFailure(message: ($0 as? TimeFormat.Problem)?.message ?? "invalid time format") }
        }
        guard let format else { return }
        seconds = format.parse(bytes)
    } else {
        seconds = TimeFormat.parseISO(bytes)
    }
    guard let seconds else { return sqlite3_result_null(context) }
    sqlite3_result_int64(context, seconds)
}

/// What an aggregate has gathered so far; its address lives in SQLite's aggregate context.
private final class Gathered<State> {
    var state: State
    init(_ state: State) { self.state = state }
}

/// The aggregate's state, made from `initial` on its first row.
private func gathered<State>(_ context: OpaquePointer?, _ initial: @autoclosure () -> State) -> Gathered<State>? {
    let size = Int32(MemoryLayout<UnsafeMutableRawPointer?>.size)
    guard let slot = sqlite3_aggregate_context(context, size)?.assumingMemoryBound(to: UnsafeMutableRawPointer?.self)
    else { return nil }
    if let existing = slot.pointee {
        return Unmanaged<Gathered<State>>.fromOpaque(existing).takeUnretainedValue()
    }
    let fresh = Gathered(initial())
    slot.pointee = Unmanaged.passRetained(fresh).toOpaque()
    return fresh
}

/// Takes the state out of the aggregate context, releasing SQLite's reference to it; nil when the
/// aggregate saw no row.
private func finished<State>(_ context: OpaquePointer?, as _: State.Type) -> State? {
    guard let slot = sqlite3_aggregate_context(context, 0)?.assumingMemoryBound(to: UnsafeMutableRawPointer?.self),
          let existing = slot.pointee else { return nil }
    slot.pointee = nil
    return Unmanaged<Gathered<State>>.fromOpaque(existing).takeRetainedValue().state
}

/// The non-null numbers of the first argument, and the second argument of the first row (the
/// fraction of `tei_percentile`).
private struct NumberSample {
    var values: [Double] = []
    var fraction: Double?
}

private let collectStep: @convention(c) (OpaquePointer?, Int32, UnsafeMutablePointer<OpaquePointer?>?) -> Void = { context, count, arguments in
    guard let arguments, let sample = gathered(context, NumberSample()) else { return }
    if count == 2, sample.state.fraction == nil, sqlite3_value_type(arguments[1]) != SQLITE_NULL {
        sample.state.fraction = sqlite3_value_double(arguments[1])
    }
    guard sqlite3_value_type(arguments[0]) != SQLITE_NULL else { return }
    sample.state.values.append(sqlite3_value_double(arguments[0]))
}

/// The value at `fraction` of the way through the sorted values, interpolating linearly between
/// the two nearest: DuckDB's `quantile_cont`, and `median` at 0.5.
private func interpolated(_ sorted: [Double], at fraction: Double) -> Double {
    let position = Double(sorted.count - 1) * fraction
    let below = Int(position.rounded(.down)), above = Int(position.rounded(.up))
    if below == above { return sorted[below] }
    return sorted[below] + (position - Double(below)) * (sorted[above] - sorted[below])
}

private let medianFinal: @convention(c) (OpaquePointer?) -> Void = { context in
    guard let values = finished(context, as: NumberSample.self)?.values, !values.isEmpty else { return sqlite3_result_null(context) }
    sqlite3_result_double(context, interpolated(values.sorted(), at: 0.5))
}

private let percentileFinal: @convention(c) (OpaquePointer?) -> Void = { context in
    guard let sample = finished(context, as: NumberSample.self), !sample.values.isEmpty else { return sqlite3_result_null(context) }
    guard let fraction = sample.fraction, (0...1).contains(fraction) else {
        return sqlite3_result_error(context, "percentile takes a fraction from 0 to 1", -1)
    }
    sqlite3_result_double(context, interpolated(sample.values.sorted(), at: fraction))
}

private let stddevFinal: @convention(c) (OpaquePointer?) -> Void = { context in
    guard let values = finished(context, as: NumberSample.self)?.values, values.count > 1 else { return sqlite3_result_null(context) }
    let mean = values.reduce(0, +) / Double(values.count)
    let squares = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
    sqlite3_result_double(context, (squares / Double(values.count - 1)).squareRoot())
}

/// A value `tei_mode` counts: whole numbers and reals apart (a column holds one of them), text by
/// its bytes, which order it by code point.
private enum CountedValue: Hashable, Comparable {
    case integer(Int64)
    case real(Double)
    case text([UInt8])

    init?(_ value: OpaquePointer?) {
        switch sqlite3_value_type(value) {
        case SQLITE_INTEGER: self = .integer(sqlite3_value_int64(value))
        case SQLITE_FLOAT: self = .real(sqlite3_value_double(value))
        case SQLITE_TEXT: self = .text(Array(textBytes(value)!))
        default: return nil
        }
    }

    static func < (a: CountedValue, b: CountedValue) -> Bool {
        switch (a, b) {
        case (.integer(let x), .integer(let y)): return x < y
        case (.text(let x), .text(let y)): return x.lexicographicallyPrecedes(y)
        case (.text, _): return false
        case (_, .text): return true
        default: return a.number < b.number
        }
    }

    private var number: Double {
        switch self {
        case .integer(let v): return Double(v)
        case .real(let v): return v
        case .text: return .nan
        }
    }

    func result(_ context: OpaquePointer?) {
        switch self {
        case .integer(let v): sqlite3_result_int64(context, v)
        case .real(let v): sqlite3_result_double(context, v)
        case .text(let bytes): resultText(context, bytes)
        }
    }
}

private let modeStep: @convention(c) (OpaquePointer?, Int32, UnsafeMutablePointer<OpaquePointer?>?) -> Void = { context, _, arguments in
    guard let value = CountedValue(arguments?[0]), let counts = gathered(context, [CountedValue: Int]()) else { return }
    counts.state[value, default: 0] += 1
}

/// The most frequent value; of several equally frequent, the smallest.
private let modeFinal: @convention(c) (OpaquePointer?) -> Void = { context in
    guard let counts = finished(context, as: [CountedValue: Int].self),
          let best = counts.max(by: { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }) else {
        return sqlite3_result_null(context)
    }
    best.key.result(context)
}

/// The non-null texts of the first argument, and the second argument of the first row (the
/// separator of `tei_join_text`).
private struct TextSample {
    var texts: [[UInt8]] = []
    var separator: [UInt8]?
}

private let textStep: @convention(c) (OpaquePointer?, Int32, UnsafeMutablePointer<OpaquePointer?>?) -> Void = { context, count, arguments in
    guard let arguments, let sample = gathered(context, TextSample()) else { return }
    if count == 2, sample.state.separator == nil, let separator = textBytes(arguments[1]) {
        sample.state.separator = Array(separator)
    }
    guard let bytes = textBytes(arguments[0]) else { return }
    sample.state.texts.append(Array(bytes))
}

/// The texts gathered, sorted by code point: SQLite reads rows in no promised order.
private func sortedTexts(_ context: OpaquePointer?) -> (texts: [[UInt8]], separator: [UInt8]) {
    let sample = finished(context, as: TextSample.self) ?? TextSample()
    return (sample.texts.sorted { $0.lexicographicallyPrecedes($1) }, sample.separator ?? [])
}

private let collectFinal: @convention(c) (OpaquePointer?) -> Void = { context in
    resultText(context, JSONText.array(sortedTexts(context).texts))
}

private let collectDistinctFinal: @convention(c) (OpaquePointer?) -> Void = { context in
    var distinct: [[UInt8]] = []
    for text in sortedTexts(context).texts where distinct.last != text { distinct.append(text) }
    resultText(context, JSONText.array(distinct))
}

private let joinTextFinal: @convention(c) (OpaquePointer?) -> Void = { context in
    let (texts, separator) = sortedTexts(context)
    guard !texts.isEmpty else { return sqlite3_result_null(context) }
    resultText(context, Array(texts.joined(separator: separator)))
}

/// The bytes of a TEXT argument, without building a `String`.
private func textBytes(_ value: OpaquePointer?) -> UnsafeBufferPointer<UInt8>? {
    guard sqlite3_value_type(value) == SQLITE_TEXT, let pointer = sqlite3_value_text(value) else { return nil }
    return UnsafeBufferPointer(start: pointer, count: Int(sqlite3_value_bytes(value)))
}

private let domainFunction: @convention(c) (OpaquePointer?, Int32, UnsafeMutablePointer<OpaquePointer?>?) -> Void = { context, _, arguments in
    guard let bytes = textBytes(arguments?[0]), let host = TEIText.domain(ofURL: bytes) else {
        return sqlite3_result_null(context)
    }
    resultText(context, host)
}

private let isHashedFunction: @convention(c) (OpaquePointer?, Int32, UnsafeMutablePointer<OpaquePointer?>?) -> Void = { context, _, arguments in
    guard let value = arguments?[0], sqlite3_value_type(value) != SQLITE_NULL else { return sqlite3_result_null(context) }
    guard let bytes = textBytes(value) else { return sqlite3_result_int(context, 0) }
    sqlite3_result_int(context, TEIText.isHashedID(bytes) ? 1 : 0)
}

/// Applies a whole-number operation to two arguments: NULL if either is NULL, an "integer overflow"
/// error past 64 bits. Arguments that are not integers (a real in a lenient column) are combined as
/// reals, as SQLite's operator would.
private func checkedArithmetic(_ context: OpaquePointer?, _ arguments: UnsafeMutablePointer<OpaquePointer?>?,
                               _ integers: (Int64, Int64) -> (partialValue: Int64, overflow: Bool),
                               _ reals: (Double, Double) -> Double) {
    guard let arguments, sqlite3_value_type(arguments[0]) != SQLITE_NULL, sqlite3_value_type(arguments[1]) != SQLITE_NULL else {
        return sqlite3_result_null(context)
    }
    guard sqlite3_value_type(arguments[0]) == SQLITE_INTEGER, sqlite3_value_type(arguments[1]) == SQLITE_INTEGER else {
        return sqlite3_result_double(context, reals(sqlite3_value_double(arguments[0]), sqlite3_value_double(arguments[1])))
    }
    let (result, overflow) = integers(sqlite3_value_int64(arguments[0]), sqlite3_value_int64(arguments[1]))
    if overflow { return sqlite3_result_error(context, SQLiteError.integerOverflowMessage, -1) }
    sqlite3_result_int64(context, result)
}

private let addFunction: @convention(c) (OpaquePointer?, Int32, UnsafeMutablePointer<OpaquePointer?>?) -> Void = { context, _, arguments in
    checkedArithmetic(context, arguments, { $0.addingReportingOverflow($1) }, +)
}

private let subtractFunction: @convention(c) (OpaquePointer?, Int32, UnsafeMutablePointer<OpaquePointer?>?) -> Void = { context, _, arguments in
    checkedArithmetic(context, arguments, { $0.subtractingReportingOverflow($1) }, -)
}

private let multiplyFunction: @convention(c) (OpaquePointer?, Int32, UnsafeMutablePointer<OpaquePointer?>?) -> Void = { context, _, arguments in
    checkedArithmetic(context, arguments, { $0.multipliedReportingOverflow(by: $1) }, *)
}

private let intFunction: @convention(c) (OpaquePointer?, Int32, UnsafeMutablePointer<OpaquePointer?>?) -> Void = { context, _, arguments in
    guard let value = arguments?[0] else { return sqlite3_result_null(context) }
    let number: Int64?
    switch sqlite3_value_type(value) {
    case SQLITE_INTEGER: number = sqlite3_value_int64(value)
    case SQLITE_FLOAT: number = DecimalNumber.truncated(sqlite3_value_double(value))
    case SQLITE_TEXT:
        guard let written = text(value), let decimal = DecimalNumber(written) else { return sqlite3_result_null(context) }
        number = decimal.truncatedInteger
    default: return sqlite3_result_null(context)
    }
    guard let number else { return sqlite3_result_error(context, SQLiteError.integerOverflowMessage, -1) }
    sqlite3_result_int64(context, number)
}

private let floatFunction: @convention(c) (OpaquePointer?, Int32, UnsafeMutablePointer<OpaquePointer?>?) -> Void = { context, _, arguments in
    guard let written = text(arguments?[0]), let number = DecimalNumber(written)?.double, number.isFinite else {
        return sqlite3_result_null(context)
    }
    sqlite3_result_double(context, number)
}
