/// Counts the rows and list items of a table as the importer adds them, per the dimensions of each
/// of its rollups (`RollupPlan`), and writes the rollups when the rows are all in.
///
/// The counts are kept in memory up to a budget, which a release's rollups fit in (the generated
/// 9M-tweet release of the benchmarks: 3 years, about 310,000 (hour, language, retweet) keys,
/// 225,000 accounts, a few thousand distinct hashtags and mentioned accounts). A rollup whose keys outgrow it is dropped from memory and computed
/// by SQLite from the stored rows once they are all in, a sort of the whole table instead of a
/// lookup per row: the same rows, so the layout never depends on the data.
struct RollupBuilder {
    /// How much the counts may hold in memory before a rollup is computed from the stored rows.
    struct Budget {
        /// Distinct keys of one rollup counted in a hash table (53 to 107 bytes each, as the table grows).
        var keys: Int
        /// Dictionary codes of one rollup by (dictionary code, bool), counted in an array (12 bytes each).
        var codes: Int
        /// Bytes of the distinct items of one list column (`ByteDictionary`'s memory limit).
        var itemBytes: Int

        static let standard = Budget(keys: 600_000, codes: 2_000_000, itemBytes: 4 << 20)
    }

    /// A key of a rollup of rows: up to three dimensions' values (a time's bucket, a code, a
    /// bool), with a bit per NULL in `nulls` (32 bytes, where three optionals take 48).
    private struct Key: Equatable {
        var values: (Int64, Int64, Int64) = (0, 0, 0)
        var nulls: UInt8 = 0

        func value(_ index: Int) -> Int64? {
            guard nulls & (1 << index) == 0 else { return nil }
            switch index {
            case 0: return values.0
            case 1: return values.1
            default: return values.2
            }
        }

        static func == (a: Key, b: Key) -> Bool { a.values == b.values && a.nulls == b.nulls }
    }

    /// Counts per key in an open-addressing table: Swift's `Dictionary` hashed every key with a
    /// seeded SipHash and probed 40-byte buckets, 12 % of the importing thread at 9M (perf), with
    /// 310,000 keys out of the CPU's caches. The keys are counted in the order first met, which is
    /// the order their rows are written in.
    private struct KeyCounts {
        /// A key, its count and its number in the order first met (0 for an empty place).
        struct Entry {
            var key = Key()
            var count: UInt32 = 0
            var number: UInt32 = 0
        }

        /// The entries at their places, probed linearly from the one the key's hash names; the
        /// length is a power of two, at most three quarters full. The keys are in the table itself,
        /// not behind a slot of indexes as in `ByteDictionary`: at 9M rows a slot and a key out of
        /// the CPU's caches cost two misses a row (perf: half the samples on each), this one.
        private var table = [Entry](repeating: Entry(), count: 1024)
        private(set) var count = 0

        /// Counts `key` once more; false when its count would not fit 32 bits (the caller then
        /// computes the rollup from the stored rows).
        mutating func add(_ key: Key) -> Bool {
            let mask = table.count - 1
            var place = Self.place(of: key) & mask
            while table[place].number != 0 {
                if table[place].key == key {
                    guard table[place].count < UInt32.max else { return false }
                    table[place].count += 1
                    return true
                }
                place = (place + 1) & mask
            }
            count += 1
            table[place] = Entry(key: key, count: 1, number: UInt32(count))
            if count * 4 > table.count * 3 { grow() }
            return true
        }

        /// The keys and their counts, in the order first met. The numbers 1...count each name one
        /// place, so a list of places by number orders the entries without copying or sorting them:
        /// a filtered and sorted copy of the table was the 9M import's peak (+34 MB at its end).
        var entriesInOrder: LazyMapSequence<[Int32], Entry> {
            var places = [Int32](repeating: 0, count: count)
            for (place, entry) in table.enumerated() where entry.number != 0 { places[Int(entry.number) - 1] = Int32(place) }
            return places.lazy.map { [table] in table[Int($0)] }
        }

        private static func place(of key: Key) -> Int {
            let (a, b, c) = key.values
            let hash = ByteHash.hash(UInt64(bitPattern: a), UInt64(bitPattern: b), UInt64(bitPattern: c)) >> 32 ^ UInt64(key.nulls)
            return Int(truncatingIfNeeded: hash)
        }

