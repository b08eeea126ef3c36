import Foundation

/// A row the builder refused: what was wrong with it (the caller adds file and line).
struct RowError: Error {
    var message: String
}

/// Writes the rows of one table into a cache database, in the physical layout below, and then
/// creates the views that present the logical columns with the encodings `ValueType` documents.
///
/// Physical layout (built for analytical scans, not as a copy of the CSV):
/// - `rows`: one narrow typed row per record, keyed by `row` (insertion order);
/// - `accounts`: for tweets, the user columns other than `userid` stored once per distinct account
///   record and referenced by `rows.account` (a 9M-row release has about 225,000 accounts);
/// - `dict_<n>`: dictionary tables for repeated short strings (account ids, tweet language, client,
///   geo flags), referenced by integer ids, one per distinct value at any size (`ByteDictionary`);
///   `rows` has the indexes `TEIFormat.tweetIndexes` lists;
/// - `sources`: the file each row came from, referenced by `rows.source`;
/// - `text_<n>(row, value)`: long texts (the tweet text) out of line, so aggregate scans of `rows`
///   read narrow pages;
/// - `items_<n>(row, position, value)`: one row per list item, clustered by (row, position), so
///   `explode` is a join on the primary key and item-level aggregates scan a narrow table;
///   `rows` keeps the list as its JSON text too, so `len`, `contains` and display need no join;
/// - `items_<n>_by_value`: for tweets, the items again keyed by (value, tweet time), with the
///   account's code, the tweet id and the retweet flag (`ItemsByValuePlan`);
/// - views `keyed` (the logical columns plus a row number and each dictionary column's code) and
///   `data` (exactly the logical columns).
///
/// `CacheNames` spells these names; `StoragePlan` decides which column goes where.
///
/// `add` encodes a record into INSERT operations of an `InsertBatch` and never touches SQLite:
/// a `BatchWriter` executes the batches on another thread, so parsing and writing overlap.
final class TableBuilder {
    /// How much memory the dictionaries may hold before they continue on disk (see `ByteDictionary`).
    struct DictionaryMemory {
        var accountIDs: Int
        var accountRecords: Int
        var shortTexts: Int

        /// Chosen so that an import's peak memory stays under 200 MB however large the release:
        /// three account id dictionaries, the account records and four short-text dictionaries
        /// hold at most 108 MB, beside the 16 MiB page cache, the scratch database's 8 MiB and
        /// three insert batches. An account id dictionary holds about 243,000 ids of 64 hex digits
        /// in memory (a 9M-tweet release has about 225,000 accounts), the account records about
        /// 262,000 records of a hashed release in their compact spelling (`AccountRecordKey`: the
        /// generated 9M release's 219,542 take 26.8 MiB).
        static let standard = DictionaryMemory(accountIDs: 20 << 20, accountRecords: 32 << 20, shortTexts: 4 << 20)
    }

    /// Where each column goes; the loader describes the file by the same plan.
    let plan: StoragePlan
    let columns: [Column]
    /// Columns whose type the script chose: values that do not convert become NULL with a warning
    /// instead of failing the load.
    private let overridden: [Bool]
    // Copies of the plan's, read per field on the hot path.
    private let storage: [StoragePlan.Storage]
    private let accountColumns: [Int]
    private let listColumns: [Int]
    private let separateCount: Int
    private let database: Database
    /// Where the dictionaries continue once their memory is full; closed (and deleted) with the builder.
    private let spillDatabase = SpillDatabase()
    private var accounts: ByteDictionary
    /// The column whose dictionary code keys `lastAccountRecords`: the tweets' `userid`.
    private let accountIDColumn: Int?
    private var lastAccountRecords = LastAccountRecords()
    private var dictionaries: [ByteDictionary]
    private var listDecoders: [ListDecoder]
    /// Counts the rows and items per the dimensions of the table's rollups.
    private var rollups: RollupBuilder
    /// Executes the batches; the `insert…` properties are indexes of its statements.
    private var writer: BatchWriter!
    private var insertRow = 0
    private var insertAccount: Int?
    private var insertDictionary: [Int] = []
    private var insertItem: [Int] = []
    private var insertSeparate: [Int] = []
    private var insertSource = 0
    /// The operations of the records added since the last hand-off to `writer`.
    private var batch = InsertBatch()
    /// The values of the `rows` INSERT of the record being added.
    private var rowValues: [InsertBatch.Value] = []
    private var cleaned: [ScratchBytes]
    private var fieldBytes: [UnsafeBufferPointer<UInt8>]
    private let accountKey = ScratchBytes(capacity: 4096)
    private var cleanBuffer: [UInt8] = []
    private var sourceID: Int64 = 0
    private(set) var rowCount: Int64 = 0
    private(set) var repairs = FieldCleaner.Repairs()
    /// Per column: how many values did not convert to the script-chosen type.
    private(set) var conversionFailures: [Int]

