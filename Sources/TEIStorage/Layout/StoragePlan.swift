/// Where each column of a table is stored in its cache file, decided from the table's kind and
/// columns alone: the importer builds the file by it (`TableBuilder`), and the loader describes an
/// attached file by it (`layout`), so the two cannot disagree. Every dictionary keeps one code per
/// value however large the file (`ByteDictionary` continues on disk), so the layout does not depend
/// on the data.
///
/// The loader plans with the metadata's columns, which end with the `source_file` column the
/// importer adds after the file's own: it is planned as `.value`, after every other column, so it
/// changes neither the storage nor the numbering of the others.
struct StoragePlan {
    enum Storage: Equatable {
        /// In its own column of `rows`.
        case value
        /// Codes into dictionary number n, in a column of `rows`.
        case dictionary(Int)
        /// Field number n of the account record `rows.account` refers to.
        case account(Int)
        /// Items table number n, and the list's JSON text in a column of `rows`.
        case list(Int)
        /// Text table number n, only when not empty.
        case separate(Int)
    }

    /// An index of `TEIFormat.tweetIndexes` that the table's columns allow.
    struct Index {
        /// Its position in `TEIFormat.tweetIndexes`, which names it.
        var number: Int
        var keys: [IndexKey]
        /// The indexed expressions over the columns of `rows`.
        var expressions: [String]
        /// The bool column whose true rows alone the index holds, and its test over `rows`.
        var onlyWhereTrue: (column: String, sql: String)?
        /// The columns it holds after the row number (`IndexLayout.included`).
        var included: [String]
    }

    let kind: TableKind
    let columns: [Column]
    /// Per column.
    let storage: [Storage]
    /// The columns stored in the account record, in its order.
    let accountColumns: [Int]
    /// The list columns, in items table order.
    let listColumns: [Int]
    /// Per dictionary: whether it holds account ids (which get more memory).
    let dictionaryHoldsAccountIDs: [Bool]
    let separateCount: Int
    let indexes: [Index]
    /// The columns each list's copy sorted by value carries; nil when the lists have none.
    let itemsByValue: ItemsByValuePlan?

    init(kind: TableKind, columns: [Column]) {
        self.kind = kind
        self.columns = columns
        let accountNames = kind == .teiTweets ? Set(TEIFormat.userColumns.map(\.name)) : []
        var storage: [Storage] = []
        var accountColumns: [Int] = [], listColumns: [Int] = [], holdsAccountIDs: [Bool] = []
        var separateCount = 0
        for (index, column) in columns.enumerated() {
            if column.type == .text, kind == .teiTweets, TEIFormat.accountIDColumns.contains(column.name) {
                storage.append(.dictionary(holdsAccountIDs.count))
                holdsAccountIDs.append(true)
            } else if accountNames.contains(column.name) {
                storage.append(.account(accountColumns.count))
                accountColumns.append(index)
            } else if column.type == .list {
                storage.append(.list(listColumns.count))
                listColumns.append(index)
            } else if column.type == .text, kind == .teiTweets, TEIFormat.separateColumns.contains(column.name) {
                storage.append(.separate(separateCount))
                separateCount += 1
            } else if column.type == .text, kind != .generic, TEIFormat.dictionaryColumns.contains(column.name) {
                storage.append(.dictionary(holdsAccountIDs.count))
                holdsAccountIDs.append(false)
            } else {
                storage.append(.value)
            }
        }
        self.storage = storage
        self.accountColumns = accountColumns
        self.listColumns = listColumns
        dictionaryHoldsAccountIDs = holdsAccountIDs
        self.separateCount = separateCount
        itemsByValue = listColumns.isEmpty ? nil : ItemsByValuePlan(kind: kind, columns: columns, storage: storage)
        indexes = (kind == .teiTweets ? TEIFormat.tweetIndexes : []).enumerated().compactMap { number, definition in
            let keys = definition.keys
            var partial: (column: String, sql: String)?
            if let name = definition.onlyWhereTrue {
                guard let index = columns.firstIndex(where: { $0.name == name }), columns[index].type == .bool,
                      storage[index] == .value else { return nil }
                partial = (name, "\(CacheNames.storedColumn(index)) = 1")
            }
            let expressions = keys.compactMap { key -> String? in
                guard let index = columns.firstIndex(where: { $0.name == key.column }) else { return nil }
                let stored = CacheNames.storedColumn(index)
                switch (storage[index], key) {
                case (.dictionary, .column), (.value, .column): return stored
                case (.value, .day): return columns[index].type == .timestamp ? TimeSQL.startOfDay(stored) : nil
                case (.value, .missing): return IndexKey.missingSQL(stored)
                default: return nil
                }
            }
            guard expressions.count == keys.count else { return nil }
            // Only a column of `rows` itself (a value or a dictionary's code) can be held by its index.
            let included = definition.included.filter { name in
                switch columns.firstIndex(where: { $0.name == name }).map({ storage[$0] }) {
                case .value, .dictionary: return true
                default: return false
                }
            }
            // SQLite ends every index with the row number; named before the included columns, it still orders ties.
            let held = included.isEmpty ? [] : [CacheNames.row] + included.map { name in CacheNames.storedColumn(columns.firstIndex { $0.name == name }!) }
            return Index(number: number, keys: keys, expressions: expressions + held, onlyWhereTrue: partial, included: included)
        }
    }

