/// The name of an object in the database, unquoted: the SQL stage quotes it for its dialect.
public struct StoredName: Hashable, Sendable, CustomStringConvertible {
    /// The attached database holding it (nil: the main one, or none to name).
    public var schema: String?
    public var name: String

    public init(schema: String?, name: String) {
        self.schema = schema
        self.name = name
    }

    /// `schema.name`, unquoted, for messages.
    public var description: String { schema.map { "\($0).\(name)" } ?? name }
}

/// How one loaded table is laid out in its cache: the relation to read, how each column is
/// encoded and which side tables hold it, and the indexes on its rows.
public struct TableLayout: Sendable, Equatable {
    /// The relation holding the logical columns, in file order, plus `rowNumber` and the code
    /// column of every `.dictionary` column.
    public var relation: StoredName
    /// The column of `relation` numbering rows in file order (from 1), joined to a list's items
    /// table; nil for a relation without one.
    public var rowNumber: String?
    /// The logical columns, in order.
    public var columns: [ColumnLayout]
    /// The indexes on the table's rows.
    public var indexes: [IndexLayout]
    /// The counts built at import that answer some groupings without reading the rows.
    public var rollups: [RollupLayout]
    /// List column name → its items again, sorted by value and time, with some columns of their
    /// rows; none for a table other than tweets, or a server's copy.
    public var itemsByValue: [String: ItemsByValueLayout]

    public init(relation: StoredName, rowNumber: String?, columns: [ColumnLayout], indexes: [IndexLayout] = [],
                rollups: [RollupLayout] = [], itemsByValue: [String: ItemsByValueLayout] = [:]) {
        self.relation = relation
        self.rowNumber = rowNumber
        self.columns = columns
        self.indexes = indexes
        self.rollups = rollups
        self.itemsByValue = itemsByValue
    }

    /// The column called `name`, if any.
    public func column(named name: String) -> ColumnLayout? {
        columns.first { $0.name == name }
    }
}

/// A logical column of a loaded table and how its values are stored.
public struct ColumnLayout: Sendable, Equatable {
    public var name: String
    public var type: ValueType
    public var encoding: ColumnEncoding

    public init(name: String, type: ValueType, encoding: ColumnEncoding = .plain) {
        self.name = name
        self.type = type
        self.encoding = encoding
    }
}

/// How a column's values are stored. Whatever the encoding, `TableLayout.relation` presents the
/// decoded values under the column's name; an encoding says what a query may read instead.
public enum ColumnEncoding: Sendable, Equatable {
    /// Nothing beyond the value in `TableLayout.relation`.
    case plain
    /// An integer code per row, one per distinct value, and a table decoding the codes: equal
    /// values have equal codes, so grouping or joining by the code gives the groups or matches of
    /// the value without decoding every row.
    case dictionary(DictionaryLayout)
    /// A list whose items are also stored one per row in a table clustered by row and position,
    /// so exploding it is a join on that table's primary key rather than parsing JSON.
    case list(ItemsLayout)
    /// A long text kept out of line in a table of its own, so scans of the other columns read
    /// narrow rows (`TableLayout.relation` already reads it).
    case separateText(TextLayout)
}

/// An exact dictionary: `codeColumn` of `TableLayout.relation` holds a code (NULL for a missing
/// value) that `table` maps to its one value.
public struct DictionaryLayout: Sendable, Equatable {
    public var codeColumn: String
    public var table: StoredName
    /// The code column of `table` (its integer primary key).
    public var idColumn: String
    public var valueColumn: String
    /// The unique index on `valueColumn`, which finds a value's code at once; nil where the
    /// dictionary has none (a copy on a server), and a value is then never looked up.
    public var valueIndex: StoredName?
    /// How many codes `table` holds, numbered 1 through `codes` (the importer numbers the values
    /// it meets without gaps); counted when a local cache is attached, nil where not known.
    public var codes: Int?

    public init(codeColumn: String, table: StoredName, idColumn: String, valueColumn: String, valueIndex: StoredName? = nil,
                codes: Int? = nil) {
        self.codeColumn = codeColumn
        self.table = table
        self.idColumn = idColumn
        self.valueColumn = valueColumn
        self.valueIndex = valueIndex
        self.codes = codes
    }
}

/// The items of a list column: one row per item, keyed by (`rowColumn`, `positionColumn`), where
/// `rowColumn` matches `TableLayout.rowNumber` and positions count from 1.
public struct ItemsLayout: Sendable, Equatable {
    public var table: StoredName
    public var rowColumn: String
    public var positionColumn: String
    public var valueColumn: String

    public init(table: StoredName, rowColumn: String, positionColumn: String, valueColumn: String) {
        self.table = table
        self.rowColumn = rowColumn
        self.positionColumn = positionColumn
        self.valueColumn = valueColumn
    }
}

/// The out-of-line texts of a column: one row per non-empty value, keyed by `rowColumn`, which
/// matches `TableLayout.rowNumber`.
public struct TextLayout: Sendable, Equatable {
    public var table: StoredName
    public var rowColumn: String
    public var valueColumn: String

    public init(table: StoredName, rowColumn: String, valueColumn: String) {
        self.table = table
        self.rowColumn = rowColumn
        self.valueColumn = valueColumn
    }
}

/// An index on a table's rows, by logical column names.
public struct IndexLayout: Sendable, Equatable {
    public var name: StoredName
    public var keys: [IndexKey]
    /// The bool column whose true rows alone the index holds (a partial index), nil for all rows:
    /// the database reads it only for a query that keeps those rows (`column == true`).
    public var onlyWhereTrue: String?
    /// The columns it holds after its keys and the row number, which still ends its order: a query
    /// that reads only these, the keys and the row number of the rows it seeks reads no row.
    public var included: [String]

    public init(name: StoredName, keys: [IndexKey], onlyWhereTrue: String? = nil, included: [String] = []) {
        self.name = name
        self.keys = keys
        self.onlyWhereTrue = onlyWhereTrue
        self.included = included
    }
}

/// A key of an index on a table's rows: a column (its code, for a dictionary column), the day a
/// time column falls on, spelled as `TimeSQL.startOfDay`, or whether a column's value is missing.
public enum IndexKey: Sendable, Equatable {
    case column(String)
    case day(String)
    /// Whether the column's value is missing, false before true (`column IS NULL`). Before the
    /// column itself, it holds the values ascending with the missing ones last, which is tei's
    /// ascending order: the database reads that order from the index instead of sorting.
    case missing(String)

    /// The logical column the key reads.
    public var column: String {
        switch self {
        case .column(let name), .day(let name), .missing(let name): return name
        }
    }

    /// The SQL of the `missing` key over `column` (SQL): a query orders by the same expression for
    /// SQLite to read the index's order.
    public static func missingSQL(_ column: String) -> String {
        "(\(column) IS NULL)"
    }
}