    init(database: Database, kind: TableKind, columns: [Column], overridden: Set<String>,
         dictionaryMemory: DictionaryMemory = .standard, rollupBudget: RollupBuilder.Budget = .standard) throws {
        self.database = database
        plan = StoragePlan(kind: kind, columns: columns)
        self.columns = columns
        storage = plan.storage
        accountColumns = plan.accountColumns
        listColumns = plan.listColumns
        separateCount = plan.separateCount
        self.overridden = columns.map { overridden.contains($0.name) }
        accounts = ByteDictionary(memoryLimit: dictionaryMemory.accountRecords, spillingTo: spillDatabase)
        accountIDColumn = plan.accountColumns.isEmpty ? nil : columns.indices.first { [plan] index in
            guard case .dictionary = plan.storage[index] else { return false }
            return columns[index].name == LastAccountRecords.accountIDColumn
        }
        dictionaries = plan.dictionaryHoldsAccountIDs.map { [spillDatabase] holdsAccountIDs in
            ByteDictionary(memoryLimit: holdsAccountIDs ? dictionaryMemory.accountIDs : dictionaryMemory.shortTexts,
                           spillingTo: spillDatabase)
        }
        listDecoders = Array(repeating: ListDecoder(), count: plan.listColumns.count)
        var position = 0
        let rowValuePositions = plan.storage.map { storage -> Int? in
            switch storage {
            case .account, .separate: return nil
            case .value, .dictionary, .list:
                position += 1
                return position
            }
        }
        rollups = RollupBuilder(plan: plan, rowValuePositions: rowValuePositions, budget: rollupBudget, spillingTo: spillDatabase)
        cleaned = columns.map { _ in ScratchBytes() }
        fieldBytes = Array(repeating: UnsafeBufferPointer(start: nil, count: 0), count: columns.count)
        conversionFailures = Array(repeating: 0, count: columns.count)
        try createTables()
    }

    private static func sqlType(_ type: ValueType) -> String {
        switch type {
        case .int, .bool, .timestamp, .date, .duration: return "INTEGER"
        case .float: return "REAL"
        case .text, .list, .null: return "TEXT"
        }
    }

    private func physicalName(_ index: Int) -> String { CacheNames.storedColumn(index) }