        /// The same entries in a table twice as large, each at its first free place from its hash.
        private mutating func grow() {
            var grown = [Entry](repeating: Entry(), count: table.count * 2)
            let mask = grown.count - 1
            for entry in table where entry.number != 0 {
                var place = Self.place(of: entry.key) & mask
                while grown[place].number != 0 { place = (place + 1) & mask }
                grown[place] = entry
            }
            table = grown
        }
    }

    /// How one rollup of rows counts.
    private enum RowCounts {
        /// Per key, in a hash table.
        case hashed(KeyCounts)
        /// A rollup by (dictionary code, bool): per code (0 for NULL), the rows whose bool is NULL,
        /// false and true, at `3 × code`, `+ 1`, `+ 2`. Codes are dense, so an array holds them in
        /// a fifth of a hash table's memory, with no hashing.
        case byCode([UInt32])
        /// Over budget: computed from the stored rows at the end.
        case fromStoredRows
    }

    /// The distinct items of a list column, as dense ids, and their numbers of uses by id.
    private struct ItemCounts {
        var items: ByteDictionary
        var uses: [Int64] = [0]
    }

    private let plan: StoragePlan
    private let rollups: [RollupPlan]
    private let budget: Budget
    /// Per rollup of rows: where each dimension's value is in the `rows` INSERT, and its grain.
    private let dimensionPositions: [[(position: Int, grain: RollupGrain)]]
    /// Per rollup: the counts so far (nil for a rollup of items).
    private var rowCounts: [RowCounts?]
    /// Per rollup: the counts so far, or nil (a rollup of rows, or one computed from the stored rows).
    private var itemCounts: [ItemCounts?]

    /// - Parameter rowValuePositions: per logical column, its position among the values of the
    ///   `rows` INSERT (nil for a column stored elsewhere).
    init(plan: StoragePlan, rowValuePositions: [Int?], budget: Budget, spillingTo spillDatabase: SpillDatabase) {
        self.plan = plan
        rollups = RollupPlan.rollups(of: plan)
        self.budget = budget
        dimensionPositions = rollups.map { rollup in
            guard case .rows(let dimensions) = rollup.source else { return [] }
            precondition(dimensions.count <= 3, "a rollup key holds three dimensions")
            return dimensions.map { (rowValuePositions[$0.column]!, $0.grain) }
        }
        rowCounts = rollups.map { rollup in
            guard case .rows(let dimensions) = rollup.source else { return nil }
            if dimensions.count == 2, case .dictionary = plan.storage[dimensions[0].column], plan.columns[dimensions[1].column].type == .bool {
                return .byCode([])
            }
            return .hashed(KeyCounts())
        }
        itemCounts = rollups.map { rollup in
            if case .items = rollup.source { return ItemCounts(items: ByteDictionary(memoryLimit: budget.itemBytes, spillingTo: spillDatabase)) }
            return nil
        }
    }

    /// Counts one row, given the values of its `rows` INSERT.
    mutating func addRow(_ values: [InsertBatch.Value]) {
        for (n, dimensions) in dimensionPositions.enumerated() where !dimensions.isEmpty {
            switch rowCounts[n] {
            case .hashed(var counts)?:
                rowCounts[n] = .fromStoredRows  // so that `counts` is the only reference while it changes
                guard counts.add(Self.key(values, dimensions)), counts.count <= budget.keys else { continue }
                rowCounts[n] = .hashed(counts)
            case .byCode(var counts)?:
                rowCounts[n] = .fromStoredRows
                var code: Int64 = 0
                if case .integer(let value) = values[dimensions[0].position] { code = value }
                guard code < budget.codes else { continue }
                var slot = 0
                if case .integer(let flag) = values[dimensions[1].position] { slot = flag == 0 ? 1 : 2 }
                let index = 3 * Int(code) + slot
                if index >= counts.count { counts += Array(repeating: 0, count: max(index + 1 - counts.count, counts.count)) }
                counts[index] += 1
                rowCounts[n] = .byCode(counts)
            case .fromStoredRows?, nil:
                continue
            }
        }
    }

