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
/// - `accounts`: for tweets, the ten user columns stored once per distinct account record and
///   referenced by `rows.account` (a 9M-row release has a few thousand accounts);
/// - `dict_<n>`: dictionary tables for repeated short strings (tweet language, client, geo flags),
///   referenced by integer ids;
/// - `sources`: the file each row came from, referenced by `rows.source`;
/// - `text_<n>(row, value)`: long texts (the tweet text) out of line, so aggregate scans of `rows`
///   read narrow pages;
/// - `items_<n>(row, position, value)`: one row per list item, clustered by (row, position), so
///   `explode` is a join on the primary key and item-level aggregates scan a narrow table;
///   `rows` keeps the list as its JSON text too, so `len`, `contains` and display need no join;
/// - views `keyed` (the logical columns plus `_row`) and `data` (exactly the logical columns).
final class TableBuilder {
    private enum Storage {
        case value
        case dictionary(Int)
        case account(Int)
        case list(Int)
        /// Stored in its own table `text_<n>(row, value)`, only when not empty.
        case separate(Int)
    }

    let kind: TableKind
    let columns: [Column]
    private let storage: [Storage]
    /// Columns whose type the script chose: values that do not convert become NULL with a warning
    /// instead of failing the load.
    private let overridden: [Bool]
    private let accountColumns: [Int]
    private let listColumns: [Int]
    private let database: Database
    private var accounts = ByteDictionary()
    private var dictionaries: [ByteDictionary]
    private var listDecoders: [ListDecoder]
    private var insertRow: Statement!
    private var insertAccount: Statement?
    private var insertDictionary: [Statement] = []
    private var insertItem: [Statement] = []
    private var insertSeparate: [Statement] = []
    private let separateCount: Int
    private var insertSource: Statement!
    private var cleaned: [ScratchBytes]
    private var fieldBytes: [UnsafeBufferPointer<UInt8>]
    private let accountKey = ScratchBytes(capacity: 4096)
    private var cleanBuffer: [UInt8] = []
    private var sourceID: Int64 = 0
    private(set) var rowCount: Int64 = 0
    private(set) var repairs = FieldCleaner.Repairs()
    /// Per column: how many values did not convert to the script-chosen type.
    private(set) var conversionFailures: [Int]