    private func createTables() throws {
        let (id, row, position, value) = (CacheNames.id, CacheNames.row, CacheNames.position, CacheNames.value)
        var rowColumns = ["\(row) INTEGER PRIMARY KEY"]
        for (index, column) in columns.enumerated() {
            switch storage[index] {
            case .account, .separate: continue
            case .dictionary: rowColumns.append("\(physicalName(index)) INTEGER")
            case .value, .list: rowColumns.append("\(physicalName(index)) \(Self.sqlType(column.type))")
            }
        }
        if !accountColumns.isEmpty { rowColumns.append("\(CacheNames.account) INTEGER") }
        rowColumns.append("\(CacheNames.source) INTEGER")
        var sql = "CREATE TABLE \(CacheNames.rows)(\(rowColumns.joined(separator: ", ")));\n"
        sql += "CREATE TABLE \(CacheNames.sources)(\(id) INTEGER PRIMARY KEY, \(value) TEXT NOT NULL);\n"
        if !accountColumns.isEmpty {
            let fields = accountColumns.map { "\(physicalName($0)) \(Self.sqlType(columns[$0].type))" }
            sql += "CREATE TABLE \(CacheNames.accounts)(\(id) INTEGER PRIMARY KEY, \(fields.joined(separator: ", ")));\n"
        }
        for n in dictionaries.indices {
            sql += "CREATE TABLE \(CacheNames.dictionary(n))(\(id) INTEGER PRIMARY KEY, \(value) TEXT NOT NULL);\n"
        }
        for n in 0..<separateCount {
            sql += "CREATE TABLE \(CacheNames.text(n))(\(row) INTEGER PRIMARY KEY, \(value) TEXT NOT NULL);\n"
        }
        for n in listColumns.indices {
            sql += "CREATE TABLE \(CacheNames.items(n))(\(row) INTEGER NOT NULL, \(position) INTEGER NOT NULL, \(value) TEXT NOT NULL, "
                + "PRIMARY KEY(\(row), \(position))) WITHOUT ROWID;\n"
        }
        try database.execute(sql)
        var inserts: [BatchWriter.Insert] = []
        func prepare(_ table: String, valueCount: Int) throws -> Int {
            inserts.append(try BatchWriter.Insert(database: database, table: table, valueCount: valueCount))
            return inserts.count - 1
        }
        insertRow = try prepare(CacheNames.rows, valueCount: rowColumns.count)
        insertSource = try prepare(CacheNames.sources, valueCount: 2)
        if !accountColumns.isEmpty {
            insertAccount = try prepare(CacheNames.accounts, valueCount: accountColumns.count + 1)
        }
        insertDictionary = try dictionaries.indices.map { try prepare(CacheNames.dictionary($0), valueCount: 2) }
        insertSeparate = try (0..<separateCount).map { try prepare(CacheNames.text($0), valueCount: 2) }
        insertItem = try listColumns.indices.map { try prepare(CacheNames.items($0), valueCount: 3) }
        writer = BatchWriter(inserts: inserts)
    }

    /// Starts the rows of a new source file; rows added next keep `displayName` as `source_file`.
    func beginSource(_ displayName: String) {
        sourceID += 1
        var name = displayName
        let value = name.withUTF8 { batch.text($0) }
        batch.append(insertSource, .integer(sourceID), value)
    }

    /// Adds one record; `fieldIndex[c]` is the record field of logical column `c`, or -1 when the
    /// file lacks that column (its values are NULL).
    func add(_ record: CSVRecord, fieldIndex: [Int]) throws {
        // Borrow the per-row state into locals for the duration of the row: every access to a
        // class property costs a dynamic exclusivity check, which showed up at ~10% of import time.
        var fieldBytes: [UnsafeBufferPointer<UInt8>] = []
        var listDecoders: [ListDecoder] = []
        var dictionaries: [ByteDictionary] = []
        var batch = InsertBatch()
        var rowValues: [InsertBatch.Value] = []
        swap(&fieldBytes, &self.fieldBytes)
        swap(&listDecoders, &self.listDecoders)
        swap(&dictionaries, &self.dictionaries)
        swap(&batch, &self.batch)
        swap(&rowValues, &self.rowValues)
        defer {
            swap(&fieldBytes, &self.fieldBytes)
            swap(&listDecoders, &self.listDecoders)
            swap(&dictionaries, &self.dictionaries)
            swap(&batch, &self.batch)
            swap(&rowValues, &self.rowValues)
        }
        // Clean every field first so that all of them stay addressable while binding.
        for column in columns.indices {
            let field = fieldIndex[column]
            guard field >= 0 else {
                fieldBytes[column] = UnsafeBufferPointer(start: nil, count: 0)
                continue
            }
            let raw = record.raw(field)
            if FieldCleaner.needsCleaning(raw, escaped: record.escaped[field]) {
                let scratch = cleaned[column]
                scratch.removeAll()
                let fixed = FieldCleaner.clean(raw, escaped: record.escaped[field], into: &cleanBuffer)
                repairs.droppedNULs += fixed.droppedNULs
                repairs.replacedSequences += fixed.replacedSequences
                scratch.set(cleanBuffer)
                fieldBytes[column] = scratch.bytes
            } else {
                fieldBytes[column] = raw
            }
        }
        for (n, column) in listColumns.enumerated() where !listDecoders[n].decode(fieldBytes[column]) {
            if overridden[column] {
                conversionFailures[column] += 1
                _ = listDecoders[n].decode(UnsafeBufferPointer(start: nil, count: 0))
            } else {
                throw RowError(message: "\(columns[column].name): not a list: \(preview(fieldBytes[column]))")
            }
        }
        // The operations go into the batch in the order the statements used to run here: new
        // dictionary values as met, the account, the row, its long texts and its list items. The
        // row's own values are staged, so a value that fails leaves no partial row behind.
        let row = rowCount + 1
        var accountCode: Int64?
        rowValues.removeAll(keepingCapacity: true)
        rowValues.append(.integer(row))
        for column in columns.indices {
            switch storage[column] {
            case .account, .separate:
                continue
            case .value:
                rowValues.append(try value(fieldBytes[column], column, into: &batch))
            case .dictionary(let n):
                let bytes = fieldBytes[column]
                if bytes.isEmpty {
                    rowValues.append(.null)
                } else {
                    let (id, isNew) = try dictionaries[n].id(for: bytes)
                    if column == accountIDColumn { accountCode = id }
                    if isNew {
                        let text = batch.text(bytes)
                        batch.append(insertDictionary[n], .integer(id), text)
                    }
                    rowValues.append(.integer(id))
                }
            case .list(let n):
                rowValues.append(listDecoders[n].json.withUnsafeBufferPointer { batch.text($0) })
            }
        }
        if !accountColumns.isEmpty {
            rowValues.append(.integer(try accountID(fieldBytes, accountCode: accountCode, into: &batch)))
        }
        rowValues.append(.integer(sourceID))
        batch.append(insertRow, rowValues)
        rowCount = row
        rollups.addRow(rowValues)
        for column in columns.indices {
            guard case .separate(let n) = storage[column], !fieldBytes[column].isEmpty else { continue }
            let text = batch.text(fieldBytes[column])
            batch.append(insertSeparate[n], .integer(row), text)
        }
        for n in listColumns.indices {
            let decoder = listDecoders[n]
            for position in 0..<decoder.count {
                let item = try decoder.item(position).withUnsafeBufferPointer { bytes in
                    try rollups.addItem(bytes, list: n)
                    return batch.text(bytes)
                }
                batch.append(insertItem[n], .integer(row), .integer(Int64(position + 1)), item)
            }
        }
        if batch.isFull { try writer.exchange(&batch) }
    }

