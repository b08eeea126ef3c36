import TEIStorage

/// tei's values in PostgreSQL's text format, both ways: parameters and COPY fields written from
/// `SQLValue`s (the values the SQL stage binds, as for SQLite), and result fields read back into
/// `SQLValue`s by their column's type, so `Value(_:as:)` decodes them as it decodes SQLite's.
enum PostgresText {
    /// Type OIDs (`pg_type.oid`), fixed since PostgreSQL 7.
    enum TypeOID {
        static let bool: UInt32 = 16
        static let bytea: UInt32 = 17
        static let int8: UInt32 = 20
        static let int2: UInt32 = 21
        static let int4: UInt32 = 23
        static let text: UInt32 = 25
        static let oid: UInt32 = 26
        static let float4: UInt32 = 700
        static let float8: UInt32 = 701
        static let numeric: UInt32 = 1700
    }

    /// A bound parameter: its type (0 lets the server infer it, for NULL) and its text (nil is NULL).
    struct Parameter {
        var type: UInt32
        var text: String?
    }

    /// The parameter for `value`; text holding NUL is refused, since PostgreSQL text cannot hold it
    /// and libpq would cut the value there.
    static func parameter(_ value: SQLValue) throws -> Parameter {
        switch value {
        case .null: return Parameter(type: 0, text: nil)
        case .integer(let v): return Parameter(type: TypeOID.int8, text: String(v))
        case .real(let v): return Parameter(type: TypeOID.float8, text: format(v))
        case .text(let v):
            guard !v.utf8.contains(0) else { throw PostgresError.nulInText }
            return Parameter(type: TypeOID.text, text: v)
        case .blob(let v): return Parameter(type: TypeOID.bytea, text: hex(v))
        }
    }

    /// `value` as one field of COPY's text format, appended to `buffer`: `\N` for NULL, and
    /// backslash, tab, newline and carriage return escaped in text.
    static func appendCopyField(_ value: SQLValue, to buffer: inout [UInt8]) throws {
        switch value {
        case .null: buffer.append(contentsOf: #"\N"#.utf8)
        case .integer(let v): buffer.append(contentsOf: String(v).utf8)
        case .real(let v): buffer.append(contentsOf: format(v).utf8)
        case .text(let v):
            for byte in v.utf8 {
                switch byte {
                case 0: throw PostgresError.nulInText
                case UInt8(ascii: "\\"): buffer.append(contentsOf: #"\\"#.utf8)
                case UInt8(ascii: "\t"): buffer.append(contentsOf: #"\t"#.utf8)
                case UInt8(ascii: "\n"): buffer.append(contentsOf: #"\n"#.utf8)
                case UInt8(ascii: "\r"): buffer.append(contentsOf: #"\r"#.utf8)
                default: buffer.append(byte)
                }
            }
        // bytea's `\x…` input, its backslash escaped for COPY.
        case .blob(let v): buffer.append(contentsOf: ("\\" + hex(v)).utf8)
        }
    }

    /// The value of a result field of type `type` given as `text`.
    static func value(_ text: String, type: UInt32) -> SQLValue {
        switch type {
        // tei's bools are whole numbers 0 and 1, as in the SQLite cache.
        case TypeOID.bool: return .integer(text == "t" ? 1 : 0)
        case TypeOID.int2, TypeOID.int4, TypeOID.int8, TypeOID.oid: return Int64(text).map(SQLValue.integer) ?? .text(text)
        case TypeOID.float4, TypeOID.float8: return real(text).map(SQLValue.real) ?? .text(text)
        // `sum` of whole numbers is numeric: whole values stay whole (exact past 2^53), others are reals.
        case TypeOID.numeric: return Int64(text).map(SQLValue.integer) ?? real(text).map(SQLValue.real) ?? .text(text)
        case TypeOID.bytea: return bytes(fromHex: text).map(SQLValue.blob) ?? .text(text)
        default: return .text(text)
        }
    }

    /// A double as float8 input reads it back exactly: Swift's shortest round-trip form, and
    /// PostgreSQL's own names for the special values.
    static func format(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value > 0 ? "Infinity" : "-Infinity" }
        return "\(value)"
    }

    private static func real(_ text: String) -> Double? {
        switch text {
        case "NaN": return .nan
        case "Infinity": return .infinity
        case "-Infinity": return -.infinity
        default: return Double(text)
        }
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// bytea's hex input form, `\x0a1b…`.
    private static func hex(_ bytes: [UInt8]) -> String {
        var digits: [UInt8] = Array(#"\x"#.utf8)
        digits.reserveCapacity(2 + bytes.count * 2)
        for byte in bytes {
            digits.append(hexDigits[Int(byte >> 4)])
            digits.append(hexDigits[Int(byte & 0xf)])
        }
        return String(decoding: digits, as: UTF8.self)
    }

    /// The bytes of bytea's hex output (`bytea_output = hex`, which each connection sets).
    private static func bytes(fromHex text: String) -> [UInt8]? {
        let digits = Array(text.utf8)
        guard digits.count >= 2, digits[0] == UInt8(ascii: "\\"), digits[1] == UInt8(ascii: "x"), digits.count % 2 == 0 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity((digits.count - 2) / 2)
        var index = 2
        while index < digits.count {
            guard let high = nibble(digits[index]), let low = nibble(digits[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
            index += 2
        }
        return bytes
    }

    private static func nibble(_ digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return digit - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return digit - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}
