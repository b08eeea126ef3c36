/// The tables, views and indexes of one cache file as values, decided by the same `StoragePlan`
/// the importer builds the file by, so that another database can hold an exact copy of a cache
/// under the same names (the PostgreSQL store creates, fills and indexes its copy from this) and
/// a `TableLayout` describes either.
///
/// Types are tei's (`ValueType`), not SQLite's: the copy spells them for its own database. Row
/// numbers, ids and dictionary codes are `.int`.
public struct CacheTables: Sendable, Equatable {
    /// A table of the cache, its columns in order.
    public struct Table: Sendable, Equatable {
        public var name: String
        public var columns: [Field]
        /// Empty for a rollup's table, whose dimensions may be NULL.
        public var primaryKey: [String]
    }

    /// A column of a table, with the type of the values it stores.
    public struct Field: Sendable, Equatable {
        public var name: String
        public var type: ValueType
        public var notNull: Bool
    }

    /// Where a column of the keyed view comes from.
    public enum Source: Sendable, Equatable {
        /// A column of `rows`, as stored.
        case rows(String)
        /// `value` of the row of `table` whose `key` (its primary key) equals column `by` of `rows`;
        /// NULL when there is none.
        case lookup(table: String, key: String, value: String, by: String)
    }

    /// A column of the keyed view.
    public struct ViewColumn: Sendable, Equatable {
        public var name: String
        public var source: Source
    }

    /// An index on `rows`: its keys over stored columns of `rows`, the stored bool column whose
    /// true rows alone it holds, and the stored columns it holds after the row number.
    public struct Index: Sendable, Equatable {
        public var name: String
        public var keys: [IndexKey]
        public var onlyWhereTrue: String?
        public var included: [String]
    }

    /// The cache format the description follows; a copy made by another format is not this layout.
    public static let formatVersion = CacheMetadata.formatVersion

    /// The tables, `rows` first, in the order the importer creates them.
    public let tables: [Table]
    /// The table every view reads and every index is on: one row per record.
    public var rowsTable: String { Self.rowsTableName }
    public static let rowsTableName = CacheNames.rows
    /// The row number of `rows`, its primary key.
    public static let rowColumn = CacheNames.row
    /// The view of the logical columns, the row number and the dictionary codes (`TableLayout.relation`).
    public let keyedView = CacheNames.keyedView
    public let keyedColumns: [ViewColumn]
    /// The view of exactly the logical columns, read from `keyedView`.
    public let dataView = CacheNames.dataView
    public let dataColumns: [String]
    public let indexes: [Index]
    /// The table of the cache's own metadata, which a copy leaves out: it describes the SQLite file.
    public static let metadataTable = CacheNames.metadata
    /// The rollups (`RollupPlan`): counts that answer some groupings without reading `rows`.
    public let rollups: [Rollup]

    /// A rollup of the cache: its table, and the view presenting it under the logical column names
    /// (`RollupLayout.relation`), which reads `table` (and the dictionaries, for a code).
    public struct Rollup: Sendable, Equatable {
        public var table: Table
        public var view: String
        public var viewColumns: [ViewColumn]
    }
    /// The copies of the list items sorted by value (`ItemsByValuePlan`), which a copy leaves out: they
    /// only make the coordination networks' joins faster, and the copy's layout names none.
    public let itemsByValueTables: [String]
    /// The unique indexes on the dictionaries' values, which a copy leaves out for now: they only
    /// make joins of another table's values with codes faster, and the copy's layout names none.
    public let valueIndexes: [String]
    /// The indexes of the rollups by dictionary code (`RollupPlan.indexColumns`), which a copy
    /// leaves out: they only spare SQLite a sort, and a server's planner chooses its own.
    public let rollupIndexes: [String]

    /// The cache of `table`, a table attached by `store`: its kind and columns decide the layout,
    /// and the attached file tells whether the last `source_file` column is the file's own (stored
    /// in `rows`) or the one tei adds (read from `sources`), which the columns alone do not.
    public init(of table: LoadedTable, in store: TableStore) throws {
        let stored = try store.database.query("SELECT name FROM pragma_table_info(?1, ?2)",
                                              [.text(CacheNames.rows), .text(table.layout.relation.schema ?? "main")])
        let storedNames = Set(stored.compactMap { row -> String? in
            if case .text(let name)? = row.first { return name }
            return nil
        })
        self.init(kind: table.kind, columns: table.columns, rowsColumns: storedNames)
    }

    /// The cache of a table of `kind` with `columns` (as `LoadedTable.columns` lists them), whose
    /// `rows` table has the columns `rowsColumns`: they tell whether the last `source_file` column
    /// is the file's own (stored in `rows`) or the one tei adds (read from `sources`).
    public init(kind: TableKind, columns: [Column], rowsColumns: Set<String>) {
        var columns = columns
        if let last = columns.last, LoadedTable.isSourceFileColumn(last.name),
           !rowsColumns.contains(CacheNames.storedColumn(columns.count - 1)) {
            columns.removeLast()
        }
        self.init(kind: kind, fileColumns: columns)
    }