    /// The id of the tweet's account record, `accountCode` being its `userid`'s code (nil when empty).
    private func accountID(_ fieldBytes: [UnsafeBufferPointer<UInt8>], accountCode: Int64?,
                           into batch: inout InsertBatch) throws -> Int64 {
        AccountRecordKey.spell(accountColumns, of: fieldBytes, into: accountKey)
        let key = accountKey.bytes
        if let accountCode, let id = accounts.id(for: key, at: lastAccountRecords.location(of: accountCode)) {
            return id
        }
        let (id, isNew, location) = try accounts.entry(for: key)
        if let accountCode { lastAccountRecords.remember(location ?? .none, for: accountCode) }
        guard isNew, let insert = insertAccount else { return id }
        var values: [InsertBatch.Value] = [.integer(id)]
        for column in accountColumns {
            values.append(try value(fieldBytes[column], column, into: &batch))
        }
        batch.append(insert, values)
        return id
    }

    /// The value to store for `bytes` in `column`; a text is copied into `batch`.
    private func value(_ bytes: UnsafeBufferPointer<UInt8>, _ column: Int,
                       into batch: inout InsertBatch) throws -> InsertBatch.Value {
        if bytes.isEmpty { return .null }
        let type = columns[column].type
        let decoded: Int64?
        switch type {
        case .text, .list, .null:
            return batch.text(bytes)
        case .float:
            if let value = FieldDecoding.real(bytes) { return .real(value) }
            decoded = nil
        case .int, .duration: decoded = FieldDecoding.integer(bytes)
        case .bool: decoded = FieldDecoding.bool(bytes)
        case .timestamp: decoded = FieldDecoding.timestamp(bytes)
        case .date: decoded = FieldDecoding.date(bytes)
        }
        if let decoded { return .integer(decoded) }
        if overridden[column] {
            conversionFailures[column] += 1
            return .null
        }
        throw RowError(message: "\(columns[column].name): expected \(type == .int ? "an integer" : "a \(type.name)"), found \(preview(bytes))")
    }

    private func preview(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        let text = String(decoding: bytes.prefix(60), as: UTF8.self)
        return "\"\(text)\(bytes.count > 60 ? "…" : "")\""
    }