    init(database: Database, kind: TableKind, columns: [Column], overridden: Set<String>) throws {
        self.database = database
        self.kind = kind
        self.columns = columns
        self.overridden = columns.map { overridden.contains($0.name) }
        let accountNames = kind == .teiTweets ? Set(TEIFormat.userColumns.map(\.name)) : []
        var storage: [Storage] = []
        var accountColumns: [Int] = [], listColumns: [Int] = []
        var dictionaryCount = 0, separateCount = 0
        for (index, column) in columns.enumerated() {
            if accountNames.contains(column.name) {
                storage.append(.account(accountColumns.count))
                accountColumns.append(index)
            } else if column.type == .list {
                storage.append(.list(listColumns.count))
                listColumns.append(index)
            } else if column.type == .text, kind == .teiTweets, TEIFormat.separateColumns.contains(column.name) {
                storage.append(.separate(separateCount))
                separateCount += 1
            } else if column.type == .text, kind != .generic, TEIFormat.dictionaryColumns.contains(column.name) {
                storage.append(.dictionary(dictionaryCount))
                dictionaryCount += 1
            } else {
                storage.append(.value)
            }
        }
        self.storage = storage
        self.accountColumns = accountColumns
        self.listColumns = listColumns
        dictionaries = Array(repeating: ByteDictionary(byteLimit: 4 << 20), count: dictionaryCount)
        listDecoders = Array(repeating: ListDecoder(), count: listColumns.count)
        self.separateCount = separateCount
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

    private func physicalName(_ index: Int) -> String { "c\(index)" }

    private func createTables() throws {
        var rowColumns = ["row INTEGER PRIMARY KEY"]
        for (index, column) in columns.enumerated() {
            switch storage[index] {
            case .account, .separate: continue
            case .dictionary: rowColumns.append("\(physicalName(index)) INTEGER")
            case .value, .list: rowColumns.append("\(physicalName(index)) \(Self.sqlType(column.type))")
            }
        }
        if !accountColumns.isEmpty { rowColumns.append("account INTEGER") }
        rowColumns.append("source INTEGER")
        var sql = "CREATE TABLE rows(\(rowColumns.joined(separator: ", ")));\n"
        sql += "CREATE TABLE sources(id INTEGER PRIMARY KEY, value TEXT NOT NULL);\n"
        if !accountColumns.isEmpty {
            let fields = accountColumns.map { "\(physicalName($0)) \(Self.sqlType(columns[$0].type))" }
            sql += "CREATE TABLE accounts(id INTEGER PRIMARY KEY, \(fields.joined(separator: ", ")));\n"
        }
        for n in dictionaries.indices {
            sql += "CREATE TABLE dict_\(n)(id INTEGER PRIMARY KEY, value TEXT NOT NULL);\n"
        }
        for n in 0..<separateCount {
            sql += "CREATE TABLE text_\(n)(row INTEGER PRIMARY KEY, value TEXT NOT NULL);\n"
        }
        for n in listColumns.indices {
            sql += "CREATE TABLE items_\(n)(row INTEGER NOT NULL, position INTEGER NOT NULL, value TEXT NOT NULL, "
                + "PRIMARY KEY(row, position)) WITHOUT ROWID;\n"
        }
        try database.execute(sql)
        let placeholders = (0..<(rowColumns.count)).map { "?\($0 + 1)" }.joined(separator: ", ")
        insertRow = try database.prepare("INSERT INTO rows VALUES (\(placeholders))")
        insertSource = try database.prepare("INSERT INTO sources VALUES (?1, ?2)")
        if !accountColumns.isEmpty {
            let marks = (0...accountColumns.count).map { "?\($0 + 1)" }.joined(separator: ", ")
            insertAccount = try database.prepare("INSERT INTO accounts VALUES (\(marks))")
        }
        insertDictionary = try dictionaries.indices.map { try database.prepare("INSERT INTO dict_\($0) VALUES (?1, ?2)") }
        insertSeparate = try (0..<separateCount).map { try database.prepare("INSERT INTO text_\($0) VALUES (?1, ?2)") }
        insertItem = try listColumns.indices.map { try database.prepare("INSERT INTO items_\($0) VALUES (?1, ?2, ?3)") }
    }

    /// Starts the rows of a new source file; rows added next keep `displayName` as `source_file`.
    func beginSource(_ displayName: String) throws {
        sourceID += 1
        try insertSource.run([.integer(sourceID), .text(displayName)])
    }

    /// Adds one record; `fieldIndex[c]` is the record field of logical column `c`, or -1 when the
    /// file lacks that column (its values are NULL).
    func add(_ record: CSVRecord, fieldIndex: [Int]) throws {
        // Borrow the per-row state into locals for the duration of the row: every access to a
        // class property costs a dynamic exclusivity check, which showed up at ~10% of import time.
        var fieldBytes: [UnsafeBufferPointer<UInt8>] = []
        var listDecoders: [ListDecoder] = []
        var dictionaries: [ByteDictionary] = []
        swap(&fieldBytes, &self.fieldBytes)
        swap(&listDecoders, &self.listDecoders)
        swap(&dictionaries, &self.dictionaries)
        defer {
            swap(&fieldBytes, &self.fieldBytes)
            swap(&listDecoders, &self.listDecoders)
            swap(&dictionaries, &self.dictionaries)
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
        let statement = insertRow!
        statement.reset()
        let row = rowCount + 1
        try statement.bind(row, at: 1)
        var parameter = 2
        for column in columns.indices {
            switch storage[column] {
            case .account, .separate:
                continue
            case .value:
                try bindValue(fieldBytes[column], column, to: statement, at: parameter)
            case .dictionary(let n):
                let bytes = fieldBytes[column]
                if bytes.isEmpty {
                    try statement.bindNull(at: parameter)
                } else {
                    let (id, isNew) = dictionaries[n].id(for: bytes)
                    if isNew {
                        insertDictionary[n].reset()
                        try insertDictionary[n].bind(id, at: 1)
                        try insertDictionary[n].bindText(bytes, at: 2)
                        try insertDictionary[n].step()
                    }
                    try statement.bind(id, at: parameter)
                }
            case .list(let n):
                try listDecoders[n].json.withUnsafeBufferPointer { try statement.bindText($0, at: parameter) }
            }
            parameter += 1
        }
        if !accountColumns.isEmpty {
            try statement.bind(try accountID(fieldBytes), at: parameter)
            parameter += 1
        }
        try statement.bind(sourceID, at: parameter)
        try statement.step()
        rowCount = row
        for column in columns.indices {
            guard case .separate(let n) = storage[column], !fieldBytes[column].isEmpty else { continue }
            let insert = insertSeparate[n]
            insert.reset()
            try insert.bind(row, at: 1)
            try insert.bindText(fieldBytes[column], at: 2)
            try insert.step()
        }
        for n in listColumns.indices {
            let decoder = listDecoders[n]
            guard decoder.count > 0 else { continue }
            let insert = insertItem[n]
            for position in 0..<decoder.count {
                insert.reset()
                try insert.bind(row, at: 1)
                try insert.bind(Int64(position + 1), at: 2)
                try decoder.item(position).withUnsafeBufferPointer { try insert.bindText($0, at: 3) }
                try insert.step()
            }
        }
    }

    private func accountID(_ fieldBytes: [UnsafeBufferPointer<UInt8>]) throws -> Int64 {
        accountKey.removeAll()
        for column in accountColumns {
            let bytes = fieldBytes[column]
            var length = UInt32(bytes.count)
            withUnsafeBytes(of: &length) { accountKey.append($0) }
            accountKey.append(bytes)
        }
        let (id, isNew) = accounts.id(for: accountKey.bytes)
        guard isNew, let insert = insertAccount else { return id }
        insert.reset()
        try insert.bind(id, at: 1)
        for (offset, column) in accountColumns.enumerated() {
            try bindValue(fieldBytes[column], column, to: insert, at: offset + 2)
        }
        try insert.step()
        return id
    }

    private func bindValue(_ bytes: UnsafeBufferPointer<UInt8>, _ column: Int, to statement: Statement, at parameter: Int) throws {
        if bytes.isEmpty { return try statement.bindNull(at: parameter) }
        let type = columns[column].type
        let decoded: Int64?
        switch type {
        case .text, .list, .null:
            return try statement.bindText(bytes, at: parameter)
        case .float:
            if let value = FieldDecoding.real(bytes) { return try statement.bind(.real(value), at: parameter) }
            decoded = nil
        case .int, .duration: decoded = FieldDecoding.integer(bytes)
        case .bool: decoded = FieldDecoding.bool(bytes)
        case .timestamp: decoded = FieldDecoding.timestamp(bytes)
        case .date: decoded = FieldDecoding.date(bytes)
        }
        if let decoded { return try statement.bind(decoded, at: parameter) }
        if overridden[column] {
            conversionFailures[column] += 1
            return try statement.bindNull(at: parameter)
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
    func finish() throws {
        var select: [String] = ["r.row AS _row"]
        for (index, column) in columns.enumerated() {
            let name = Database.quote(identifier: column.name)
            switch storage[index] {
            case .value, .list:
                select.append("r.\(physicalName(index)) AS \(name)")
            case .account:
                select.append("(SELECT a.\(physicalName(index)) FROM accounts a WHERE a.id = r.account) AS \(name)")
            case .separate(let n):
                select.append("(SELECT t.value FROM text_\(n) t WHERE t.row = r.row) AS \(name)")
            case .dictionary(let n):
                select.append("(SELECT d.value FROM dict_\(n) d WHERE d.id = r.\(physicalName(index))) AS \(name)")
            }
        }
        select.append("(SELECT s.value FROM sources s WHERE s.id = r.source) AS source_file")
        let names = (columns.map(\.name) + ["source_file"]).map(Database.quote(identifier:)).joined(separator: ", ")
        try database.execute("""
            CREATE VIEW keyed AS SELECT \(select.joined(separator: ", ")) FROM rows r;
            CREATE VIEW data AS SELECT \(names) FROM keyed;
            """)
    }

    /// The physical table holding the items of list column `name`, if it is a list.
    func itemsTable(of name: String) -> String? {
        guard let index = columns.firstIndex(where: { $0.name == name }), case .list(let n) = storage[index] else { return nil }
        return "items_\(n)"
    }
}
