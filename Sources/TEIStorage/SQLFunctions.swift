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
        sqlite3_create_function_v2(db, "regexp", 2, flags, nil, regexpFunction, nil, nil, nil)
        sqlite3_create_function_v2(db, "median", 1, flags, nil, nil, collectStep, medianFinal, nil)
        sqlite3_create_function_v2(db, "stddev", 1, flags, nil, nil, collectStep, stddevFinal, nil)
    }
}

private func text(_ value: OpaquePointer?) -> String? {
    guard sqlite3_value_type(value) != SQLITE_NULL, let pointer = sqlite3_value_text(value) else { return nil }
    return String(cString: pointer)
}

private let regexpFunction: @convention(c) (OpaquePointer?, Int32, UnsafeMutablePointer<OpaquePointer?>?) -> Void = { context, _, arguments in
    guard let arguments, let subject = text(arguments[1]) else {
        sqlite3_result_null(context)
        return
    }
    let regex: NSRegularExpression
    if let cached = sqlite3_get_auxdata(context, 0) {
        regex = Unmanaged<NSRegularExpression>.fromOpaque(cached).takeUnretainedValue()
    } else {
        guard let pattern = text(arguments[0]) else {
            sqlite3_result_null(context)
            return
        }
        do {
            regex = try NSRegularExpression(pattern: pattern)
        } catch {
            sqlite3_result_error(context, "invalid regular expression: \(pattern)", -1)
            return
        }
        sqlite3_set_auxdata(context, 0, Unmanaged.passRetained(regex).toOpaque()) { pointer in
            if let pointer { Unmanaged<NSRegularExpression>.fromOpaque(pointer).release() }
        }
    }
    let range = NSRange(subject.startIndex..., in: subject)
    sqlite3_result_int(context, regex.firstMatch(in: subject, range: range) == nil ? 0 : 1)
}

/// The numbers an aggregate has seen so far; its address lives in SQLite's aggregate context.
private final class NumberCollector {
    var values: [Double] = []
}

private func collector(_ context: OpaquePointer?, create: Bool) -> NumberCollector? {
    let size = Int32(create ? MemoryLayout<UnsafeMutableRawPointer?>.size : 0)
    guard let slot = sqlite3_aggregate_context(context, size)?.assumingMemoryBound(to: UnsafeMutableRawPointer?.self)
    else { return nil }
    if let existing = slot.pointee {
        return Unmanaged<NumberCollector>.fromOpaque(existing).takeUnretainedValue()
    }
    guard create else { return nil }
    let fresh = NumberCollector()
    slot.pointee = Unmanaged.passRetained(fresh).toOpaque()
    return fresh
}

/// Takes the collector out of the aggregate context, releasing SQLite's reference to it.
private func finishCollector(_ context: OpaquePointer?) -> [Double] {
    guard let slot = sqlite3_aggregate_context(context, 0)?.assumingMemoryBound(to: UnsafeMutableRawPointer?.self),
          let existing = slot.pointee else { return [] }
    slot.pointee = nil
    return Unmanaged<NumberCollector>.fromOpaque(existing).takeRetainedValue().values
}

private let collectStep: @convention(c) (OpaquePointer?, Int32, UnsafeMutablePointer<OpaquePointer?>?) -> Void = { context, _, arguments in
    guard let value = arguments?[0], sqlite3_value_type(value) != SQLITE_NULL else { return }
    collector(context, create: true)?.values.append(sqlite3_value_double(value))
}

private let medianFinal: @convention(c) (OpaquePointer?) -> Void = { context in
    var values = finishCollector(context)
    guard !values.isEmpty else { return sqlite3_result_null(context) }
    values.sort()
    let middle = values.count / 2
    let median = values.count % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2
    sqlite3_result_double(context, median)
}

private let stddevFinal: @convention(c) (OpaquePointer?) -> Void = { context in
    let values = finishCollector(context)
    guard values.count > 1 else { return sqlite3_result_null(context) }
    let mean = values.reduce(0, +) / Double(values.count)
    let squares = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
    sqlite3_result_double(context, (squares / Double(values.count - 1)).squareRoot())
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
    host.withUnsafeBufferPointer { buffer in
        buffer.withMemoryRebound(to: CChar.self) { chars in
            sqlite3_result_text(context, chars.baseAddress, Int32(chars.count), unsafeBitCast(-1, to: sqlite3_destructor_type.self))
        }
    }
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
