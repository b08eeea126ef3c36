/// The types a tei column or expression can have.
///
/// Every type has one physical encoding in SQLite, shared by the importer (which writes it)
/// and the engine (which reads and computes on it):
///
/// | type        | SQLite storage                                   |
/// |-------------|--------------------------------------------------|
/// | `int`       | INTEGER                                          |
/// | `float`     | REAL                                             |
/// | `text`      | TEXT                                             |
/// | `bool`      | INTEGER 0 or 1                                   |
/// | `timestamp` | INTEGER, seconds since 1970-01-01 00:00 UTC      |
/// | `date`      | INTEGER, seconds since the epoch at 00:00 UTC    |
/// | `duration`  | INTEGER, seconds                                 |
/// | `list`      | TEXT, a JSON array of strings (`["a","b"]`)      |
///
/// Any value may be SQL NULL. `null` is the type of the `null` literal alone.
public enum ValueType: String, Sendable, Hashable, CaseIterable {
    case int, float, text, bool, timestamp, date, duration, list, null

    /// The name users see in schemas and messages.
    public var name: String { self == .list ? "list of text" : rawValue }

    /// Whether values of this type are numbers that arithmetic applies to.
    public var isNumeric: Bool { self == .int || self == .float }

    /// Whether values of this type are points in time.
    public var isTemporal: Bool { self == .timestamp || self == .date }

    /// Whether SQLite stores values of the type as 64-bit integers (counts, seconds).
    public var isWholeNumber: Bool { self == .int || self == .duration || isTemporal }
}

/// A named, typed column of a table.
public struct Column: Sendable, Hashable {
    public var name: String
    public var type: ValueType

    public init(_ name: String, _ type: ValueType) {
        self.name = name
        self.type = type
    }
}
