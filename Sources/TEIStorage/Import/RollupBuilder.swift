/// Counts the rows and list items of a table as the importer adds them, per the dimensions of each
/// of its rollups (`RollupPlan`), and writes the rollups when the rows are all in.
///
/// The counts are kept in memory up to a budget, which a release's rollups fit in many times over
/// (a 9M-tweet release: about 26,000 (hour, language, retweet) keys, 450,000 (account, retweet)
/// keys, a few thousand distinct hashtags). A rollup whose keys outgrow it is dropped from memory
/// and computed by SQLite from the stored rows once they are all in, a sort of the whole table
/// instead of a hash lookup per row: the same rows, so the layout never depends on the data.
struct RollupBuilder {
    /// How much the counts may hold in memory before a rollup is computed from the stored rows.
    struct Budget {
        /// Distinct keys of one rollup of rows (about 45 bytes each).
        var keys: Int
        /// Bytes of the distinct items of one list column (`ByteDictionary`'s memory limit).
        var itemBytes: Int

        static let standard = Budget(keys: 600_000, itemBytes: 4 << 20)
    }

    /// A key of a rollup of rows: up to three dimensions' values (a time's bucket, a code, a
    /// bool), nil for NULL.
    private struct Key: Hashable {
        var a: Int64?
        var b: Int64?
        var c: Int64?
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
    /// Per rollup: the counts so far, or nil (the rollup is computed from the stored rows).
    private var rowCounts: [[Key: Int64]?]
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
            if case .rows = rollup.source { return [:] }
            return nil
        }
        itemCounts = rollups.map { rollup in
            if case .items = rollup.source { return ItemCounts(items: ByteDictionary(memoryLimit: budget.itemBytes, spillingTo: spillDatabase)) }
            return nil
        }
    }

    /// Counts one row, given the values of its `rows` INSERT.
    mutating func addRow(_ values: [InsertBatch.Value]) {
        for (n, dimensions) in dimensionPositions.enumerated() where !dimensions.isEmpty {
            guard rowCounts[n] != nil else { continue }
            var parts: (Int64?, Int64?, Int64?) = (nil, nil, nil)
            for (index, dimension) in dimensions.enumerated() {
                var part: Int64?
                if case .integer(let value) = values[dimension.position] {
                    part = value
                    if case .seconds(let grain) = dimension.grain { part = Self.bucket(value, grain) }
                }
                switch index {
                case 0: parts.0 = part
                case 1: parts.1 = part
                default: parts.2 = part
                }
            }
            let key = Key(a: parts.0, b: parts.1, c: parts.2)
            rowCounts[n]![key, default: 0] += 1
            if rowCounts[n]!.count > budget.keys { rowCounts[n] = nil }
        }
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
                if let counts = rowCounts[n] {
                    let marks = (0...names.count).map { "?\($0 + 1)" }.joined(separator: ", ")
                    let insert = try database.prepare("INSERT INTO \(table) VALUES (\(marks))")
                    for (key, count) in counts {
                        let parts = [key.a, key.b, key.c].prefix(names.count).map { $0.map(SQLValue.integer) ?? .null }
                        try insert.run(parts + [.integer(count)])
                    }
                } else {
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
            try database.execute("CREATE VIEW \(CacheNames.rollupView(rollup.number)) AS \(rollup.viewSelect(plan))")
        }
    }
}