    /// The tables the importer makes for a table of `kind` with the file's `fileColumns` (without
    /// the `source_file` column tei adds).
    init(kind: TableKind, fileColumns columns: [Column]) {
        let plan = StoragePlan(kind: kind, columns: columns)
        let (id, row, position, value) = (CacheNames.id, CacheNames.row, CacheNames.position, CacheNames.value)
        func field(_ name: String, _ type: ValueType, notNull: Bool = false) -> Field {
            Field(name: name, type: type, notNull: notNull)
        }
        var rowFields = [field(row, .int, notNull: true)]
        var view: [ViewColumn] = [ViewColumn(name: CacheNames.rowNumber, source: .rows(row))]
        for (index, column) in columns.enumerated() {
            let stored = CacheNames.storedColumn(index)
            switch plan.storage[index] {
            case .value, .list:
                rowFields.append(field(stored, column.type))
                view.append(ViewColumn(name: column.name, source: .rows(stored)))
            case .dictionary(let n):
                rowFields.append(field(stored, .int))
                view.append(ViewColumn(name: column.name, source: .lookup(table: CacheNames.dictionary(n), key: id, value: value, by: stored)))
            case .account:
                view.append(ViewColumn(name: column.name, source: .lookup(table: CacheNames.accounts, key: id, value: stored, by: CacheNames.account)))
            case .separate(let n):
                view.append(ViewColumn(name: column.name, source: .lookup(table: CacheNames.text(n), key: row, value: value, by: row)))
            }
        }
        if !plan.accountColumns.isEmpty { rowFields.append(field(CacheNames.account, .int)) }
        rowFields.append(field(CacheNames.source, .int))
        let hasOwnSourceFile = columns.contains { LoadedTable.isSourceFileColumn($0.name) }
        if !hasOwnSourceFile {
            view.append(ViewColumn(name: LoadedTable.sourceFileColumn,
                                   source: .lookup(table: CacheNames.sources, key: id, value: value, by: CacheNames.source)))
        }
        for (index, storage) in plan.storage.enumerated() {
            guard case .dictionary = storage else { continue }
            view.append(ViewColumn(name: CacheNames.code(index), source: .rows(CacheNames.storedColumn(index))))
        }

        var tables = [Table(name: CacheNames.rows, columns: rowFields, primaryKey: [row]),
                      Table(name: CacheNames.sources, columns: [field(id, .int, notNull: true), field(value, .text, notNull: true)], primaryKey: [id])]
        if !plan.accountColumns.isEmpty {
            let fields = plan.accountColumns.map { field(CacheNames.storedColumn($0), columns[$0].type) }
            tables.append(Table(name: CacheNames.accounts, columns: [field(id, .int, notNull: true)] + fields, primaryKey: [id]))
        }
        for n in plan.dictionaryHoldsAccountIDs.indices {
            tables.append(Table(name: CacheNames.dictionary(n), columns: [field(id, .int, notNull: true), field(value, .text, notNull: true)],
                                primaryKey: [id]))
        }
        for n in 0..<plan.separateCount {
            tables.append(Table(name: CacheNames.text(n), columns: [field(row, .int, notNull: true), field(value, .text, notNull: true)],
                                primaryKey: [row]))
        }
        for n in plan.listColumns.indices {
            tables.append(Table(name: CacheNames.items(n),
                                columns: [field(row, .int, notNull: true), field(position, .int, notNull: true), field(value, .text, notNull: true)],
                                primaryKey: [row, position]))
        }
        self.tables = tables
        rollups = RollupPlan.rollups(of: plan).map { rollup in
            Rollup(table: Table(name: CacheNames.rollup(rollup.number), columns: rollup.fields(plan), primaryKey: []),
                   view: CacheNames.rollupView(rollup.number), viewColumns: rollup.viewColumns(plan))
        }
        itemsByValueTables = plan.itemsByValue == nil ? [] : plan.listColumns.indices.map(CacheNames.itemsByValue)
        valueIndexes = plan.dictionaryHoldsAccountIDs.indices.map(CacheNames.dictionaryValueIndex)
        rollupIndexes = RollupPlan.rollups(of: plan).filter { !$0.indexColumns(plan).isEmpty }.map { CacheNames.rollupIndex($0.number) }
        keyedColumns = view
        dataColumns = columns.map(\.name) + (hasOwnSourceFile ? [] : [LoadedTable.sourceFileColumn])
        indexes = plan.indexes.map { index in
            let stored = { (name: String) in CacheNames.storedColumn(columns.firstIndex { $0.name == name }!) }
            let keys = index.keys.map { key -> IndexKey in
                switch key {
                case .column: return .column(stored(key.column))
                case .day: return .day(stored(key.column))
                case .missing: return .missing(stored(key.column))
                }
            }
            return Index(name: CacheNames.index(index.number), keys: keys, onlyWhereTrue: index.onlyWhereTrue.map { stored($0.column) },
                         included: index.included.map(stored))
        }
    }

    /// The layout of a table of `kind` with `columns` (as `LoadedTable.columns` lists them) whose
    /// copy lives in `schema`: what a loader of that copy hands the engine. Only the rollups whose
    /// views are among `rollupViews` are in it: a copy made before rollups were copied has none.
    /// It has no copies of the items by value, which a copy leaves out (`itemsByValueTables`), nor
    /// indexes on its dictionaries' values (`valueIndexes`).
    public static func layout(kind: TableKind, columns: [Column], schema: String, rollupViews: Set<String>) -> TableLayout {
        var layout = StoragePlan(kind: kind, columns: columns).layout(schema: schema)
        layout.rollups.removeAll { !rollupViews.contains($0.relation.name) }
        layout.itemsByValue = [:]
        for (index, column) in layout.columns.enumerated() {
            guard case .dictionary(var dictionary) = column.encoding else { continue }
            dictionary.valueIndex = nil
            layout.columns[index].encoding = .dictionary(dictionary)
        }
        return layout
    }
}