    private static func key(_ values: [InsertBatch.Value], _ dimensions: [(position: Int, grain: RollupGrain)]) -> Key {
        func part(_ index: Int) -> Int64? {
            guard index < dimensions.count, case .integer(let value) = values[dimensions[index].position] else { return nil }
            guard case .seconds(let grain) = dimensions[index].grain else { return value }
            return bucket(value, grain)
        }
        let parts = (part(0), part(1), part(2))
        return Key(values: (parts.0 ?? 0, parts.1 ?? 0, parts.2 ?? 0),
                   nulls: (parts.0 == nil ? 1 : 0) | (parts.1 == nil ? 2 : 0) | (parts.2 == nil ? 4 : 0))
    }

    /// Counts one item of list number `list`.
    mutating func addItem(_ item: UnsafeBufferPointer<UInt8>, list: Int) throws {
        for (n, rollup) in rollups.enumerated() {
            guard case .items(_, list) = rollup.source, itemCounts[n] != nil else { continue }
            let (id, isNew) = try itemCounts[n]!.items.id(for: item)
            if itemCounts[n]!.items.hasSpilled {
                itemCounts[n] = nil
            } else if isNew {
                itemCounts[n]!.uses.append(1)
            } else {
                itemCounts[n]!.uses[Int(id)] += 1
            }
        }
    }

    /// `time` rounded down to a multiple of `grain` seconds, before 1970 too.
    static func bucket(_ time: Int64, _ grain: Int64) -> Int64 {
        let remainder = time % grain
        return time - (remainder < 0 ? remainder + grain : remainder)
    }

    /// Creates and fills every rollup table and its view, once every row is in `rows`.
    func finish(_ database: Database) throws {
        for (n, rollup) in rollups.enumerated() {
            let table = CacheNames.rollup(rollup.number), weight = CacheNames.weight
            switch rollup.source {
            case .rows(let dimensions):
                let names = dimensions.indices.map(CacheNames.dimension)
                try database.execute("CREATE TABLE \(table)(\(names.map { "\($0) INTEGER" }.joined(separator: ", ")), \(weight) INTEGER NOT NULL)")
                let marks = (0...names.count).map { "?\($0 + 1)" }.joined(separator: ", ")
                let insert = try database.prepare("INSERT INTO \(table) VALUES (\(marks))")
                func value(_ part: Int64?) -> SQLValue { part.map(SQLValue.integer) ?? .null }
                switch rowCounts[n] {
                case .hashed(let counts)?:
                    for entry in counts.entriesInOrder {
                        try insert.run(names.indices.map { value(entry.key.value($0)) } + [.integer(Int64(entry.count))])
                    }
                case .byCode(let counts)?:
                    for (index, count) in counts.enumerated() where count > 0 {
                        let code = index / 3, slot = index % 3
                        try insert.run([code == 0 ? .null : .integer(Int64(code)), slot == 0 ? .null : .integer(Int64(slot - 1)),
                                        .integer(Int64(count))])
                    }
                case .fromStoredRows?, nil:
                    let keys = dimensions.map { dimension -> String in
                        let stored = CacheNames.storedColumn(dimension.column)
                        guard case .seconds(let grain) = dimension.grain else { return stored }
                        return "(\(stored) - ((\(stored) % \(grain)) + \(grain)) % \(grain))"
                    }
                    try database.execute("INSERT INTO \(table) SELECT \(keys.joined(separator: ", ")), count(*) FROM \(CacheNames.rows) "
                                         + "GROUP BY \(keys.indices.map { String($0 + 1) }.joined(separator: ", "))")
                }
            case .items(_, let list):
                let value = CacheNames.value
                try database.execute("CREATE TABLE \(table)(\(value) TEXT NOT NULL, \(weight) INTEGER NOT NULL)")
                if let counts = itemCounts[n] {
                    let insert = try database.prepare("INSERT INTO \(table) VALUES (?1, ?2)")
                    try counts.items.forEachKey { id, key in
                        try insert.run([.text(String(decoding: key, as: UTF8.self)), .integer(counts.uses[Int(id)])])
                    }
                } else {
                    try database.execute("INSERT INTO \(table) SELECT \(value), count(*) FROM \(CacheNames.items(list)) GROUP BY \(value)")
                }
            }
            let indexed = rollup.indexColumns(plan)
            if !indexed.isEmpty {
                try database.execute("CREATE INDEX \(CacheNames.rollupIndex(rollup.number)) ON \(table)(\(indexed.joined(separator: ", ")))")
            }
            try database.execute("CREATE VIEW \(CacheNames.rollupView(rollup.number)) AS \(rollup.viewSelect(plan))")
        }
    }
}