    /// The items table of each list column, as the metadata records them.
    var itemsTables: [String: String] {
        var tables: [String: String] = [:]
        for (n, index) in listColumns.enumerated() { tables[columns[index].name] = CacheNames.items(n) }
        return tables
    }

    /// The code column and dictionary table of each dictionary column, as the metadata records them.
    var codes: [String: CacheMetadata.CodeEntry] {
        var codes: [String: CacheMetadata.CodeEntry] = [:]
        for (index, column) in columns.enumerated() {
            guard case .dictionary(let n) = storage[index] else { continue }
            codes[column.name] = CacheMetadata.CodeEntry(codeColumn: CacheNames.code(index), dictionary: CacheNames.dictionary(n))
        }
        return codes
    }

    /// The layout of the table attached under `schema`.
    func layout(schema: String) -> TableLayout {
        func stored(_ name: String) -> StoredName { StoredName(schema: schema, name: name) }
        let columnLayouts = columns.enumerated().map { index, column -> ColumnLayout in
            let encoding: ColumnEncoding
            switch storage[index] {
            case .dictionary(let n):
                encoding = .dictionary(DictionaryLayout(codeColumn: CacheNames.code(index), table: stored(CacheNames.dictionary(n)),
                                                        idColumn: CacheNames.id, valueColumn: CacheNames.value,
                                                        valueIndex: stored(CacheNames.dictionaryValueIndex(n))))
            case .list(let n):
                encoding = .list(ItemsLayout(table: stored(CacheNames.items(n)), rowColumn: CacheNames.row,
                                             positionColumn: CacheNames.position, valueColumn: CacheNames.value))
            case .separate(let n):
                encoding = .separateText(TextLayout(table: stored(CacheNames.text(n)), rowColumn: CacheNames.row,
                                                    valueColumn: CacheNames.value))
            case .value, .account:
                encoding = .plain
            }
            return ColumnLayout(name: column.name, type: column.type, encoding: encoding)
        }
        return TableLayout(relation: stored(CacheNames.keyedView), rowNumber: CacheNames.rowNumber, columns: columnLayouts,
                           indexes: indexes.map { IndexLayout(name: stored(CacheNames.index($0.number)), keys: $0.keys,
                                                              onlyWhereTrue: $0.onlyWhereTrue?.column, included: $0.included) },
                           rollups: RollupPlan.rollups(of: self).map { $0.layout(self, schema: schema) },
                           itemsByValue: itemsByValue.map { byValue in
                               Dictionary(uniqueKeysWithValues: listColumns.enumerated().map { n, index in
                                   (columns[index].name, byValue.layout(n, schema: schema))
                               })
                           } ?? [:])
    }
}