    /// Creates the views over the physical tables.
    ///
    /// Dictionary and account columns are scalar subqueries on integer primary keys rather than
    /// joins: SQLite evaluates a view's subquery column only when a query uses it, whereas it keeps
    /// every LEFT JOIN of a view (3.40 does not drop unused ones), which made scans 2–3× slower.
    ///
    /// First waits for the writer to execute every row added; the views and indexes are created
    /// on this thread once it has ended.
    func finish() throws {
        try writer.finish(batch)
        let (id, row, value) = (CacheNames.id, CacheNames.row, CacheNames.value)
        var select: [String] = ["r.\(row) AS \(CacheNames.rowNumber)"]
        for (index, column) in columns.enumerated() {
            let name = Database.quote(identifier: column.name)
            switch storage[index] {
            case .value, .list:
                select.append("r.\(physicalName(index)) AS \(name)")
            case .account:
                select.append("(SELECT a.\(physicalName(index)) FROM \(CacheNames.accounts) a WHERE a.\(id) = r.\(CacheNames.account)) AS \(name)")
            case .separate(let n):
                select.append("(SELECT t.\(value) FROM \(CacheNames.text(n)) t WHERE t.\(row) = r.\(row)) AS \(name)")
            case .dictionary(let n):
                select.append("(SELECT d.\(value) FROM \(CacheNames.dictionary(n)) d WHERE d.\(id) = r.\(physicalName(index))) AS \(name)")
            }
        }
        let hasOwnSourceFile = columns.contains { LoadedTable.isSourceFileColumn($0.name) }
        if !hasOwnSourceFile {
            select.append("(SELECT s.\(value) FROM \(CacheNames.sources) s WHERE s.\(id) = r.\(CacheNames.source)) AS \(LoadedTable.sourceFileColumn)")
        }
        for index in columns.indices {
            guard case .dictionary = storage[index] else { continue }
            select.append("r.\(physicalName(index)) AS \(CacheNames.code(index))")
        }
        let names = (columns.map(\.name) + (hasOwnSourceFile ? [] : [LoadedTable.sourceFileColumn]))
            .map(Database.quote(identifier:)).joined(separator: ", ")
        // The sorter that builds an index works in runs the size of the page cache: runs of 2 MB
        // stay in the CPU's cache (3x faster than 64 MB ones), and a second core merges them.
        try database.useCoresForSorting()
        var sql = """
            CREATE VIEW \(CacheNames.keyedView) AS SELECT \(select.joined(separator: ", ")) FROM \(CacheNames.rows) r;
            CREATE VIEW \(CacheNames.dataView) AS SELECT \(names) FROM \(CacheNames.keyedView);
            PRAGMA cache_size = -2000;
            """
        for index in plan.indexes {
            sql += "\nCREATE INDEX \(CacheNames.index(index.number)) ON \(CacheNames.rows)(\(index.expressions.joined(separator: ", ")))"
            sql += (index.onlyWhereTrue.map { " WHERE \($0.sql)" } ?? "") + ";"
        }
        // A join of another table's plain value with a dictionary column finds the value's code
        // here, and compares codes (`JoinOnDictionaryCodes`): 0.1 s at import for 225,000 account ids.
        for n in dictionaries.indices {
            sql += "\nCREATE UNIQUE INDEX \(CacheNames.dictionaryValueIndex(n)) ON \(CacheNames.dictionary(n))(\(value));"
        }
        try database.execute(sql)
        try rollups.finish(database)
        try copyItemsByValue()
    }

    /// Writes each list's copy sorted by value (`ItemsByValuePlan`), after the rollups, whose items
    /// number the lists' distinct values.
    private func copyItemsByValue() throws {
        guard let byValue = plan.itemsByValue else { return }
        let lists = listColumns.count
        var sql = byValue.rankingSQL(lists: lists) { [plan] in RollupPlan.distinctItemsSQL(of: plan, list: $0) }
        for n in 0..<lists { sql += "\n" + byValue.createSQL(n) }
        try database.execute(sql + "\n" + byValue.dropRankingSQL(lists: lists))
    }

    /// Stops the writer without executing the rows not yet written, for an import that failed or
    /// was interrupted; returns once its thread has ended. Does nothing after `finish`.
    func abandon() {
        writer.stop()
    }
}
